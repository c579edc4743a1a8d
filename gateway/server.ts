// The gateway: @apollo/gateway executing query plans over the static supergraph composed at build
// time (no runtime introspection of the subgraphs), inside Apollo Server on our node:http layer.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { isUnexpected, toClientError } from '../subgraphs/shared/errors.js';
import { requestIdOf } from '../subgraphs/shared/context.js';
import { graphqlRequestListener, listen, type Listening } from '../subgraphs/shared/http.js';
import type { SubgraphName } from '../subgraphs/shared/config.js';
import type { GatewayConfig } from './config.js';
import { keepAliveFetcher } from './subgraphFetcher.js';

export interface GatewayContext {
  requestId: string;
  authorization?: string;
}

export interface GatewayOptions extends GatewayConfig {
  supergraphSdl?: string;
  /** Extra routes (the explorer) tried before GraphQL. */
  routes?: Array<(req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>>;
  log?: (message: string, error?: unknown) => void;
}

export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

async function subgraphsReady(urls: Record<SubgraphName, string>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL('/health', url), { signal: AbortSignal.timeout(2_000) });
        return [name, res.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  const log = options.log ?? ((m, e) => console.error(m, e));
  const supergraphSdl = options.supergraphSdl ?? (await readFile(SUPERGRAPH_FILE, 'utf8'));
  const http = keepAliveFetcher({ connections: options.subgraphConnections, timeoutMs: options.subgraphTimeoutMs });
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: options.subgraphUrls[name as SubgraphName],
        fetcher: http.fetcher,
        willSendRequest({ request, context }) {
          request.http?.headers.set('x-request-id', context.requestId);
          if (context.authorization) request.http?.headers.set('authorization', context.authorization);
        },
      }),
  });
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // GraphiQL is served by the gateway itself; Apollo's default landing page would load a CDN.
    plugins: [ApolloServerPluginLandingPageDisabled()],
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (start.ts, server.ts entries): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => {
      if (isUnexpected(error)) log(`[gateway] unexpected error at ${formatted.path?.join('.') ?? '-'}`, error);
      return toClientError(formatted, error);
    },
  });
  await server.start();
  const handler = graphqlRequestListener(server, {
    bodyLimitBytes: options.bodyLimitBytes,
    context: async ({ req }) => ({ requestId: requestIdOf(req), authorization: req.headers.authorization }),
    routes: [
      ...(options.routes ?? []),
      async (req, res) => {
        if (req.url !== '/health' && req.url !== '/ready') return false;
        res.setHeader('content-type', 'application/json');
        if (req.url === '/health') {
          res.end(JSON.stringify({ status: 'ok' }));
          return true;
        }
        const subgraphs = await subgraphsReady(options.subgraphUrls);
        const ready = Object.values(subgraphs).every(Boolean);
        res.statusCode = ready ? 200 : 503;
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs }));
        return true;
      },
    ],
  });
  const listening = await listen(handler, options.port, options.host);
  return {
    ...listening,
    close: async () => {
      await listening.close();
      await server.stop();
      await http.close();
    },
  };
}
