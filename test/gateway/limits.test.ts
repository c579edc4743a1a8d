// Operations over the limits are refused with HTTP 400 and a stable code before any subgraph is
// asked (the simulators see no call), and the gateway keeps answering.
import { parse, buildSchema, Kind, type OperationDefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { limitsFromEnv } from '../../gateway/limits/config.js';
import { measure } from '../../gateway/limits/measure.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await testStack({ employees: 50 });
  auth = await stack.headers({ clientKind: 'analyst' });
});
afterAll(() => stack?.close());

async function refused(query: string, code: string, status = 400, headers = auth) {
  stack.sources.opus.resetCalls();
  stack.sources.fkorg.resetCalls();
  const res = await post(stack.url, query, undefined, headers);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(codes(res)).toEqual([code]);
  expect(res.body.data ?? null).toBeNull();
  expect(stack.sources.opus.calls).toEqual([]);
  expect(stack.sources.fkorg.calls).toEqual([]);
  return res;
}

describe('query limits', () => {
  it('refuses a query nested deeper than the limit', async () => {
    let inner = 'name';
    for (let i = 0; i < 7; i++) inner = `employments { employee { ${inner} } }`;
    const res = await refused(`{ employment(employmentNumber: "100001") { employee { ${inner} } } }`, 'QUERY_TOO_DEEP');
    expect(res.body.errors![0].extensions).toMatchObject({ limit: 12 });
  });

  it('refuses too many aliases', async () => {
    const fields = Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ');
    await refused(`{ ${fields} }`, 'TOO_MANY_ALIASES');
  });

  it('refuses too many root fields', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `u${i}: orgUnits(first: 1) { totalCount }`).join(' ');
    await refused(`{ ${fields} }`, 'TOO_MANY_ROOT_FIELDS');
  });

  it('refuses a page larger than the maximum, also when it comes in a variable', async () => {
    await refused('{ orgUnits(first: 501) { totalCount } }', 'PAGE_TOO_LARGE');
    stack.sources.fkorg.resetCalls();
    const res = await post(stack.url, 'query($n: Int) { orgUnits(first: $n) { totalCount } }', { n: 10_000 }, auth);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['PAGE_TOO_LARGE']);
  });

  it('refuses a query whose estimated cost is too high, counting page sizes', async () => {
    await refused('{ orgUnits(first: 500) { nodes { employments { employee { employments { absences { type } } } } } } }', 'QUERY_TOO_COSTLY');
    // The same shape on a small page is fine.
    const ok = await post(stack.url, '{ orgUnits(first: 2) { nodes { employments { employee { employments { employmentNumber } } } } } }', undefined, auth);
    expect(ok.status).toBe(200);
    expect(ok.body.errors).toBeUndefined();
  });

  it('lets analysts and frontends introspect by default', async () => {
    const query = '{ __schema { queryType { name } } }';
    for (const clientKind of ['analyst', 'frontend'] as const) {
      const res = await post(stack.url, query, undefined, await stack.headers({ clientKind }));
      expect(res.body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('refuses introspection with 403 to client kinds not configured for it', async () => {
    const analystsOnly = await testStack({ employees: 20, gateway: { limits: limitsFromEnv({ INTROSPECTION_CLIENT_KINDS: 'analyst' }) } });
    try {
      const query = '{ __type(name: "Employee") { name } }';
      const refusedRes = await post(analystsOnly.url, query, undefined, await analystsOnly.headers({ clientKind: 'frontend' }));
      expect(refusedRes.status).toBe(403);
      expect(codes(refusedRes)).toEqual(['INTROSPECTION_DISABLED']);
      const allowed = await post(analystsOnly.url, query, undefined, await analystsOnly.headers({ clientKind: 'analyst' }));
      expect(allowed.body.data).toEqual({ __type: { name: 'Employee' } });
      // Ordinary queries are unaffected.
      const ordinary = await post(analystsOnly.url, '{ orgUnits(first: 1) { totalCount } }', undefined, await analystsOnly.headers({ clientKind: 'frontend' }));
      expect(ordinary.body.errors).toBeUndefined();
    } finally {
      await analystsOnly.close();
    }
  });
});

describe('measure', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
  const measured = (query: string, variables: Record<string, unknown> = {}) => {
    const doc = parse(query);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    return measure(schema, op, fragments, variables, { defaultListSize: 20 });
  };

  it('multiplies nested lists by page size or the default list size, through fragments', () => {
    const m = measured('query($n: Int) { orgUnits(first: $n) { nodes { ...U } } } fragment U on OrgUnit { name employments { employmentNumber } }', { n: 10 });
    // orgUnits: 1 + 10 × (nodes: 1 + (name 1 + employments: 1 + 20 × 1))
    expect(m.cost).toBe(1 + 10 * (1 + (1 + (1 + 20 * 1))));
    expect(m.depth).toBe(4);
    expect(m.largestPage).toBe(10);
    expect(m.rootFields).toBe(1);
  });

  it('counts aliases and flags introspection without charging its depth', () => {
    const m = measured('{ a: orgUnits(first: 1) { totalCount } b: orgUnits(first: 1) { totalCount } __schema { types { fields { type { ofType { ofType { name } } } } } } }');
    expect(m.aliases).toBe(2);
    expect(m.introspection).toBe(true);
    expect(m.depth).toBe(2);
  });
});
