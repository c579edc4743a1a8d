// Small collection helpers shared by the subgraphs and the sources.

/**
 * Sets `key` in `map`, emptying the map first when it already holds `limit` entries: a cache bounded
 * without any bookkeeping, for values that are cheap to make again.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, limit: number): void {
  if (map.size >= limit) map.clear();
  map.set(key, value);
}

/** Appends `value` to the list under `key`, starting the list when there is none. */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The index of the first item of `sorted` for which `before` is false, `sorted` being ordered so that
 * `before` holds for a prefix of it (a binary search; the length when it holds for every item).
 */
export function firstIndexNot<T>(sorted: readonly T[], before: (item: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(sorted[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
