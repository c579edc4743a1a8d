// One subgraph as @apollo/gateway calls it. @apollo/gateway's RemoteGraphQLDataSource builds node-fetch
// Headers and a Request (parsing the URL) for every fetch only to hand them to hooks, which was about
// 5 % of the gateway's CPU per request in the throughput mix (docs/benchmarks.md, "The gateway's
// fetches"). This makes the same exchange directly: the same JSON body ({ query, variables,
// operationName }), and for a failed answer the same error RemoteGraphQLDataSource makes
// ("<status>: <status text>" with extensions.response, UNAUTHENTICATED for 401, FORBIDDEN for 403).
import { STATUS_CODES } from 'node:http';
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { injectTraceContext } from '../platform/tracing.js';
import type { SubgraphAnswer, SubgraphHttp } from './subgraphFetcher.js';

/** What a data source answers @apollo/gateway. */
type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

export interface SubgraphDataSourceOptions<TContext> {
  url: string;
  http: SubgraphHttp;
  /** Headers of one fetch beyond content type and trace context (the request id, the subgraph's token). */
  headers(context: TContext): Promise<Record<string, string>>;
  /** Sees every answer before the gateway merges it. */
  didReceiveResponse?(response: GatewayGraphQLResponse, context: TContext): GatewayGraphQLResponse;
  /** What the client sees of a failed fetch: throws it. */
  didEncounterError(error: unknown): never;
}

const JSON_TYPE = /^application\/(?:graphql-response\+)?json/;

function bodyOf(answer: SubgraphAnswer): unknown {
  return JSON_TYPE.test(answer.contentType) ? JSON.parse(answer.body) : answer.body;
}

function failedAnswer(url: string, answer: SubgraphAnswer): GraphQLError {
  const statusText = STATUS_CODES[answer.status] ?? '';
  const extensions: Record<string, unknown> = { response: { url, status: answer.status, statusText, body: bodyOf(answer) } };
  if (answer.status === 401) extensions.code = 'UNAUTHENTICATED';
  else if (answer.status === 403) extensions.code = 'FORBIDDEN';
  return new GraphQLError(`${answer.status}: ${statusText}`, { extensions });
}

export class SubgraphDataSource<TContext extends Record<string, any>> implements GraphQLDataSource<TContext> {
  constructor(private readonly options: SubgraphDataSourceOptions<TContext>) {}

  async process({ request, context }: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> {
    const { http: sent, query, ...rest } = request;
    if (!query) throw new Error('Missing query');
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    // What @apollo/gateway asks for itself (a federated trace, when usage reporting is on).
    if (sent?.headers) for (const [name, value] of sent.headers) headers[name.toLowerCase()] = value;
    Object.assign(headers, await this.options.headers(context as TContext));
    // The subgraph continues the gateway's trace (a no-op unless tracing is on).
    injectTraceContext(headers);
    let response: GatewayGraphQLResponse;
    try {
      const answer = await this.options.http.post(this.options.url, headers, JSON.stringify({ query, ...rest }));
      if (answer.status < 200 || answer.status >= 300) throw failedAnswer(this.options.url, answer);
      const body = bodyOf(answer);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
      response = body as GatewayGraphQLResponse;
    } catch (error) {
      return this.options.didEncounterError(error);
    }
    return this.options.didReceiveResponse ? this.options.didReceiveResponse(response, context as TContext) : response;
  }
}
