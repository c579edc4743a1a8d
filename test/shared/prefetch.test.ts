// Source reads started with an `_entities` step (subgraphs/shared/prefetch.ts): the same answers and
// the same single source call, nothing read for a caller who may not see the field or for variables
// that do not coerce, and no prefetch where the step selects a field without one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'graphql';
import type { Stack } from '../../gateway/stack.js';
import { post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';
import { buildPayrollSchema } from '../../subgraphs/payroll/schema.js';
import { entityPrefetcher } from '../../subgraphs/shared/prefetch.js';

let stack: Stack;
beforeAll(async () => {
  stack = await testStack({ employees: 600 });
});
afterAll(() => stack?.close());

const reads = () => stack.sources.opus.calls.filter((c) => c.endpoint.endsWith('read-employee-data'));
const employments = (n: number) => stack.municipality.opus.employments.slice(0, n).map((e) => ({ __typename: 'Employment', employmentNumber: e.employmentNumber }));

async function step(subgraph: 'absence' | 'payroll', query: string, variables: Record<string, unknown>, scopes?: string[]) {
  stack.sources.opus.resetCalls();
  const res = await post(stack.subgraphs[subgraph].url, query, variables, await gatewayHeadersFor(stack, subgraph, scopes ? { scopes } : {}));
  return res.body as { data?: { _entities: any[] }; errors?: Array<{ message: string; extensions: { code: string } }> };
}

const ABSENCES = 'query Step($representations: [_Any!]!, $from: Date!, $to: Date!) { _entities(representations: $representations) { ... on Employment { absences(from: $from, to: $to) { type from to } } } }';
const PLACEMENT = 'query Step($representations: [_Any!]!, $asOf: Date!) { _entities(representations: $representations) { ... on Employment { salaryPlacement(asOf: $asOf) { payGroup step } } } }';

describe('prefetched entity reads', () => {
  it('absence: one call for the step, with the period asked for, and the absences as the resolvers find them', async () => {
    const body = await step('absence', ABSENCES, { representations: employments(100), from: '2024-01-01', to: '2026-06-30' });
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toHaveLength(100);
    expect(body.data!._entities.some((e) => e.absences.length > 0)).toBe(true);
    expect(reads()).toHaveLength(1);
    expect(reads()[0].batchSize).toBe(100);
    expect(reads()[0].areas).toEqual(['FravaerNaervaer']);
  });

  it('payroll: one call for salary placements, and still one when the step selects a field without a prefetch', async () => {
    const one = await step('payroll', PLACEMENT, { representations: employments(80), asOf: stack.municipality.today });
    expect(one.errors).toBeUndefined();
    expect(one.data!._entities.filter((e) => e.salaryPlacement).length).toBeGreaterThan(40);
    expect(reads()).toHaveLength(1);

    // fixedPayItems has no prefetch: the step is left to the resolvers, whose loads share one call.
    const both = await step(
      'payroll',
      'query Step($representations: [_Any!]!, $asOf: Date!) { _entities(representations: $representations) { ... on Employment { salaryPlacement(asOf: $asOf) { step } fixedPayItems(asOf: $asOf) { kind } } } }',
      { representations: employments(80), asOf: stack.municipality.today },
    );
    expect(both.errors).toBeUndefined();
    expect(reads()).toHaveLength(1);
    expect([...(reads()[0].areas ?? [])].sort()).toEqual(['FasteTillaegFradrag', 'Loenindplacering']);
  });

  it('reads nothing for a caller without the scope: FORBIDDEN, as before', async () => {
    const body = await step('absence', ABSENCES, { representations: employments(30), from: '2026-01-01', to: '2026-06-30' }, ['employee:read']);
    expect(body.errors?.[0].extensions.code).toBe('FORBIDDEN');
    expect(reads()).toHaveLength(0);
  });

  it('reads nothing for variables that do not coerce: BAD_USER_INPUT', async () => {
    const body = await step('absence', ABSENCES, { representations: employments(30), from: '2026-13-40', to: '2026-06-30' });
    expect(body.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(reads()).toHaveLength(0);
  });

  it('starts nothing for a selection it cannot read through (a fragment spread), nor for another operation', async () => {
    const schema = await buildPayrollSchema();
    const prefetcher = entityPrefetcher(schema)!;
    const started: string[][] = [];
    const ctx = { principal: { scopes: new Set(['payroll:read']) }, sources: { opus: {} }, loaders: { employments: { prefetch: (numbers: string[]) => started.push(numbers) } } } as never;
    const variables = { representations: [{ __typename: 'Employment', employmentNumber: '1' }], asOf: '2026-01-01' };
    expect(prefetcher(parse(PLACEMENT), 'Step', variables, ctx)).toBe(true);
    expect(started).toEqual([['1']]);
    const spread = 'query Step($representations: [_Any!]!, $asOf: Date!) { _entities(representations: $representations) { ... on Employment { ...P } } } fragment P on Employment { salaryPlacement(asOf: $asOf) { step } }';
    expect(prefetcher(parse(spread), 'Step', variables, ctx)).toBe(false);
    expect(prefetcher(parse('query Other { __typename }'), 'Other', {}, ctx)).toBe(false);
    expect(started).toHaveLength(1);
  });
});
