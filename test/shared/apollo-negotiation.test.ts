// Apollo Server's media type negotiation, answered once per Accept header and offer
// (platform/apolloNegotiation.ts): the same answers as negotiator's own, in the copy Apollo Server
// loads, and through Apollo Server itself.
import { createRequire } from 'node:module';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { describe, expect, it, vi } from 'vitest';
import { apolloNegotiatorPath } from '../../platform/apolloNegotiation.js';

const require = createRequire(import.meta.url);
const preferredMediaTypes = require(require.resolve('./lib/mediaType.js', { paths: [apolloNegotiatorPath().replace(/index\.js$/, '')] })) as (
  accept: string | undefined,
  provided: string[],
) => string[];
const Negotiator = require(apolloNegotiatorPath()) as {
  new (request: { headers: { accept?: string } }): { mediaType(available?: string[]): string | undefined };
  prototype: { mediaTypes(available?: string[]): string[] };
};

const OFFERS = [
  ['application/json', 'application/graphql-response+json', 'application/json; callback'],
  ['multipart/mixed; incrementalSpec=v0.2', 'multipart/mixed; deferSpec=20220824'],
];
const ACCEPTS = [
  undefined,
  '',
  '*/*',
  'application/json',
  'application/graphql-response+json, application/json;q=0.9',
  'text/plain',
  'application/json;q=0, */*;q=0.1',
  'multipart/mixed; deferSpec=20220824, application/json',
  'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
];

describe('media type negotiation for Apollo Server', () => {
  it("answers as negotiator's own parser does, asked once or many times", () => {
    for (let round = 0; round < 3; round++) {
      for (const accept of ACCEPTS) {
        for (const offer of OFFERS) {
          const expected = preferredMediaTypes(accept === undefined ? undefined : accept, offer)[0];
          expect(new Negotiator({ headers: { accept } }).mediaType(offer), `${accept} / ${offer}`).toBe(expected);
        }
      }
    }
    // Without an offer: the client's own first preference, not memoised.
    expect(new Negotiator({ headers: { accept: 'text/csv, application/json' } }).mediaType()).toBe('text/csv');
  });

  it('parses a header once per offer', () => {
    const parse = vi.spyOn(Negotiator.prototype, 'mediaTypes');
    const accept = 'application/json;q=0.5, application/graphql-response+json';
    expect(new Negotiator({ headers: { accept } }).mediaType(OFFERS[0])).toBe('application/graphql-response+json');
    expect(new Negotiator({ headers: { accept } }).mediaType([...OFFERS[0]])).toBe('application/graphql-response+json');
    expect(new Negotiator({ headers: { accept } }).mediaType(OFFERS[1])).toBeUndefined();
    expect(parse).toHaveBeenCalledTimes(2);
    parse.mockRestore();
  });

  it('stays right past its bound, with more headers than it keeps', () => {
    for (let i = 0; i < 600; i++) {
      const accept = i % 2 ? `application/json;q=0.${(i % 9) + 1}, text/x-${i}` : `text/x-${i}`;
      expect(new Negotiator({ headers: { accept } }).mediaType(OFFERS[0])).toBe(preferredMediaTypes(accept, OFFERS[0])[0]);
    }
  });

  it('is what Apollo Server negotiates with: 406 for a type it cannot give, the type asked for otherwise', async () => {
    const server = new ApolloServer({ typeDefs: 'type Query { a: Int }', resolvers: { Query: { a: () => 1 } } });
    await server.start();
    try {
      const ask = async (accept: string) => {
        const headers = new HeaderMap([['content-type', 'application/json'], ['accept', accept]]);
        return server.executeHTTPGraphQLRequest({ httpGraphQLRequest: { method: 'POST', headers, search: '', body: { query: '{ a }' } }, context: async () => ({}) });
      };
      for (let i = 0; i < 2; i++) {
        expect((await ask('text/plain')).status).toBe(406);
        const json = await ask('application/graphql-response+json, application/json;q=0.9');
        expect(json.status ?? 200).toBe(200);
        expect(json.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
        expect((await ask('application/json')).headers.get('content-type')).toMatch(/^application\/json/);
      }
    } finally {
      await server.stop();
    }
  });
});
