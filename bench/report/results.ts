// What one run of the benchmark found, as written to bench/results/*.json, and the targets it is
// checked against (issue 7): each check becomes one PASS/FAIL line.
import type { BenchOptions } from '../options.js';
import type { MemoryUnderLoad } from '../scenarios/scale.js';
import type { SubtreeResult } from '../scenarios/subtree.js';
import type { GatewayThroughput } from '../scenarios/throughput.js';
import type { HierarchyResult } from '../scenarios/hierarchy.js';
import type { ExtractResult } from '../scenarios/extract.js';
import type { StatisticsResult } from '../scenarios/statistics.js';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  /** 1-minute load average at the start and at the end: other work on a shared machine shows here. */
  loadStart: number;
  loadEnd: number;
  /** ms of bench/calibration.ts's fixed work before the stack started and after it stopped: the machine's spell (absent in older results). */
  calibrationMs?: { start: number; end: number };
}

export interface BenchResults {
  version: 1;
  mode: BenchOptions['mode'];
  startedAt: string;
  wallSec: number;
  machine: Machine;
  settings: {
    latencyMs: number;
    employees: number;
    seed: number;
    today: string;
    /** Environment our gateway ran with beyond the defaults, with the reason. */
    gatewayEnv: Record<string, string>;
    subgraphEnv?: Record<string, string>;
    /** --max-old-space-size of our processes; null: Node's default. */
    maxOldSpaceMiB: number | null;
    throughput: BenchOptions['throughput'];
    scale: BenchOptions['scale'];
  };
  /** What each gateway does per request, stated by the run itself. */
  perRequestWork: Record<string, string[]>;
  startup?: { processes: Record<string, number>; simulatorsGenerateMs: number; firstRequestMs: number; employments: number; units: number };
  subtree?: SubtreeResult[];
  naive?: SubtreeResult[];
  throughput?: GatewayThroughput[];
  scale?: { peakRssMiB: Record<string, number>; memory: MemoryUnderLoad };
  hierarchy?: HierarchyResult;
  extract?: ExtractResult;
  statistics?: StatisticsResult;
  /** Scenarios that threw before they had measured: each is a FAIL, and has no table. */
  failedScenarios?: Array<{ scenario: string; error: string }>;
  checks: Check[];
}

