// Every limit at its threshold (answered, no limit error) and one past it (refused with HTTP 400, a
// stable code and the measured value and the limit in extensions, before any subgraph is asked). The
// queries are computed from the gateway's configured limits, so an off-by-one or a changed threshold
// fails here. Page size and cost depend on values, so they are tested with literals, with variables
// and with variable defaults; depth, aliases, root fields and tokens are properties of the document's
// text alone, so literals are all there is.
import { parse, buildSchema, Kind, Lexer, Source, TokenKind, validate, type OperationDefinitionNode, type FragmentDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { gatewayConfigFromEnv } from '../../gateway/config.js';
import { limitsFromEnv } from '../../gateway/limits/config.js';
import { estimateCost, estimateCostOnce } from '../../gateway/limits/cost.js';
import { costModelFrom } from '../../gateway/limits/costModel.js';
import { depthAndAliasRules } from '../../platform/operationLimits.js';
import { operationVariables } from '../../gateway/limits/variables.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';

const config = gatewayConfigFromEnv({});
const limits = config.limits;
const costModel = costModelFrom(readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8'));

let stack: Stack;
let auth: Record<string, string>;
beforeAll(async () => {
  // The stack runs the gateway on this same configuration (gatewayConfigFromEnv({})).
  stack = await testStack({ employees: 50 });
  auth = await stack.headers({ clientKind: 'analyst' });
});
afterAll(() => stack?.close());

async function answered(query: string, variables?: Record<string, unknown>) {
  const res = await post(stack.url, query, variables, auth);
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data).toBeTruthy();
  return res;
}

async function refused(query: string, variables: Record<string, unknown> | undefined, code: string, extensions: Record<string, number>) {
  stack.sources.opus.resetCalls();
  stack.sources.fkorg.resetCalls();
  const res = await post(stack.url, query, variables, auth);
  expectRefused(res, 400, code, extensions);
  expect(stack.sources.opus.calls).toEqual([]);
  expect(stack.sources.fkorg.calls).toEqual([]);
  return res;
}

function expectRefused(res: GraphQLResponse, status: number, code: string, extensions: Record<string, number>) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(codes(res)).toEqual([code]);
  expect(res.body.errors![0].extensions).toMatchObject(extensions);
  expect(res.body.data ?? null).toBeNull();
}

/** Lexical tokens as graphql-js counts them against maxTokens (comments and EOF not counted). */
function tokenCount(query: string): number {
  const lexer = new Lexer(new Source(query));
  let n = 0;
  while (lexer.advance().kind !== TokenKind.EOF) n++;
  return n;
}

/** A query whose deepest counted field is at `depth` (orgUnits 1, nodes 2, then parents, then name). */
const deepQuery = (depth: number) => `{ orgUnits(first: 1) { nodes { ${'parent { '.repeat(depth - 3)}name${' }'.repeat(depth - 3)} } } }`;

/** `n` tokens: 19 around a list of unit types, each string 1 (commas are not tokens). */
const tokensQuery = (n: number) => `{ orgUnits(first: 1, filter: { unitTypes: [${'"team" '.repeat(n - 19)}] }) { totalCount } }`;

/**
 * A query of estimated cost exactly `cost`: a = 1 + n × w, each of a's n units costing w = 1 + c × (1 + c)
 * for its children and theirs (c the children's assumed size), and b = 1 + m × 1 for m units, with m
 * in 1..w. Its page sizes come as literals, variables or defaults.
 */
function costQuery(cost: number, form: 'literal' | 'variables' | 'defaults'): { query: string; variables?: Record<string, unknown> } {
  const c = costModel.listSizes.get('OrgUnit.children')!.assumedSize!;
  const w = 1 + c * (1 + c);
  const n = Math.floor((cost - 3) / w);
  const m = cost - 2 - n * w;
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThanOrEqual(limits.maxPageSize);
  expect(m).toBeGreaterThanOrEqual(1);
  expect(m).toBeLessThanOrEqual(limits.maxPageSize);
  const body = (first: string, second: string) => `a: orgUnits(first: ${first}) { nodes { children { children { __typename } } } } b: orgUnits(first: ${second}) { nodes { __typename } }`;
  if (form === 'literal') return { query: `{ ${body(String(n), String(m))} }` };
  if (form === 'variables') return { query: `query($n: Int!, $m: Int!) { ${body('$n', '$m')} }`, variables: { n, m } };
  return { query: `query($n: Int = ${n}, $m: Int = ${m}) { ${body('$n', '$m')} }` };
}

function pageQuery(size: number, form: 'literal' | 'variables' | 'defaults'): { query: string; variables?: Record<string, unknown> } {
  const body = (first: string) => `orgUnits(first: ${first}) { totalCount }`;
  if (form === 'literal') return { query: `{ ${body(String(size))} }` };
  if (form === 'variables') return { query: `query($n: Int) { ${body('$n')} }`, variables: { n: size } };
  return { query: `query($n: Int = ${size}) { ${body('$n')} }` };
}

