// The gateway: query plans of @apollo/query-planner over the static supergraph composed at build
// time (no runtime introspection of the subgraphs), executed by gateway/execution/, inside Apollo
// Server on our node:http layer.
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloGateway } from '@apollo/gateway';
import { FederatedGateway } from './execution/federatedGateway.js';
import { clientErrorFormatter } from '../platform/errors.js';
import { graphqlRequestListener, listen, requestIdOf, type Listening } from '../platform/http.js';
import type { SubgraphName } from '../platform/topology.js';
import type { Principal } from '../platform/auth/principal.js';
import type { TokenVerifier } from '../platform/auth/verifier.js';
import type { GatewaySigningKey } from '../platform/auth/gatewayKeys.js';
import { gatewayTokenSeconds } from '../platform/auth/gatewayToken.js';
import { GatewayTokenCache } from '../platform/auth/gatewayTokenCache.js';
import type { GatewayConfig } from './config.js';
import { subgraphHttp } from './subgraphFetcher.js';
import { SubgraphDataSource } from './subgraphDataSource.js';
import { limitsPlugin } from './limits/plugin.js';
import { costModelFrom } from './limits/costModel.js';
import { depthAndAliasRules, withLimitCode } from '../platform/operationLimits.js';
import { PersistedQueryCache } from './persisted/cache.js';
import { loadManifest } from './persisted/manifest.js';
import { safelistPlugin } from './persisted/safelist.js';
import { createStore } from '../platform/store.js';
import { applyScalarRules } from './scalars.js';
import { createLogger, type Logger } from '../platform/logging.js';
import { metricsPlugin, metricsRoute } from '../platform/metrics.js';
import { requestLogPlugin } from '../platform/requestLog.js';
import { adoptStaleData, collectStaleData, staleDataResponsePlugin } from './staleData.js';
import { KnownOperationTypesRule, operationResolutionPlugin } from './operationResolution.js';
import { subgraphFailure } from './subgraphFailure.js';
import { adoptFailedFetches, failedFetchPathsPlugin, notingFailedFetches } from './failedFetchPaths.js';

export interface GatewayContext {
  requestId: string;
  principal: Principal;
}

export interface GatewayOptions extends GatewayConfig {
  verifier: TokenVerifier;
  /** The gateway's Ed25519 key (GATEWAY_SIGNING_KEY) for the tokens it sends the subgraphs. */
  signingKey: GatewaySigningKey;
  supergraphSdl?: string;
  /** Extra routes (the explorer) tried before GraphQL. */
  routes?: Array<(req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>>;
  logger?: Logger;
}

export const SUPERGRAPH_FILE = new URL('../schema/supergraph.graphql', import.meta.url);

async function subgraphsReady(urls: Record<SubgraphName, string>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        // A subgraph's /ready is 200 once it can answer (the organisation: its first hierarchy snapshot is in).
        const res = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        return [name, res.ok] as const;
      } catch {
        return [name, false] as const;
      }
    }),
  );
  return Object.fromEntries(entries);
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  const logger = options.logger ?? createLogger({ name: 'gateway' });
  const supergraphSdl = options.supergraphSdl ?? (await readFile(SUPERGRAPH_FILE, 'utf8'));
  const apqStore = createStore('apq', { REDIS_URL: options.redisUrl });
  const persisted = new PersistedQueryCache(await loadManifest(), apqStore.keyv);
  const http = subgraphHttp({ connections: options.subgraphConnections, timeoutMs: options.subgraphTimeoutMs });
  // @apollo/gateway otherwise probes cloud metadata endpoints and reports usage metrics to Apollo's
  // servers. Personal-data infrastructure sends nothing out unasked; an operator may set it to false.
  process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';
  // The client's own token never reaches a subgraph: each gets a token the gateway signs for it and
  // the verified caller (README: "Trust between gateway and subgraphs").
  const subgraphTokens = new GatewayTokenCache({
    signingKey: options.signingKey,
    lifetimeSeconds: gatewayTokenSeconds(options.subgraphTimeoutMs),
    renewWithinMs: options.subgraphTimeoutMs,
  });
  // A failed fetch is noted so its error can name the fields it nulled (failedFetchPaths.ts).
  const buildService = ({ name }: { name: string }) =>
    notingFailedFetches(name, new SubgraphDataSource<GatewayContext>({
      url: options.subgraphUrls[name as SubgraphName],
      http,
      async headers(context): Promise<Record<string, string>> {
        // Only requests of a verified caller carry a token; anything else is refused by the subgraph.
        if (!context.principal) return { 'x-request-id': context.requestId };
        return { 'x-request-id': context.requestId, authorization: `Bearer ${await subgraphTokens.tokenFor(context.principal, name)}` };
      },
      didReceiveResponse(response, context) {
        collectStaleData(context, response.extensions);
        return response;
      },
      didEncounterError(error) {
        const failure = subgraphFailure(name, error);
        if (failure !== error) logger.warn({ err: error, subgraph: name }, 'subgraph fetch failed');
        throw failure;
      },
    }));
  const gateway =
    options.executor === 'apollo-gateway'
      ? new ApolloGateway({ supergraphSdl, buildService })
      : new FederatedGateway<GatewayContext>({
          supergraphSdl,
          buildService,
          // The data sources note failures and stale data per request context; an entity fetch sent
          // early has its own until its answer is used (execution/earlyFetches.ts).
          adoptEffects: (from, to) => {
            adoptFailedFetches(from, to);
            adoptStaleData(from, to);
          },
          rememberedFetches: options.rememberedFetches,
        });
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => applyScalarRules(apiSchema));
  const formatError = clientErrorFormatter(logger);
  const server = new ApolloServer<GatewayContext>({
    gateway,
    // GraphiQL is served by the gateway itself; Apollo's default landing page would load a CDN.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No response cache: cache hints would only cost work on every request.
      ApolloServerPluginCacheControlDisabled(),
      operationResolutionPlugin(),
      safelistPlugin(persisted),
      limitsPlugin(options.limits, costModelFrom(supergraphSdl)),
      metricsPlugin('gateway'),
      requestLogPlugin(logger, 'info'),
      staleDataResponsePlugin(),
      failedFetchPathsPlugin(),
    ],
    persistedQueries: { cache: persisted, ttl: options.apqTtlSeconds },
    // Bounds the parser's work for documents of many small tokens under the byte limit, and, since
    // graphql-js parses recursively, how deep a document can nest before the parser sees it. graphql-js
    // counts the tokens itself; graphql-armor's max-tokens counts the same ones through a proxy of the
    // lexer and needs an Envelop server to swap in its parse function, so it adds nothing here.
    parseOptions: { maxTokens: options.limits.maxTokens },
    validationRules: [KnownOperationTypesRule, ...depthAndAliasRules(options.limits)],
    // Introspection is allowed per client kind (limits plugin), so Apollo's switch stays on.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (start.ts, server.ts entries): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(withLimitCode(formatted, error), error),
  });
  await server.start();
  const handler = graphqlRequestListener(server, {
    requestLog: { logger, level: 'info' },
    bodyLimitBytes: options.bodyLimitBytes,
    context: async ({ req }) => ({
      requestId: requestIdOf(req),
      // 401 here, before planning: nothing reaches a subgraph without a valid token.
      principal: await options.verifier.verify(req.headers.authorization),
    }),
    routes: [
      ...(options.routes ?? []),
      metricsRoute,
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
      await apqStore.close();
    },
  };
}
