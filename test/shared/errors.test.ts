import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isUnexpected, toClientError } from '../../platform/errors.js';

describe('errors sent to clients', () => {
  it('keep a known code and its details, without what a subgraph answered over HTTP', () => {
    const formatted = {
      message: 'Not allowed',
      path: ['a'],
      extensions: { code: 'FORBIDDEN', requiredScopes: ['payroll:tax'], response: { url: 'http://10.0.0.7:4004/graphql', body: {} }, stacktrace: ['at x'] },
    };
    expect(toClientError(formatted, new GraphQLError('Not allowed'))).toEqual({ message: 'Not allowed', path: ['a'], extensions: { code: 'FORBIDDEN', requiredScopes: ['payroll:tax'] } });
  });

  it('mask internal errors, even ones that already say INTERNAL_SERVER_ERROR, and mark them for the log', () => {
    const fetchFailure = new GraphQLError('400: Bad Request', { extensions: { code: 'INTERNAL_SERVER_ERROR', response: { url: 'http://10.0.0.7:4003/graphql' } } });
    const out = toClientError({ message: fetchFailure.message, extensions: fetchFailure.extensions }, fetchFailure);
    expect(out).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
    expect(isUnexpected(fetchFailure)).toBe(true);
    expect(isUnexpected(new TypeError('x is undefined'))).toBe(true);
    expect(isUnexpected(new GraphQLError('bad', { extensions: { code: 'BAD_USER_INPUT' } }))).toBe(false);
  });

  it('count an error wrapping one without a code by its own code: Apollo wraps graphql-js validation errors so', () => {
    const wrapped = new GraphQLError('Cannot query field "x"', { originalError: new GraphQLError('Cannot query field "x"'), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(isUnexpected(wrapped)).toBe(false);
    expect(isUnexpected(new GraphQLError('boom', { originalError: new TypeError('boom') }))).toBe(true);
  });

  it("give Apollo's own 4xx refusals that carry no code BAD_REQUEST with their message", () => {
    const refusal = new GraphQLError('Unsupported persisted query version', { extensions: { http: { status: 400 } } });
    expect(toClientError({ message: refusal.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, refusal)).toEqual({ message: 'Unsupported persisted query version', extensions: { code: 'BAD_REQUEST' } });
    expect(isUnexpected(refusal)).toBe(false);
  });

  it('name the source of a source failure but not its internals', () => {
    const sourceError = Object.assign(new Error('connect ECONNREFUSED 10.1.2.3:443'), { code: 'SOURCE_UNAVAILABLE', source: 'KMD Opus' });
    const out = toClientError({ message: 'x', path: ['employment', 'contract'] }, new GraphQLError('x', { originalError: sourceError }));
    expect(out.extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', source: 'KMD Opus' });
    expect(out.message).not.toMatch(/ECONNREFUSED|10\.1\.2\.3/);
  });
});
