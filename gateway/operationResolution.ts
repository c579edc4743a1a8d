// A document that names no operation the gateway can run is the client's mistake, but @apollo/gateway
// only finds out while planning and throws, which Apollo Server reports as a 500. Both checks here run
// before planning and answer HTTP 400 with a stable code.
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type ValidationRule } from 'graphql';
import { GatewayErrorCode } from '../platform/errors.js';

/**
 * graphql-js 16 validates a subscription against a schema without a Subscription type (17 adds this
 * rule itself): refusing it here makes it GRAPHQL_VALIDATION_FAILED like any other invalid document.
 */
export const KnownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (context.getSchema().getRootType(node.operation)) return;
    context.reportError(new GraphQLError(`This API has no ${node.operation} operations; send a query or a mutation`, { nodes: node }));
  },
});

/** The client's operationName, short enough to quote back. */
function quoted(name: string): string {
  return JSON.stringify(name.length > 100 ? `${name.slice(0, 100)}…` : name);
}

/** Unknown `operationName`, or several operations and none named: 400 OPERATION_RESOLUTION_FAILURE. */
export function operationResolutionPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (operation) return;
          const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION).length;
          const message = request.operationName
            ? `The document has no operation named ${quoted(request.operationName)}`
            : operations > 1
              ? 'The document holds several operations; name the one to run in `operationName`'
              : 'The document holds no operation';
          throw new GraphQLError(message, { extensions: { code: GatewayErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } } });
        },
      };
    },
  };
}
