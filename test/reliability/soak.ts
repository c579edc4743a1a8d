// A bounded soak of the whole graph on loopback: the gateway, the four subgraphs and the simulated
// sources in this process, under a steady mix of registered operations, random operations from the
// schema, bad input and writes (payments and communication updates, retried with their keys), while
// the simulators inject source faults phase by phase. It reports errors by code, latency percentiles
// and memory before and after, and judges: no 5xx, only known codes, no memory growth beyond a bound,
// and every write that converged stored exactly once. `npm run soak` runs it (soak-cli.ts).
//
// The reads cycle through a fixed working set, sent once in full before memory is first measured, so
// the bounded caches (parsed documents, query plans, stale-if-error copies) are already filled and
// what grows afterwards is what every write leaves (its idempotency record; Opus's stored payments,
// which live in this process too) or a leak.
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { startStack, type Stack } from '../../gateway/stack.js';
import type { FkOrgFault } from '../../sources/fkorg/simulator/faults.js';
import type { OpusFault } from '../../sources/opus/simulator/faults.js';
import { generateMunicipality } from '../../sources/sample/generate.js';
import type { AuditSink } from '../../platform/audit/record.js';
import { KNOWN_CODES } from '../../platform/errors.js';
import { silentLogger } from '../../platform/logging.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { loadApiSchema, operationArbitrary, rawBodyArbitrary, type GeneratedRequest } from './operations.js';
import { errorCodes, rawRequest, violations } from './responses.js';
import { exactlyOnceViolations, write, type WriteOutcome } from './writers.js';

export interface SoakOptions {
  durationSeconds: number;
  /** Requests started per second (writes count once, however often they are retried). */
  rate: number;
  employees: number;
  /** The most heap growth, after garbage collection, that still passes. */
  maxGrowthMb: number;
  seed: number;
  /** Progress lines; silent when not given. */
  log?: (line: string) => void;
}

export const SOAK_DEFAULTS: SoakOptions = { durationSeconds: 20, rate: 40, employees: 300, maxGrowthMb: 64, seed: 1 };

interface Phase {
  name: string;
  opus: OpusFault | null;
  fkorg: FkOrgFault | null;
}

/** The faults, one phase after the other, each an equal share of the run; the last lets writes settle. */
const PHASES: Phase[] = [
  { name: 'no faults', opus: null, fkorg: null },
  { name: 'Opus fails 30% of calls with 503', opus: { status: 503, errorRate: 0.3 }, fkorg: null },
  { name: 'Opus answers 400 ms late', opus: { latencyMs: 400 }, fkorg: null },
  { name: 'FK ORG down (HTTP 503)', opus: null, fkorg: { httpStatus: 503 } },
  { name: 'Opus never answers 20% of calls', opus: { timeout: true, errorRate: 0.2 }, fkorg: null },
  { name: 'no faults', opus: null, fkorg: null },
];

type Kind = 'registered' | 'random' | 'bad' | 'write';

interface Sample {
  kind: Kind;
  ms: number;
  status: number;
  codes: string[];
  problems: string[];
  stale: boolean;
}

export interface SoakReport {
  options: SoakOptions;
  seconds: number;
  requests: number;
  /** Requests not started because too many were still waiting (the graph fell behind). */
  skipped: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  staleAnswers: number;
  latencyMs: Record<Kind | 'all', { p50: number; p95: number; p99: number; max: number }>;
  writes: { total: number; converged: number; problems: string[]; notConverged: string[] };
  problems: string[];
  memory: { heapBeforeMb: number; heapAfterMb: number; rssBeforeMb: number; rssAfterMb: number; heapByPhaseMb: number[] };
  verdicts: Array<{ name: string; pass: boolean; detail: string }>;
}

const MAX_IN_FLIGHT = 256;

function collectGarbage(): void {
  // The soak measures retained memory, so it collects first; the flag is set at runtime so plain
  // `tsx` (and vitest) can run it without --expose-gc.
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

function memory() {
  collectGarbage();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 2 ** 20, rss: m.rss / 2 ** 20 };
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : 0);
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? 0 };
}

