// The HTTP layer's reading of a request target (platform/http.ts targetOf): a plain path and query
// without the URL parser, everything else through it, with the parser's answer either way.
import { describe, expect, it } from 'vitest';
import { targetOf } from '../../platform/http.js';

const TARGETS = [
  '/',
  '/graphql',
  '/graphql?',
  '/graphql?query=%7B%20a%20%7D&operationName=A',
  '/graphql?query={a}',
  '/health',
  '/ready/',
  '/graphql/../health',
  '/./graphql',
  '//evil.example/graphql',
  '/gr%61phql',
  '/graphql#frag',
  '/graphql?x=1#frag',
  'http://host.example/graphql?x=1',
  '/grå',
  '/graphql?q="a"',
  "/graphql?q='a'",
  '/graphql?q=<a>&b=`c`',
  '/graphql?a=1?b=2',
  '/graphql?q=ø',
  '/graphql?q=%ZZ',
  '*',
];

describe('request targets', () => {
  it('gives the path and query the URL parser would', () => {
    for (const target of TARGETS) {
      const url = new URL(target, 'http://localhost');
      expect(targetOf(target), target).toEqual({ pathname: url.pathname, search: url.search });
    }
  });

  it('reads a missing target as /', () => {
    expect(targetOf(undefined)).toEqual({ pathname: '/', search: '' });
  });
});
