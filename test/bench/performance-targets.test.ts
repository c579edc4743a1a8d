// The benchmark's Targets table holds each performance target with PASS or FAIL: CPU per employment
// at N ≈ 1,000 and its growth to N ≈ 10,000, p50 within 1.5 x the floor, and throughput 1.5 x
// Hive Gateway's Rust planner with our gateway at 1 ms of CPU per request or less.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../bench/report/render.js';
import { throughputBound } from '../../bench/report/throughputBound.js';
import { checksOf, cpuUsPerEmployment, OUR_GATEWAY, TARGET_LATENCY_NOMINAL, type BenchResults } from '../../bench/report/results.js';

const recorded = JSON.parse(readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8')) as BenchResults;

function run(change: (r: BenchResults) => void = () => undefined): BenchResults {
  const r = structuredClone(recorded);
  change(r);
  return { ...r, checks: checksOf(r) };
}

const subtree = (r: BenchResults, nominal: number) => r.subtree!.find((s) => s.subtree.nominal === nominal)!;
const check = (r: BenchResults, name: RegExp) => {
  const found = r.checks.filter((c) => name.test(c.name));
  expect(found, `one check named ${name}`).toHaveLength(1);
  return found[0];
};
const cpu = (gateway: number, each: number) => ({ gateway, employee: each, organisation: each, absence: each, payroll: each, simulators: 500 });

describe('performance targets in the benchmark report', () => {
  it('counts the gateway and the four subgraphs, not the simulators, per employment', () => {
    expect(cpuUsPerEmployment({ employments: 1000, cpuMs: cpu(20, 15) })).toBe(80);
  });

  it('passes CPU per employment at N ≈ 1,000 at 80 µs and fails it above', () => {
    const at = (gateway: number) =>
      check(run((x) => void (subtree(x, TARGET_LATENCY_NOMINAL).cpuMs = cpu(gateway, (subtree(x, TARGET_LATENCY_NOMINAL).employments * 0.08 - gateway) / 4))), /^CPU per employment, N = [\d,]+ \(gateway/);
    expect(at(20)).toMatchObject({ target: '<= 80 µs', measured: '80 µs', pass: true });
    expect(at(30).pass).toBe(true);
    const over = check(run((x) => void (subtree(x, TARGET_LATENCY_NOMINAL).cpuMs = cpu(40, 40))), /^CPU per employment, N = [\d,]+ \(gateway/);
    expect(over.pass).toBe(false);
  });

  it('fails growth from N ≈ 1,000 to 10,000 beyond 1.1 x, and shows both figures', () => {
    const growth = (factor: number) =>
      check(
        run((x) => {
          const [small, large] = [subtree(x, 1_000), subtree(x, 10_000)];
          small.cpuMs = cpu(small.employments * 0.02, small.employments * 0.02);
          large.cpuMs = cpu(large.employments * 0.02 * factor, large.employments * 0.02 * factor);
        }),
        /^CPU per employment, N = [\d,]+ to [\d,]+$/,
      );
    expect(growth(1)).toMatchObject({ measured: '100 -> 100 µs (1.00 x)', pass: true });
    expect(growth(1.1).pass).toBe(true);
    expect(growth(1.2)).toMatchObject({ measured: '100 -> 120 µs (1.20 x)', pass: false });
  });

  it('holds p50 at N ≈ 1,000 to 1.5 x its floor', () => {
    const latency = (p50: number) => check(run((x) => void (subtree(x, TARGET_LATENCY_NOMINAL).latencyMs.p50 = p50)), /^p50 latency/);
    const floor = subtree(recorded, TARGET_LATENCY_NOMINAL).latencyFloorMs;
    expect(latency(floor * 1.5)).toMatchObject({ target: `<= 1.5 x floor ${floor} ms = ${floor * 1.5} ms`, pass: true });
    expect(latency(floor * 1.5 + 1).pass).toBe(false);
  });

  it('compares throughput with the Rust planner at 1.5 x and our gateway CPU with 1 ms per request', () => {
    const throughput = (ourRps: number, ourCpu: number) =>
      run((x) => {
        const ours = x.throughput!.find((g) => g.name === OUR_GATEWAY)!;
        x.throughput!.find((g) => g.name === 'Hive Gateway Rust planner')!.rps = 100;
        ours.rps = ourRps;
        ours.gatewayCpuMsPerRequest = ourCpu;
      });
    const lead = (r: BenchResults) => check(r, /^lead over Hive Gateway Rust planner$/);
    const gatewayCpu = (r: BenchResults) => check(r, /^our gateway: CPU per request$/);
    expect(lead(throughput(150, 1))).toMatchObject({ target: '>= 1.5 x', measured: '1.50 x', pass: true });
    expect(lead(throughput(149, 1)).pass).toBe(false);
    expect(gatewayCpu(throughput(150, 1))).toMatchObject({ target: '<= 1 ms', measured: '1 ms', pass: true });
    expect(gatewayCpu(throughput(150, 1.01)).pass).toBe(false);
  });

  it('states what bounds the throughput lead: the CPU the gateways share', () => {
    const r = run((x) => {
      const [ours, peer] = [x.throughput!.find((g) => g.name === OUR_GATEWAY)!, x.throughput!.find((g) => g.name === 'Hive Gateway Rust planner')!];
      Object.assign(ours, { rps: 500, gatewayCpuMsPerRequest: 0.6, subgraphsCpuMsPerRequest: 2.4, othersCpuMsPerRequest: 0.6, failed: 0 });
      Object.assign(peer, { rps: 400, gatewayCpuMsPerRequest: 1.8, subgraphsCpuMsPerRequest: 2.2, othersCpuMsPerRequest: 0.5, failed: 0 });
    });
    const [ours, peer] = [r.throughput!.find((g) => g.name === OUR_GATEWAY)!, r.throughput!.find((g) => g.name === 'Hive Gateway Rust planner')!];
    const bound = throughputBound(ours, peer, 1.5);
    expect(bound).toMatchObject({ oursTotalMs: 3.6, peerTotalMs: 4.5, oursSharedMs: 3, peerSharedMs: 2.7, oursBusyCores: 1.8, peerBusyCores: 1.8, zeroCostLead: 1.5 });
    // (1.8 + S) / (0.6 + S) >= 1.5  <=>  S <= (1.8 - 1.5 * 0.6) / 0.5 = 1.8
    expect(bound.sharedMsForRatio).toBe(1.8);
    expect((peer.gatewayCpuMsPerRequest + bound.sharedMsForRatio) / (ours.gatewayCpuMsPerRequest + bound.sharedMsForRatio)).toBeCloseTo(1.5, 10);
    expect(throughputBound({ ...ours, gatewayCpuMsPerRequest: 1.3 }, peer, 1.5).sharedMsForRatio).toBeLessThan(0);
    expect(renderMarkdown(r)).toContain('A gateway of ours that cost nothing would have led by 1.5 x; 1.5 x with both gateways as measured needs that shared work at 1.8 ms per request or less');
  });

  it("names the machine's spell by the calibration, when a run measured it", () => {
    expect(renderMarkdown(run((x) => void (x.machine.calibrationMs = { start: 121.5, end: 180 })))).toContain('calibration 121.5 -> 180 ms');
    expect(renderMarkdown(run((x) => void delete x.machine.calibrationMs))).not.toContain('calibration');
  });

  it('gives no figure for a target whose queries failed', () => {
    const r = run((x) => void (subtree(x, TARGET_LATENCY_NOMINAL).errors = ['SOURCE_TIMEOUT: KMD Opus did not answer in time']));
    expect(check(r, /^CPU per employment, N = [\d,]+ \(gateway/)).toMatchObject({ pass: false, measured: expect.stringMatching(/^FAIL/) });
    expect(check(r, /^CPU per employment, N = [\d,]+ to/)).toMatchObject({ pass: false, measured: expect.stringMatching(/^FAIL/) });
  });

  it('lists every one of them in the rendered Targets table', () => {
    const markdown = renderMarkdown(run());
    for (const name of ['CPU per employment, N = ', 'p50 latency, N = ', 'lead over Hive Gateway Rust planner', 'our gateway: CPU per request']) {
      expect(markdown).toContain(name);
    }
  });
});
