// Key-value state that must outlive a request: APQ registrations and caches (idempotency records have
// stores of their own, subgraphs/shared/idempotency/).
// In memory by default (npm start needs no services); in Redis through @keyv/redis when REDIS_URL is
// set, so every replica and every restart sees the same state.
import { createKeyv } from '@keyv/redis';
import { Keyv } from 'keyv';
import type { Env } from './env.js';

export interface Store {
  readonly kind: 'memory' | 'redis';
  readonly keyv: Keyv;
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A Map that forgets its oldest entries beyond `maxEntries`. Keyv's own in-memory store only drops
 * expired entries when they are read again, so a cache whose keys are rarely asked twice would grow
 * without limit.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(private readonly maxEntries: number) {
    super();
    if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new RangeError('maxEntries must be a positive integer');
  }

  override set(key: K, value: V): this {
    // Re-inserting moves the key to the newest end, so eviction follows write order.
    super.delete(key);
    super.set(key, value);
    while (this.size > this.maxEntries) {
      const oldest = this.keys().next();
      if (oldest.done) break;
      super.delete(oldest.value);
    }
    return this;
  }
}

export interface StoreOptions {
  /** In memory only: the most entries kept, the oldest dropped first. Unbounded when not given. */
  maxEntries?: number;
}

function memoryStore(namespace: string, options: StoreOptions): Store {
  const keyv = new Keyv({ namespace, store: options.maxEntries ? new BoundedMap<string, unknown>(options.maxEntries) : new Map() });
  return {
    kind: 'memory',
    keyv,
    get: (key) => keyv.get(key),
    set: async (key, value, ttlMs) => void (await keyv.set(key, value, ttlMs)),
    delete: async (key) => void (await keyv.delete(key)),
    close: async () => undefined,
  };
}

function redisStore(namespace: string, url: string): Store {
  const keyv = createKeyv(url, { namespace, throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 5_000 });
  return {
    kind: 'redis',
    keyv,
    get: (key) => keyv.get(key),
    set: async (key, value, ttlMs) => void (await keyv.set(key, value, ttlMs)),
    delete: async (key) => void (await keyv.delete(key)),
    close: () => keyv.disconnect(),
  };
}

/** A store for one purpose (`namespace`), in Redis when REDIS_URL is set. */
export function createStore(namespace: string, env: Env = process.env, options: StoreOptions = {}): Store {
  const url = env.REDIS_URL;
  if (!url) return memoryStore(namespace, options);
  if (!/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
  return redisStore(`kommunegraf:${namespace}`, url);
}
