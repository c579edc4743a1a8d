// How far the shared work lets any gateway lead in the throughput scenario. Every gateway runs over the
// same subgraphs, simulators and load generator on the same 2 cores. With the cores busy, requests per
// second go as the inverse of all CPU spent per request, so of two gateways whose CPU per request is
// G (ours) and H (the peer), with the shared work S per request through each, the lead is
// (H + S_peer) / (G + S_ours). The lead a gateway of ours costing nothing would reach is the ceiling
// the shared work sets, and a target lead r needs S <= (H - r * G) / (r - 1) with both gateways as
// they measured. docs/benchmarks.md ("What bounds the throughput lead") works through it.
import type { GatewayThroughput } from '../scenarios/throughput.js';
import { round } from '../stats.js';

export interface ThroughputBound {
  /** CPU ms per request, every process counted, through each gateway. */
  oursTotalMs: number;
  peerTotalMs: number;
  /** Of that, the subgraphs, the simulators and the load generator: the work the gateways share. */
  oursSharedMs: number;
  peerSharedMs: number;
  /** Cores kept busy (requests per second x CPU per request): how near the 2 cores each ran. */
  oursBusyCores: number;
  peerBusyCores: number;
  /** The lead a gateway of ours that cost no CPU at all would have had: (peer total) / (our shared work). */
  zeroCostLead: number;
  /** The shared work per request at which `ratio` would be reached with both gateways as measured (< 0: never). */
  sharedMsForRatio: number;
  ratio: number;
}

export function throughputBound(ours: GatewayThroughput, peer: GatewayThroughput, ratio: number): ThroughputBound {
  const shared = (g: GatewayThroughput) => g.subgraphsCpuMsPerRequest + g.othersCpuMsPerRequest;
  const total = (g: GatewayThroughput) => g.gatewayCpuMsPerRequest + shared(g);
  return {
    oursTotalMs: round(total(ours), 2),
    peerTotalMs: round(total(peer), 2),
    oursSharedMs: round(shared(ours), 2),
    peerSharedMs: round(shared(peer), 2),
    oursBusyCores: round((ours.rps * total(ours)) / 1000, 2),
    peerBusyCores: round((peer.rps * total(peer)) / 1000, 2),
    zeroCostLead: round(total(peer) / shared(ours), 2),
    sharedMsForRatio: round((peer.gatewayCpuMsPerRequest - ratio * ours.gatewayCpuMsPerRequest) / (ratio - 1), 2),
    ratio,
  };
}

/** The bound in one line of the report. */
export function describeBound(b: ThroughputBound, peerName: string): string {
  return (
    `what bounds the lead: a request cost ${b.oursTotalMs} ms of CPU in all through our gateway and ${b.peerTotalMs} ms through ${peerName} ` +
    `(${b.oursBusyCores} and ${b.peerBusyCores} of the 2 cores busy); the subgraphs, simulators and load generator took ${b.oursSharedMs} and ${b.peerSharedMs} ms of it. ` +
    `A gateway of ours that cost nothing would have led by ${b.zeroCostLead} x; ${b.ratio} x with both gateways as measured needs that shared work at ` +
    (b.sharedMsForRatio > 0 ? `${b.sharedMsForRatio} ms per request or less` : 'less than nothing (out of reach)')
  );
}
