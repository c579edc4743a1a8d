// A whole-source read kept per process and shared by every request (the FK ORG hierarchy, Opus's org
// tree), loaded in the background and never inside a request. `start()` restores the last good copy
// (when persisted) and loads a new one; after each good load the next is due after half the TTL, so
// a new snapshot is normally in before the old one is past its TTL. A failed load is logged, counted
// and tried again with backoff; the old snapshot stays. One load at a time: a refresh holds at most
// the old snapshot and the one being read.
//
// A request only ever reads what is held: past the TTL it answers from it and notes `staleData`;
// before the first snapshot (or past `maxStaleMs`) it fails at once with SOURCE_UNAVAILABLE.
import { recordSnapshotLoad, watchSnapshotAge } from '../../platform/metrics.js';
import { noteStaleData, outsideRequestScope } from '../../platform/resilience/requestScope.js';
import { staleDataOf } from '../../platform/resilience/StaleCache.js';
import { backoffCeiling } from '../../platform/resilience/backoff.js';

/** What is persisted: the source's answer as read, and when it was read (ms since epoch). */
export interface PersistedSnapshot<R> {
  at: number;
  read: R;
}

export interface SnapshotPersistence<R> {
  /** The last good snapshot, or undefined (none, unreadable, another format or source). */
  load(): Promise<PersistedSnapshot<R> | undefined>;
  save(snapshot: PersistedSnapshot<R>): Promise<void>;
  close(): Promise<void>;
}

export interface BackgroundSnapshotOptions<R> {
  /** For logs and metrics: `fkorg-hierarchy`, `opus-org-tree`. */
  name: string;
  /** The source's name as errors and staleData notes carry it: `FK ORG`, `KMD Opus`. */
  source: string;
  /** What a request that cannot be answered is told is missing, e.g. `The organisation from FK ORG`. */
  what: string;
  /** How long a snapshot is fresh. */
  ttlMs: number;
  /** Older than this, a snapshot answers no request. Unbounded when not given. */
  maxStaleMs?: number;
  /** Bound on one whole load (its calls have their own timeout in the source client). */
  loadTimeoutMs: number;
  /** Wait before retry n of a failed load: between half and all of min(max, base·2ⁿ⁻¹). */
  retry: { baseDelayMs: number; maxDelayMs: number };
  persistence?: SnapshotPersistence<R>;
  /** Longest wait for the persisted copy at start. */
  restoreTimeoutMs?: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  now?: () => number;
  random?: () => number;
}

/** A request needed the snapshot but none may be served (not loaded yet, or too old). */
export class SnapshotUnavailableError extends Error {
  readonly code = 'SOURCE_UNAVAILABLE';
  readonly retryable = false;

  constructor(
    readonly source: string,
    readonly clientMessage: string,
  ) {
    super(clientMessage);
    this.name = 'SnapshotUnavailableError';
  }
}

class LoadTimeoutError extends Error {
  constructor(name: string, ms: number) {
    super(`${name} load did not complete within ${ms} ms`);
    this.name = 'LoadTimeoutError';
  }
}

interface Held<T> {
  /** When its data was read from the source. */
  at: number;
  value: T;
}

export class BackgroundSnapshot<R, T> {
  private held?: Held<T>;
  private running = false;
  private closed = false;
  private failures = 0;
  private timer?: NodeJS.Timeout;
  private restoring?: Promise<void>;
  private readonly now: () => number;
  private readonly firstIn: Promise<void>;
  private markIn!: () => void;
  private stopAgeMetric?: () => void;

