// What a period's statistics are computed from, kept per process for a short while. A unit's cells
// depend on the whole municipality (the release rule weighs every unit of the tree), so each question
// about a period needs every employment of it: read once, then the "bars per unit" question and the
// next analyst's look at the same quarter cost no source call. Five minutes bound how far a figure can
// lag behind Opus; a few entries bound the memory (a compact record per employment, not Opus's
// answer). Only aggregates leave the subgraph, and the read uses the service's own Opus access
// whoever asks, so one caller's answer reveals nothing to another that their own would not.
import type { BoundedPeriod } from '../period.js';

export const PERIOD_CACHE_TTL_MS = 5 * 60_000;
export const PERIOD_CACHE_ENTRIES = 4;

interface Entry<T> {
  value: Promise<T>;
  until: number;
}

export class PeriodCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs = PERIOD_CACHE_TTL_MS,
    private readonly maxEntries = PERIOD_CACHE_ENTRIES,
    private readonly now: () => number = Date.now,
  ) {}

  /** The period's value, loaded once while fresh; concurrent askers share one load, a failed load is not kept. */
  get(period: BoundedPeriod, load: () => Promise<T>): Promise<T> {
    const key = `${period.from}..${period.to}`;
    const now = this.now();
    const found = this.entries.get(key);
    if (found && found.until > now) return found.value;
    this.entries.delete(key);
    for (const [k, e] of this.entries) if (e.until <= now) this.entries.delete(k);
    while (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    this.entries.set(key, { value, until: now + this.ttlMs });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }
}

/** One cache per source client (so stacks in one process never share figures). */
export function cachePerSource<S extends object, T>(): (source: S) => PeriodCache<T> {
  const caches = new WeakMap<S, PeriodCache<T>>();
  return (source) => {
    let cache = caches.get(source);
    if (!cache) caches.set(source, (cache = new PeriodCache<T>()));
    return cache;
  };
}
