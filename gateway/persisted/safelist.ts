// fagsystem clients may run registered operations only. Checked at didResolveOperation: after the
// document is known, before execution, and before Apollo registers an APQ (an error here prevents the
// registration, so a refused operation is not stored either).
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Principal } from '../../platform/auth/principal.js';
import { GatewayErrorCode } from '../../platform/errors.js';
import type { PersistedQueryCache } from './cache.js';

const MESSAGE = 'This client may only run registered operations (schema/persisted-query-manifest.json); send the id of one';

export function safelistPlugin(cache: PersistedQueryCache): ApolloServerPlugin<{ principal: Principal }> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, queryHash }) {
          if (contextValue.principal.clientKind !== 'fagsystem') return;
          if (cache.isRegistered(queryHash)) return;
          throw new GraphQLError(MESSAGE, { extensions: { code: GatewayErrorCode.PERSISTED_QUERY_NOT_IN_SAFELIST, http: { status: 400 } } });
        },
        async willSendResponse({ contextValue, response }) {
          // An id nobody registered would otherwise get PERSISTED_QUERY_NOT_FOUND and one an analyst
          // registered PERSISTED_QUERY_NOT_IN_SAFELIST: a fagsystem could probe which queries others run.
          // Every id outside the manifest gets the same answer.
          if (contextValue?.principal?.clientKind !== 'fagsystem' || response.body.kind !== 'single') return;
          if (!response.body.singleResult.errors?.some((e) => e.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND')) return;
          response.body.singleResult = { errors: [{ message: MESSAGE, extensions: { code: GatewayErrorCode.PERSISTED_QUERY_NOT_IN_SAFELIST } }] };
          response.http.status = 400;
          // Apollo marks its not-found answer uncacheable; the safelist answer carries no such header.
          response.http.headers.delete('cache-control');
        },
      };
    },
  };
}