describe('query limits at their thresholds', () => {
  it('depth: answered at the limit, refused one level deeper', async () => {
    await answered(deepQuery(limits.maxDepth));
    await refused(deepQuery(limits.maxDepth + 1), undefined, 'QUERY_TOO_DEEP', { depth: limits.maxDepth + 1, limit: limits.maxDepth });
  });

  it('aliases: answered at the limit, refused at one more', async () => {
    // Below one root field, so the root field limit stays out of it.
    const aliases = (n: number) => `{ orgUnits(first: 1) { ${Array.from({ length: n }, (_, i) => `a${i}: totalCount`).join(' ')} } }`;
    await answered(aliases(limits.maxAliases));
    await refused(aliases(limits.maxAliases + 1), undefined, 'TOO_MANY_ALIASES', { aliases: limits.maxAliases + 1, limit: limits.maxAliases });
  });

  it('root fields: answered at the limit, refused at one more', async () => {
    const roots = (n: number) => `{ ${'__typename '.repeat(n)}}`;
    await answered(roots(limits.maxRootFields));
    await refused(roots(limits.maxRootFields + 1), undefined, 'TOO_MANY_ROOT_FIELDS', { rootFields: limits.maxRootFields + 1, limit: limits.maxRootFields });
  });

  it('tokens: answered at the limit, refused at one more by the parser', async () => {
    expect(tokenCount(tokensQuery(limits.maxTokens))).toBe(limits.maxTokens);
    await answered(tokensQuery(limits.maxTokens));
    const res = await refused(tokensQuery(limits.maxTokens + 1), undefined, 'GRAPHQL_PARSE_FAILED', { tokens: limits.maxTokens + 1, limit: limits.maxTokens });
    expect(res.body.errors![0].message).toContain(String(limits.maxTokens));
  });

  for (const form of ['literal', 'variables', 'defaults'] as const) {
    it(`page size (${form}): answered at the maximum, refused at one more`, async () => {
      const atLimit = pageQuery(limits.maxPageSize, form);
      await answered(atLimit.query, atLimit.variables);
      const past = pageQuery(limits.maxPageSize + 1, form);
      await refused(past.query, past.variables, 'PAGE_TOO_LARGE', { first: limits.maxPageSize + 1, limit: limits.maxPageSize });
    });

    it(`cost (${form}): answered at the limit, refused at one more`, async () => {
      const atLimit = costQuery(limits.maxCost, form);
      await answered(atLimit.query, atLimit.variables);
      const past = costQuery(limits.maxCost + 1, form);
      await refused(past.query, past.variables, 'QUERY_TOO_COSTLY', { cost: limits.maxCost + 1, limit: limits.maxCost });
    });
  }

  it('a default far past the page maximum is refused at the gateway, not left to the subgraph', async () => {
    await refused('query Q($n: Int = 100000) { orgUnits(first: $n) { totalCount } }', undefined, 'PAGE_TOO_LARGE', { first: 100_000, limit: limits.maxPageSize });
  });

  it('a variable sent overrides its default, and an explicit null is no page size', async () => {
    const query = `query($n: Int = ${limits.maxPageSize + 1}) { orgUnits(first: $n) { totalCount } }`;
    await answered(query, { n: 1 });
    await answered(query, { n: null });
  });

  it('variables that do not coerce get the validation error, not a limit error', async () => {
    const res = await post(stack.url, 'query($n: Int!) { orgUnits(first: $n) { totalCount } }', { n: 'many' }, auth);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('body bytes: answered at the limit, refused with 413 at one more', async () => {
    const sized = (bytes: number) => {
      const json = JSON.stringify({ query: '{ __typename }' });
      // JSON allows whitespace between tokens: pad to the exact size.
      return `${json.slice(0, -1)}${' '.repeat(bytes - json.length)}}`;
    };
    const send = async (body: string) => {
      expect(Buffer.byteLength(body)).toBe(body.length);
      const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body });
      return { status: res.status, body: await res.json() } as GraphQLResponse;
    };
    const ok = await send(sized(config.bodyLimitBytes));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ data: { __typename: 'Query' } });
    expectRefused(await send(sized(config.bodyLimitBytes + 1)), 413, 'PAYLOAD_TOO_LARGE', { bytes: config.bodyLimitBytes + 1, limit: config.bodyLimitBytes });
  });
});

