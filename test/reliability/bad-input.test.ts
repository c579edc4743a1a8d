// Bad input of every kind a client can send: each is refused with a 4xx and a stable code (or, for an
// argument only a subgraph can judge, a field error with its code next to the rest of the answer),
// nothing reaches a source that should not, and the gateway keeps answering afterwards.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { limitsFromEnv } from '../../gateway/limits/config.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { errorCodes, rawRequest, violations, type RawResponse } from './responses.js';

let stack: Stack;
let auth: Record<string, string>;
let employmentNumber: string;
beforeAll(async () => {
  stack = await testStack({ employees: 60 });
  auth = await stack.headers();
  employmentNumber = stack.municipality.opus.employments[0].employmentNumber;
});
afterAll(() => stack?.close());

const base = () => stack.url.replace(/\/graphql$/, '');
const json = () => ({ 'content-type': 'application/json', ...auth });
const postBody = (body: BodyInit, headers: Record<string, string> = json()) => rawRequest(stack.url, { method: 'POST', headers, body });
const postJson = (value: unknown) => postBody(JSON.stringify(value));
const getQuery = (params: Record<string, string>) =>
  rawRequest(`${stack.url}?${new URLSearchParams(params)}`, { headers: { ...auth, 'apollo-require-preflight': 'true' } });

/** A refusal: the status, exactly one error with the code, no data, and nothing else wrong with it. */
function expectRefused(res: RawResponse, status: number, code: string) {
  expect(violations(res), res.text.slice(0, 300)).toEqual([]);
  expect(res.status, res.text.slice(0, 300)).toBe(status);
  expect(errorCodes(res)).toEqual([code]);
  expect(res.json?.data ?? null).toBeNull();
}

/** A field error: HTTP 200, the field null with the code on its path (GraphQL over HTTP: the rest of the query answers). */
function expectFieldError(res: RawResponse, field: string, code: string) {
  expect(violations(res), res.text.slice(0, 300)).toEqual([]);
  expect(res.status).toBe(200);
  expect(res.json?.errors?.map((e) => [(e as { path?: unknown[] }).path?.[0], e.extensions?.code])).toEqual([[field, code]]);
  expect((res.json?.data as Record<string, unknown>)[field]).toBeNull();
}

// Whatever came before, the process is up and answers a real query.
afterEach(async () => {
  expect((await fetch(`${base()}/health`)).status).toBe(200);
  const normal = await post(stack.url, `{ employment(employmentNumber: "${employmentNumber}") { employmentNumber } }`, undefined, auth);
  expect(normal.body).toEqual({ data: { employment: { employmentNumber } } });
});

