// The APQ cache Apollo Server reads persisted queries from: the manifest's operations are always
// there (so a fagsystem can send just an id), and automatic registrations go to keyv, in Redis when
// REDIS_URL is set so every replica knows what any one of them registered.
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Keyv } from 'keyv';
import type { PersistedQueryManifest } from './manifest.js';

/** Apollo Server prefixes every APQ key with this before it reaches the cache. */
const APQ_PREFIX = 'apq:';
const idOf = (key: string) => (key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key);

export class PersistedQueryCache implements KeyValueCache<string> {
  private readonly registered: Map<string, string>;

  constructor(
    manifest: PersistedQueryManifest,
    private readonly apq: Keyv,
  ) {
    this.registered = new Map(manifest.operations.map((o) => [o.id, o.body]));
  }

  /** True for the ids of registered (manifest) operations. */
  isRegistered(id: string): boolean {
    return this.registered.has(id);
  }

  async get(key: string): Promise<string | undefined> {
    return this.registered.get(idOf(key)) ?? (await this.apq.get<string>(idOf(key)));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    // Apollo gives the TTL in seconds (none: kept until evicted); keyv takes milliseconds.
    if (!this.registered.has(idOf(key))) await this.apq.set(idOf(key), value, typeof options?.ttl === 'number' ? options.ttl * 1000 : undefined);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.apq.delete(idOf(key));
  }
}

