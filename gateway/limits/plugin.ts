// Refuses operations over the limits with HTTP 400 (introspection by a client kind that may not:
// 403) and a stable code, after validation and before any subgraph is asked. Depth and aliases are
// validation rules (platform/operationLimits.ts); tokens are counted by the parser (server.ts).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type FragmentDefinitionNode } from 'graphql';
import type { Principal } from '../../platform/auth/principal.js';
import { GatewayErrorCode } from '../../platform/errors.js';
import type { Limits } from './config.js';
import { estimateCostOnce } from './cost.js';
import type { CostModel } from './costModel.js';
import { operationVariables } from './variables.js';

function refuse(code: string, message: string, details: Record<string, number>, status = 400): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details, http: { status } } });
}

/** graphql-js's message when a document has more tokens than `maxTokens`. */
const TOKEN_LIMIT = /Document contains more tha[nt] \d+ tokens/;

export function limitsPlugin(limits: Limits, costModel: CostModel): ApolloServerPlugin<{ principal: Principal }> {
  return {
    async requestDidStart() {
      return {
        async parsingDidStart() {
          return async (error) => {
            // graphql-js stops at the first token past parseOptions.maxTokens (server.ts) and Apollo answers
            // GRAPHQL_PARSE_FAILED, keeping the parse error's extensions: name the limit there.
            if (error instanceof GraphQLError && TOKEN_LIMIT.test(error.message)) Object.assign(error.extensions, { tokens: limits.maxTokens + 1, limit: limits.maxTokens });
          };
        },
        async didResolveOperation({ operation, document, request, schema, contextValue }) {
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const m = estimateCostOnce(schema, costModel, operation, fragments, () => operationVariables(schema, operation, request.variables), limits.defaultListSize);
          if (m.introspection && !limits.introspection.has(contextValue.principal.clientKind)) {
            throw refuse(GatewayErrorCode.INTROSPECTION_DISABLED, `Introspection is not available to ${contextValue.principal.clientKind} clients`, {}, 403);
          }
          if (m.rootFields > limits.maxRootFields) throw refuse(GatewayErrorCode.TOO_MANY_ROOT_FIELDS, `The query asks for ${m.rootFields} root fields; at most ${limits.maxRootFields} are allowed`, { rootFields: m.rootFields, limit: limits.maxRootFields });
          if (m.largestPage > limits.maxPageSize) throw refuse(GatewayErrorCode.PAGE_TOO_LARGE, `A page of ${m.largestPage} was asked for; at most ${limits.maxPageSize} per page`, { first: m.largestPage, limit: limits.maxPageSize });
          if (m.cost > limits.maxCost) {
            throw refuse(GatewayErrorCode.QUERY_TOO_COSTLY, `The query's estimated cost is ${m.cost}; at most ${limits.maxCost} is allowed (ask for smaller pages or fewer nested lists)`, { cost: m.cost, limit: limits.maxCost });
          }
        },
      };
    },
  };
}
