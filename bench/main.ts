// `npm run bench`: starts the simulators, the four subgraphs and our gateway in processes of their own
// on loopback, then Hive Gateway (JS and Rust planner) over the same subgraphs, and runs the scenarios
// of docs/benchmarks.md. Prints one report, writes it as JSON under bench/results/, and exits non-zero
// when a target fails. See `npm run bench -- --help`.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureExplorerBuilt } from '../gateway/explorer/build.js';
import { DEV_AUDIENCE } from '../platform/auth/config.js';
import { startDevIssuer } from '../platform/auth/devIssuer.js';
import { ALL_SCOPES } from '../platform/auth/scopes.js';
import { SUBGRAPHS, type SubgraphName } from '../platform/topology.js';
import { today } from '../subgraphs/shared/dates.js';
import { INSPECT_ARG } from './deploy/inspector.js';
import { startOurStack } from './deploy/ourStack.js';
import { parseOptions } from './options.js';
import { startHiveGateway } from './peers/hiveGateway.js';
import { perRequestWork } from './perRequestWork.js';
import { mixBodies } from './queries.js';
import { updateReadme } from './report/readme.js';
import { renderText } from './report/render.js';
import { checksOf, OUR_GATEWAY, type BenchResults } from './report/results.js';
import { memoryUnderLoad, peakMemory } from './scenarios/scale.js';
import { runSubtree, type SubtreeSettings } from './scenarios/subtree.js';
import { runThroughput } from './scenarios/throughput.js';
import { runHierarchy } from './scenarios/hierarchy.js';
import { extractStoreUrl, freshExtractSchema, runExtract } from './scenarios/extract.js';
import { runStatistics } from './scenarios/statistics.js';
import { round } from './stats.js';
import { calibrate } from './calibration.js';

const MAX_DEPTH = 12;
const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));

const options = parseOptions(process.argv.slice(2));
const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const startedAt = new Date();
const loadStart = round(loadavg()[0], 2);
const calibrationStart = calibrate();

// Built before anything is timed: the gateway serves it, and building takes longer than starting.
await ensureExplorerBuilt();
const issuer = await startDevIssuer({});
const auditDir = await mkdtemp(join(tmpdir(), 'kommunegraf-bench-'));
const token = await issuer.token({ scopes: ALL_SCOPES, clientKind: 'frontend', subject: 'bench' });
const gatewayEnv = {
  // The subtree query asks for a page of 500 units with their staff; its estimated cost (230,503)
  // is above the default 50,000. Nothing else is changed.
  MAX_QUERY_COST: String(options.maxQueryCost),
};
// The extract scenario's store: a schema of its own in DATABASE_URL, made afresh; the employee subgraph
// serves the change feed from it.
const extractStore = extractStoreUrl();
if (options.scenarios.has('extract')) await freshExtractSchema(extractStore.admin);
const subgraphEnv: Record<string, string> = {
  // How many batches of one Opus read go out at once is an operator's setting (default 8). The floor
  // assumes a step's batches all go at once; 16 lets the 10 batches of an N = 1,000 step do so.
  OPUS_MAX_CONCURRENCY: '16',
  ...(options.scenarios.has('extract') ? { EXTRACT_DATABASE_URL: extractStore.store } : {}),
};

log(`starting ${options.employees.toLocaleString('en-US')} employments, ${options.latencyMs} ms per source call`);
const stack = await startOurStack({
  simulators: { employees: options.employees, seed: options.seed, today: today(), latencyMs: options.latencyMs, nominals: options.nominals },
  issuerUrl: issuer.url,
  batching: true,
  auditDir,
  gatewayEnv,
  subgraphEnv,
  nodeArgs: [
    // The scale scenario reads each process's live heap after a full collection through its inspector.
    ...(options.scenarios.has('scale') ? [INSPECT_ARG] : []),
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    ...(options.maxOldSpaceMiB ? [`--max-old-space-size=${options.maxOldSpaceMiB}`] : []),
  ],
});
const workload = stack.simulators.ready.workload;
const results: Omit<BenchResults, 'checks'> = {
  version: 1,
  mode: options.mode,
  startedAt: startedAt.toISOString(),
  wallSec: 0,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryGiB: round(totalmem() / 2 ** 30, 1), node: process.version, loadStart, loadEnd: 0 },
  settings: {
    latencyMs: options.latencyMs,
    employees: options.employees,
    seed: options.seed,
    today: workload.today,
    gatewayEnv,
    subgraphEnv,
    maxOldSpaceMiB: options.maxOldSpaceMiB ?? null,
    throughput: options.throughput,
    scale: options.scale,
  },
  perRequestWork: perRequestWork(MAX_DEPTH),
};

let exitCode = 0;
/**
 * Runs one scenario; when it throws, the run goes on with the next and the scenario is reported as
 * FAIL with its error (a FAIL line in the targets, no table of timings), never left out in silence.
 */
