// Starts one subgraph as its own Apollo Server over HTTP. Each subgraph's server.ts is a few lines
// around this, so running one subgraph alone is `tsx subgraphs/<name>/server.ts`.
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { batchingFromEnv, DEFAULT_PORTS, intFromEnv, sourceConfigFromEnv, type SubgraphName } from './config.js';
import { contextFactory, type SubgraphContext } from './context.js';
import { isUnexpected, toClientError } from './errors.js';
import { graphqlRequestListener, listen, type Listening } from './http.js';
import { createSources, type SourceCallHook, type Sources } from './sources.js';

export interface SubgraphOptions {
  name: SubgraphName;
  schema: GraphQLSchema;
  sources: Sources;
  port?: number;
  host?: string;
  batching?: boolean;
  bodyLimitBytes?: number;
  log?: (message: string, error?: unknown) => void;
}

export async function startSubgraph(options: SubgraphOptions): Promise<Listening & { name: SubgraphName }> {
  const log = options.log ?? ((m, e) => console.error(m, e));
  const server = new ApolloServer<SubgraphContext>({
    schema: options.schema,
    // The gateway asks for no traces; subgraphs must not spend time building them.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (start.ts, server.ts entries): Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    formatError: (formatted, error) => {
      if (isUnexpected(error)) log(`[${options.name}] unexpected error at ${formatted.path?.join('.') ?? '-'}`, error);
      return toClientError(formatted, error);
    },
  });
  await server.start();
  const handler = graphqlRequestListener(server, {
    bodyLimitBytes: options.bodyLimitBytes ?? 10 * 1024 * 1024,
    context: contextFactory(options.sources, { batching: options.batching ?? true }),
    routes: [
      (req, res) => {
        if (req.url !== '/health') return false;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ status: 'ok', subgraph: options.name }));
        return true;
      },
    ],
  });
  const listening = await listen(handler, options.port ?? 0, options.host ?? '127.0.0.1');
  return {
    ...listening,
    name: options.name,
    close: async () => {
      await listening.close();
      await server.stop();
      await options.sources.close();
    },
  };
}

/** Entry point for running one subgraph alone against the sources named in the environment. */
export async function runSubgraphFromEnv(name: SubgraphName, buildSchema: () => Promise<GraphQLSchema>, onCall?: SourceCallHook) {
  const env = process.env;
  const port = intFromEnv(env, `${name.toUpperCase()}_PORT`, DEFAULT_PORTS[name], 0, 65535);
  const sg = await startSubgraph({
    name,
    schema: await buildSchema(),
    sources: createSources(sourceConfigFromEnv(env), onCall),
    port,
    host: env.HOST ?? '127.0.0.1',
    batching: batchingFromEnv(env),
  });
  console.log(`${name} subgraph listening on ${sg.url}`);
  const stop = async () => {
    await sg.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sg;
}
