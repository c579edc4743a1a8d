// The gateway's HTTP client to the subgraphs and the data source @apollo/gateway calls, against a real
// local server: what is sent, what a failed answer becomes, the per-fetch deadline, and kept-alive
// connections.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { subgraphHttp } from '../../gateway/subgraphFetcher.js';
import { SubgraphDataSource } from '../../gateway/subgraphDataSource.js';

let server: Server;
let base: string;
let connections = 0;
const received: Array<{ method?: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, headers: req.headers, body });
    if (req.url === '/hang') return; // never answers
    if (req.url === '/fail') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('subgraph broke');
      return;
    }
    if (req.url === '/refuse') {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ message: 'no token', extensions: { code: 'UNAUTHENTICATED' } }] }));
      return;
    }
    if (req.url === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('not json');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=0', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('subgraphHttp', () => {
  it('sends the headers and body and answers status, content type and body', async () => {
    const http = subgraphHttp({ connections: 4, timeoutMs: 5_000 });
    try {
      const answer = await http.post(`${base}/graphql`, { 'content-type': 'application/json', 'x-request-id': 'r-1' }, '{"query":"{ a }"}');
      expect(answer).toEqual({ status: 200, contentType: 'application/json; charset=utf-8', body: JSON.stringify({ data: { echo: { query: '{ a }' } } }) });
      const last = received[received.length - 1];
      expect(last.method).toBe('POST');
      expect(last.headers['x-request-id']).toBe('r-1');
      expect(last.body).toBe('{"query":"{ a }"}');
    } finally {
      await http.close();
    }
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const http = subgraphHttp({ connections: 4, timeoutMs: 300 });
    try {
      const started = Date.now();
      await expect(http.post(`${base}/hang`, {}, '{}')).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/timeout/i) });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await http.close();
    }
  });

  it('keeps the connection alive between fetches', async () => {
    const http = subgraphHttp({ connections: 1, timeoutMs: 5_000 });
    try {
      const before = connections;
      for (let i = 0; i < 5; i++) await http.post(`${base}/graphql`, {}, `{"i":${i}}`);
      expect(connections - before).toBe(1);
    } finally {
      await http.close();
    }
  });
});

describe('SubgraphDataSource', () => {
  type Context = { requestId: string };
  const http = subgraphHttp({ connections: 4, timeoutMs: 5_000 });
  afterAll(() => http.close());
  const source = (path: string, seen: unknown[] = []) =>
    new SubgraphDataSource<Context>({
      url: `${base}${path}`,
      http,
      headers: async (context) => ({ 'x-request-id': context.requestId, authorization: 'Bearer t' }),
      didReceiveResponse: (response) => {
        seen.push(response);
        return response;
      },
      didEncounterError: (error) => {
        throw error;
      },
    });
  const call = (s: SubgraphDataSource<Context>) =>
    s.process({
      // @apollo/gateway's GraphQLDataSourceRequestKind.INCOMING_OPERATION, which its index does not export.
      kind: 'incoming operation' as never,
      request: { query: 'query Q($n: Int) { a(n: $n) }', variables: { n: 1 }, operationName: 'Q' },
      context: { requestId: 'r-2' },
      incomingRequestContext: {} as never,
    });

  it('posts the query, variables and operation name as JSON with its headers, and hands the answer on', async () => {
    const seen: unknown[] = [];
    const response = await call(source('/graphql', seen));
    expect(response).toEqual({ data: { echo: { query: 'query Q($n: Int) { a(n: $n) }', variables: { n: 1 }, operationName: 'Q' } } });
    expect(seen).toEqual([response]);
    const last = received[received.length - 1];
    expect(JSON.parse(last.body)).toEqual({ query: 'query Q($n: Int) { a(n: $n) }', variables: { n: 1 }, operationName: 'Q' });
    expect(last.headers).toMatchObject({ 'content-type': 'application/json', 'x-request-id': 'r-2', authorization: 'Bearer t' });
  });

  it('makes a failed answer the error @apollo/gateway\'s own data source makes: status, status text and body', async () => {
    const error = await call(source('/fail')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ message: '500: Internal Server Error', extensions: { response: { url: `${base}/fail`, status: 500, statusText: 'Internal Server Error', body: 'subgraph broke' } } });
    const refused = await call(source('/refuse')).catch((e: unknown) => e);
    expect(refused).toMatchObject({ message: '401: Unauthorized', extensions: { code: 'UNAUTHENTICATED', response: { status: 401, body: { errors: [{ message: 'no token' }] } } } });
  });

  it('fails as RemoteGraphQLDataSource does, message and extensions alike', async () => {
    for (const path of ['/fail', '/refuse', '/text']) {
      const apollo = new RemoteGraphQLDataSource({ url: `${base}${path}` });
      const theirs = (await apollo.process({ kind: 'incoming operation' as never, request: { query: '{ a }' }, context: {}, incomingRequestContext: {} as never }).catch((e: unknown) => e)) as Error;
      const ours = (await call(source(path)).catch((e: unknown) => e)) as Error;
      expect(ours.constructor).toBe(theirs.constructor);
      expect(ours.message).toBe(theirs.message);
      if (theirs instanceof GraphQLError) expect((ours as GraphQLError).extensions).toEqual(theirs.extensions);
    }
  });

  it('refuses an answer that is not a JSON object', async () => {
    await expect(call(source('/text'))).rejects.toThrow('Expected JSON response body, but received: not json');
  });
});
