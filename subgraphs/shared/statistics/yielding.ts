// A cold statistics question walks every employment of the municipality: seconds of CPU at 50,000
// employments (docs/benchmarks.md, "Workforce statistics"). Done in one go, that would hold every other
// request of the subgraph for as long; walked with this, the event loop gets a turn every few
// milliseconds, so other answers wait at most a slice.

/** How long a walk runs before it lets other work in. */
export const SLICE_MS = 10;

export interface YieldingOptions {
  sliceMs?: number;
  now?: () => number;
}

/** Calls `each` for every item, giving the event loop a turn whenever a slice of time has passed. */
export async function eachYielding<T>(items: Iterable<T>, each: (item: T) => void, options: YieldingOptions = {}): Promise<void> {
  const sliceMs = options.sliceMs ?? SLICE_MS;
  const now = options.now ?? (() => performance.now());
  let until = now() + sliceMs;
  for (const item of items) {
    each(item);
    if (now() >= until) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      until = now() + sliceMs;
    }
  }
}

/** `items` in consecutive pieces of at most `size`. */
export function* pieces<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
