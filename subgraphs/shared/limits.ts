// A subgraph's own limits, defence in depth behind the gateway's (gateway/limits/): should anything but
// the gateway reach a subgraph port with a valid token, it still cannot nest deep, alias a field
// thousands of times or introspect. The gateway's query plans nest a little deeper than the client's
// query (`_entities { ... on T { … } }`) and may add aliases of their own, so these are looser.
import { BREAK, type ValidationRule } from 'graphql';
import { intFromEnv } from '../../platform/env.js';
import { GatewayErrorCode } from '../../platform/errors.js';
import { depthAndAliasRules, limitError } from '../../platform/operationLimits.js';
import type { Env } from '../../platform/env.js';

export interface SubgraphLimits {
  maxDepth: number;
  maxAliases: number;
  /** `__schema`/`__type`: only for a subgraph run alone (SUBGRAPH_ACCEPT_CLIENT_TOKENS); the gateway never introspects. */
  introspection: boolean;
}

/**
 * Bodies up to 2 MB: a plan step carries its representations in the body, about 56 bytes per
 * employment (8,942 employments of the benchmark's subtree query in one page: 501 KB to absence and
 * payroll), so 2 MB holds some 35,000 employments in one step.
 */
export const SUBGRAPH_BODY_BYTES = 2 * 1024 * 1024;

export function subgraphLimitsFromEnv(env: Env, introspection: boolean): SubgraphLimits {
  const gatewayDepth = intFromEnv(env, 'MAX_QUERY_DEPTH', 12, 1, 100);
  return {
    maxDepth: intFromEnv(env, 'SUBGRAPH_MAX_DEPTH', 2 * gatewayDepth, 2, 200),
    maxAliases: intFromEnv(env, 'SUBGRAPH_MAX_ALIASES', 200, 0, 100_000),
    introspection,
  };
}

export function subgraphBodyBytesFromEnv(env: Env): number {
  return intFromEnv(env, 'SUBGRAPH_MAX_BODY_BYTES', SUBGRAPH_BODY_BYTES, 10_000, 100_000_000);
}

/** Depth and aliases as the gateway counts them (platform/operationLimits.ts), and introspection. */
export function subgraphLimitsRules(limits: SubgraphLimits): ValidationRule[] {
  const rules = depthAndAliasRules(limits);
  if (limits.introspection) return rules;
  const noIntrospection: ValidationRule = (context) => ({
    Field(node) {
      if (node.name.value !== '__schema' && node.name.value !== '__type') return undefined;
      context.reportError(limitError('Introspection is disabled at this subgraph; introspect the gateway', GatewayErrorCode.INTROSPECTION_DISABLED));
      return BREAK;
    },
  });
  return [...rules, noIntrospection];
}
