// Starts one subgraph as its own Apollo Server over HTTP. Each subgraph's server.ts is a few lines
// around this, so running one subgraph alone is `tsx subgraphs/<name>/server.ts`.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { batchingFromEnv, compileAfterFromEnv } from './config.js';
import { DEFAULT_PORTS, type SubgraphName } from '../../platform/topology.js';
import { intFromEnv } from '../../platform/env.js';
import { sourceConfigFromEnv, type SourceConfig } from '../../sources/config.js';
import type { TokenVerifier } from '../../platform/auth/verifier.js';
import { subgraphTrustFromEnv } from './auth/subgraphTrust.js';
import { auditSinkFromEnv } from '../../platform/audit/config.js';
import { auditPlugin } from '../../platform/audit/plugin.js';
import type { AuditSink } from '../../platform/audit/record.js';
import { compiledExecution } from './compiledExecution.js';
import { entityPrefetcher } from './prefetch.js';
import { contextFactory, type SubgraphContext } from './context.js';
import { Idempotency, idempotencyOptionsFromEnv } from './idempotency/idempotency.js';
import { idempotencyStoreFromEnv } from './idempotency/storeFromEnv.js';
import { clientErrorFormatter } from '../../platform/errors.js';
import { SUBGRAPH_BODY_BYTES, subgraphBodyBytesFromEnv, subgraphLimitsFromEnv, subgraphLimitsRules, type SubgraphLimits } from './limits.js';
import { withLimitCode } from '../../platform/operationLimits.js';
import { graphqlRequestListener, listen, type Listening } from '../../platform/http.js';
import { createLogger, type Logger } from '../../platform/logging.js';
import { metricsPlugin, metricsRoute, recordExecution } from '../../platform/metrics.js';
import { requestLogPlugin } from '../../platform/requestLog.js';
import { requireSecretsAtStartup } from '../../platform/secretKey.js';
import { PERSON_ID_KEY } from '../../platform/personId.js';
import { CACHE_KEY } from '../../platform/cacheCipher.js';
import { createSources, type SourceCallHook, type Sources } from './sources.js';
import { startTracing } from '../../platform/tracing.js';
import { logUnhandledRejections } from '../../platform/unhandledRejections.js';
import { staleDataPlugin, withRequestScope } from '../../platform/resilience/staleDataPlugin.js';
import { operationFieldsPlugin } from './operationFields.js';

/** Work a subgraph does outside requests (a snapshot it loads in the background); /ready waits for it. */
export interface Background {
  readonly ready: boolean;
  close(): Promise<void>;
}

/** Starts a subgraph's background work on its sources, configured from `env`. */
export type BackgroundStarter = (sources: Sources, config: SourceConfig, env: Record<string, string | undefined>, logger: Logger) => Background;

/** Several starters as one: ready when every one is, closed together. */
export function allBackgrounds(...starters: BackgroundStarter[]): BackgroundStarter {
  return (sources, config, env, logger) => {
    const started = starters.map((start) => start(sources, config, env, logger));
    return {
      get ready() {
        return started.every((b) => b.ready);
      },
      close: async () => {
        await Promise.all(started.map((b) => b.close()));
      },
    };
  };
}

export interface SubgraphOptions {
  name: SubgraphName;
  schema: GraphQLSchema;
  sources: Sources;
  /** Verifies the token the gateway signed for this subgraph (auth/gatewayToken.ts). */
  verifier: TokenVerifier;
  auditSink: AuditSink;
  /** Idempotency records; when not given, from the environment (idempotency/storeFromEnv.ts). */
  idempotency?: Idempotency;
  port?: number;
  host?: string;
  batching?: boolean;
  /** Default 2 MB (SUBGRAPH_MAX_BODY_BYTES), well above the gateway's largest plan steps. */
  bodyLimitBytes?: number;
  /** Depth, aliases, introspection (limits.ts); default: depth 24, 200 aliases, no introspection. */
  limits?: SubgraphLimits;
  logger?: Logger;
  /** Started already; /ready answers 503 until it is ready. */
  background?: Background;
  /** Executions of a document before graphql-jit compiles it, or `off`; default SUBGRAPH_COMPILE_AFTER (config.ts). */
  compileAfter?: number | 'off';
}

