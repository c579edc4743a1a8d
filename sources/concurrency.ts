// Batched, bounded-concurrency calls: how the source clients split a multi-key read and how many of
// its calls may be in flight at once.

/** `items` cut into consecutive batches of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/** `fn` over `items`, at most `concurrency` calls at a time; results in the items' order, the first failure rejects. */
export async function mapConcurrently<I, O>(items: readonly I[], concurrency: number, fn: (item: I) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
