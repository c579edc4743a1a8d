// Scenario 3: requests per second and latency of the frontend mix, 50 connections, through our gateway
// and through Hive Gateway (JS and Rust planner) over the same subgraphs and simulators, in one run.
// Gateways take turns round by round (A B C A B C ...) so that drift on a shared machine (other
// processes, thermal, caches) lands on all of them alike; medians over the rounds are reported.
import { cpuDuring } from '../deploy/procStats.js';
import { scrape, type SourceCounts } from '../deploy/metrics.js';
import { load, type LoadResult } from '../load.js';
import { median, round } from '../stats.js';

export interface GatewayUnderTest {
  name: string;
  url: string;
  pid: number;
  /** Where our gateway's /metrics are: its early entity fetches are counted there (a peer has none). */
  metricsUrl?: string;
}

/** Entity fetches our gateway sent before its plan reached them, per request answered (rememberedFetches.ts). */
export interface EarlyFetchCounts {
  /** Sent from the operation's arguments, and used. */
  predictedUsed: number;
  /** Sent with what the same plan and variables sent before, and used. */
  rememberedUsed: number;
  /** Either kind, dropped: the plan asked for other entities, or never reached the fetch. */
  dropped: number;
}

async function earlyFetchTotals(metricsUrl: string): Promise<EarlyFetchCounts> {
  const totals: EarlyFetchCounts = { predictedUsed: 0, rememberedUsed: 0, dropped: 0 };
  for (const m of await scrape(metricsUrl)) {
    if (m.name !== 'kommunegraf_gateway_early_fetches_total') continue;
    if (m.labels.outcome === 'dropped') totals.dropped += m.value;
    else if (m.labels.reason === 'predicted') totals.predictedUsed += m.value;
    else totals.rememberedUsed += m.value;
  }
  return totals;
}

export interface ThroughputSettings {
  connections: number;
  durationSec: number;
  /** Unmeasured load on each gateway before the first round (JIT, plan caches, connection pools). */
  warmupSec: number;
  rounds: number;
}

export interface RoundResult extends LoadResult {
  round: number;
  /** CPU milliseconds per request: the gateway's own process, and the four subgraphs together. */
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  /** The simulators and this process (the load generator): the rest of the machine's work per request. */
  othersCpuMsPerRequest: number;
  /** Requests the gateway sent to subgraphs per request it answered: how its plans split the work. */
  subgraphFetchesPerRequest: number;
  /** Calls the subgraphs made to Opus and FK ORG per request answered. */
  sourceCallsPerRequest: number;
  earlyFetchesPerRequest?: EarlyFetchCounts;
}

export interface GatewayThroughput {
  name: string;
  rounds: RoundResult[];
  rps: number;
  p50Ms: number;
  p99Ms: number;
  gatewayCpuMsPerRequest: number;
  subgraphsCpuMsPerRequest: number;
  othersCpuMsPerRequest: number;
  subgraphFetchesPerRequest: number;
  sourceCallsPerRequest: number;
  earlyFetchesPerRequest?: EarlyFetchCounts;
  failed: number;
  firstFailure?: string;
}

export interface Deployment {
  /** The subgraph processes, by name. */
  subgraphPids: Record<string, number>;
  /** Every other process of ours that works per request (the simulators). */
  otherPids: Record<string, number>;
  /** Requests answered so far, by subgraph. */
  subgraphRequests(): Promise<Record<string, SourceCounts>>;
}

export async function runThroughput(
  gateways: GatewayUnderTest[],
  deployment: Deployment,
  token: string,
  bodies: ReadonlyArray<{ body: string }>,
  settings: ThroughputSettings,
): Promise<GatewayThroughput[]> {
  for (const g of gateways) {
    if (settings.warmupSec > 0) await load({ url: g.url, token, bodies, connections: settings.connections, durationSec: settings.warmupSec });
  }
  const rounds = new Map<string, RoundResult[]>(gateways.map((g) => [g.name, []]));
  for (let r = 1; r <= settings.rounds; r++) {
    for (const g of gateways) {
      const before = await deployment.subgraphRequests();
      const earlyBefore = g.metricsUrl ? await earlyFetchTotals(g.metricsUrl) : undefined;
      const { result, cpuMs } = await cpuDuring({ gateway: g.pid, ...deployment.subgraphPids, ...deployment.otherPids, self: process.pid }, () =>
        load({ url: g.url, token, bodies, connections: settings.connections, durationSec: settings.durationSec }),
      );
      const after = await deployment.subgraphRequests();
      const earlyAfter = g.metricsUrl ? await earlyFetchTotals(g.metricsUrl) : undefined;
      const sum = (names: string[]) => names.reduce((a, n) => a + cpuMs[n], 0);
      const fetches = Object.keys(after).reduce((a, n) => a + after[n].requests - before[n].requests, 0);
      const callsOf = (c: SourceCounts) => Object.values(c.calls).reduce((a, v) => a + v, 0);
      const sourceCalls = Object.keys(after).reduce((a, n) => a + callsOf(after[n]) - callsOf(before[n]), 0);
      const per = (x: number) => round(x / Math.max(1, result.requests), 2);
      rounds.get(g.name)!.push({
        ...result,
        round: r,
        gatewayCpuMsPerRequest: per(cpuMs.gateway),
        subgraphsCpuMsPerRequest: per(sum(Object.keys(deployment.subgraphPids))),
        othersCpuMsPerRequest: per(sum([...Object.keys(deployment.otherPids), 'self'])),
        subgraphFetchesPerRequest: per(fetches),
        sourceCallsPerRequest: per(sourceCalls),
        ...(earlyBefore && earlyAfter
          ? {
              earlyFetchesPerRequest: {
                predictedUsed: per(earlyAfter.predictedUsed - earlyBefore.predictedUsed),
                rememberedUsed: per(earlyAfter.rememberedUsed - earlyBefore.rememberedUsed),
                dropped: per(earlyAfter.dropped - earlyBefore.dropped),
              },
            }
          : {}),
      });
    }
  }
  return gateways.map((g) => {
    const rs = rounds.get(g.name)!;
    const med = (f: (x: RoundResult) => number, digits = 1) => round(median(rs.map(f)), digits);
    return {
      name: g.name,
      rounds: rs.map((x) => ({ ...x, rps: round(x.rps, 1), durationSec: round(x.durationSec, 2) })),
      rps: med((x) => x.rps),
      p50Ms: med((x) => x.p50Ms),
      p99Ms: med((x) => x.p99Ms),
      gatewayCpuMsPerRequest: med((x) => x.gatewayCpuMsPerRequest, 2),
      subgraphsCpuMsPerRequest: med((x) => x.subgraphsCpuMsPerRequest, 2),
      othersCpuMsPerRequest: med((x) => x.othersCpuMsPerRequest, 2),
      subgraphFetchesPerRequest: med((x) => x.subgraphFetchesPerRequest, 2),
      sourceCallsPerRequest: med((x) => x.sourceCallsPerRequest, 2),
      ...(rs.every((x) => x.earlyFetchesPerRequest)
        ? {
            earlyFetchesPerRequest: {
              predictedUsed: med((x) => x.earlyFetchesPerRequest!.predictedUsed, 2),
              rememberedUsed: med((x) => x.earlyFetchesPerRequest!.rememberedUsed, 2),
              dropped: med((x) => x.earlyFetchesPerRequest!.dropped, 2),
            },
          }
        : {}),
      failed: rs.reduce((a, x) => a + x.failed, 0),
      firstFailure: rs.find((x) => x.firstFailure)?.firstFailure,
    };
  });
}