function tally(values: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort(([, a], [, b]) => b - a));
}

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const municipality = generateMunicipality({ employees: options.employees, seed: options.seed, today: '2026-11-01' });
  // Audit records are counted and dropped: the in-memory sink of tests would grow with every read, and
  // the file sink's fsync per write would make this a measure of the disk.
  const auditSink: AuditSink & { records: number } = { name: 'counting', records: 0, write: async (r) => void (auditSink.records += r.length), close: async () => undefined };
  const stack: Stack = await startStack({
    municipality,
    host: '127.0.0.1',
    logger: silentLogger,
    auditSink,
    // A source that never answers is given up on after 1.5 s; reads retry quickly and have 5 s in all.
    opusTimeoutMs: 1_500,
    resilience: resilienceConfigFromEnv({
      SUBGRAPH_TIMEOUT_MS: '8000',
      SOURCE_DEADLINE_MS: '5000',
      SOURCE_RETRY_BASE_MS: '50',
      SOURCE_RETRY_MAX_MS: '200',
      SOURCE_BREAKER_COOLDOWN_MS: '2000',
      STALE_IF_ERROR_SECONDS: '600',
    }),
    gateway: { subgraphTimeoutMs: 8_000 },
  });
  try {
    return await soak(stack, options, log);
  } finally {
    await stack.close();
  }
}

