// Gateway configuration from the environment; every variable is in the README's table.
import { DEFAULT_PORTS, SUBGRAPHS, type SubgraphName } from '../platform/topology.js';
import { intFromEnv } from '../platform/env.js';
import { limitsFromEnv, type Limits } from './limits/config.js';
import type { Env } from '../platform/env.js';
import { DEFAULT_REMEMBERED_FETCHES } from './execution/rememberedFetches.js';

export interface GatewayConfig {
  port: number;
  host: string;
  subgraphUrls: Record<SubgraphName, string>;
  bodyLimitBytes: number;
  /** Timeout of one subgraph fetch. */
  subgraphTimeoutMs: number;
  /** Keep-alive connections per subgraph. */
  subgraphConnections: number;
  limits: Limits;
  /** Redis for APQ registrations shared by replicas; in memory when absent. */
  redisUrl?: string;
  /** How long an automatically persisted query stays registered. */
  apqTtlSeconds: number;
  /**
   * Who executes the query plans: the gateway's own execution (gateway/execution/), or
   * @apollo/gateway's, kept to compare the two side by side (bench:tuning, the equivalence test).
   */
  executor: 'own' | 'apollo-gateway';
  /** Single-entity fetches remembered to send early when a query repeats (execution/rememberedFetches.ts); 0: off. */
  rememberedFetches: number;
}

const EXECUTORS = ['own', 'apollo-gateway'] as const;

export function gatewayConfigFromEnv(env: Env = process.env): GatewayConfig {
  const host = env.HOST ?? '127.0.0.1';
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    const url = env[`${name.toUpperCase()}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
    try {
      new URL(url);
    } catch {
      throw new Error(`${name.toUpperCase()}_URL is not a URL: "${url}"`);
    }
    subgraphUrls[name] = url;
  }
  return {
    port: intFromEnv(env, 'PORT', 4000, 0, 65535),
    host,
    subgraphUrls,
    bodyLimitBytes: intFromEnv(env, 'MAX_BODY_BYTES', 100_000, 1_000, 50_000_000),
    subgraphTimeoutMs: intFromEnv(env, 'SUBGRAPH_TIMEOUT_MS', 30_000, 100, 300_000),
    subgraphConnections: intFromEnv(env, 'SUBGRAPH_CONNECTIONS', 64, 1, 1024),
    limits: limitsFromEnv(env),
    redisUrl: env.REDIS_URL || undefined,
    apqTtlSeconds: intFromEnv(env, 'APQ_TTL_SECONDS', 7 * 86_400, 60, 365 * 86_400),
    executor: executorFromEnv(env),
    rememberedFetches: intFromEnv(env, 'REMEMBERED_FETCHES', DEFAULT_REMEMBERED_FETCHES, 0, 1_000_000),
  };
}

function executorFromEnv(env: Env): GatewayConfig['executor'] {
  const value = env.GATEWAY_EXECUTOR || 'own';
  if (!(EXECUTORS as readonly string[]).includes(value)) throw new Error(`GATEWAY_EXECUTOR must be one of ${EXECUTORS.join(', ')}, got "${value}"`);
  return value as GatewayConfig['executor'];
}
