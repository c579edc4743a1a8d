// The FK ORG hierarchy of a large municipality, slow to read: a stack of its own whose FK ORG
// simulator answers every fremsoegobjekthierarki page `pageLatencyMs` late, with a short TTL so the
// hierarchy is re-read in the background again and again. Measured: time until the organisation
// subgraph (and the gateway) is ready, then a query load touching the organisation subgraph (unit
// tree, managers, staff) while refreshes run: answers, failures (the target is none), latency, the
// organisation process's peak RSS and its heap (one snapshot after the first load, the most while
// old and new overlap during refreshes).
import { startOurStack } from '../deploy/ourStack.js';
import { gauge, scrape, type Sample } from '../deploy/metrics.js';
import { MiB, procStats } from '../deploy/procStats.js';
import { load } from '../load.js';
import { Random } from '../../sources/sample/random.js';
import { round } from '../stats.js';

export interface HierarchySettings {
  employees: number;
  seed: number;
  today: string;
  pageLatencyMs: number;
  ttlSeconds: number;
  connections: number;
  durationSec: number;
}

export interface HierarchyResult {
  settings: HierarchySettings;
  employments: number;
  units: number;
  /** fremsoegobjekthierarki calls until ready: about one walk (a refresh may have begun). */
  pagesUntilReady: number;
  /** Spawn of the subgraphs until the organisation subgraph's /ready said 200. */
  readySec: number;
  /** fremsoegobjekthierarki calls while the query load ran (refreshes in progress). */
  pagesDuringLoad: number;
  /** Hierarchy loads completed (ok) and failed while the query load ran. */
  refreshes: number;
  failedLoads: number;
  sent: number;
  failed: number;
  firstFailure?: string;
  p50Ms: number;
  p99Ms: number;
  rps: number;
  organisationPeakRssMiB: number;
  /** V8 heap in use right after the first load (one snapshot), and the most seen during the load. */
  heapAfterReadyMiB: number;
  heapPeakMiB: number;
}

const QUERIES = [
  'query Tree($id: ID!) { orgUnit(id: $id) { name parent { name } children { name } ancestors { name } } }',
  'query Managers($id: ID!) { orgUnit(id: $id) { name managers { title inherited name } } }',
  'query Staff($id: ID!) { orgUnit(id: $id) { name employments { employmentNumber employee { name } } } }',
];

const loads = (samples: Sample[], outcome: string) =>
  samples.find((s) => s.name === 'kommunegraf_snapshot_loads_total' && s.labels.snapshot === 'fkorg-hierarchy' && s.labels.outcome === outcome)?.value ?? 0;

export async function runHierarchy(settings: HierarchySettings, ctx: { issuerUrl: string; token: string; auditDir: string; log: (m: string) => void }): Promise<HierarchyResult> {
  const stack = await startOurStack({
    simulators: { employees: settings.employees, seed: settings.seed, today: settings.today, latencyMs: 0, nominals: [10], hierarchyPageLatencyMs: settings.pageLatencyMs },
    issuerUrl: ctx.issuerUrl,
    batching: true,
    auditDir: `${ctx.auditDir}/hierarchy`,
    gatewayEnv: {},
    subgraphEnv: { ORG_HIERARCHY_TTL_SECONDS: String(settings.ttlSeconds) },
    startTimeoutMs: 170_000,
  });
  try {
    const orgUrl = stack.subgraphs.organisation.url;
    const walk = await stack.simulators.takeCalls();
    const pagesUntilReady = walk.calls['organisationsystem.fremsoegobjekthierarki'] ?? 0;
    const heapAfterReadyMiB = (gauge(await scrape(orgUrl), 'kommunegraf_nodejs_heap_size_used_bytes') ?? Number.NaN) / MiB;
    ctx.log(`hierarchy: ready in ${round(stack.subgraphs.organisation.startupMs / 1000, 1)} s (${pagesUntilReady} pages read); ${settings.durationSec} s of queries while it refreshes`);

    const w = stack.simulators.ready.workload;
    const r = new Random(settings.seed);
    const bodies = Array.from({ length: 3_000 }, (_, i) => ({ body: JSON.stringify({ query: QUERIES[i % QUERIES.length], variables: { id: r.pick(w.staffUnits) } }) }));
    const before = await scrape(orgUrl);
    let heapPeak = heapAfterReadyMiB;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const heap = gauge(await scrape(orgUrl).catch(() => []), 'kommunegraf_nodejs_heap_size_used_bytes');
        if (heap !== undefined) heapPeak = Math.max(heapPeak, heap / MiB);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    const result = await load({ url: stack.gateway.url, token: ctx.token, bodies, connections: settings.connections, durationSec: settings.durationSec });
    sampling = false;
    await sampler;
    const after = await scrape(orgUrl);
    const during = await stack.simulators.takeCalls();
    return {
      settings,
      employments: w.employments,
      units: w.units,
      pagesUntilReady,
      pagesDuringLoad: during.calls['organisationsystem.fremsoegobjekthierarki'] ?? 0,
      readySec: round(stack.subgraphs.organisation.startupMs / 1000, 1),
      refreshes: loads(after, 'ok') - loads(before, 'ok'),
      failedLoads: loads(after, 'failed') - loads(before, 'failed'),
      sent: result.requests,
      failed: result.failed,
      firstFailure: result.firstFailure,
      p50Ms: round(result.p50Ms, 1),
      p99Ms: round(result.p99Ms, 1),
      rps: round(result.rps, 1),
      organisationPeakRssMiB: round(procStats(stack.subgraphs.organisation.child.pid).peakRssBytes / MiB, 1),
      heapAfterReadyMiB: round(heapAfterReadyMiB, 1),
      heapPeakMiB: round(heapPeak, 1),
    };
  } finally {
    await stack.close();
  }
}
