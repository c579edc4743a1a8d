// Scenarios 1 and 2: the subtree query for each size N, its source calls per plan step against the
// floor ceil(N / max batch), and its end-to-end latency against the floor of dependent source round
// trips times the simulators' latency. Run once with DataLoader batching (the product) and once without
// (DATALOADER_BATCHING=off, the naive baseline) on the same processes and data.
import { SUBGRAPHS, type SubgraphName } from '../../platform/topology.js';
import type { OurStack } from '../deploy/ourStack.js';
import { countsBetween } from '../deploy/ourStack.js';
import { cpuDuring } from '../deploy/procStats.js';
import type { SimulatorCalls } from '../deploy/simulators.js';
import { SUBTREE_STAFF } from '../queries.js';
import { median, percentile, round } from '../stats.js';
import type { Subtree, Workload } from '../workload.js';
import { monotonicMs } from '../deploy/clock.js';

/** Opus list-employees answers at most this many numbers per call (OPUS_MAX_LIST_PAGE). */
export const OPUS_LIST_PAGE = 1000;
/**
 * Per-process cache refreshes (FK ORG's hierarchy snapshot, Opus's org tree) that a request may
 * trigger at most once per TTL; shown, never counted against a request's floor.
 */
export const CACHE_REFRESHES = new Set(['fkorg organisationsystem.fremsoegobjekthierarki', 'opus read-org-units']);

export interface SubtreeSettings {
  latencyMs: number;
  opusMaxBatch: number;
  fkorgMaxBatch: number;
  /** Unmeasured runs per size, before the measured ones. */
  warmup(nominal: number): number;
  /** Measured runs per size. */
  iterations(nominal: number): number;
}

export interface PageShape {
  units: number;
  employments: number;
}

export interface StepCalls {
  subgraph: SubgraphName;
  /** `source operation`, as the subgraph's kommunegraf_source_calls_total labels it. */
  operation: string;
  calls: number;
  keys: number;
  /** ceil(keys needed / max batch), summed over the pages; null for cache refreshes. */
  floor: number | null;
}

export interface Phase {
  /** `endpoint [areas]` (Opus) or `service.operation` (FK ORG), as the simulators log it. */
  source: string;
  calls: number;
  firstArrivalMs: number;
  lastAnswerMs: number;
}

export interface SubtreeResult {
  batching: boolean;
  subtree: Subtree;
  pages: PageShape[];
  /** Employments returned (N). */
  employments: number;
  /** Every measured run made the same calls (a cache refresh during a run breaks this; it is then shown). */
  stableCalls: boolean;
  steps: StepCalls[];
  /** Simulator-side view of the last run: calls by endpoint and Opus areas. */
  sourceView: Omit<SimulatorCalls, 'timeline'>;
  /** Where a run's time goes: per source call kind, the median over the measured runs of its first arrival and last answer, in ms after the request was sent. */
  phases: Phase[];
  /** GraphQL requests each subgraph received per run (plan steps: one per page when batched by the planner). */
  fetches: Record<SubgraphName, number>;
  callsPerRun: number;
  floorPerRun: number;
  latencyMs: { samples: number[]; p50: number; p90: number; min: number };
  /** Dependent source round trips x the simulators' latency. */
  latencyFloorMs: number;
  roundTrips: number;
  /** CPU milliseconds per run, by process: the mean over the measured runs (the kernel counts in 10 ms ticks). */
  cpuMs: Record<string, number>;
  errors: string[];
}

const ceil = (n: number, d: number) => Math.ceil(n / d);

/** The calls each plan step needs at least, for the pages returned. */
export function floors(pages: PageShape[], s: Pick<SubtreeSettings, 'opusMaxBatch' | 'fkorgMaxBatch'>): Record<SubgraphName, Record<string, number>> {
  const sum = (f: (p: PageShape) => number) => pages.reduce((a, p) => a + f(p), 0);
  const reads = sum((p) => ceil(p.employments, s.opusMaxBatch));
  return {
    organisation: { 'fkorg organisationenhed.list': sum((p) => ceil(p.units, s.fkorgMaxBatch)) },
    // Reading the listed employments' placements and the selected fields can be one call per batch.
    employee: { 'opus list-employees': sum((p) => Math.max(1, ceil(p.employments, OPUS_LIST_PAGE))), 'opus read-employee-data': reads },
    absence: { 'opus read-employee-data': reads },
    payroll: { 'opus read-employee-data': reads },
  };
}

/**
 * Source round trips that must follow one another, per page: the organisation step's unit read; the
 * employee step's list-employees pages (each needs the previous one's last number), then one read;
 * then absence and payroll, which run side by side.
 */
export function roundTrips(pages: PageShape[]): number {
  return pages.reduce((a, p) => a + 1 + Math.max(1, ceil(p.employments, OPUS_LIST_PAGE)) + 1 + 1, 0);
}

interface GraphQLBody {
  data?: { orgUnits?: { nodes: Array<{ employments: unknown[] | null }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } } | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Every page of the subtree, one request after the other, as a client following cursors reads it. */
export async function readSubtree(url: string, token: string, w: Workload, unitId: string): Promise<{ pages: PageShape[]; errors: string[] }> {
  const pages: PageShape[] = [];
  const errors: string[] = [];
  for (let after: string | null = null; ; ) {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: SUBTREE_STAFF, variables: { root: unitId, asOf: w.today, from: w.month.from, to: w.month.to, after } }),
    });
    const body = (await res.json()) as GraphQLBody;
    for (const e of body.errors ?? []) errors.push(`${e.extensions?.code ?? 'ERROR'}: ${e.message}`);
    const page = body.data?.orgUnits;
    if (!page) {
      errors.push(`HTTP ${res.status}: no data`);
      break;
    }
    pages.push({ units: page.nodes.length, employments: page.nodes.reduce((a, u) => a + (u.employments?.length ?? 0), 0) });
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { pages, errors };
}

