// The HTTP layer writes a GraphQL answer as text or, when long, as bytes encoded first
// (platform/http.ts): either way the client must get the same UTF-8 body with a matching length,
// Danish letters included, on both sides of the threshold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { graphqlRequestListener, listen, type Listening } from '../../platform/http.js';

let answer = '';
let http: Listening;

beforeAll(async () => {
  // Only executeHTTPGraphQLRequest is used by the listener; the body is whatever the test sets.
  const server = {
    executeHTTPGraphQLRequest: async () => ({ status: 200, headers: new HeaderMap([['content-type', 'application/json; charset=utf-8']]), body: { kind: 'complete', string: answer } }),
  } as unknown as ApolloServer<BaseContext>;
  http = await listen(graphqlRequestListener(server, { bodyLimitBytes: 1024 * 1024, context: async () => ({}) }), 0, '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
});

describe('the GraphQL answer on the wire', () => {
  it.each([
    ['short', 10],
    ['just under the threshold', 64 * 1024 - 40],
    ['long', 200 * 1024],
  ])('%s answers arrive whole, with their byte length', async (_label, size) => {
    const name = 'Søren Æbelø Ålborg ';
    const filler = name.repeat(Math.ceil(size / name.length)).slice(0, size);
    answer = JSON.stringify({ data: { name: filler } });
    const res = await fetch(http.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ name }"}' });
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBe(Buffer.byteLength(answer));
    expect(bytes.toString('utf8')).toBe(answer);
  });
});
