// Depth and alias limits as validation rules, for the gateway and (looser) the subgraphs. graphql-armor
// counts: depth by fields, fragments adding none (flattenFragments), `__schema` not counted; every
// alias, `__typename`'s too. A refusal carries the limit's own code and the measured value and the
// limit (`{ depth, limit }`), where Apollo Server would report GRAPHQL_VALIDATION_FAILED: withLimitCode
// in formatError puts the code back.
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, type GraphQLFormattedError, type ValidationContext, type ValidationRule } from 'graphql';
import { GatewayErrorCode } from './errors.js';

export interface DepthAndAliasLimits {
  maxDepth: number;
  maxAliases: number;
}

class LimitError extends GraphQLError {
  constructor(message: string, readonly limitCode: string, details: Record<string, number>) {
    super(message, { extensions: { code: limitCode, ...details } });
  }
}

/** Armor only counts (its own limit is never reached); the comparison and the error are ours. */
const counted = (check: (context: ValidationContext, n: number) => void) => ({
  n: Number.POSITIVE_INFINITY,
  onAccept: [(context: ValidationContext | null, { n }: { n: number }) => context && check(context, n)],
});

export function depthAndAliasRules(limits: DepthAndAliasLimits): ValidationRule[] {
  return [
    maxDepthRule({
      flattenFragments: true,
      ignoreIntrospection: true,
      ...counted((context, depth) => {
        if (depth <= limits.maxDepth) return;
        context.reportError(new LimitError(`The query nests ${depth} levels deep; at most ${limits.maxDepth} are allowed`, GatewayErrorCode.QUERY_TOO_DEEP, { depth, limit: limits.maxDepth }));
      }),
    }),
    maxAliasesRule({
      allowList: [],
      ...counted((context, aliases) => {
        if (aliases <= limits.maxAliases) return;
        context.reportError(new LimitError(`The query uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, GatewayErrorCode.TOO_MANY_ALIASES, { aliases, limit: limits.maxAliases }));
      }),
    }),
  ];
}

/** A validation error raised by a limit keeps the limit's code. For formatError, before clientErrorFormatter. */
export function withLimitCode(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!(original instanceof LimitError)) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: original.limitCode } };
}

/** A refusal of the limits checked at validation: the subgraph's introspection switch. */
export function limitError(message: string, code: string, details: Record<string, number> = {}): GraphQLError {
  return new LimitError(message, code, details);
}
