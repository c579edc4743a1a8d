// Property-based test of the gateway over HTTP: random operations built from the API schema (valid and
// invalid selections, arguments and variables) and random bodies, methods and content types. Whatever
// arrives, the answer is JSON, never a 5xx, every error carries a known code (and none is a masked
// INTERNAL_SERVER_ERROR: no source faults are injected here), no error shows a stack trace or an
// internal address, and every process is still up at the end. Fixed seed and run counts, so a run is
// repeatable and bounded; FUZZ_SEED and FUZZ_RUNS explore further (a failure prints its seed).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { SUBGRAPHS } from '../../subgraphs/index.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { loadApiSchema, operationArbitrary, rawBodyArbitrary, type ValuePools } from './operations.js';
import { errorCodes, rawRequest, violations } from './responses.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_101);
const OPERATION_RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const BODY_RUNS = Math.ceil((OPERATION_RUNS * 2) / 3);

let stack: Stack;
let pools: ValuePools;
let clients: Array<Record<string, string>>;
beforeAll(async () => {
  stack = await testStack({ employees: 80 });
  const m = stack.municipality;
  const all = await stack.headers();
  const persons = await post(stack.url, '{ employments(first: 30) { nodes { employee { id } } } }', undefined, all);
  pools = {
    employmentNumbers: m.opus.employments.slice(0, 40).map((e) => e.employmentNumber),
    orgUnitIds: m.org.units.slice(0, 40).map((u) => u.id),
    orgUnitOpusIds: m.org.units.slice(0, 40).map((u) => u.opusId),
    personIds: persons.body.data.employments.nodes.map((n: { employee: { id: string } }) => n.employee.id),
    cprs: m.opus.employments.slice(0, 20).map((e) => e.person.cpr),
  };
  // Mostly a client that may do everything; some with fewer scopes, some that may run registered operations only.
  clients = [all, all, all, await stack.headers({ scopes: ['employee:read', 'org:read'], clientKind: 'analyst' }), await stack.headers({ clientKind: 'fagsystem' })];
});
afterAll(() => stack?.close());

const schema = loadApiSchema();

function describeRun(request: unknown, status: number, text: string): string {
  return `request ${JSON.stringify(request).slice(0, 2_000)}\nanswered HTTP ${status}: ${text.slice(0, 500)}`;
}

describe('random operations from the API schema', () => {
  it('are answered with JSON, known codes and no internals, never a 5xx', async () => {
    const outcomes = { data: 0, refused: 0, codes: new Set<string>() };
    await fc.assert(
      fc.asyncProperty(operationArbitrary(schema, pools), fc.nat({ max: 4 }), async (request, client) => {
        const res = await rawRequest(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...clients[client] }, body: JSON.stringify(request) });
        const problems = violations(res);
        if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${describeRun(request, res.status, res.text)}`);
        if (res.status === 200 && !res.json?.errors) outcomes.data++;
        if (res.status >= 400) outcomes.refused++;
        for (const code of errorCodes(res)) outcomes.codes.add(code);
      }),
      { seed: SEED, numRuns: OPERATION_RUNS },
    );
    // The generator must reach past validation often, and produce the kinds of bad input it claims to.
    expect(outcomes.data).toBeGreaterThan(OPERATION_RUNS / 5);
    expect(outcomes.refused).toBeGreaterThan(OPERATION_RUNS / 10);
    for (const code of ['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']) expect([...outcomes.codes]).toContain(code);
  });
});

describe('random bodies, methods and content types', () => {
  it('are answered with a 4xx or a result, as JSON with known codes, never a 5xx', async () => {
    const methods = ['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'HEAD'];
    const contentTypes = ['application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/graphql', 'application/x-www-form-urlencoded', ''];
    await fc.assert(
      fc.asyncProperty(rawBodyArbitrary(operationArbitrary(schema, pools)), fc.constantFrom(...methods), fc.constantFrom(...contentTypes), fc.boolean(), async (body, method, contentType, preflight) => {
        const headers: Record<string, string> = { ...clients[0] };
        if (contentType) headers['content-type'] = contentType;
        if (preflight) headers['apollo-require-preflight'] = 'true';
        const hasBody = method !== 'GET' && method !== 'HEAD';
        const url = hasBody ? stack.url : `${stack.url}?query=${encodeURIComponent(body)}`;
        const res = await rawRequest(url, { method, headers, body: hasBody ? body : undefined });
        const problems = violations(res, { method });
        if (problems.length > 0) throw new Error(`${problems.join('; ')}\n${describeRun({ method, contentType, preflight, body }, res.status, res.text)}`);
      }),
      { seed: SEED, numRuns: BODY_RUNS },
    );
  });
});

describe('afterwards', () => {
  it('every process is up and a normal query answers', async () => {
    const base = (url: string) => url.replace(/\/graphql$/, '');
    for (const url of [stack.url, ...SUBGRAPHS.map((n) => stack.subgraphs[n].url)]) expect((await fetch(`${base(url)}/health`)).status).toBe(200);
    const n = pools.employmentNumbers[0];
    const res = await post(stack.url, `{ employment(employmentNumber: "${n}") { employmentNumber } }`, undefined, clients[0]);
    expect(res.body).toEqual({ data: { employment: { employmentNumber: n } } });
  });
});