export async function startSubgraph(options: SubgraphOptions): Promise<Listening & { name: SubgraphName }> {
  const logger = options.logger ?? createLogger({ name: options.name });
  const limits = options.limits ?? subgraphLimitsFromEnv({}, false);
  const formatError = clientErrorFormatter(logger);
  const compileAfter = options.compileAfter ?? compileAfterFromEnv();
  const server = new ApolloServer<SubgraphContext>({
    // graphql-jit runs the operations; Apollo Server parses, validates and answers (compiledExecution.ts).
    ...(compileAfter === 'off' ? { schema: options.schema } : { gateway: compiledExecution(options.schema, compileAfter, (event) => recordExecution(options.name, event), entityPrefetcher(options.schema)) }),
    plugins: [
      // The gateway asks for no traces; subgraphs must not spend time building them.
      ApolloServerPluginInlineTraceDisabled(),
      // Nothing here caches responses, and the plugin would otherwise hook into every field resolved.
      ApolloServerPluginCacheControlDisabled(),
      auditPlugin(logger),
      metricsPlugin(options.name),
      requestLogPlugin(logger, 'debug'),
      staleDataPlugin(),
      operationFieldsPlugin(),
    ],
    validationRules: subgraphLimitsRules(limits),
    // Allowed or refused by subgraphLimitsRules, with the gateway's code for it (Apollo's own switch has none).
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (start.ts, server.ts entries): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => formatError(withLimitCode(formatted, error), error),
  });
  // Before the server starts: a subgraph serving writes in production stops here without PostgreSQL.
  const idempotencyStore = options.idempotency
    ? undefined
    : await idempotencyStoreFromEnv(options.name, process.env, { writes: Boolean(options.schema.getMutationType()) });
  await server.start();
  const idempotency = options.idempotency ?? new Idempotency(idempotencyStore!, idempotencyOptionsFromEnv());
  const handler = graphqlRequestListener(server, {
    requestLog: { logger, level: 'debug' },
    bodyLimitBytes: options.bodyLimitBytes ?? SUBGRAPH_BODY_BYTES,
    context: contextFactory({
      subgraph: options.name,
      sources: options.sources,
      loaderOptions: { batching: options.batching ?? true },
      verifier: options.verifier,
      auditSink: options.auditSink,
      idempotency,
      logger,
    }),
    routes: [
      metricsRoute,
      (req, res) => {
        if (req.url !== '/health' && req.url !== '/ready') return false;
        res.setHeader('content-type', 'application/json');
        if (req.url === '/health') {
          res.end(JSON.stringify({ status: 'ok', subgraph: options.name }));
          return true;
        }
        // Ready once what requests are answered from is in (the organisation: the first hierarchy snapshot).
        const ready = options.background?.ready ?? true;
        res.statusCode = ready ? 200 : 503;
        res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraph: options.name }));
        return true;
      },
    ],
  });
  const listening = await listen(withRequestScope(handler), options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    ...listening,
    name: options.name,
    close: async () => {
      await listening.close();
      await server.stop();
      await options.background?.close();
      await options.sources.close();
      await idempotencyStore?.close();
    },
  };
}

/** Entry point for running one subgraph alone against the sources named in the environment. */
export async function runSubgraphFromEnv(
  name: SubgraphName,
  buildSchema: () => Promise<GraphQLSchema>,
  options: { onCall?: SourceCallHook; background?: BackgroundStarter } = {},
) {
  const env = process.env;
  const stopTracing = await startTracing(`kommunegraf-${name}`, env);
  const port = intFromEnv(env, `${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], 0, 65535);
  const auditSink = await auditSinkFromEnv(env);
  const logger = createLogger({ name });
  logUnhandledRejections(logger);
  // Refuses to start on a malformed GATEWAY_PUBLIC_KEYS, or without one (or with the standalone flag) in production.
  const trust = subgraphTrustFromEnv(name, env, logger);
  // Stops here in production without PERSON_ID_KEY and CACHE_KEY (or with a malformed one), not at the first request.
  requireSecretsAtStartup(env, [PERSON_ID_KEY, CACHE_KEY], (message) => logger.warn(message));
  const config = sourceConfigFromEnv(env);
  const sources = createSources(config, options.onCall, { log: (message, error) => logger.warn({ err: error }, message), coalesce: batchingFromEnv(env) });
  const sg = await startSubgraph({
    name,
    schema: await buildSchema(),
    sources,
    background: options.background?.(sources, config, env, logger),
    logger,
    verifier: trust.verifier,
    limits: subgraphLimitsFromEnv(env, trust.acceptClientTokens),
    bodyLimitBytes: subgraphBodyBytesFromEnv(env),
    auditSink,
    port,
    host: env.HOST ?? '127.0.0.1',
    batching: batchingFromEnv(env),
  });
  logger.info({ url: sg.url, audit: auditSink.name }, `${name} subgraph listening`);
  const stop = async () => {
    await sg.close();
    await auditSink.close();
    await stopTracing();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sg;
}
