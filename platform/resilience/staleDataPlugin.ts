// Tells the gateway which sources a subgraph answered from the stale-if-error cache, and how old
// that data was: `extensions.staleData: [{ source, ageSeconds }]` on the subgraph's response. The
// gateway passes it on to the client with the same plugin (gateway/staleData.ts).
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { currentRequestScope, runInRequestScope, staleDataOf, type StaleData } from './requestScope.js';

/** `staleOf` says what a request was served stale; by default what its request scope noted. */
export function staleDataPlugin<TContext extends BaseContext>(staleOf: (context: TContext) => StaleData[] = () => staleDataOf(currentRequestScope())): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const stale = staleOf(contextValue);
          if (stale.length === 0 || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, staleData: stale };
        },
      };
    },
  };
}

/** The HTTP handler with each request in its own scope: its start time bounds its source reads, and stale data is noted in it. */
export function withRequestScope(handler: (req: IncomingMessage, res: ServerResponse) => unknown) {
  return (req: IncomingMessage, res: ServerResponse) => runInRequestScope(() => handler(req, res));
}