  constructor(
    /** Reads the whole thing from the source; `signal` aborts when the load is past its bound (a source may stop early). */
    private readonly read: (signal: AbortSignal) => Promise<R>,
    /** Turns a read into what requests use (an index, a map). */
    private readonly build: (read: R) => T,
    private readonly options: BackgroundSnapshotOptions<R>,
  ) {
    if (!(options.ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    this.now = options.now ?? Date.now;
    this.firstIn = new Promise((resolve) => (this.markIn = resolve));
  }

  /** Restores the persisted copy, then loads (at once, or when the restored copy is due). Idempotent. */
  start(): this {
    if (this.restoring || this.closed) return this;
    this.stopAgeMetric = watchSnapshotAge(this.options.name, () => (this.held ? (this.now() - this.held.at) / 1000 : undefined));
    // Timers and promise callbacks keep the async context they were made in: none of a request's.
    outsideRequestScope(() => {
      this.restoring = this.restore();
      void this.restoring.then(() => this.schedule(this.held ? this.dueIn(this.held.at) : 0));
    });
    return this;
  }

  /** True once a snapshot is in (restored or loaded); it stays true. */
  get ready(): boolean {
    return this.held !== undefined;
  }

  /** Resolves when the first snapshot is in. */
  whenReady(): Promise<void> {
    return this.firstIn;
  }

  /**
   * The snapshot held now, whatever its age, or undefined: for a guess that saves work (reading
   * ahead), never for an answer, so it neither refuses an old copy nor marks the response stale.
   */
  peek(): T | undefined {
    return this.held?.value;
  }

  /** The snapshot to answer a request from; never waits, neither for a load nor for the persisted copy. */
  async current(): Promise<T> {
    const held = this.held;
    if (!held) throw new SnapshotUnavailableError(this.options.source, `${this.options.what} is still loading; try again shortly`);
    const age = this.now() - held.at;
    if (age > (this.options.maxStaleMs ?? Number.POSITIVE_INFINITY)) {
      throw new SnapshotUnavailableError(this.options.source, `${this.options.what} could not be refreshed for too long; try again later`);
    }
    if (age > this.options.ttlMs) noteStaleData({ source: this.options.source, ageSeconds: age / 1000 });
    return held.value;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.stopAgeMetric?.();
    await this.options.persistence?.close();
  }

  /** Next load due: half the TTL after the data was read. */
  private dueIn(at: number): number {
    return Math.max(0, at + this.options.ttlMs / 2 - this.now());
  }

  private schedule(ms: number) {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.load(), ms);
    this.timer.unref();
  }

  private hold(held: Held<T>) {
    this.held = held;
    this.markIn();
  }

  private async restore(): Promise<void> {
    const { persistence, maxStaleMs, log, name } = this.options;
    if (!persistence) return;
    try {
      const copy = await withTimeout(persistence.load(), this.options.restoreTimeoutMs ?? 10_000, () => new Error(`${name}: the persisted copy was not read in time`));
      if (!copy || this.now() - copy.at > (maxStaleMs ?? Number.POSITIVE_INFINITY)) return;
      this.hold({ at: copy.at, value: this.build(copy.read) });
      log?.info({ snapshot: name, ageSeconds: Math.round((this.now() - copy.at) / 1000) }, 'snapshot restored from its persisted copy');
    } catch (err) {
      log?.warn({ err, snapshot: name }, 'the persisted snapshot could not be read; loading from the source');
    }
  }

  private async load(): Promise<void> {
    if (this.running || this.closed) return;
    this.running = true;
    const { name, log, loadTimeoutMs } = this.options;
    const startedAt = this.now();
    const t0 = performance.now();
    const abort = new AbortController();
    const walk = outsideRequestScope(async () => this.read(abort.signal));
    try {
      const read = await withTimeout(walk, loadTimeoutMs, () => {
        abort.abort();
        return new LoadTimeoutError(name, loadTimeoutMs);
      });
      if (this.closed) return;
      // A read answered from the stale-if-error cache is as old as that copy.
      const stale = staleDataOf(read);
      const at = stale ? this.now() - stale.ageSeconds * 1000 : startedAt;
      this.hold({ at, value: this.build(read) });
      recordSnapshotLoad(name, 'ok');
      log?.info({ snapshot: name, ms: Math.round(performance.now() - t0), ...(stale ? { fromCopy: true } : {}) }, 'snapshot loaded');
      if (stale) {
        // The source failed and a copy answered: read again after the backoff of a failed load.
        this.schedule(this.retryDelay(++this.failures));
      } else {
        this.failures = 0;
        await this.persist({ at, read });
        this.schedule(this.dueIn(at));
      }
    } catch (err) {
      this.failures++;
      recordSnapshotLoad(name, 'failed');
      const delay = this.retryDelay(this.failures);
      log?.warn({ err, snapshot: name, failures: this.failures, retryInMs: delay }, 'snapshot load failed; the previous snapshot stays in use');
      // A walk past the bound was told to stop (the FK ORG client stops before its next page); the next
      // load still waits until it has ended, so two never overlap.
      await walk.catch(() => undefined);
      this.schedule(delay);
    } finally {
      this.running = false;
    }
  }

  private async persist(snapshot: PersistedSnapshot<R>) {
    const { persistence, log, name } = this.options;
    if (!persistence) return;
    try {
      await persistence.save(snapshot);
    } catch (err) {
      log?.warn({ err, snapshot: name }, 'the snapshot could not be persisted');
    }
  }

  private retryDelay(failures: number): number {
    const ceiling = backoffCeiling(failures, this.options.retry);
    return Math.round(ceiling / 2 + ((this.options.random ?? Math.random)() * ceiling) / 2);
  }
}

/** `pending`, or `onTimeout()` thrown after `ms` (the work itself runs on). */
function withTimeout<T>(pending: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([pending, expired]).finally(() => clearTimeout(timer));
}