async function soak(stack: Stack, options: SoakOptions, log: (line: string) => void): Promise<SoakReport> {
  const m = stack.municipality;
  const auth = await stack.headers();
  const fagsystem = await stack.headers({ clientKind: 'fagsystem', clientId: 'soak' });
  const manifest = await loadManifest();
  const byName = (name: string) => manifest.operations.find((o) => o.name === name)!;
  const employments = m.opus.employments.filter((e) => e.contract.end === null).map((e) => e.employmentNumber);
  // The working set of the reads: what they ask for repeats, as a real client population's does.
  const readEmployments = employments.slice(0, 60);
  const units = m.org.units.slice(0, 40).map((u) => u.id);
  const pick = <T>(xs: readonly T[], i: number) => xs[i % xs.length];

  // Random operations and bad bodies, drawn once from the seed so every run sends the same ones.
  const persons = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query: '{ employments(first: 30) { nodes { employee { id } } } }' }) }).then((r) => r.json());
  const pools = {
    employmentNumbers: readEmployments,
    orgUnitIds: units,
    personIds: persons.data.employments.nodes.map((n: { employee: { id: string } }) => n.employee.id),
    cprs: m.opus.employments.slice(0, 30).map((e) => e.person.cpr),
  };
  const operations = operationArbitrary(loadApiSchema(), pools);
  // Queries only: writes are the writers' own, so what Opus applied can be held against what they sent.
  const random: GeneratedRequest[] = fc.sample(operations, { seed: options.seed, numRuns: 240 }).filter((r) => !r.query.startsWith('mutation'));
  const bad: string[] = fc.sample(rawBodyArbitrary(operations), { seed: options.seed + 1, numRuns: 80 });
  // The writers' employments, apart from the ones random mutations may change.
  const writeTargets = employments.slice(-20);
  if (writeTargets.some((n) => pools.employmentNumbers.includes(n))) throw new Error(`--employees ${options.employees} is too few for the soak's mix; use 150 or more`);

  const registered = (i: number): { body: object; headers: Record<string, string> } => {
    const n = pick(readEmployments, i);
    const unit = pick(units, i);
    const byId = (name: string, variables: object) => ({ body: { variables, extensions: { persistedQuery: { version: 1, sha256Hash: byName(name).id } } }, headers: fagsystem });
    switch (i % 5) {
      case 0:
        return byId('UnitStaff', { id: unit });
      case 1:
        return byId('EmploymentPayroll', { employmentNumber: n });
      case 2:
        return byId('EmploymentAbsences', { employmentNumber: n, from: '2026-01-01', to: '2026-10-31' });
      case 3:
        return byId('UnitAbsenceStatistics', { id: unit, from: '2026-01-01', to: '2026-06-30' });
      default:
        return { body: { query: byName('FindUnits').body, variables: { name: 'skole', first: 20 } }, headers: auth };
    }
  };

  const samples: Sample[] = [];
  const writes: WriteOutcome[] = [];
  const send = async (kind: Kind, body: string, headers: Record<string, string>) => {
    const started = performance.now();
    try {
      const res = await rawRequest(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
      samples.push({ kind, ms: performance.now() - started, status: res.status, codes: errorCodes(res), problems: violations(res), stale: !!(res.json?.extensions as { staleData?: unknown } | undefined)?.staleData });
    } catch (error) {
      samples.push({ kind, ms: performance.now() - started, status: 0, codes: ['NETWORK'], problems: [`no answer: ${String(error)}`], stale: false });
    }
  };
  const job = async (i: number) => {
    const r = i % 20;
    if (r < 10) {
      const { body, headers } = registered(i);
      return send('registered', JSON.stringify(body), headers);
    }
    if (r < 14) return send('random', JSON.stringify(pick(random, i)), auth);
    if (r < 16) return send('bad', pick(bad, i), auth);
    const kind = r < 18 ? 'payment' : 'communication';
    const outcome = await write(kind, pick(writeTargets, i), { urls: [stack.url], headers: auth, timeoutMs: 20_000 });
    writes.push(outcome);
    for (const attempt of outcome.attempts) {
      const problems = attempt.status >= 500 ? [`HTTP ${attempt.status}`] : [];
      for (const code of attempt.codes) {
        if (code.startsWith('OPUS_REFUSED')) problems.push(`Opus refused a valid write (${code})`);
        else if (!KNOWN_CODES.has(code) || code === 'INTERNAL_SERVER_ERROR') problems.push(`code ${code}`);
      }
      samples.push({ kind: 'write', ms: attempt.endedAt - attempt.startedAt, status: attempt.status, codes: attempt.codes, problems, stale: false });
    }
  };

  // Warm up: the whole working set once (documents, plans, copies, the hierarchy snapshot, JIT), then
  // measure memory from there.
  const reads = Math.max(readEmployments.length * 5, units.length * 5);
  const warmUp = [
    ...Array.from({ length: reads }, (_, i) => () => send('registered', JSON.stringify(registered(i).body), registered(i).headers)),
    ...random.map((r) => () => send('random', JSON.stringify(r), auth)),
    ...bad.map((b) => () => send('bad', b, auth)),
  ];
  for (let i = 0; i < warmUp.length; i += 8) await Promise.all(warmUp.slice(i, i + 8).map((f) => f()));
  for (let i = 0; i < 40; i++) await job(i);
  samples.length = 0;
  writes.length = 0;
  const appliedBefore = { ...stack.sources.opus.appliedUpdates };
  const before = memory();
  const heapByPhase: number[] = [];
  log(`warmed up with ${warmUp.length + 40} requests; memory before: heap ${before.heap.toFixed(1)} MB, rss ${before.rss.toFixed(1)} MB`);

  const durationMs = options.durationSeconds * 1_000;
  const interval = 1_000 / options.rate;
  const started = performance.now();
  const pending = new Set<Promise<void>>();
  let skipped = 0;
  let phase = -1;
  for (let i = 0; ; i++) {
    const at = i * interval;
    if (at >= durationMs) break;
    const now = performance.now() - started;
    if (at > now) await sleep(at - now);
    const current = Math.min(PHASES.length - 1, Math.floor((at / durationMs) * PHASES.length));
    if (current !== phase) {
      phase = current;
      stack.sources.opus.setFault('*', PHASES[phase].opus);
      stack.sources.fkorg.setFault('*', PHASES[phase].fkorg);
      // The simulators log every call; this run checks Opus's stored data, not its call log.
      stack.sources.opus.resetCalls();
      stack.sources.fkorg.resetCalls();
      heapByPhase.push(memory().heap);
      log(`${(at / 1000).toFixed(1).padStart(6)} s  phase ${phase + 1}/${PHASES.length}: ${PHASES[phase].name}  (${pending.size} in flight, heap ${heapByPhase.at(-1)!.toFixed(1)} MB)`);
    }
    if (pending.size >= MAX_IN_FLIGHT) {
      skipped++;
      continue;
    }
    const p = job(i + 1_000).finally(() => pending.delete(p));
    pending.add(p);
  }
  // Writes still retrying get their chance with every fault gone.
  stack.sources.opus.setFault('*', null);
  stack.sources.fkorg.setFault('*', null);
  log(`load done after ${((performance.now() - started) / 1000).toFixed(1)} s; waiting for ${pending.size} requests`);
  await Promise.all(pending);
  const seconds = (performance.now() - started) / 1000;
  const after = memory();
  log(`memory after: heap ${after.heap.toFixed(1)} MB, rss ${after.rss.toFixed(1)} MB`);

  const writeProblems = exactlyOnceViolations(writes, stack.sources.opus, appliedBefore, { calls: false });
  const problems = samples.flatMap((s) => s.problems.map((p) => `${s.kind}: ${p}`));
  const latency = Object.fromEntries(
    (['all', 'registered', 'random', 'bad', 'write'] as const).map((k) => [k, percentiles(samples.filter((s) => k === 'all' || s.kind === k).map((s) => s.ms))]),
  ) as SoakReport['latencyMs'];
  const serverErrors = samples.filter((s) => s.status >= 500 || s.status === 0).length;
  // Everything wrong with an answer other than its status: unknown or masked codes, leaks, not JSON.
  const unknown = problems.filter((p) => !/HTTP 5\d\d|no answer/.test(p));
  const growth = after.heap - before.heap;
  const converged = writes.filter((w) => w.succeeded).length;
  return {
    options,
    seconds,
    requests: samples.length,
    skipped,
    byStatus: tally(samples.map((s) => String(s.status))),
    byCode: tally(samples.flatMap((s) => s.codes)),
    staleAnswers: samples.filter((s) => s.stale).length,
    latencyMs: latency,
    writes: { total: writes.length, converged, problems: writeProblems, notConverged: writes.filter((w) => !w.succeeded).map((w) => `${w.kind} ${w.key}: ${w.attempts.map((t) => t.codes.join('+')).join(', ')}`) },
    problems,
    memory: { heapBeforeMb: before.heap, heapAfterMb: after.heap, rssBeforeMb: before.rss, rssAfterMb: after.rss, heapByPhaseMb: heapByPhase },
    verdicts: [
      { name: 'no 5xx', pass: serverErrors === 0, detail: `${serverErrors} of ${samples.length} answers were 5xx or none` },
      { name: 'only known codes, well-formed answers', pass: unknown.length === 0, detail: unknown.length ? unknown.slice(0, 3).join(' | ') : `${Object.keys(tally(samples.flatMap((s) => s.codes))).length} distinct codes, all known` },
      { name: `no memory growth beyond ${options.maxGrowthMb} MB`, pass: growth <= options.maxGrowthMb, detail: `heap ${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB after garbage collection` },
      { name: 'every converged write stored exactly once', pass: writeProblems.length === 0, detail: writeProblems.length ? writeProblems.slice(0, 3).join(' | ') : `${converged} of ${writes.length} writes converged` },
    ],
  };
}

