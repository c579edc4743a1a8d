// Stale-if-error: every successful read leaves an encrypted copy in a store; when a later identical
// read fails (after retries, or at once while the breaker is open), the copy is served instead,
// and the request is told how old it is. Entries are keyed by source call (operation and
// arguments), never by user: authorization happens in the resolvers above the sources, exactly as
// for fresh data. Reads by many keys (employment numbers, UUIDs, CPR numbers) keep one entry per key,
// so a later batch with other members can be answered from entries that several batches left.
import type { CacheCipher } from '../cacheCipher.js';
import type { Store } from '../store.js';
import { isSourceError } from './failures.js';
import { noteStaleData, type StaleData } from './requestScope.js';
import { canonicalJson } from '../canonicalJson.js';

export interface ReadCache {
  /** A read whose whole answer is one entry. */
  one<T>(operation: string, args: unknown, read: () => Promise<T>): Promise<T>;
  /** A read by many keys whose answer has one value per key found; keys not in the answer are remembered as absent. */
  each<V>(operation: string, args: unknown, keys: readonly string[], read: () => Promise<Map<string, V>>): Promise<Map<string, V>>;
  /** Resolves when the copies of finished reads are written (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Stale-if-error switched off: every read goes to the source and nothing is kept. */
export const NO_READ_CACHE: ReadCache = {
  one: (_operation, _args, read) => read(),
  each: (_operation, _args, _keys, read) => read(),
  idle: async () => undefined,
  close: async () => undefined,
};

export interface StaleCacheOptions {
  /** The source's name as its errors carry it; reported with the data's age. */
  source: string;
  store: Store;
  cipher: CacheCipher;
  /** Oldest copy ever served; also the entries' TTL in the store. */
  maxAgeSeconds: number;
  /** Longest wait for the store when a read has failed; the source error is thrown after it. */
  lookupTimeoutMs?: number;
  /** Copies not yet written beyond which new ones are dropped (the store is slow or unreachable). */
  maxPendingWrites?: number;
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

interface Entry {
  /** When the source gave the value (ms since epoch). */
  at: number;
  value?: unknown;
  /** The source said the key does not exist. */
  absent?: true;
}

/** Values served from the cache, with their age, for callers that keep results beyond the request. */
const servedStale = new WeakMap<object, StaleData>();

/** The age of `value` when it came from the stale-if-error cache instead of the source. */
export function staleDataOf(value: unknown): StaleData | undefined {
  return typeof value === 'object' && value !== null ? servedStale.get(value) : undefined;
}

/** Any source failure but a business rejection: a rejection is the source's current, final answer. */
function servesStale(error: unknown): boolean {
  return isSourceError(error) && error.code !== 'SOURCE_REJECTED';
}

export class StaleCache implements ReadCache {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private dropped = 0;

  constructor(private readonly options: StaleCacheOptions) {
    if (!(options.maxAgeSeconds > 0)) throw new RangeError('maxAgeSeconds must be positive');
    this.now = options.now ?? Date.now;
    this.log = options.log ?? (() => undefined);
  }

  async one<T>(operation: string, args: unknown, read: () => Promise<T>): Promise<T> {
    const name = this.options.cipher.name(operation, canonicalJson(args));
    try {
      const value = await read();
      this.write([{ name, entry: { at: this.now(), value } }]);
      return value;
    } catch (error) {
      if (!servesStale(error)) throw error;
      const [entry] = await this.lookup([name], error);
      if (!entry || entry.absent) throw error;
      const value = entry.value as T;
      this.report(entry.at, value);
      return value;
    }
  }

  async each<V>(operation: string, args: unknown, keys: readonly string[], read: () => Promise<Map<string, V>>): Promise<Map<string, V>> {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return read();
    const scope = canonicalJson(args);
    const names = unique.map((k) => this.options.cipher.name(operation, scope, k));
    try {
      const found = await read();
      const at = this.now();
      this.write(unique.map((k, i) => ({ name: names[i], entry: found.has(k) ? { at, value: found.get(k) } : { at, absent: true } })));
      return found;
    } catch (error) {
      if (!servesStale(error)) throw error;
      const entries = await this.lookup(names, error);
      // All or nothing: a key without a copy would read as "does not exist", which is not what we know.
      if (entries.some((e) => e === undefined)) throw error;
      const out = new Map<string, V>();
      unique.forEach((k, i) => {
        const e = entries[i]!;
        if (!e.absent) out.set(k, e.value as V);
      });
      this.report(Math.min(...entries.map((e) => e!.at)), out);
      return out;
    }
  }

  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async close(): Promise<void> {
    await this.idle();
    await this.options.store.close().catch(() => undefined);
  }

  private report(oldest: number, value: unknown) {
    const stale = { source: this.options.source, ageSeconds: Math.max(0, Math.floor((this.now() - oldest) / 1000)) };
    noteStaleData(stale);
    if (typeof value === 'object' && value !== null) servedStale.set(value, stale);
  }

  /**
   * Sealed now (a caller changing the value afterwards cannot change the copy), written in the
   * background: the answer is not held up by the store.
   */
  private write(items: Array<{ name: string; entry: Entry }>) {
    if (items.length === 0) return;
    if (this.pending.size >= (this.options.maxPendingWrites ?? 64)) {
      if (this.dropped++ % 1000 === 0) this.log(`[stale-if-error] ${this.options.source}: store is behind, copies not kept`);
      return;
    }
    const { cipher, store, maxAgeSeconds } = this.options;
    const ttl = maxAgeSeconds * 1000;
    const sealed = items.map(({ name, entry }) => ({ key: name, value: cipher.seal(name, JSON.stringify(entry)), ttl }));
    const write = store.keyv
      .setMany(sealed)
      .catch((error: unknown) => this.log(`[stale-if-error] ${this.options.source}: could not keep a copy`, error))
      .finally(() => this.pending.delete(write));
    this.pending.add(write);
  }

  /** The entries still young enough, in `names` order; undefined where none (or the store did not answer in time). */
  private async lookup(names: string[], cause: unknown): Promise<Array<Entry | undefined>> {
    const { store, cipher, maxAgeSeconds } = this.options;
    let timer: NodeJS.Timeout | undefined;
    try {
      const raw = await Promise.race([
        store.keyv.getMany<string>(names),
        new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), this.options.lookupTimeoutMs ?? 500);
        }),
      ]);
      if (!raw) {
        this.log(`[stale-if-error] ${this.options.source}: the store did not answer in time`, cause);
        return names.map(() => undefined);
      }
      const oldestAllowed = this.now() - maxAgeSeconds * 1000;
      return names.map((name, i) => {
        const sealed = raw[i];
        if (typeof sealed !== 'string') return undefined;
        const plain = cipher.open(name, sealed);
        if (plain === null) return undefined;
        const entry = JSON.parse(plain) as Entry;
        return entry.at >= oldestAllowed ? entry : undefined;
      });
    } catch (error) {
      this.log(`[stale-if-error] ${this.options.source}: the store failed`, error);
      return names.map(() => undefined);
    } finally {
      clearTimeout(timer);
    }
  }
}
