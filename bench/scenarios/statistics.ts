// The municipality-wide workforce statistics query (the registered MunicipalityWorkforce: every figure,
// distribution and absence rate) at the benchmark's municipality size. Cold: the first question about
// a period, which reads every employment of it from Opus in batches (employee and absence subgraphs
// each); each cold run asks about a period not asked before. Warm: the same period again, answered
// from what the subgraphs keep per period (docs/statistics.md, "Cost").
import { readFileSync } from 'node:fs';
import { addDays } from '../../sources/days.js';
import { percentile, round } from '../stats.js';

export const MUNICIPALITY_WORKFORCE = readFileSync(new URL('../../schema/operations/MunicipalityWorkforce.graphql', import.meta.url), 'utf8');

export interface StatisticsSettings {
  /** Cold runs, each on a period of its own. */
  cold: number;
  warm: number;
  /** The last day of the first period (the workload's today); periods are a quarter long. */
  today: string;
}

export interface StatisticsResult {
  settings: StatisticsSettings;
  employments: number;
  /** The municipality's headcount the query answered, as a check that it computed anything. */
  headcount: number | null;
  coldMs: { p50: number; p95: number; samples: number[] };
  warmMs: { p50: number; p95: number };
  /** First error of each kind: a run with any has no timing worth reporting. */
  errors: string[];
}

async function ask(url: string, token: string, from: string, to: string): Promise<{ ms: number; headcount: number | null; errors: string[] }> {
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: MUNICIPALITY_WORKFORCE, variables: { from, to } }),
  });
  const body = (await res.json()) as { data?: { workforceStatistics?: { headcount?: { value: number | null } } }; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const ms = performance.now() - t0;
  const errors = (body.errors ?? []).map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
  if (!res.ok && errors.length === 0) errors.push(`HTTP ${res.status}`);
  return { ms, headcount: body.data?.workforceStatistics?.headcount?.value ?? null, errors };
}

export async function runStatistics(gatewayUrl: string, token: string, employments: number, settings: StatisticsSettings): Promise<StatisticsResult> {
  const errors = new Set<string>();
  const cold: number[] = [];
  let headcount: number | null = null;
  let last = { from: '', to: '' };
  for (let i = 0; i < settings.cold; i++) {
    // A quarter ending i days before today: a period no run has asked about.
    const to = addDays(settings.today, -i);
    last = { from: addDays(to, -90), to };
    const r = await ask(gatewayUrl, token, last.from, last.to);
    r.errors.forEach((e) => errors.add(e));
    cold.push(r.ms);
    headcount ??= r.headcount;
  }
  const warm: number[] = [];
  for (let i = 0; i < settings.warm; i++) {
    const r = await ask(gatewayUrl, token, last.from, last.to);
    r.errors.forEach((e) => errors.add(e));
    warm.push(r.ms);
  }
  return {
    settings,
    employments,
    headcount,
    coldMs: { p50: round(percentile(cold, 50)), p95: round(percentile(cold, 95)), samples: cold.map((ms) => round(ms)) },
    warmMs: { p50: round(percentile(warm, 50)), p95: round(percentile(warm, 95)) },
    errors: [...errors].slice(0, 5),
  };
}
