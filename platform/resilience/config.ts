// Retry, deadline, circuit breaker and stale-if-error settings from the environment (all in the
// README's Configuration table). The time budgets nest: one source call (OPUS_TIMEOUT_MS,
// FKORG_TIMEOUT_MS) <= all source reads of a subgraph request (SOURCE_DEADLINE_MS) < the gateway's
// wait for that subgraph (SUBGRAPH_TIMEOUT_MS), so a slow source ends as SOURCE_TIMEOUT on its own
// fields, never as a gateway timeout of the whole subgraph.
import { cacheKeyFromEnv } from '../cacheCipher.js';
import { intFromEnv } from '../env.js';
import type { RetryPolicy } from './backoff.js';
import type { Env } from '../env.js';

export interface ResilienceConfig {
  retry: RetryPolicy;
  /** SOURCE_DEADLINE_MS: all source reads of one subgraph request, retries included. */
  budgetMs: number;
  breaker: { failureThreshold: number; cooldownMs: number; halfOpenProbes: number };
  staleIfError: {
    /** 0: off. */
    maxAgeSeconds: number;
    cacheKey: Buffer;
    /** Where the copies live (REDIS_URL, or memory when unset). */
    redisUrl?: string;
  };
}

/** The gateway's default SUBGRAPH_TIMEOUT_MS (gateway/config.ts). */
const GATEWAY_SUBGRAPH_TIMEOUT_MS = 30_000;

export function resilienceConfigFromEnv(env: Env = process.env): ResilienceConfig {
  // The gateway's setting, read here too so the default budget follows it when both are set alike.
  const subgraphTimeoutMs = intFromEnv(env, 'SUBGRAPH_TIMEOUT_MS', GATEWAY_SUBGRAPH_TIMEOUT_MS, 100, 300_000);
  // A sixth of the gateway's wait stays for the subgraph to answer after its sources gave up.
  const budgetMs = intFromEnv(env, 'SOURCE_DEADLINE_MS', Math.floor((subgraphTimeoutMs * 5) / 6), 100, 300_000);
  if (budgetMs >= subgraphTimeoutMs) {
    throw new Error(`SOURCE_DEADLINE_MS (${budgetMs}) must be below SUBGRAPH_TIMEOUT_MS (${subgraphTimeoutMs}), or clients get gateway timeouts instead of SOURCE_TIMEOUT`);
  }
  const baseDelayMs = intFromEnv(env, 'SOURCE_RETRY_BASE_MS', 200, 0, 60_000);
  const maxDelayMs = intFromEnv(env, 'SOURCE_RETRY_MAX_MS', 2_000, 0, 60_000);
  if (maxDelayMs < baseDelayMs) throw new Error('SOURCE_RETRY_MAX_MS must not be below SOURCE_RETRY_BASE_MS');
  const maxAgeSeconds = intFromEnv(env, 'STALE_IF_ERROR_SECONDS', 0, 0, 7 * 24 * 3600);
  return {
    retry: { attempts: intFromEnv(env, 'SOURCE_RETRY_ATTEMPTS', 3, 1, 10), baseDelayMs, maxDelayMs },
    budgetMs,
    breaker: {
      failureThreshold: intFromEnv(env, 'SOURCE_BREAKER_FAILURES', 5, 1, 1000),
      cooldownMs: intFromEnv(env, 'SOURCE_BREAKER_COOLDOWN_MS', 20_000, 0, 3_600_000),
      halfOpenProbes: intFromEnv(env, 'SOURCE_BREAKER_PROBES', 1, 1, 100),
    },
    staleIfError: {
      maxAgeSeconds,
      // Only needed (and in production only demanded) when there is something to encrypt.
      cacheKey: maxAgeSeconds > 0 ? cacheKeyFromEnv(env) : cacheKeyFromEnv({}),
      redisUrl: env.REDIS_URL || undefined,
    },
  };
}

/** Fails at startup when one source call may outlast the budget of all reads of a request. */
export function checkCallTimeouts(config: ResilienceConfig, timeouts: Record<string, number>): void {
  for (const [name, ms] of Object.entries(timeouts)) {
    if (ms > config.budgetMs) throw new Error(`${name} (${ms}) must not exceed SOURCE_DEADLINE_MS (${config.budgetMs}): one call would outlast all retries`);
  }
}