async function attempt(scenario: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`${scenario}: FAILED: ${message}`);
    (results.failedScenarios ??= []).push({ scenario, error: message.slice(0, 500) });
  }
}
try {
  const t0 = performance.now();
  const first = await fetch(stack.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: mixBodies(workload, 1)[0].body,
  });
  await first.arrayBuffer();
  results.startup = {
    processes: { gateway: round(stack.gateway.startupMs), ...Object.fromEntries(SUBGRAPHS.map((n) => [n, round(stack.subgraphs[n].startupMs)])) },
    simulatorsGenerateMs: round(stack.simulators.ready.generatedMs),
    firstRequestMs: round(performance.now() - t0),
    employments: workload.employments,
    units: workload.units,
  };

  const subtreeSettings = (s: { warmup: Record<number, number>; iterations: Record<number, number> }): SubtreeSettings => ({
    latencyMs: options.latencyMs,
    opusMaxBatch: stack.simulators.ready.opusMaxBatch,
    fkorgMaxBatch: stack.simulators.ready.fkorgMaxBatch,
    warmup: (n) => s.warmup[n] ?? 0,
    iterations: (n) => s.iterations[n] ?? 1,
  });

  if (options.scenarios.has('subtree')) {
    await attempt('subtree', async () => {
      results.subtree = [];
      for (const subtree of workload.subtrees) {
        log(`batching: subtree of ${subtree.employments} employments (${subtree.name})`);
        results.subtree.push(await runSubtree(stack, token, subtree, true, subtreeSettings(options.subtree)));
      }
    });
  }

  const bodies = mixBodies(workload, 5_000, options.seed);
  if (options.scenarios.has('throughput')) {
    await attempt('throughput', async () => {
      log('throughput: starting Hive Gateway with the JS and the Rust planner');
      const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
      const auth = { issuer: issuer.url, audience: DEV_AUDIENCE, jwksUrl: `${issuer.url}/jwks.json`, algorithms: ['RS256', 'PS256', 'ES256'] };
      const peers = await Promise.all((['js', 'rust'] as const).map((planner) => startHiveGateway({ planner, subgraphUrls, auth, maxDepth: MAX_DEPTH, gatewaySigningKey: stack.gatewaySigningKey })));
      try {
        log(`throughput: ${options.throughput.rounds} rounds of ${options.throughput.durationSec} s per gateway`);
        const deployment = {
          subgraphPids: Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].child.pid])),
          otherPids: { simulators: stack.simulators.child.pid },
          subgraphRequests: () => stack.sourceCounts(),
        };
        results.throughput = await runThroughput(
          [
            { name: OUR_GATEWAY, url: stack.gateway.url, pid: stack.gateway.child.pid, metricsUrl: stack.gateway.url },
            { name: 'Hive Gateway JS planner', url: peers[0].url, pid: peers[0].pid },
            { name: 'Hive Gateway Rust planner', url: peers[1].url, pid: peers[1].pid },
          ],
          deployment,
          token,
          bodies,
          options.throughput,
        );
      } finally {
        await Promise.all(peers.map((p) => p.close()));
      }
    });
  }

  if (options.scenarios.has('scale')) {
    await attempt('scale', async () => {
      log(`scale: memory under ${options.scale.requests} requests`);
      const memory = await memoryUnderLoad(stack, token, bodies, options.scale);
      results.scale = { peakRssMiB: peakMemory(stack), memory };
    });
  }

  if (options.scenarios.has('extract')) {
    await attempt('extract', async () => {
      const x = options.extract;
      results.extract = await runExtract({ ...x, seed: options.seed, today: workload.today }, { gatewayUrl: stack.gateway.url, token, storeUrl: extractStore.store, log });
    });
  }

  // Before naive, which restarts the subgraphs without batching.
  if (options.scenarios.has('statistics')) {
    await attempt('statistics', async () => {
      log(`statistics: the municipality-wide query, ${options.statistics.cold} cold and ${options.statistics.warm} warm`);
      results.statistics = await runStatistics(stack.gateway.url, token, workload.employments, { ...options.statistics, today: workload.today });
    });
  }

  if (options.scenarios.has('naive')) {
    await attempt('naive', async () => {
      log('naive: restarting the subgraphs with DATALOADER_BATCHING=off');
      await stack.restartSubgraphs(false);
      results.naive = [];
      for (const subtree of workload.subtrees.filter((s) => options.naiveNominals.includes(s.nominal))) {
        log(`naive: subtree of ${subtree.employments} employments`);
        results.naive.push(await runSubtree(stack, token, subtree, false, subtreeSettings(options.naive)));
      }
    });
  }
} finally {
  await stack.close();
}

try {
  // A stack of its own: a larger municipality, FK ORG slow on the hierarchy, a short TTL.
  if (options.scenarios.has('hierarchy')) {
    await attempt('hierarchy', async () => {
      const h = options.hierarchy;
      log(`hierarchy: starting ${h.employees.toLocaleString('en-US')} employments, FK ORG ${h.pageLatencyMs} ms per hierarchy page`);
      results.hierarchy = await runHierarchy({ ...h, seed: options.seed, today: workload.today }, { issuerUrl: issuer.url, token, auditDir, log });
    });
  }
} finally {
  await issuer.close();
  await rm(auditDir, { recursive: true, force: true });
}

results.wallSec = round((Date.now() - startedAt.getTime()) / 1000);
results.machine.loadEnd = round(loadavg()[0], 2);
results.machine.calibrationMs = { start: calibrationStart, end: calibrate() };
const final: BenchResults = { ...results, checks: checksOf(results) };
console.log(renderText(final));

await mkdir(RESULTS_DIR, { recursive: true });
const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
const file = join(RESULTS_DIR, `${stamp}-${options.mode}.json`);
await writeFile(file, `${JSON.stringify(final, null, 2)}\n`);
// latest.json is the checked-in run the README's table shows; only a full run of every scenario with
// the defaults replaces it.
const complete = options.mode === 'full' && options.defaults;
if (complete) await writeFile(join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(final, null, 2)}\n`);
log(`results in ${file}${complete ? ' and bench/results/latest.json' : ''}`);
if (options.updateReadme) {
  if (!complete) throw new Error('--update-readme needs a full run of every scenario with the default settings');
  await updateReadme(final);
  log('README.md performance table updated');
}
// A quick run is a smoke test on whatever machine runs it: it fails on errors, and only reports targets.
if (final.checks.some((c) => !c.pass && (options.mode === 'full' || c.kind === 'correctness'))) exitCode = 1;
process.exit(exitCode);
