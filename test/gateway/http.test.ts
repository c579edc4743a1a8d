// The gateway's HTTP surface as a client meets it: health, readiness, limits and error shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await testStack({ employees: 100 });
  auth = await stack.headers();
});
afterAll(() => stack?.close());

const base = () => stack.url.replace(/\/graphql$/, '');

describe('gateway HTTP', () => {
  it('reports health, and readiness only while every subgraph answers', async () => {
    expect((await fetch(`${base()}/health`)).status).toBe(200);
    const ready = await fetch(`${base()}/ready`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).subgraphs).toEqual({ employee: true, organisation: true, absence: true, payroll: true });
  });

  it('refuses a body over the limit with 413 and a code, and stays up', async () => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }) });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    expect((await post(stack.url, '{ __typename }', undefined, auth)).body.data).toEqual({ __typename: 'Query' });
  });

  it('answers malformed JSON and malformed GraphQL with 400 and stable codes', async () => {
    const badJson = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect((await badJson.json()).errors[0].extensions.code).toBe('BAD_REQUEST');
    const badQuery = await post(stack.url, '{ orgUnits( }', undefined, auth);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.errors?.[0].extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknownField = await post(stack.url, '{ salaries }', undefined, auth);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('blocks cross-site simple requests (CSRF prevention)', async () => {
    const res = await fetch(`${stack.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
  });

  it('refuses an invalid date itself, before any subgraph, and never passes on a subgraph\'s HTTP answer', async () => {
    const n = stack.municipality.opus.employments[0].employmentNumber;
    const literal = await post(stack.url, `{ employment(employmentNumber: "${n}") { absences(from: "2026-02-30") { type } } }`, undefined, auth);
    expect(literal.status).toBe(400);
    expect(literal.body.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.body.errors?.[0].message).toMatch(/YYYY-MM-DD/);
    const variable = await post(stack.url, `query($d: Date) { employment(employmentNumber: "${n}") { absences(from: $d) { type } } }`, { d: '2026-02-30' }, auth);
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const r of [literal, variable]) expect(JSON.stringify(r.body)).not.toMatch(/127\.0\.0\.1|"response"|statusText/);
  });

  it('never sends a stack trace', async () => {
    const res = await post(stack.url, '{ orgUnit(id: "x") { name } }', undefined, auth);
    expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|exception/);
  });
});
