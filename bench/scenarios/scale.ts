// Scenario 4: a large municipality. Peak memory of the gateway and of each subgraph over the whole run
// (the kernel's VmHWM), and whether memory keeps growing under load: resident size after a warm-up and
// after each further slice of the frontend mix, and the V8 heap's floor in each slice. A heap size read
// at one moment is mostly garbage not yet collected; the lowest of many reads across a slice is what
// the collector left alive, so a leak shows as a floor that keeps rising.
import type { OurStack } from '../deploy/ourStack.js';
import { gauge, scrape } from '../deploy/metrics.js';
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
  /** The lowest heap in use seen during the slice (during the pause after the warm-up for the first). */
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

const HEAP_POLL_MS = 200;

function urlsOf(stack: OurStack): Record<string, string> {
  return { gateway: stack.gateway.url, ...Object.fromEntries(Object.entries(stack.subgraphs).map(([n, s]) => [n, s.url])) };
}

/** Polls every process's heap in use while `during` runs; the lowest reading per process. */
async function heapFloor<T>(stack: OurStack, during: Promise<T>): Promise<{ result: T; floorMiB: Record<string, number> }> {
  const urls = urlsOf(stack);
  const floor: Record<string, number> = {};
  let done = false;
  const poll = (async () => {
    while (!done) {
      for (const [name, url] of Object.entries(urls)) {
        const heap = gauge(await scrape(url), 'kommunegraf_nodejs_heap_size_used_bytes');
        if (heap !== undefined) floor[name] = Math.min(floor[name] ?? Number.POSITIVE_INFINITY, heap / MiB);
      }
      await new Promise((r) => setTimeout(r, HEAP_POLL_MS));
    }
  })();
  const result = await during.finally(() => (done = true));
  await poll;
  return { result, floorMiB: floor };
}

function sample(stack: OurStack, afterRequests: number, floorMiB: Record<string, number>): Record<string, MemorySample> {
  const pids = stack.pids();
  return Object.fromEntries(
    Object.keys(urlsOf(stack)).map((name) => [name, { afterRequests, rssMiB: round(procStats(pids[name]).rssBytes / MiB, 1), heapUsedMiB: round(floorMiB[name] ?? Number.NaN, 1) }]),
  );
}

/**
 * The heap floor of the last two slices minus that of the first two. One slice can pass without a
 * full collection, and then its floor still holds garbage; a leak raises every later slice. (The
 * floor right after the warm-up is no baseline: an idle process is rarely collected.)
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
  // A short pause: whatever the warm-up left that the collector can take, it takes.
  const settled = await heapFloor(stack, new Promise((r) => setTimeout(r, 3_000)));
  const series: Array<Record<string, MemorySample>> = [sample(stack, 0, settled.floorMiB)];
  let sent = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  const slice = Math.ceil(s.requests / s.slices);
  while (sent < s.requests) {
    const amount = Math.min(slice, s.requests - sent);
    const { result: r, floorMiB } = await heapFloor(stack, run(amount, s.warmupRequests + sent));
    sent += amount;
    failed += r.failed;
    firstFailure ??= r.firstFailure;
    series.push(sample(stack, sent, floorMiB));
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