describe('introspection', () => {
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

describe('cost, depth and aliases measured', () => {
  const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
  /** As the plugin measures: on the coerced variables with their defaults. */
  const measured = (query: string, variables: Record<string, unknown> = {}) => {
    const doc = parse(query);
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    return estimateCost(schema, costModel, op, fragments, operationVariables(schema, op, variables), limits.defaultListSize);
  };
  /** What the depth and alias rules report for a document, with limits of 1. */
  const counted = (query: string) => Object.fromEntries(validate(schema, parse(query), depthAndAliasRules({ maxDepth: 1, maxAliases: 1 })).flatMap((e) => Object.entries(e.extensions).filter(([k]) => k !== 'code' && k !== 'limit')));
  const size = (coordinate: string) => costModel.listSizes.get(coordinate)!.assumedSize!;

  it('multiplies nested lists by the slicing argument or their assumed size, through fragments', () => {
    const m = measured('query($n: Int) { orgUnits(first: $n) { nodes { ...U } } } fragment U on OrgUnit { name employments { employmentNumber } }', { n: 10 });
    // orgUnits 1 (an object) + its sized field nodes: 10 × (1 + name 0 + employments: assumed size × (1 + employmentNumber 0))
    expect(size('OrgUnit.employments')).toBe(20);
    expect(m.cost).toBe(1 + 10 * (1 + 0 + 20 * (1 + 0)));
    expect(m.largestPage).toBe(10);
    expect(m.rootFields).toBe(1);
  });

  it('costs the README examples by hand, as the demand-control spec counts them', () => {
    const unitStaff = measured(`{ orgUnits(first: 3, filter: { name: "skole" }) { nodes { name employments {
      employmentNumber employee { name } contract { position } absences { type from to } salaryPlacement { payGroup step } } } } }`);
    // The filter is an input object: 1. Each employment: 1 + employee 1 + contract 1 + absences 20 × 1 + salaryPlacement 1.
    expect(size('Employment.absences')).toBe(20);
    expect(unitStaff.cost).toBe(1 + 3 * (1 + 20 * (1 + 1 + 1 + 20 * 1 + 1)) + 1);
    const people = measured('{ employees(filter: { name: "ågaard" }) { nodes { name manager { name } directReports { name } itUsers { userName } } } }');
    // Without `first`, the page is the connection's assumed size (the default page, 50).
    expect(size('Query.employees')).toBe(50);
    expect(people.cost).toBe(1 + 50 * (1 + 5 * 1 + 20 * 1 + 5 * 1) + 1);
    expect(people.largestPage).toBe(0);
  });

  it('adds 10 for a mutation and its field\'s @cost, and scores input objects sent as variables', () => {
    const m = measured(
      'mutation($s: [EmploymentPaymentsInput!]!) { submitOneOffPaymentsBulk(submissions: $s, idempotencyKey: "k-1234567") { storedCount results { accepted messages { code } } } }',
      { s: [{ employmentNumber: '1', payments: [{ wageType: '1234', sequence: 0, quantity: 1, startDate: '2026-01-01' }, { wageType: '1234', sequence: 1, quantity: 1, startDate: '2026-01-01' }] }] },
    );
    expect(costModel.weights.get('Mutation.submitOneOffPaymentsBulk')).toBe(10);
    // Mutation 10; the field's weight 10 + results: 20 × (1 + messages 10 × 1); arguments: one input object of two.
    expect(m.cost).toBe(10 + (10 + 20 * (1 + 10 * 1)) + (1 + 2));
  });

  it('leaves out skipped fields, __typename and introspection, and counts root fields through fragments', () => {
    const m = measured('query($no: Boolean!) { __typename ...R orgUnits(first: 2) @skip(if: $no) { nodes { __typename } } } fragment R on Query { organisations { id } }', { no: true });
    expect(m.cost).toBe(5 * 1);
    expect(m.rootFields).toBe(3);
    expect(measured('{ __schema { types { name } } }')).toMatchObject({ cost: 0, introspection: true });
  });

  it('applies declared defaults and coerces variables; inputs that do not coerce leave only the literals', () => {
    expect(measured('query($n: Int = 300) { orgUnits(first: $n) { totalCount } }').largestPage).toBe(300);
    expect(measured('query($n: Int = 300) { orgUnits(first: $n) { totalCount } }', { n: 7 }).largestPage).toBe(7);
    expect(measured('query($n: Int = 300) { orgUnits(first: $n) { totalCount } }', { n: null }).largestPage).toBe(0);
    expect(measured('query($n: Int) { a: orgUnits(first: $n) { totalCount } b: orgUnits(first: 9) { totalCount } }', { n: 'x' }).largestPage).toBe(9);
  });

  it('counts depth and aliases as graphql-armor does: __typename and its aliases included, fragments and __schema adding no depth', () => {
    expect(counted('{ a: orgUnits(first: 1) { totalCount } b: orgUnits(first: 1) { totalCount } __schema { types { fields { type { ofType { name } } } } } }')).toEqual({ depth: 2, aliases: 2 });
    expect(counted('{ orgUnits { nodes { ...U } } } fragment U on OrgUnit { ... on OrgUnit { t: __typename } }')).toEqual({ depth: 3 });
  });

  it('remembers a measure per operation by the variables it read, measuring as a fresh walk does', () => {
    const cases: Array<[string, Array<Record<string, unknown>>]> = [
      // A slicing argument: each page size its own measure; nothing else read.
      ['query($n: Int, $id: ID!) { orgUnit(id: $id) { name } orgUnits(first: $n) { nodes { name } } }', [{ n: 10, id: 'a' }, { n: 10, id: 'b' }, { n: 3, id: 'a' }, { id: 'a' }, { n: null, id: 'c' }]],
      // A condition: which branch is walked depends on it, and so which variables are read.
      ['query($no: Boolean!, $n: Int) { orgUnits(first: 2) @skip(if: $no) { nodes { __typename } } b: orgUnits(first: $n) @include(if: $no) { totalCount } }', [{ no: true, n: 4 }, { no: false, n: 4 }, { no: true, n: 9 }, { no: false, n: 9 }]],
      // Input objects sent as variables: scored by what they hold.
      [
        'mutation($s: [EmploymentPaymentsInput!]!) { submitOneOffPaymentsBulk(submissions: $s, idempotencyKey: "k-1234567") { storedCount } }',
        [
          { s: [{ employmentNumber: '1', payments: [{ wageType: '1234', sequence: 0, quantity: 1, startDate: '2026-01-01' }] }] },
          { s: [{ employmentNumber: '2', payments: [{ wageType: '1234', sequence: 0, quantity: 1, startDate: '2026-01-01' }, { wageType: '1234', sequence: 1, quantity: 1, startDate: '2026-01-01' }] }] },
          { s: [{ employmentNumber: '1', payments: [{ wageType: '1234', sequence: 0, quantity: 1, startDate: '2026-01-01' }] }] },
        ],
      ],
      // Declared defaults apply to what is read.
      ['query($n: Int = 300) { orgUnits(first: $n) { totalCount } }', [{}, { n: 7 }, {}, { n: 'x' }]],
    ];
    for (const [query, variableSets] of cases) {
      const doc = parse(query);
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
      for (const variables of variableSets) {
        const once = estimateCostOnce(schema, costModel, op, {}, () => operationVariables(schema, op, variables), limits.defaultListSize);
        expect(once, `${query} ${JSON.stringify(variables)}`).toEqual(measured(query, variables));
      }
    }
    // A query whose measure reads no variable: its variables are not coerced again.
    const card = parse('query($n: ID!) { employment(employmentNumber: $n) { employee { name manager { name } } } }');
    const op = card.definitions[0] as OperationDefinitionNode;
    let coerced = 0;
    const variables = (n: string) => () => (coerced++, operationVariables(schema, op, { n }));
    const first = estimateCostOnce(schema, costModel, op, {}, variables('1'), limits.defaultListSize);
    expect(estimateCostOnce(schema, costModel, op, {}, variables('2'), limits.defaultListSize)).toEqual(first);
    expect(coerced).toBe(0);
  });

  it('builds the threshold queries these tests send to the exact measure', () => {
    for (const form of ['literal', 'variables', 'defaults'] as const) {
      const { query, variables } = costQuery(limits.maxCost, form);
      expect(measured(query, variables).cost).toBe(limits.maxCost);
    }
    expect(counted(deepQuery(limits.maxDepth)).depth).toBe(limits.maxDepth);
  });
});

describe('the cost model in the supergraph', () => {
  it('carries @listSize with `first` as slicing argument and `nodes` as sized field on every paginated field', () => {
    const paginated = ['Query.orgUnits', 'Query.employees', 'Query.employments', 'Query.changes', 'Query.accessLog', 'OrgUnit.descendants'];
    for (const coordinate of paginated) {
      expect(costModel.listSizes.get(coordinate), coordinate).toMatchObject({ slicingArguments: ['first'], sizedFields: ['nodes'], requireOneSlicingArgument: false });
    }
  });

  it('gives every list field a size, and @cost to every mutation', () => {
    const schema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));
    const sized = new Set([...costModel.listSizes.values()].flatMap((l) => l.sizedFields ?? []));
    const unsized: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type) || !('isTypeOf' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        const list = String(field.type).replace(/!$/, '').startsWith('[');
        if (list && !costModel.listSizes.has(`${type.name}.${field.name}`) && !sized.has(field.name)) unsized.push(`${type.name}.${field.name}`);
      }
    }
    expect(unsized).toEqual([]);
    for (const name of Object.keys(schema.getMutationType()!.getFields())) expect(costModel.weights.get(`Mutation.${name}`), name).toBe(10);
  });
});
