// The benchmark's workforce statistics row: cold and warm p50/p95 of the municipality-wide query, and
// FAIL cells (never a timing) with a failed check when the query answered errors.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILED_CELL, renderMarkdown, renderText } from '../../bench/report/render.js';
import { checksOf, type BenchResults } from '../../bench/report/results.js';
import type { StatisticsResult } from '../../bench/scenarios/statistics.js';

const recorded = JSON.parse(readFileSync(new URL('../../bench/results/latest.json', import.meta.url), 'utf8')) as BenchResults;

const statistics = (change: Partial<StatisticsResult> = {}): StatisticsResult => ({
  settings: { cold: 5, warm: 20, today: '2026-11-01' },
  employments: 50_012,
  headcount: 47_311,
  coldMs: { p50: 4321, p95: 5012, samples: [4321, 4100, 5012, 4400, 4200] },
  warmMs: { p50: 87, p95: 140 },
  errors: [],
  ...change,
});

function run(st: StatisticsResult): BenchResults {
  const r = { ...structuredClone(recorded), statistics: st };
  return { ...r, checks: checksOf(r) };
}

const rowOf = (markdown: string, first: string) => markdown.split('\n').find((line) => line.startsWith(`| ${first} |`)) ?? '';

describe('the workforce statistics row of the benchmark report', () => {
  it('shows cold and warm p50 and p95 of the municipality-wide query, and a passed check', () => {
    const r = run(statistics());
    const markdown = renderMarkdown(r);
    expect(markdown).toContain('Workforce statistics: the municipality-wide MunicipalityWorkforce query at 50,012 employments');
    expect(rowOf(markdown, '50,012')).toBe('| 50,012 | 47,311 | 5 | 4321 | 5012 | 20 | 87 | 140 |');
    expect(r.checks.find((c) => c.scenario === 'statistics')).toMatchObject({ pass: true, measured: 'headcount 47,311' });
    expect(renderText(r)).toContain('4321');
  });

  it('gives a query answered with errors FAIL cells and a failed check, no timing', () => {
    const r = run(statistics({ errors: ['SUBGRAPH_TIMEOUT: the subgraph did not answer in time'], headcount: null, coldMs: { p50: 12, p95: 13, samples: [12, 13] } }));
    const row = rowOf(renderMarkdown(r), '50,012');
    expect(row).toContain(FAILED_CELL);
    expect(row).not.toContain('| 12 |');
    expect(r.checks.find((c) => c.scenario === 'statistics')).toMatchObject({ kind: 'correctness', pass: false, measured: expect.stringContaining('SUBGRAPH_TIMEOUT') });
  });

  it('leaves the row out of a run without the scenario', () => {
    const without: BenchResults = { ...structuredClone(recorded), statistics: undefined };
    expect(renderMarkdown({ ...without, checks: checksOf(without) })).not.toContain('MunicipalityWorkforce');
    expect(renderMarkdown(run(statistics()))).toContain('MunicipalityWorkforce');
  });
});
