// fagsystem clients may run registered operations only. Checked at didResolveOperation: after the
// document is known, before execution, and before Apollo registers an APQ (an error here prevents the
// registration, so a refused operation is not stored either).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '../../subgraphs/shared/auth/principal.js';
import { GatewayErrorCode } from '../../subgraphs/shared/errors.js';
import type { PersistedQueryCache } from './cache.js';

export function safelistPlugin(cache: PersistedQueryCache): ApolloServerPlugin<{ principal: Principal }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (contextValue.principal.clientKind !== 'fagsystem') return;
          if (cache.isRegistered(queryHash)) return;
          throw new GraphQLError('This client may only run registered operations (schema/persisted-query-manifest.json); send the id of one', {
            extensions: { code: GatewayErrorCode.PERSISTED_QUERY_NOT_IN_SAFELIST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
