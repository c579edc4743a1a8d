// A whole-source read kept per process and shared by every request (the FK ORG hierarchy, Opus's org
// tree). Fresh for `ttlMs`; after that it is still served while a new one loads in the background, up
// to `maxStaleMs` (equal to ttlMs: never), after which callers wait for the new one (and get the
// source's error if it cannot be read). One refresh at a time; concurrent callers share it.
import { noteStaleData, type StaleData } from './resilience/requestScope.js';
import { staleDataOf } from './resilience/StaleCache.js';

/** A read served from the stale-if-error cache is tried again this soon, not kept for the whole TTL. */
const STALE_RETRY_MS = 10_000;

export interface SnapshotOptions {
  ttlMs: number;
  maxStaleMs: number;
  now?: () => number;
  /** Told when a background refresh fails (the stale snapshot stays in use). */
  onRefreshError?: (error: unknown) => void;
}

interface Held<T> {
  at: number;
  value: T;
  /** Set when the read came from the stale-if-error cache. */
  stale?: StaleData;
}

export class SharedSnapshot<R, T> {
  private held?: Held<T>;
  private loading?: Promise<T>;
  private readonly now: () => number;

  constructor(
    /** Reads the whole thing from the source. */
    private readonly read: () => Promise<R>,
    /** Turns a read into what callers use (an index, a map). */
    private readonly build: (read: R) => T,
    private readonly options: SnapshotOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The snapshot to answer from: fresh, stale while a new one loads, or the new one. */
  async current(): Promise<T> {
    const held = this.held;
    const age = held ? this.now() - held.at : Number.POSITIVE_INFINITY;
    const freshFor = held?.stale ? Math.min(this.options.ttlMs, STALE_RETRY_MS) : this.options.ttlMs;
    if (held && age <= freshFor) return this.served(held);
    const refresh = this.refresh();
    if (held && age <= this.options.maxStaleMs) {
      refresh.catch((error: unknown) => this.options.onRefreshError?.(error));
      return this.served(held);
    }
    await refresh;
    return this.served(this.held!);
  }

  /** Every request answered from a snapshot that came from the stale-if-error cache says so. */
  private served(held: Held<T>): T {
    if (held.stale) noteStaleData({ source: held.stale.source, ageSeconds: held.stale.ageSeconds + (this.now() - held.at) / 1000 });
    return held.value;
  }

  private refresh(): Promise<T> {
    this.loading ??= this.read()
      .then((read) => {
        const value = this.build(read);
        this.held = { at: this.now(), value, stale: staleDataOf(read) };
        return value;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}