describe('requests that are not GraphQL over HTTP', () => {
  it.each([
    ['malformed JSON', '{"query": '],
    ['a body that is not JSON at all', 'query { __typename }'],
    ['bytes that are not UTF-8', new Uint8Array([0xff, 0xfe, 0x00, 0x7b])],
    ['an empty body', ''],
    ['a JSON string', '"{ __typename }"'],
    ['a JSON number', '42'],
    ['JSON null', 'null'],
    ['an empty object (no query)', '{}'],
    ['variables but no query', '{"variables": {}}'],
    ['a query that is not a string', '{"query": 5}'],
    ['variables that are a string', '{"query": "{ __typename }", "variables": "{}"}'],
    ['extensions that are a string', '{"query": "{ __typename }", "extensions": "{}"}'],
    ['an operationName that is not a string', '{"query": "{ __typename }", "operationName": 5}'],
    ['a batch (array) of operations', '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]'],
    ['an empty batch', '[]'],
  ])('refuses %s with 400 BAD_REQUEST', async (_, body) => {
    expectRefused(await postBody(body), 400, 'BAD_REQUEST');
  });

  it.each([
    ['text/plain (a CSRF-able simple request)', { 'content-type': 'text/plain' }],
    ['a form post', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
    ['XML, preflighted', { 'content-type': 'application/xml', 'apollo-require-preflight': 'true' }],
    ['application/graphql, preflighted', { 'content-type': 'application/graphql', 'apollo-require-preflight': 'true' }],
  ])('refuses a body sent as %s with 400 BAD_REQUEST', async (_, headers) => {
    expectRefused(await postBody('{"query": "{ __typename }"}', { ...auth, ...headers }), 400, 'BAD_REQUEST');
  });

  it.each(['PUT', 'PATCH', 'DELETE', 'OPTIONS'])('refuses %s with 405 BAD_REQUEST', async (method) => {
    const res = await rawRequest(stack.url, { method, headers: json(), body: method === 'OPTIONS' ? undefined : '{"query": "{ __typename }"}' });
    expectRefused(res, 405, 'BAD_REQUEST');
  });

  it('refuses a mutation over GET with 405 and sends nothing to Opus', async () => {
    stack.sources.opus.resetCalls();
    const mutation = `mutation { updateCommunication(employmentNumber: "${employmentNumber}", idempotencyKey: "get-mutation-1", input: { workEmail: "a@b.dk" }) { replayed } }`;
    const res = await getQuery({ query: mutation });
    expectRefused(res, 405, 'BAD_REQUEST');
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('refuses GET without a query, and with variables that are not JSON, with 400', async () => {
    expectRefused(await getQuery({}), 400, 'BAD_REQUEST');
    expectRefused(await getQuery({ query: '{ __typename }', variables: '{x' }), 400, 'BAD_REQUEST');
  });

  it('answers a path that is not served with 404 NOT_FOUND', async () => {
    expectRefused(await rawRequest(`${base()}/graphql/x`, { method: 'POST', headers: json(), body: '{}' }), 404, 'NOT_FOUND');
  });

  it('checks the body before the token: malformed JSON without a token is 400, a good body without one 401', async () => {
    expectRefused(await postBody('{"query"', { 'content-type': 'application/json' }), 400, 'BAD_REQUEST');
    expectRefused(await postBody('{"query": "{ __typename }"}', { 'content-type': 'application/json' }), 401, 'UNAUTHENTICATED');
  });
});

describe('documents close to and over the limits', () => {
  const bodyLimit = 100_000;
  const maxTokens = limitsFromEnv({}).maxTokens;

  it('runs a document just under the body limit', async () => {
    const query = `{ __typename } #`;
    const body = JSON.stringify({ query: query + 'x'.repeat(bodyLimit - 100) });
    expect(body.length).toBeLessThan(bodyLimit);
    const res = await postBody(body);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a body over the limit with 413 PAYLOAD_TOO_LARGE, announced or streamed without a length', async () => {
    const body = JSON.stringify({ query: `{ __typename } #${'x'.repeat(bodyLimit)}` });
    expectRefused(await postBody(body), 413, 'PAYLOAD_TOO_LARGE');
    const bytes = new TextEncoder().encode(body.repeat(5));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
        controller.close();
      },
    });
    expectRefused(await rawRequest(stack.url, { method: 'POST', headers: json(), body: stream, duplex: 'half' }), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('refuses a document of many tokens under the byte limit before validating it', async () => {
    const fields = '__typename '.repeat(8_000);
    const res = await postJson({ query: `{ ${fields} }` });
    expectRefused(res, 400, 'GRAPHQL_PARSE_FAILED');
    expect(res.json?.errors?.[0].message).toMatch(new RegExp(`${maxTokens} tokens`));
  });

  it('refuses documents nested thousands of levels deep by their tokens, not by a stack overflow', async () => {
    for (const query of [
      `{ ${'a { '.repeat(5_000)}b${' }'.repeat(5_000)} }`,
      `{ f(a: ${'['.repeat(20_000)}${']'.repeat(20_000)}) }`,
      `{ f(a: ${'{a: '.repeat(5_000)}1${'}'.repeat(5_000)}) }`,
    ]) {
      const res = await postJson({ query });
      expectRefused(res, 400, 'GRAPHQL_PARSE_FAILED');
      expect(res.json?.errors?.[0].message).toMatch(/tokens/);
    }
  });

  it('lets the parser reach the deepest nesting the token limit allows without overflowing its stack', async () => {
    // graphql-js recurses on the way in: `maxTokens` opening brackets are the deepest it ever goes.
    // It must get there and give up on the token count, not on a stack overflow.
    const depth = maxTokens - 10;
    const res = await postJson({ query: `{ employment(employmentNumber: ${'['.repeat(depth)}${']'.repeat(depth)}) { employmentNumber } }` });
    expectRefused(res, 400, 'GRAPHQL_PARSE_FAILED');
    expect(res.json?.errors?.[0].message).toMatch(new RegExp(`${maxTokens} tokens`));
  });

  it('refuses a valid but deep query with QUERY_TOO_DEEP before any source is asked', async () => {
    stack.sources.fkorg.resetCalls();
    const unit = stack.municipality.org.units[0].id;
    const res = await postJson({ query: `{ orgUnit(id: "${unit}") { ${'parent { '.repeat(20)}name${' }'.repeat(20)} } }` });
    expectRefused(res, 400, 'QUERY_TOO_DEEP');
    expect(stack.sources.fkorg.calls).toEqual([]);
  });

  it('refuses a page larger than the maximum, and a list argument longer than its maximum', async () => {
    expectRefused(await postJson({ query: 'query($n: Int) { employments(first: $n) { nodes { employmentNumber } } }', variables: { n: 2_000_000_000 } }), 400, 'PAGE_TOO_LARGE');
    stack.sources.opus.resetCalls();
    const numbers = Array.from({ length: 600 }, (_, i) => String(100_001 + i));
    const res = await postJson({ query: 'query($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { employmentNumber } }', variables: { n: numbers } });
    expectFieldError(res, 'employmentsByNumber', 'BAD_USER_INPUT');
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('refuses huge strings and long lists in variables as bad input, without sending them on', async () => {
    stack.sources.opus.resetCalls();
    const huge = 'x'.repeat(90_000);
    expectFieldError(await postJson({ query: 'query($n: ID!) { employment(employmentNumber: $n) { employmentNumber } }', variables: { n: huge } }), 'employment', 'BAD_USER_INPUT');
    const payments = Array.from({ length: 101 }, (_, i) => ({ wageType: '2440', sequence: i, quantity: 1, startDate: '2026-12-01' }));
    const submit = 'mutation($p: [OneOffPaymentInput!]!) { submitOneOffPayments(employmentNumber: "100001", idempotencyKey: "long-list-1", payments: $p) { accepted } }';
    expectFieldError(await postJson({ query: submit, variables: { p: payments } }), 'submitOneOffPayments', 'BAD_USER_INPUT');
    const key = 'mutation($k: String!) { updateCommunication(employmentNumber: "100001", idempotencyKey: $k, input: { workEmail: "a@b.dk" }) { replayed } }';
    expectFieldError(await postJson({ query: key, variables: { k: huge } }), 'updateCommunication', 'BAD_USER_INPUT');
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('refuses JSON nested 40,000 levels deep in a variable with 400 BAD_USER_INPUT, and ignores it in a variable not used', async () => {
    const deep = `${'['.repeat(40_000)}${']'.repeat(40_000)}`;
    const used = `{"query": "query($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { employmentNumber } }", "variables": {"n": ${deep}}}`;
    expectRefused(await postBody(used), 400, 'BAD_USER_INPUT');
    const unused = await postBody(`{"query": "{ __typename }", "variables": {"n": ${deep}}}`);
    expect(unused.json).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses variables of the wrong type or shape with 400 BAD_USER_INPUT', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['query($n: Int) { employments(first: $n) { totalCount } }', { n: 'ten' }],
      ['mutation($p: [OneOffPaymentInput!]!) { submitOneOffPayments(employmentNumber: "100001", validateOnly: true, payments: $p) { accepted } }', { p: [{ wageType: '2440', sequence: 2 ** 40, quantity: 1, startDate: '2026-12-01' }] }],
      ['query($n: ID!) { employment(employmentNumber: $n) { employmentNumber } }', {}],
      ['query($n: ID!) { employment(employmentNumber: $n) { employmentNumber } }', { n: { nested: true } }],
      ['query($f: EmploymentFilter) { employments(filter: $f) { totalCount } }', { f: { nosuchfield: 1 } }],
      ['query($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { employmentNumber } }', { n: [[['1']]] }],
    ];
    for (const [query, variables] of cases) expectRefused(await postJson({ query, variables }), 400, 'BAD_USER_INPUT');
  });
});

describe('documents that are not valid GraphQL', () => {
  it.each([
    ['a syntax error', '{ employment( }', 'GRAPHQL_PARSE_FAILED'],
    ['a NUL character', '{ __typename \u0000 }', 'GRAPHQL_PARSE_FAILED'],
    ['an unknown field', '{ salaries }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an Int literal beyond 32 bits', '{ employments(first: 99999999999) { totalCount } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a fragment cycle', '{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }', 'GRAPHQL_VALIDATION_FAILED'],
    ['a subscription (the API has none)', 'subscription { employment(employmentNumber: "1") { employmentNumber } }', 'GRAPHQL_VALIDATION_FAILED'],
    ['an invalid Date literal', '{ employment(employmentNumber: "100001", asOf: "2026-02-30") { employmentNumber } }', 'GRAPHQL_VALIDATION_FAILED'],
  ])('refuses %s with 400', async (_, query, code) => {
    expectRefused(await postJson({ query }), 400, code);
  });

  it('refuses an invalid Date in a variable with 400 BAD_USER_INPUT', async () => {
    expectRefused(await postJson({ query: 'query($d: Date) { employment(employmentNumber: "100001", asOf: $d) { employmentNumber } }', variables: { d: '31-12-2026' } }), 400, 'BAD_USER_INPUT');
  });

  it('refuses an operationName the document does not hold with 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const res = await postJson({ query: 'query A { __typename }', operationName: 'B' });
    expectRefused(res, 400, 'OPERATION_RESOLUTION_FAILURE');
    expect(res.json?.errors?.[0].message).toContain('"B"');
    const long = await postJson({ query: 'query A { __typename }', operationName: 'x'.repeat(50_000) });
    expectRefused(long, 400, 'OPERATION_RESOLUTION_FAILURE');
    expect(long.text.length).toBeLessThan(1_000);
  });

  it('refuses several operations without an operationName with 400 OPERATION_RESOLUTION_FAILURE, and runs the one named', async () => {
    const query = 'query A { a: __typename } query B { b: __typename }';
    expectRefused(await postJson({ query }), 400, 'OPERATION_RESOLUTION_FAILURE');
    expect((await postJson({ query, operationName: 'B' })).json).toEqual({ data: { b: 'Query' } });
    expectRefused(await getQuery({ query, operationName: 'C' }), 400, 'OPERATION_RESOLUTION_FAILURE');
  });

  it('refuses a persisted query of an unknown version, or whose hash does not match its text, with 400 BAD_REQUEST', async () => {
    const persisted = (extra: Record<string, unknown>) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32), ...extra } } });
    expectRefused(await postJson({ query: '{ __typename }', ...persisted({}) }), 400, 'BAD_REQUEST');
    expectRefused(await postJson({ query: '{ __typename }', ...persisted({ version: 2 }) }), 400, 'BAD_REQUEST');
    const unknown = await postJson(persisted({}));
    expect(violations(unknown)).toEqual([]);
    expect(errorCodes(unknown)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('arguments only a subgraph can judge', () => {
  // Well-formed GraphQL with a value of the right type but not a valid id, CPR number or cursor: the
  // field is null with BAD_USER_INPUT on its path, the other fields answer, and no source is asked.
  it('refuses invalid ids, CPR numbers and cursors per field, next to a field that answers', async () => {
    stack.sources.opus.resetCalls();
    stack.sources.fkorg.resetCalls();
    for (const [field, call] of [
      ['employment', 'employment(employmentNumber: "../../etc/passwd") { employmentNumber }'],
      ['employee', 'employee(id: "not-an-id") { name }'],
      ['orgUnit', 'orgUnit(id: "not-a-uuid") { name }'],
      ['employeesByCpr', 'employeesByCpr(cprs: ["3213456789"]) { name }'],
      ['employeesByCpr', 'employeesByCpr(cprs: ["12345"]) { name }'],
      ['employments', 'employments(first: 1, after: "!!!") { totalCount }'],
      ['employments', 'employments(first: -1) { totalCount }'],
    ] as const) {
      const res = await postJson({ query: `{ ok: __typename ${call} }` });
      expectFieldError(res, field, 'BAD_USER_INPUT');
      expect((res.json?.data as Record<string, unknown>).ok).toBe('Query');
    }
    expect(stack.sources.opus.calls).toEqual([]);
    expect(stack.sources.fkorg.calls).toEqual([]);
  });
});
