// An employment's person's other employments (find-employees-by-cpr, for `Employee.orgUnitPeriods`,
// which organisation's `manager` requires) are looked up beside the employment's own read once its
// owner is known (subgraphs/employee/employmentOwners.ts): the employee card's employee step takes one
// Opus round trip, not two. Through the gateway, against the Opus simulator's arrival times.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const LATENCY_MS = 40;

let stack: Stack;
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await testStack({ employees: 60, latencyMs: LATENCY_MS });
  auth = await stack.headers();
});
afterAll(() => stack?.close());

const CARD = /* GraphQL */ `
  query Card($n: ID!) {
    employment(employmentNumber: $n) {
      employmentNumber
      employee { name manager { name } }
    }
  }
`;

/** The Opus calls of one request, by endpoint, in arrival order. */
async function opusCallsOf(query: string, n: string) {
  stack.sources.opus.resetCalls();
  const res = await post(stack.url, query, { n }, auth);
  expect(res.body.errors).toBeUndefined();
  const calls = [...stack.sources.opus.calls];
  return { data: res.body.data, reads: calls.filter((c) => c.endpoint === 'read-employee-data'), lookups: calls.filter((c) => c.endpoint === 'find-employees-by-cpr') };
}

describe('a person\'s employments looked up beside the employment read', () => {
  it('once the employment\'s owner is known: the lookup arrives before the read is answered, and the card is the same', async () => {
    const n = stack.municipality.opus.employments[3].employmentNumber;
    const first = await opusCallsOf(CARD, n);
    // Not known yet: the lookup waits for the read, as before.
    expect(first.lookups).toHaveLength(1);
    expect(first.lookups[0].arrivedAt).toBeGreaterThanOrEqual(first.reads[0].arrivedAt + LATENCY_MS);

    const second = await opusCallsOf(CARD, n);
    expect(second.lookups).toHaveLength(1);
    expect(second.lookups[0].arrivedAt).toBeLessThan(second.reads[0].arrivedAt + LATENCY_MS / 2);
    expect(second.data).toEqual(first.data);
  });

  it('only when the query needs where the person works', async () => {
    const n = stack.municipality.opus.employments[4].employmentNumber;
    const nameOnly = /* GraphQL */ `query Name($n: ID!) { employment(employmentNumber: $n) { employee { name } } }`;
    await opusCallsOf(nameOnly, n);
    const again = await opusCallsOf(nameOnly, n);
    expect(again.lookups).toHaveLength(0);
  });
});
