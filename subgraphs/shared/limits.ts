// A subgraph's own limits, defence in depth behind the gateway's (gateway/limits/): should anything but
// the gateway reach a subgraph port with a valid token, it still cannot nest deep, alias a field
// thousands of times or introspect. The gateway's query plans nest a little deeper than the client's
// query (`_entities { ... on T { … } }`) and may add aliases of their own, so these are looser.
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type GraphQLFormattedError, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { intFromEnv } from '../../platform/env.js';
import { GatewayErrorCode } from '../../platform/errors.js';

type Env = Record<string, string | undefined>;

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

class SubgraphLimitError extends GraphQLError {
  constructor(message: string, readonly limitCode: string) {
    super(message, { extensions: { code: limitCode } });
  }
}

/** A validation rule: depth and aliases counted as the gateway counts them (fields; fragments add no depth). */
export function subgraphLimitsRule(limits: SubgraphLimits): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of context.getDocument().definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
    return {
      OperationDefinition(operation) {
        let depth = 0;
        let aliases = 0;
        let introspection = false;
        const walk = (set: SelectionSetNode, level: number, seen: ReadonlySet<string>) => {
          for (const sel of set.selections) {
            if (sel.kind === Kind.FRAGMENT_SPREAD) {
              const fragment = fragments[sel.name.value];
              if (fragment && !seen.has(sel.name.value)) walk(fragment.selectionSet, level, new Set([...seen, sel.name.value]));
              continue;
            }
            if (sel.kind === Kind.INLINE_FRAGMENT) {
              walk(sel.selectionSet, level, seen);
              continue;
            }
            if (sel.alias) aliases++;
            if (sel.name.value === '__schema' || sel.name.value === '__type') introspection = true;
            depth = Math.max(depth, level);
            // Past the limit there is nothing more to learn; a deep or wide document stops costing here.
            if (depth > limits.maxDepth || aliases > limits.maxAliases) return;
            if (sel.selectionSet) walk(sel.selectionSet, level + 1, seen);
          }
        };
        walk(operation.selectionSet, 1, new Set());
        if (depth > limits.maxDepth) {
          context.reportError(new SubgraphLimitError(`The operation nests deeper than this subgraph's limit of ${limits.maxDepth}`, GatewayErrorCode.QUERY_TOO_DEEP));
        } else if (aliases > limits.maxAliases) {
          context.reportError(new SubgraphLimitError(`The operation has more than this subgraph's limit of ${limits.maxAliases} aliases`, GatewayErrorCode.TOO_MANY_ALIASES));
        } else if (introspection && !limits.introspection) {
          context.reportError(new SubgraphLimitError('Introspection is disabled at this subgraph; introspect the gateway', GatewayErrorCode.INTROSPECTION_DISABLED));
        }
      },
    };
  };
}

/**
 * Apollo Server reports every validation error as GRAPHQL_VALIDATION_FAILED; a limit keeps its own
 * code, the one the gateway uses for the same limit. For the subgraph's formatError, before
 * clientErrorFormatter.
 */
export function withLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!(original instanceof SubgraphLimitError)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: original.limitCode } };
}
