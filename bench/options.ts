// Command line of `npm run bench`: the full run (about 8 minutes on 2 cores) or --quick (a smoke run
// of every scenario on a small municipality), and the knobs a reader may want to turn.
import { parseArgs } from 'node:util';

export const SCENARIOS = ['subtree', 'throughput', 'scale', 'extract', 'statistics', 'naive', 'hierarchy'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export interface BenchOptions {
  mode: 'full' | 'quick';
  /** Added by the simulators to every source call. */
  latencyMs: number;
  employees: number;
  seed: number;
  scenarios: Set<Scenario>;
  /** Subtree sizes asked for, batched, and the smaller set run without batching. */
  nominals: number[];
  naiveNominals: number[];
  /** Unmeasured runs before the measured ones, and measured runs, by nominal size. */
  subtree: { warmup: Record<number, number>; iterations: Record<number, number> };
  naive: { warmup: Record<number, number>; iterations: Record<number, number> };
  throughput: { connections: number; durationSec: number; warmupSec: number; rounds: number };
  scale: { connections: number; warmupRequests: number; requests: number; slices: number };
  /** The slow-hierarchy scenario's own municipality, FK ORG latency per hierarchy page, TTL and query load. */
  hierarchy: { employees: number; pageLatencyMs: number; ttlSeconds: number; connections: number; durationSec: number };
  /** The extract store: employees of the ingested extract, share changed the next day, feed page size and most pages read. */
  extract: { employees: number; changeShare: number; pageSize: number; maxPages: number };
  /** The municipality-wide workforce statistics query: runs on periods not asked before (cold), then on one period again (warm). */
  statistics: { cold: number; warm: number };
  /** The gateway's MAX_QUERY_COST, raised so one page of 500 units with their staff is allowed. */
  maxQueryCost: number;
  /** No setting given on the command line changes what is measured (--update-readme and --quick aside). */
  defaults: boolean;
  /** Rewrite the README's performance table from this run's results. */
  updateReadme: boolean;
  cpuProfileDir?: string;
  /** V8 heap limit of the gateway and subgraph processes (--max-old-space-size), as a deployment may set it; Node's default when absent. */
  maxOldSpaceMiB?: number;
}

const USAGE = `npm run bench -- [--quick] [--latency-ms 20] [--employees N] [--seed N] [--rounds N] [--duration S] [--connections N]
                     [--only subtree,throughput,scale,extract,statistics,naive,hierarchy] [--update-readme] [--cpu-prof DIR]
                     [--max-old-space-size MiB]`;

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      'latency-ms': { type: 'string' },
      employees: { type: 'string' },
      seed: { type: 'string' },
      rounds: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      'update-readme': { type: 'boolean', default: false },
      'cpu-prof': { type: 'string' },
      'max-old-space-size': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min: number) => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}, got "${raw}"\n${USAGE}`);
    return n;
  };
  const quick = values.quick;
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((s) => !SCENARIOS.includes(s as Scenario));
  if (unknown?.length) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}\n${USAGE}`);
  const measuring = ['latency-ms', 'employees', 'seed', 'rounds', 'duration', 'connections', 'only', 'cpu-prof', 'max-old-space-size'] as const;
  return {
    mode: quick ? 'quick' : 'full',
    defaults: measuring.every((k) => values[k] === undefined),
    latencyMs: int('latency-ms', values['latency-ms'], 20, 0),
    employees: int('employees', values.employees, quick ? 3_000 : 50_000, 100),
    seed: int('seed', values.seed, 1, 0),
    scenarios: new Set((only ?? SCENARIOS) as Scenario[]),
    nominals: quick ? [10, 100, 1_000] : [10, 100, 1_000, 10_000],
    naiveNominals: quick ? [10, 100] : [10, 100, 1_000],
    // Warm-up until the processes' JIT and heap settle: at N = 1,000 the first 20 runs after N = 10
    // and 100 cost a fifth to a third more CPU than runs 40 to 100 (docs/benchmarks.md, "Warm-up,
    // one POST and the gateway's young generation").
    subtree: quick
      ? { warmup: { 10: 1, 100: 1, 1_000: 1 }, iterations: { 10: 5, 100: 5, 1_000: 3 } }
      : { warmup: { 10: 10, 100: 10, 1_000: 40, 10_000: 3 }, iterations: { 10: 30, 100: 30, 1_000: 20, 10_000: 5 } },
    naive: quick ? { warmup: {}, iterations: { 10: 2, 100: 2 } } : { warmup: { 10: 1, 100: 1, 1_000: 1 }, iterations: { 10: 5, 100: 5, 1_000: 3 } },
    throughput: {
      // The throughput target is set at 50; other values show how far each gateway is bound by
      // concurrency rather than CPU (docs/benchmarks.md).
      connections: int('connections', values.connections, 50, 1),
      durationSec: int('duration', values.duration, quick ? 3 : 10, 1),
      warmupSec: quick ? 2 : 5,
      rounds: int('rounds', values.rounds, quick ? 1 : 5, 1),
    },
    scale: quick ? { connections: 50, warmupRequests: 200, requests: 1_000, slices: 2 } : { connections: 50, warmupRequests: 2_000, requests: 10_000, slices: 5 },
    hierarchy: quick
      ? { employees: 10_000, pageLatencyMs: 200, ttlSeconds: 10, connections: 8, durationSec: 10 }
      : { employees: 100_000, pageLatencyMs: 200, ttlSeconds: 60, connections: 8, durationSec: 90 },
    extract: quick ? { employees: 3_000, changeShare: 0.01, pageSize: 500, maxPages: 20 } : { employees: 50_000, changeShare: 0.01, pageSize: 500, maxPages: 60 },
    statistics: quick ? { cold: 2, warm: 5 } : { cold: 5, warm: 20 },
    maxQueryCost: 1_000_000,
    updateReadme: values['update-readme'],
    cpuProfileDir: values['cpu-prof'],
    maxOldSpaceMiB: values['max-old-space-size'] === undefined ? undefined : int('max-old-space-size', values['max-old-space-size'], 0, 64),
  };
}
