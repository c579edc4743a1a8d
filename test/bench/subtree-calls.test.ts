// The benchmark's batching scenario, small: the same processes and code as `npm run bench`, on a
// small municipality with no source latency, asserting the source calls of every plan step. Keeps
// the benchmark from rotting and the batching from regressing; timings are not asserted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOurStack, type OurStack } from '../../bench/deploy/ourStack.js';
import { runSubtree, type SubtreeResult, type SubtreeSettings } from '../../bench/scenarios/subtree.js';
import { startDevIssuer, type DevIssuer } from '../../platform/auth/devIssuer.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';

let issuer: DevIssuer;
let stack: OurStack;
let auditDir: string;
let token: string;

beforeAll(async () => {
  issuer = await startDevIssuer({});
  auditDir = await mkdtemp(join(tmpdir(), 'bench-test-'));
  stack = await startOurStack({
    simulators: { employees: 1_500, seed: 1, today: '2026-11-02', latencyMs: 0, nominals: [10, 250] },
    issuerUrl: issuer.url,
    batching: true,
    auditDir,
    gatewayEnv: { MAX_QUERY_COST: '1000000' },
  });
  token = await issuer.token({ scopes: ALL_SCOPES, clientKind: 'frontend' });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await issuer?.close();
  if (auditDir) await rm(auditDir, { recursive: true, force: true });
});

const settings = (): SubtreeSettings => ({ latencyMs: 0, opusMaxBatch: 100, fkorgMaxBatch: 100, warmup: () => 1, iterations: () => 2 });
const calls = (r: SubtreeResult, subgraph: string, operation: string) => r.steps.find((s) => s.subgraph === subgraph && s.operation === operation)?.calls ?? 0;
const ceil100 = (n: number) => Math.ceil(n / 100);

describe('the subtree query through the deployed gateway', () => {
  it('costs the floor ceil(N / 100) per plan step', async () => {
    for (const subtree of stack.simulators.ready.workload.subtrees) {
      const r = await runSubtree(stack, token, subtree, true, settings());
      expect(r.errors).toEqual([]);
      // The workload counted the staff the API returns.
      expect(r.employments).toBe(subtree.employments);
      expect(r.pages).toHaveLength(1);
      const { units, employments: n } = r.pages[0];
      expect(r.stableCalls).toBe(true);
      // One request per subgraph: the planner sends all representations of a step in one call.
      expect(r.fetches).toEqual({ employee: 1, organisation: 1, absence: 1, payroll: 1 });
      expect(calls(r, 'organisation', 'fkorg organisationenhed.list')).toBe(ceil100(units));
      expect(calls(r, 'employee', 'opus list-employees')).toBe(1);
      // One read brings the placements (to tell the units apart) and the selected areas together.
      expect(calls(r, 'employee', 'opus read-employee-data')).toBe(ceil100(n));
      expect(calls(r, 'absence', 'opus read-employee-data')).toBe(ceil100(n));
      expect(calls(r, 'payroll', 'opus read-employee-data')).toBe(ceil100(n));
      // The per-subgraph counts (each process's /metrics) add up to what the simulators received.
      // Names only: Persondata without Adresse (no field shows an address).
      expect(r.sourceView.calls['read-employee-data [Persondata+Organisation]']).toBe(ceil100(n));
      // The query asks no absence `days`, so Arbejdstid (their daily norm) is not read.
      expect(r.sourceView.calls['read-employee-data [FravaerNaervaer]']).toBe(ceil100(n));
      expect(r.sourceView.calls['read-employee-data [Loenindplacering]']).toBe(ceil100(n));
      const simulatorTotal = Object.values(r.sourceView.calls).reduce((a, b) => a + b, 0);
      expect(r.steps.reduce((a, s) => a + s.calls, 0)).toBe(simulatorTotal);
      // The timeline shows the dependent round trips one after the other: each step's first call
      // arrives after the step it depends on was answered, and the last step after the names.
      const phase = (source: string) => r.phases.find((p) => p.source === source)!;
      const chain = ['organisationenhed.list', 'list-employees', 'read-employee-data [Persondata+Organisation]'].map(phase);
      for (const [i, p] of chain.entries()) {
        expect(p.calls).toBe(r.sourceView.calls[p.source]);
        expect(p.firstArrivalMs).toBeLessThanOrEqual(p.lastAnswerMs);
        if (i > 0) expect(p.firstArrivalMs).toBeGreaterThanOrEqual(chain[i - 1].lastAnswerMs);
      }
      for (const last of ['read-employee-data [FravaerNaervaer]', 'read-employee-data [Loenindplacering]'].map(phase)) {
        expect(last.firstArrivalMs).toBeGreaterThanOrEqual(chain[2].lastAnswerMs);
        expect(last.lastAnswerMs).toBeLessThanOrEqual(r.latencyMs.samples.toSorted((a, b) => a - b).at(-1)!);
      }
    }
  });

  it('without DataLoader batching, makes a source call per unit and, in the entity steps, per employment', async () => {
    await stack.restartSubgraphs(false);
    const subtree = stack.simulators.ready.workload.subtrees.find((s) => s.nominal === 250)!;
    const r = await runSubtree(stack, token, subtree, false, { ...settings(), warmup: () => 0, iterations: () => 1 });
    expect(r.errors).toEqual([]);
    const { units, employments: n } = r.pages[0];
    expect(n).toBeGreaterThan(100);
    expect(calls(r, 'organisation', 'fkorg organisationenhed.list')).toBe(units);
    expect(calls(r, 'employee', 'opus list-employees')).toBe(units);
    // One read per unit brings its employments' placements and selected areas at once.
    expect(calls(r, 'employee', 'opus read-employee-data')).toBe(units);
    expect(calls(r, 'absence', 'opus read-employee-data')).toBe(n);
    expect(calls(r, 'payroll', 'opus read-employee-data')).toBe(n);
  });
});
