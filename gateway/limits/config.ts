// Limits on what one request may ask for (README: "Limits"). Each is an environment variable.
import { intFromEnv } from '../../platform/env.js';
import { CLIENT_KINDS, type ClientKind } from '../../platform/auth/principal.js';
import { MAX_PAGE_SIZE } from '../../platform/pageSize.js';
import type { Env } from '../../platform/env.js';

export interface Limits {
  /** Lexical tokens in one document (punctuation included, comments not). */
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Demand-control cost (cost.ts), as Apollo Router's `demand_control.strategy.static_estimated.max`. */
  maxCost: number;
  maxPageSize: number;
  /** The size of a list field without `@listSize` (Apollo Router's `list_size`); every field declares one. */
  defaultListSize: number;
  /** Client kinds that may introspect the schema. */
  introspection: ReadonlySet<ClientKind>;
}

export function limitsFromEnv(env: Env = process.env): Limits {
  const kinds = (env.INTROSPECTION_CLIENT_KINDS ?? 'analyst,frontend').split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = kinds.filter((k) => !CLIENT_KINDS.includes(k as ClientKind));
  if (unknown.length) throw new Error(`INTROSPECTION_CLIENT_KINDS may list ${CLIENT_KINDS.join(', ')}; got ${unknown.join(', ')}`);
  return {
    maxTokens: intFromEnv(env, 'MAX_QUERY_TOKENS', 1000, 100, 100_000),
    maxDepth: intFromEnv(env, 'MAX_QUERY_DEPTH', 12, 1, 100),
    maxAliases: intFromEnv(env, 'MAX_ALIASES', 30, 0, 10_000),
    maxRootFields: intFromEnv(env, 'MAX_ROOT_FIELDS', 10, 1, 1_000),
    maxCost: intFromEnv(env, 'MAX_QUERY_COST', 50_000, 1, 100_000_000),
    maxPageSize: intFromEnv(env, 'MAX_PAGE_SIZE', MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    defaultListSize: intFromEnv(env, 'COST_DEFAULT_LIST_SIZE', 20, 1, 10_000),
    introspection: new Set(kinds as ClientKind[]),
  };
}
