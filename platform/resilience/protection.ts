// Builds one source's guard and read cache from the resilience settings. Both sources get the same
// kind of protection, each its own breaker and cache namespace.
import { CacheCipher } from '../cacheCipher.js';
import { createStore } from '../store.js';
import { CircuitBreaker } from './CircuitBreaker.js';
import type { ResilienceConfig } from './config.js';
import { SourceGuard } from './SourceGuard.js';
import { NO_READ_CACHE, StaleCache, type ReadCache } from './StaleCache.js';

/** One source's guard (breaker, retries, deadline) and its stale-if-error read cache. */
export interface Protection {
  guard: SourceGuard;
  cache: ReadCache;
}

/** Copies one process keeps in memory (without REDIS_URL) before dropping the oldest. */
const MEMORY_MAX_ENTRIES = 50_000;

export interface ProtectionOptions {
  log?: (message: string, error?: unknown) => void;
  /** Injected in tests to pin the backoff schedule. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock of the breaker's cool-down and the cached copies' age; injected in tests. */
  now?: () => number;
}

export function createProtection(source: string, cacheNamespace: string, config: ResilienceConfig, options: ProtectionOptions = {}): Protection {
  const log = options.log ?? ((m, e) => console.warn(m, e ?? ''));
  const breaker = new CircuitBreaker({ ...config.breaker, now: options.now });
  breaker.onStateChange((state, previous) => log(`[circuit-breaker] ${source}: ${previous} -> ${state}`));
  const guard = new SourceGuard({ source, retry: config.retry, budgetMs: config.budgetMs, breaker, random: options.random, sleep: options.sleep });
  const { maxAgeSeconds, cacheKey, redisUrl } = config.staleIfError;
  if (maxAgeSeconds === 0) return { guard, cache: NO_READ_CACHE };
  const store = createStore(cacheNamespace, { REDIS_URL: redisUrl }, { maxEntries: MEMORY_MAX_ENTRIES });
  // A store that is down reports every reconnect attempt; one line a minute says enough.
  let lastLogged = 0;
  store.keyv.on('error', (error: unknown) => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    log(`[stale-if-error] ${source}: store error`, error);
  });
  return { guard, cache: new StaleCache({ source, store, cipher: new CacheCipher(cacheKey), maxAgeSeconds, log, now: options.now }) };
}
