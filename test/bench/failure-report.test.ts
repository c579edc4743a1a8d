// A benchmark scenario whose requests fail reports FAIL, never a timing: its cells say so, its target
// fails with no number, and a scenario that threw is listed with its error instead of being left out.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILED_CELL, renderMarkdown } from '../../bench/report/render.js';
import { checksOf, OUR_GATEWAY, TARGET_LATENCY_NOMINAL, type BenchResults } from '../../bench/report/results.js';

const recorded = JSON.parse(readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8')) as BenchResults;

/** The checked-in run, with `change` applied and its checks made again. */
function run(change: (r: BenchResults) => void): BenchResults {
  const r = structuredClone(recorded);
  change(r);
  return { ...r, checks: checksOf(r) };
}

const rowOf = (markdown: string, first: string) => markdown.split('\n').find((line) => line.startsWith(`| ${first} |`)) ?? '';

describe('a benchmark run with failures', () => {
  it('shows the recorded run with timings and no FAIL cell', () => {
    const markdown = renderMarkdown(run(() => undefined));
    expect(markdown).not.toContain(FAILED_CELL);
  });

  it('gives a subtree answered with errors no p50 and fails its latency target without a number', () => {
    const r = run((x) => {
      const s = x.subtree!.find((t) => t.subtree.nominal === TARGET_LATENCY_NOMINAL)!;
      s.errors = ['SUBGRAPH_TIMEOUT: the subgraph did not answer in time'];
      s.latencyMs.p50 = 12; // a quick answer of errors: it must not read as a pass
    });
    const s = r.subtree!.find((t) => t.subtree.nominal === TARGET_LATENCY_NOMINAL)!;
    const row = rowOf(renderMarkdown(r), s.employments.toLocaleString('en-US'));
    expect(row).toContain(FAILED_CELL);
    expect(row).not.toContain('| 12 |');
    const latency = r.checks.find((c) => c.name.startsWith('p50 latency'))!;
    expect(latency).toMatchObject({ pass: false, measured: expect.stringMatching(/^FAIL/) });
    expect(r.checks.some((c) => c.kind === 'correctness' && !c.pass && c.measured.includes('SUBGRAPH_TIMEOUT'))).toBe(true);
  });

  it('gives a gateway whose requests failed no RPS or latency, and compares no RPS with it', () => {
    const r = run((x) => {
      const ours = x.throughput!.find((g) => g.name === OUR_GATEWAY)!;
      ours.failed = 40;
      ours.firstFailure = 'HTTP 503';
      ours.rps = 10_000;
    });
    const row = rowOf(renderMarkdown(r), OUR_GATEWAY);
    expect(row).toContain(FAILED_CELL);
    expect(row).not.toContain('10000');
    const comparisons = r.checks.filter((c) => c.scenario === 'throughput' && c.name.startsWith('RPS vs'));
    expect(comparisons.length).toBe(2);
    for (const c of comparisons) expect(c).toMatchObject({ pass: false, measured: expect.stringMatching(/^FAIL/) });
  });

  it('lists a scenario that threw, with its error, as a failed check', () => {
    const r = run((x) => {
      delete x.naive;
      x.failedScenarios = [{ scenario: 'naive', error: 'organisation subgraph exited with 1 before be ready at /ready' }];
    });
    const markdown = renderMarkdown(r);
    expect(markdown).toContain('Scenarios that failed');
    expect(rowOf(markdown, 'naive')).toContain('exited with 1');
    expect(r.checks).toContainEqual(expect.objectContaining({ scenario: 'naive', pass: false, measured: expect.stringContaining('exited with 1') }));
  });
});
