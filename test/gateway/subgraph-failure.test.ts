// How the gateway names a failed subgraph fetch (through the gateway: test/reliability/subgraph-loss
// and test/payroll/one-off-payments-timeout), and which fields of the answer it left null.
import { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { subgraphFailure } from '../../gateway/subgraphFailure.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

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

describe('a stopped subgraph, through the gateway', () => {
  let stack: Stack | undefined;
  afterAll(() => stack?.close());

  /** Stops a subgraph answering (its port refuses connections); stack.close() shuts the rest down. */
  const stopListening = async (name: keyof Stack['subgraphs']) => {
    const { server } = stack!.subgraphs[name];
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };

  it('yields SUBGRAPH_UNAVAILABLE errors carrying the paths of the fields it left null', async () => {
    stack = await testStack({ employees: 30 });
    const headers = await stack.headers();
    const employment = stack.municipality.opus.employments[0].employmentNumber;

    // Entity fetches: one error per employment whose salaryPlacement payroll was to fill.
    await stopListening('payroll');
    const entities = await post(stack.url, '{ employments(first: 3) { nodes { employmentNumber pay: salaryPlacement { payGroup } } } }', undefined, headers);
    const nodes = entities.body.data.employments.nodes as Array<Record<string, unknown>>;
    expect(nodes).toHaveLength(3);
    for (const node of nodes) expect(node.pay).toBeNull();
    expect(codes(entities)).toEqual(['SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE', 'SUBGRAPH_UNAVAILABLE']);
    expect(entities.body.errors!.map((e) => e.path)).toEqual([0, 1, 2].map((i) => ['employments', 'nodes', i, 'pay']));
    expect(entities.body.errors![0].extensions).toMatchObject({ subgraph: 'payroll' });

    // An entity fetch sent beside the root fetch, its key taken from the arguments (execution/earlyFetches.ts):
    // its failure is the request's as if it had been sent after the root fetch.
    const early = await post(stack.url, `{ employment(employmentNumber: "${employment}") { employmentNumber pay: salaryPlacement { payGroup } } }`, undefined, headers);
    expect(early.body.data.employment).toEqual({ employmentNumber: employment, pay: null });
    expect(codes(early)).toEqual(['SUBGRAPH_UNAVAILABLE']);
    expect(early.body.errors!.map((e) => e.path)).toEqual([['employment', 'pay']]);

    // A root fetch: the root field it was to answer, while the other subgraph's root field is answered.
    await stopListening('employee');
    const root = await post(stack.url, `{ employment(employmentNumber: "${employment}") { employmentNumber } orgUnits(first: 2) { totalCount nodes { name employments { employmentNumber } } } }`, undefined, headers);
    expect(root.body.data.employment).toBeNull();
    expect(root.body.data.orgUnits.totalCount).toBeGreaterThan(0);
    const paths = root.body.errors!.map((e) => e.path);
    expect(codes(root).every((c) => c === 'SUBGRAPH_UNAVAILABLE')).toBe(true);
    expect(paths).toContainEqual(['employment']);
    // OrgUnit.employments comes from the employee subgraph too: nulled on each unit.
    expect(paths).toContainEqual(['orgUnits', 'nodes', 0, 'employments']);
    expect(paths).toContainEqual(['orgUnits', 'nodes', 1, 'employments']);
    expect(paths).toHaveLength(3);
  });
});
