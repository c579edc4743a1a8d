// One log line per GraphQL request: who (subject, client), what (operation), how long, which error
// codes. Never variables or results: they can hold personal data.
import type { ApolloServerPlugin } from '@apollo/server';
import type { Principal } from './auth/principal.js';
import type { Logger } from './logging.js';

export function requestLogPlugin(logger: Logger, level: 'info' | 'debug'): ApolloServerPlugin<{ requestId?: string; principal?: Principal }> {
  return {
    async requestDidStart({ contextValue }) {
      const started = performance.now();
      return {
        async willSendResponse({ response, operationName }) {
          if (!logger.isLevelEnabled(level)) return;
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const p = contextValue?.principal;
          logger[level](
            {
              requestId: contextValue?.requestId,
              operationName: operationName ?? null,
              subject: p?.subject,
              clientId: p?.clientId,
              clientKind: p?.clientKind,
              status: response.http.status ?? 200,
              durationMs: Math.round((performance.now() - started) * 10) / 10,
              errors: body?.errors?.map((e) => e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
