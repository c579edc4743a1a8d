// Scenario 4: a large municipality. Peak memory of the gateway and of each subgraph over the whole run
// (the kernel's VmHWM), and whether memory keeps growing under load: resident size after a warm-up and
// after each further slice of the frontend mix, and the live V8 heap at each of those points, read
// after a full garbage collection through the process's inspector (bench/deploy/inspector.ts). A heap
// size read without one is partly garbage the collector has not taken yet, and how much depends on
// V8's heuristics (Node 24 collects the old generation later than Node 20 did); the live heap after a
// full collection rises from slice to slice only when something is kept.
import type { OurStack } from '../deploy/ourStack.js';
import { inspectorUrl, liveHeapBytes } from '../deploy/inspector.js';
import { MiB, procStats } from '../deploy/procStats.js';
import { load } from '../load.js';
import { round } from '../stats.js';

export interface ScaleSettings {
  connections: number;
  warmupRequests: number;
  requests: number;
  slices: number;
}

export interface MemorySample {
  /** Requests of the measured part sent so far (0: right after the warm-up). */
  afterRequests: number;
  rssMiB: number;
  /** The heap in use after a full garbage collection at the end of the slice (of the warm-up for the first). */
  heapUsedMiB: number;
}

export interface ProcessMemory {
  name: string;
  samples: MemorySample[];
  /** RSS after the last slice minus RSS after the warm-up. */
  rssGrowthMiB: number;
  /** See heapGrowth(). */
  heapGrowthMiB: number;
}

export interface MemoryUnderLoad {
  requests: number;
  failed: number;
  firstFailure?: string;
  processes: ProcessMemory[];
}

/** Each process's live heap in MiB, collected in turn (one process's collection does not stall the others' answers). */
async function liveHeaps(stack: OurStack): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [name, child] of Object.entries(stack.children())) {
    const url = inspectorUrl(child);
    if (!url) throw new Error(`${name} has no inspector to collect its garbage (started without --inspect?)`);
    out[name] = (await liveHeapBytes(url)) / MiB;
  }
  return out;
}

async function sample(stack: OurStack, afterRequests: number): Promise<Record<string, MemorySample>> {
  const heaps = await liveHeaps(stack);
  const pids = stack.pids();
  return Object.fromEntries(
    Object.keys(heaps).map((name) => [name, { afterRequests, rssMiB: round(procStats(pids[name]).rssBytes / MiB, 1), heapUsedMiB: round(heaps[name], 1) }]),
  );
}

/**
 * The live heap after the last two slices minus that after the first two (the lower of each pair: a
 * request still in flight at a slice's end can hold a few MiB); a leak raises every later slice.
 */
export function heapGrowth(slices: readonly MemorySample[]): number {
  if (slices.length < 2) return 0;
  const floor = (xs: readonly MemorySample[]) => Math.min(...xs.map((x) => x.heapUsedMiB));
  const pair = Math.min(2, Math.floor(slices.length / 2));
  return round(floor(slices.slice(-pair)) - floor(slices.slice(0, pair)), 1);
}

export async function memoryUnderLoad(stack: OurStack, token: string, bodies: ReadonlyArray<{ body: string }>, s: ScaleSettings): Promise<MemoryUnderLoad> {
  const run = (amount: number, offset: number) =>
    // Each slice continues the sequence where the previous one ended.
    load({ url: stack.gateway.url, token, bodies: bodies.slice(offset % bodies.length).concat(bodies.slice(0, offset % bodies.length)), connections: s.connections, amount });
  await run(s.warmupRequests, 0);
  const series: Array<Record<string, MemorySample>> = [await sample(stack, 0)];
  let sent = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const slice = Math.ceil(s.requests / s.slices);
  while (sent < s.requests) {
    const amount = Math.min(slice, s.requests - sent);
    const r = await run(amount, s.warmupRequests + sent);
    sent += amount;
    failed += r.failed;
    firstFailure ??= r.firstFailure;
    series.push(await sample(stack, sent));
  }
  const processes = Object.keys(series[0]).map((name) => {
    const samples = series.map((x) => x[name]);
    const first = samples[0];
    const last = samples[samples.length - 1];
    return { name, samples, rssGrowthMiB: round(last.rssMiB - first.rssMiB, 1), heapGrowthMiB: heapGrowth(samples.slice(1)) };
  });
  return { requests: sent, failed, firstFailure, processes };
}

/** Peak resident memory of every process since it started. */
export function peakMemory(stack: OurStack): Record<string, number> {
  return Object.fromEntries(Object.entries(stack.pids()).map(([name, pid]) => [name, round(procStats(pid).peakRssBytes / MiB, 1)]));
}