export async function runSubtree(stack: OurStack, token: string, subtree: Subtree, batching: boolean, settings: SubtreeSettings): Promise<SubtreeResult> {
  const w = stack.simulators.ready.workload;
  for (let i = 0; i < settings.warmup(subtree.nominal); i++) await readSubtree(stack.gateway.url, token, w, subtree.unitId);

  const samples: number[] = [];
  const cpu: Record<string, number[]> = {};
  const signatures = new Set<string>();
  const errors: string[] = [];
  let last: { pages: PageShape[]; steps: Record<SubgraphName, Record<string, { calls: number; keys: number }>>; fetches: Record<SubgraphName, number>; sourceView: Omit<SimulatorCalls, 'timeline'> } | undefined;
  const runPhases: Array<Map<string, Phase>> = [];
  for (let i = 0; i < settings.iterations(subtree.nominal); i++) {
    const before = await stack.sourceCounts();
    await stack.simulators.takeCalls();
    let sentAt = 0;
    const { result, cpuMs } = await cpuDuring(stack.pids(), async () => {
      const t0 = performance.now();
      sentAt = monotonicMs(t0);
      const read = await readSubtree(stack.gateway.url, token, w, subtree.unitId);
      return { ...read, ms: performance.now() - t0 };
    });
    const counts = countsBetween(await stack.sourceCounts(), before);
    const { timeline, ...sourceView } = await stack.simulators.takeCalls();
    runPhases.push(phasesOf(timeline, sentAt));
    samples.push(result.ms);
    for (const [name, ms] of Object.entries(cpuMs)) (cpu[name] ??= []).push(ms);
    errors.push(...result.errors);
    const steps = Object.fromEntries(
      SUBGRAPHS.map((n) => [n, Object.fromEntries(Object.entries(counts[n].calls).map(([op, calls]) => [op, { calls, keys: counts[n].keys[op] ?? 0 }]))]),
    ) as Record<SubgraphName, Record<string, { calls: number; keys: number }>>;
    signatures.add(JSON.stringify(steps));
    last = { pages: result.pages, steps, fetches: Object.fromEntries(SUBGRAPHS.map((n) => [n, counts[n].requests])) as Record<SubgraphName, number>, sourceView };
  }
  if (!last) throw new Error('no measured run');

  const expected = floors(last.pages, settings);
  const steps: StepCalls[] = [];
  for (const subgraph of ['organisation', 'employee', 'absence', 'payroll'] as const) {
    const ops = new Set([...Object.keys(expected[subgraph]), ...Object.keys(last.steps[subgraph])]);
    for (const operation of ops) {
      const seen = last.steps[subgraph][operation] ?? { calls: 0, keys: 0 };
      const floor = CACHE_REFRESHES.has(operation) ? null : (expected[subgraph][operation] ?? 0);
      steps.push({ subgraph, operation, calls: seen.calls, keys: seen.keys, floor });
    }
  }
  const counted = steps.filter((s) => s.floor !== null);
  const trips = roundTrips(last.pages);
  return {
    batching,
    subtree,
    pages: last.pages,
    employments: last.pages.reduce((a, p) => a + p.employments, 0),
    stableCalls: signatures.size === 1,
    steps,
    sourceView: last.sourceView,
    phases: medianPhases(runPhases),
    fetches: last.fetches,
    callsPerRun: counted.reduce((a, s) => a + s.calls, 0),
    floorPerRun: counted.reduce((a, s) => a + (s.floor ?? 0), 0),
    latencyMs: { samples: samples.map((s) => round(s, 1)), p50: round(median(samples), 1), p90: round(percentile(samples, 90), 1), min: round(Math.min(...samples), 1) },
    latencyFloorMs: trips * settings.latencyMs,
    roundTrips: trips,
    cpuMs: Object.fromEntries(Object.entries(cpu).map(([name, v]) => [name, round(v.reduce((a, b) => a + b, 0) / v.length, 1)])),
    errors: [...new Set(errors)],
  };
}

/** Per source call kind: its calls, its first arrival and its last answer, in ms after `sentAt`. */
export function phasesOf(timeline: SimulatorCalls['timeline'], sentAt: number): Map<string, Phase> {
  const phases = new Map<string, Phase>();
  for (const c of timeline) {
    const answered = (c.answeredAt ?? c.arrivedAt) - sentAt;
    const p = phases.get(c.key);
    if (!p) phases.set(c.key, { source: c.key, calls: 1, firstArrivalMs: c.arrivedAt - sentAt, lastAnswerMs: answered });
    else {
      p.calls++;
      p.firstArrivalMs = Math.min(p.firstArrivalMs, c.arrivedAt - sentAt);
      p.lastAnswerMs = Math.max(p.lastAnswerMs, answered);
    }
  }
  return phases;
}

/** The median of each kind's times over the runs, in the order of first arrival. */
export function medianPhases(runs: Array<Map<string, Phase>>): Phase[] {
  const sources = new Set(runs.flatMap((r) => [...r.keys()]));
  const out: Phase[] = [];
  for (const source of sources) {
    const seen = runs.map((r) => r.get(source)).filter((p): p is Phase => p !== undefined);
    out.push({
      source,
      calls: round(median(seen.map((p) => p.calls)), 1),
      firstArrivalMs: round(median(seen.map((p) => p.firstArrivalMs)), 1),
      lastAnswerMs: round(median(seen.map((p) => p.lastAnswerMs)), 1),
    });
  }
  return out.sort((a, b) => a.firstArrivalMs - b.firstArrivalMs);
}
