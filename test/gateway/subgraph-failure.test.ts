// How the gateway names a failed subgraph fetch (through the gateway: test/reliability/subgraph-loss
// and test/payroll/one-off-payments-timeout).
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraphFailure } from '../../gateway/subgraphFailure.js';

const code = (e: unknown) => (e instanceof GraphQLError ? e.extensions.code : undefined);

describe('subgraphFailure', () => {
  it('names a refused or dropped connection SUBGRAPH_UNAVAILABLE and a timeout SUBGRAPH_TIMEOUT, naming the subgraph', () => {
    const refused = subgraphFailure('payroll', Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(code(refused)).toBe('SUBGRAPH_UNAVAILABLE');
    expect((refused as GraphQLError).extensions.subgraph).toBe('payroll');
    expect(code(subgraphFailure('payroll', new DOMException('The operation was aborted due to timeout', 'TimeoutError')))).toBe('SUBGRAPH_TIMEOUT');
  });

  it('treats 502, 503 and 504 from whatever stands in front of a subgraph as SUBGRAPH_UNAVAILABLE', () => {
    for (const status of [502, 503, 504]) {
      expect(code(subgraphFailure('absence', new GraphQLError(`${status}: x`, { extensions: { response: { status } } })))).toBe('SUBGRAPH_UNAVAILABLE');
    }
  });

  it('leaves what the subgraph itself answered, and unreadable bodies, as they are, to be masked and logged', () => {
    const answered = new GraphQLError('500: Internal Server Error', { extensions: { response: { status: 500 } } });
    expect(subgraphFailure('employee', answered)).toBe(answered);
    const unreadable = new SyntaxError('Unexpected token < in JSON');
    expect(subgraphFailure('employee', unreadable)).toBe(unreadable);
  });

  it('keeps the cause out of what the client sees', () => {
    const failure = subgraphFailure('payroll', new TypeError('connect ECONNREFUSED 10.0.0.7:4004')) as GraphQLError;
    expect(failure.message).toBe('The payroll service is unavailable; retry shortly');
    expect(failure.originalError).toBeUndefined();
  });
});