export function formatReport(r: SoakReport): string {
  const l = r.latencyMs;
  const row = (name: string, p: SoakReport['latencyMs']['all']) => `  ${name.padEnd(11)} p50 ${p.p50.toFixed(0).padStart(5)}  p95 ${p.p95.toFixed(0).padStart(5)}  p99 ${p.p99.toFixed(0).padStart(5)}  max ${p.max.toFixed(0).padStart(6)}`;
  const list = (o: Record<string, number>) => Object.entries(o).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
  return [
    `requests    ${r.requests} in ${r.seconds.toFixed(1)} s (${(r.requests / r.seconds).toFixed(1)}/s)${r.skipped ? `, ${r.skipped} not started (graph fell behind)` : ''}`,
    `HTTP        ${list(r.byStatus)}`,
    `codes       ${list(r.byCode)}`,
    `stale       ${r.staleAnswers} answers served (partly) from stale-if-error copies`,
    `latency ms`,
    row('all', l.all),
    row('registered', l.registered),
    row('random', l.random),
    row('bad input', l.bad),
    row('write try', l.write),
    `writes      ${r.writes.total}, ${r.writes.converged} converged${r.writes.notConverged.length ? ` (gave up after 20 s: ${r.writes.notConverged.slice(0, 3).join('; ')})` : ''}`,
    `memory      heap ${r.memory.heapBeforeMb.toFixed(1)} -> ${r.memory.heapAfterMb.toFixed(1)} MB (at each phase: ${r.memory.heapByPhaseMb.map((h) => h.toFixed(1)).join(', ')}), rss ${r.memory.rssBeforeMb.toFixed(1)} -> ${r.memory.rssAfterMb.toFixed(1)} MB`,
    ...r.verdicts.map((v) => `${v.pass ? 'PASS' : 'FAIL'}  ${v.name}: ${v.detail}`),
  ].join('\n');
}