export interface Check {
  /** target: a goal of issue 7; correctness: every request answered without errors. */
  kind: 'target' | 'correctness';
  scenario: string;
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

// Issue 19's targets: p50 at N ≈ 1,000 within 1.5 x its floor; gateway and subgraph CPU per
// employment at most 80 µs there and not growing up to N ≈ 10,000; throughput 1.5 x Hive Gateway's
// Rust planner with our gateway at 1 ms of CPU per request or less.
export const TARGET_LATENCY_RATIO = 1.5;
export const TARGET_CPU_US_PER_EMPLOYMENT = 80;
export const TARGET_CPU_GROWTH_NOMINAL = 10_000;
/** "No growth" with the measurement's noise: per-employment CPU at N ≈ 10,000 within 10 % of N ≈ 1,000's. */
export const TARGET_CPU_GROWTH_RATIO = 1.1;
export const TARGET_THROUGHPUT_PEER = 'Hive Gateway Rust planner';
export const TARGET_THROUGHPUT_RATIO = 1.5;
export const TARGET_GATEWAY_CPU_MS_PER_REQUEST = 1;
// Issue 15's targets for the extract store.
export const TARGET_INGEST_SEC = 60;
export const TARGET_INGEST_RSS_MIB = 512;
export const TARGET_DIFF_SEC = 10;
export const TARGET_CHANGES_PAGE_MS = 100;
export const TARGET_LATENCY_NOMINAL = 1_000;
export const TARGET_PEAK_RSS_MIB = 1024;
/** Growth of the heap floor still counted as "no growth": JIT code, caches filling to their bounds. */
export const MEMORY_GROWTH_ALLOWED = (firstMiB: number) => Math.max(16, firstMiB * 0.1);
export const OUR_GATEWAY = 'our gateway';
const TARGET_PROCESSES = ['gateway', 'employee', 'organisation', 'absence', 'payroll'];

const fmt = (n: number) => n.toLocaleString('en-US');

/** The gateway's and the subgraphs' CPU per employment of a subtree query (simulators left out), in µs. */
export function cpuUsPerEmployment(s: { cpuMs: Record<string, number>; employments: number }): number {
  const ms = TARGET_PROCESSES.reduce((a, name) => a + (s.cpuMs[name] ?? 0), 0);
  return Math.round((ms * 1000) / s.employments);
}

export function checksOf(r: Omit<BenchResults, 'checks'>): Check[] {
  const checks: Check[] = [];
  const atNominal = (n: number) => r.subtree?.find((s) => s.subtree.nominal === n);
  for (const s of r.subtree ?? []) {
    const over = s.steps.filter((x) => x.floor !== null && x.calls !== x.floor);
    checks.push({
      kind: 'target',
      scenario: 'batching',
      name: `source calls, N = ${fmt(s.employments)} (~${fmt(s.subtree.nominal)})`,
      target: `= floor ${fmt(s.floorPerRun)}`,
      measured: fmt(s.callsPerRun) + (over.length ? ` (${over.map((x) => `${x.subgraph} ${x.operation} ${x.calls}/${x.floor}`).join('; ')})` : ''),
      pass: over.length === 0,
    });
    if (s.errors.length) checks.push({ kind: 'correctness', scenario: 'batching', name: `N = ${fmt(s.employments)} answers`, target: 'no errors', measured: s.errors[0], pass: false });
    if (s.subtree.nominal === TARGET_LATENCY_NOMINAL) {
      checks.push({
        kind: 'target',
        scenario: 'batching',
        name: `p50 latency, N = ${fmt(s.employments)}`,
        target: `<= ${TARGET_LATENCY_RATIO} x floor ${s.latencyFloorMs} ms = ${Math.round(s.latencyFloorMs * TARGET_LATENCY_RATIO)} ms`,
        // A timing of requests that failed measures the failure, not the work: no number then.
        measured: s.errors.length ? 'FAIL: the queries were answered with errors, no timing' : `${s.latencyMs.p50} ms (${(s.latencyMs.p50 / s.latencyFloorMs).toFixed(2)} x)`,
        pass: s.errors.length === 0 && s.latencyMs.p50 <= s.latencyFloorMs * TARGET_LATENCY_RATIO,
      });
      const us = cpuUsPerEmployment(s);
      checks.push({
        kind: 'target',
        scenario: 'batching',
        name: `CPU per employment, N = ${fmt(s.employments)} (gateway and subgraphs)`,
        target: `<= ${TARGET_CPU_US_PER_EMPLOYMENT} µs`,
        measured: s.errors.length ? 'FAIL: the queries were answered with errors, no timing' : `${us} µs`,
        pass: s.errors.length === 0 && us <= TARGET_CPU_US_PER_EMPLOYMENT,
      });
    }
  }
  const small = atNominal(TARGET_LATENCY_NOMINAL);
  const large = atNominal(TARGET_CPU_GROWTH_NOMINAL);
  if (small && large) {
    const [a, b] = [cpuUsPerEmployment(small), cpuUsPerEmployment(large)];
    const failed = small.errors.length > 0 || large.errors.length > 0;
    checks.push({
      kind: 'target',
      scenario: 'batching',
      name: `CPU per employment, N = ${fmt(small.employments)} to ${fmt(large.employments)}`,
      target: `no growth (<= ${TARGET_CPU_GROWTH_RATIO} x)`,
      measured: failed ? 'FAIL: the queries were answered with errors, no timing' : `${a} -> ${b} µs (${(b / a).toFixed(2)} x)`,
      pass: !failed && b <= a * TARGET_CPU_GROWTH_RATIO,
    });
  }
  for (const s of r.naive ?? []) {
    if (s.errors.length) checks.push({ kind: 'correctness', scenario: 'naive', name: `N = ${fmt(s.employments)} answers`, target: 'no errors', measured: s.errors[0], pass: false });
  }
  if (r.throughput) {
    const ours = r.throughput.find((g) => g.name === OUR_GATEWAY);
    for (const g of r.throughput) {
      if (g.failed > 0) checks.push({ kind: 'correctness', scenario: 'throughput', name: `${g.name} answers`, target: 'no failed requests', measured: `${g.failed}: ${g.firstFailure}`, pass: false });
      if (!ours || g === ours) continue;
      checks.push({
        kind: 'target',
        scenario: 'throughput',
        name: `RPS vs ${g.name}`,
        target: `>= ${g.rps}`,
        measured: ours.failed || g.failed ? 'FAIL: requests failed, no comparison' : `${ours.rps} (${(ours.rps / g.rps).toFixed(2)} x)`,
        pass: ours.failed === 0 && g.failed === 0 && ours.rps >= g.rps,
      });
      if (g.name !== TARGET_THROUGHPUT_PEER) continue;
      checks.push({
        kind: 'target',
        scenario: 'throughput',
        name: `lead over ${g.name}`,
        target: `>= ${TARGET_THROUGHPUT_RATIO} x`,
        measured: ours.failed || g.failed ? 'FAIL: requests failed, no comparison' : `${(ours.rps / g.rps).toFixed(2)} x`,
        pass: ours.failed === 0 && g.failed === 0 && ours.rps >= g.rps * TARGET_THROUGHPUT_RATIO,
      });
    }
    if (ours) {
      checks.push({
        kind: 'target',
        scenario: 'throughput',
        name: `${OUR_GATEWAY}: CPU per request`,
        target: `<= ${TARGET_GATEWAY_CPU_MS_PER_REQUEST} ms`,
        measured: ours.failed ? 'FAIL: requests failed, no timing' : `${ours.gatewayCpuMsPerRequest} ms`,
        pass: ours.failed === 0 && ours.gatewayCpuMsPerRequest <= TARGET_GATEWAY_CPU_MS_PER_REQUEST,
      });
    }
  }
  if (r.scale) {
    for (const name of TARGET_PROCESSES) {
      const peak = r.scale.peakRssMiB[name];
      if (peak === undefined) continue;
      checks.push({ kind: 'target', scenario: 'scale', name: `peak RSS ${name}`, target: `<= ${fmt(TARGET_PEAK_RSS_MIB)} MiB`, measured: `${fmt(peak)} MiB`, pass: peak <= TARGET_PEAK_RSS_MIB });
    }
    const m = r.scale.memory;
    for (const p of m.processes) {
      const first = p.samples[Math.min(1, p.samples.length - 1)].heapUsedMiB;
      const allowed = Math.round(MEMORY_GROWTH_ALLOWED(first));
      checks.push({
        kind: 'target',
        scenario: 'scale',
        name: `heap growth ${p.name} over ${p.samples.length - 1} slices (live heap after a full GC, last two vs first two)`,
        target: `<= ${allowed} MiB`,
        measured: `${p.heapGrowthMiB >= 0 ? '+' : ''}${p.heapGrowthMiB} MiB (per slice: ${p.samples.slice(1).map((x) => x.heapUsedMiB).join(', ')})`,
        pass: p.heapGrowthMiB <= allowed,
      });
    }
    if (m.failed > 0) checks.push({ kind: 'correctness', scenario: 'scale', name: 'requests answered', target: 'no failed requests', measured: `${m.failed}: ${m.firstFailure}`, pass: false });
  }
  if (r.hierarchy) {
    const h = r.hierarchy;
    const n = fmt(h.employments);
    checks.push({
      kind: 'correctness',
      scenario: 'hierarchy',
      name: `queries while the hierarchy refreshes, ${n} employments`,
      target: 'no failed requests',
      measured: h.failed ? `${h.failed} of ${fmt(h.sent)}: ${h.firstFailure}` : `0 of ${fmt(h.sent)}`,
      pass: h.failed === 0,
    });
    checks.push({ kind: 'target', scenario: 'hierarchy', name: `peak RSS organisation, ${n} employments`, target: `<= ${fmt(TARGET_PEAK_RSS_MIB)} MiB`, measured: `${fmt(h.organisationPeakRssMiB)} MiB`, pass: h.organisationPeakRssMiB <= TARGET_PEAK_RSS_MIB });
  }
  if (r.extract) {
    const x = r.extract;
    const n = fmt(x.employments);
    checks.push({ kind: 'target', scenario: 'extract', name: `ingest of a ${n}-employee extract`, target: `<= ${TARGET_INGEST_SEC} s`, measured: `${x.ingestSec} s`, pass: x.ingestSec <= TARGET_INGEST_SEC });
    checks.push({ kind: 'target', scenario: 'extract', name: `peak RSS of that ingest`, target: `<= ${TARGET_INGEST_RSS_MIB} MiB`, measured: `${fmt(x.ingestPeakRssMiB)} MiB`, pass: x.ingestPeakRssMiB <= TARGET_INGEST_RSS_MIB });
    checks.push({ kind: 'target', scenario: 'extract', name: `the next day's extract, ${fmt(x.changed)} employments changed (${x.settings.changeShare * 100} %)`, target: `<= ${TARGET_DIFF_SEC} s`, measured: `${x.diffSec} s, ${fmt(x.diffEvents)} events`, pass: x.diffSec <= TARGET_DIFF_SEC });
    checks.push({ kind: 'target', scenario: 'extract', name: `changes page of ${x.settings.pageSize} through the gateway, p50`, target: `<= ${TARGET_CHANGES_PAGE_MS} ms`, measured: `${x.pageP50Ms} ms (${x.pages} pages)`, pass: x.pageP50Ms <= TARGET_CHANGES_PAGE_MS });
  }
  if (r.statistics) {
    const st = r.statistics;
    const answered = st.errors.length === 0 && st.headcount !== null;
    checks.push({
      kind: 'correctness',
      scenario: 'statistics',
      name: `municipality-wide workforce statistics at ${fmt(st.employments)} employments answered`,
      target: 'no errors, a headcount',
      measured: answered ? `headcount ${fmt(st.headcount!)}` : (st.errors[0] ?? 'no headcount'),
      pass: answered,
    });
  }
  for (const f of r.failedScenarios ?? []) checks.push({ kind: 'correctness', scenario: f.scenario, name: 'the scenario ran to its end', target: 'no error', measured: f.error, pass: false });
  return checks;
}
