// Every entry point × every scope × every client kind, with the attacks that were found before: no
// answer may hold a field the caller's scopes do not cover (test/support/leaks.ts judges by the
// subgraphs' own @access directives), no subgraph port may answer a client, a fagsystem may run
// registered operations only, and a token without a client kind gets nothing anywhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { ALL_SCOPES, type Scope } from '../../platform/auth/scopes.js';
import { CLIENT_KINDS } from '../../platform/auth/principal.js';
import { SUBGRAPHS } from '../../platform/topology.js';
import { personIds } from '../../platform/personId.js';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { findLeaks, type Leak } from '../support/leaks.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let employmentNumber: string;
let personId: string;
let cpr: string;
let unitId: string;
let operations: Map<string, string>;

beforeAll(async () => {
  stack = await testStack({ employees: 40 });
  const employment = stack.municipality.opus.employments.find((e) => !e.person.address.protected && e.placements.length > 0)!;
  employmentNumber = employment.employmentNumber;
  cpr = employment.person.cpr;
  personId = personIds().fromCpr(cpr);
  const placedIn = employment.placements.at(-1)!.orgUnitOpusId;
  unitId = stack.municipality.org.units.find((u) => u.opusId === placedIn)!.id;
  operations = new Map((await loadManifest()).operations.map((o) => [o.name, o.id]));
});
afterAll(() => stack?.close());

/** No scope, each scope alone, each beside employee:read (most data hangs below an employment), and all of them. */
const SCOPE_SETS: Scope[][] = [[], ...ALL_SCOPES.map((s) => [s]), ...ALL_SCOPES.filter((s) => s !== 'employee:read').map((s): Scope[] => ['employee:read', s]), ALL_SCOPES];

interface Probe {
  name: string;
  query: string;
  variables?: () => Record<string, unknown>;
  root?: 'Query' | 'Mutation';
  /** The scopes without which the probe's root field must be null (mutations: must not run). */
  writeScope?: Scope;
}

const PROBES: Probe[] = [
  {
    name: 'employee card',
    query: `query Card($id: ID!) { employee(id: $id) { id name firstName lastName cpr birthDate gender address { protected street postalCode city country }
      employments { employmentNumber validFrom contract { position agreement { code } } communication { workEmail } userId orgUnit { id name } } manager { id title } } }`,
    variables: () => ({ id: personId }),
  },
  {
    name: 'every area of a page of employments',
    query: `{ employments(first: 5) { nodes { employmentNumber absences { type from } vacationBalance { remainingDays } salaryPlacement { payGroup annualBaseSalary }
      fixedPayItems { kind monthlyAmount } pensionSchemes { provider } oneOffPayments { amount } taxCard { __typename } employee { name cpr } } } }`,
  },
  {
    name: 'units with their staff and statistics',
    query: `query Units($unit: ID!) { orgUnit(id: $unit) { id name kle managers { id title } employments { employmentNumber employee { name } }
      absenceStatistics(from: "2026-01-01", to: "2026-06-30") { days rate } } organisations { id name } }`,
    variables: () => ({ unit: unitId }),
  },
  { name: 'lookup by CPR', query: 'query ByCpr($cprs: [String!]!) { employeesByCpr(cprs: $cprs) { id name cpr } }', variables: () => ({ cprs: [cpr] }) },
  { name: 'access report', query: '{ accessLog(first: 5) { nodes { at subject clientId kind category field entityIds } } }' },
  { name: 'change feed', query: '{ changes(first: 3) { nodes { type entityKey employment { employmentNumber } } } }' },
  { name: 'introspection', query: '{ __schema { queryType { name } } }' },
  {
    name: 'submit one-off payments (validate only)',
    root: 'Mutation',
    writeScope: 'payments:write',
    query: `mutation Pay($n: ID!) { submitOneOffPayments(employmentNumber: $n, validateOnly: true, idempotencyKey: "matrix-validate-only",
      payments: [{ wageType: "1234", sequence: 0, quantity: 1, startDate: "2026-11-01" }]) { employmentNumber accepted stored } }`,
    variables: () => ({ n: employmentNumber }),
  },
  {
    name: 'update communication',
    root: 'Mutation',
    writeScope: 'communication:write',
    query: `mutation Comm($n: ID!, $key: String!) { updateCommunication(employmentNumber: $n, idempotencyKey: $key, input: { workPhone: "87654321" }) { employmentNumber } }`,
    variables: () => ({ n: employmentNumber, key: `matrix-${Math.random().toString(36).slice(2)}` }),
  },
];

function dataOf(res: GraphQLResponse) {
  return res.body.data ?? null;
}

/** Runs `work` over `items`, `width` at a time (one stack, two cores: a few hundred requests at once only queue). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += width) out.push(...(await Promise.all(items.slice(i, i + width).map(work))));
  return out;
}

interface Finding {
  entry: string;
  kind: string;
  scopes: string;
  probe: string;
  leaks: Leak[] | string;
}

describe('the gateway', () => {
  it('answers no field beyond the caller’s scopes, for every client kind and scope set', async () => {
    const cases = CLIENT_KINDS.flatMap((kind) => SCOPE_SETS.map((scopes) => ({ kind, scopes })));
    const findings: Finding[] = [];
    let answered = 0;
    await inBatches(cases, 4, async ({ kind, scopes }) => {
      const headers = await stack.headers({ scopes, clientKind: kind, subject: `matrix-${kind}` });
      const held = new Set<string>(scopes);
      for (const probe of PROBES) {
        const res = await post(stack.url, probe.query, probe.variables?.(), headers);
        const data = dataOf(res);
        const note = (leaks: Leak[] | string) => findings.push({ entry: 'gateway', kind, scopes: scopes.join(' ') || '(none)', probe: probe.name, leaks });
        if (codes(res).includes('GRAPHQL_VALIDATION_FAILED')) note(`the probe does not validate: ${res.body.errors?.[0]?.message}`);
        if (kind === 'fagsystem') {
          // Free queries are refused before anything runs, whatever the scopes.
          if (!codes(res).includes('PERSISTED_QUERY_NOT_IN_SAFELIST') || data) note(`a fagsystem ran a free query (HTTP ${res.status}, ${codes(res).join(',')})`);
          continue;
        }
        if (probe.name === 'introspection') continue;
        const leaks = findLeaks(data, held, probe.root ?? 'Query');
        if (leaks.length) note(leaks);
        if (probe.writeScope && !held.has(probe.writeScope) && data && Object.values(data).some((v) => v !== null)) note(`${probe.name} ran without ${probe.writeScope}`);
        if (data && Object.values(data).some((v) => v !== null)) answered++;
      }
    });
    expect(findings).toEqual([]);
    // The matrix is not vacuous: with the right scopes, analysts and frontends get answers.
    expect(answered).toBeGreaterThan(40);
  });

  it('lets a fagsystem run registered operations, and shows it nothing beyond its scopes', async () => {
    const registered: Array<{ name: string; variables: Record<string, unknown> }> = [
      { name: 'EmploymentPayroll', variables: { employmentNumber } },
      { name: 'EmploymentAbsences', variables: { employmentNumber } },
      { name: 'UnitStaff', variables: { id: unitId } },
      { name: 'FindUnits', variables: { name: 'a' } },
    ];
    const findings: Finding[] = [];
    let answered = 0;
    await inBatches(SCOPE_SETS, 4, async (scopes) => {
      const headers = await stack.headers({ scopes, clientKind: 'fagsystem', subject: 'matrix-fagsystem' });
      for (const op of registered) {
        const id = operations.get(op.name);
        expect(id, `${op.name} is registered`).toBeDefined();
        const res = await postPersisted(stack.url, id!, op.variables, headers);
        if (codes(res).some((c) => c.startsWith('PERSISTED_QUERY'))) findings.push({ entry: 'gateway', kind: 'fagsystem', scopes: scopes.join(' '), probe: op.name, leaks: `refused: ${codes(res)}` });
        const leaks = findLeaks(dataOf(res), new Set(scopes));
        if (leaks.length) findings.push({ entry: 'gateway', kind: 'fagsystem', scopes: scopes.join(' ') || '(none)', probe: op.name, leaks });
        if (dataOf(res) && JSON.stringify(dataOf(res)).length > 60) answered++;
      }
    });
    expect(findings).toEqual([]);
    expect(answered).toBeGreaterThan(8);
  });

  it('gives a fagsystem the same answer for every hash it may not run, registered by others or not', async () => {
    const frontend = await stack.headers({ scopes: ['org:read'], clientKind: 'frontend' });
    const fagsystem = await stack.headers({ scopes: ['org:read'], clientKind: 'fagsystem' });
    const query = '{ organisations { id } }';
    const { createHash } = await import('node:crypto');
    const hash = createHash('sha256').update(query).digest('hex');
    // A frontend registers the query by APQ.
    const registered = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...frontend }, body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }) });
    expect(registered.status).toBe(200);
    const known = await postPersisted(stack.url, hash, {}, fagsystem);
    const unknown = await postPersisted(stack.url, createHash('sha256').update('{ nothing }').digest('hex'), {}, fagsystem);
    expect(known.status).toBe(unknown.status);
    expect(known.body).toEqual(unknown.body);
  });

  it('refuses a token without a client kind, whatever its scopes', async () => {
    for (const scopes of [[], ALL_SCOPES]) {
      const token = await stack.issuer!.token({ scopes, claims: { client_kind: undefined } });
      for (const probe of PROBES) {
        const res = await post(stack.url, probe.query, probe.variables?.(), { authorization: `Bearer ${token}` });
        expect(res.status, probe.name).toBe(401);
        expect(codes(res)).toEqual(['UNAUTHENTICATED']);
        expect(dataOf(res)).toBeNull();
      }
    }
  });
});

describe('the subgraph ports', () => {
  it('answer no client token of any kind or scope, however well-formed', async () => {
    const findings: Finding[] = [];
    const cases = SUBGRAPHS.flatMap((subgraph) => [...CLIENT_KINDS, undefined].flatMap((kind) => [[] as Scope[], ALL_SCOPES].map((scopes) => ({ subgraph, kind, scopes }))));
    await inBatches(cases, 8, async ({ subgraph, kind, scopes }) => {
      const headers = await stack.headers(kind ? { scopes, clientKind: kind } : { scopes, claims: { client_kind: undefined } });
      // What a fagsystem ran straight at the employee port before: CPR numbers without the safelist.
      for (const query of ['{ employees { nodes { name cpr } } }', '{ __schema { types { name } } }', '{ _service { sdl } }']) {
        const res = await post(stack.subgraphs[subgraph].url, query, undefined, headers);
        if (res.status !== 401 || dataOf(res) !== null || !codes(res).includes('UNAUTHENTICATED')) {
          findings.push({ entry: subgraph, kind: kind ?? '(none)', scopes: scopes.join(' ') || '(none)', probe: query, leaks: `HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 120)}` });
        }
      }
    });
    expect(findings).toEqual([]);
  });
});

/** What each subgraph answers for itself: its own root fields, and the entity fields it adds to an employment. */
const SUBGRAPH_PROBES: Record<(typeof SUBGRAPHS)[number], (n: string) => string[]> = {
  employee: () => [
    '{ employees(first: 3) { nodes { id name cpr address { protected street } employments { employmentNumber communication { workEmail } } } } }',
    '{ accessLog(first: 3) { nodes { subject entityIds } } }',
  ],
  organisation: () => ['{ orgUnits(first: 3) { nodes { id name kle managers { id title } } } }'],
  absence: (n) => [`{ _entities(representations: [{ __typename: "Employment", employmentNumber: "${n}" }]) { __typename ... on Employment { absences { type } vacationBalance { remainingDays } } } }`],
  payroll: (n) => [`{ _entities(representations: [{ __typename: "Employment", employmentNumber: "${n}" }]) { __typename ... on Employment { salaryPlacement { payGroup } oneOffPayments { amount } taxCard { __typename } } } }`],
};

describe('the subgraph ports, with the gateway’s own tokens', () => {
  it('answer no field beyond the scopes the gateway vouched for', async () => {
    const findings: Finding[] = [];
    let answered = 0;
    const cases = SUBGRAPHS.flatMap((subgraph) => CLIENT_KINDS.flatMap((kind) => SCOPE_SETS.map((scopes) => ({ subgraph, kind, scopes }))));
    await inBatches(cases, 8, async ({ subgraph, kind, scopes }) => {
      const headers = await gatewayHeadersFor(stack, subgraph, { scopes, clientKind: kind, subject: `matrix-${kind}` });
      for (const query of SUBGRAPH_PROBES[subgraph](employmentNumber)) {
        const res = await post(stack.subgraphs[subgraph].url, query, undefined, headers);
        const note = (leaks: Leak[] | string) => findings.push({ entry: subgraph, kind, scopes: scopes.join(' ') || '(none)', probe: query.slice(0, 60), leaks });
        if (codes(res).includes('GRAPHQL_VALIDATION_FAILED')) note(`the probe does not validate: ${res.body.errors?.[0]?.message}`);
        const leaks = findLeaks(dataOf(res), new Set(scopes));
        if (leaks.length) note(leaks);
        if (JSON.stringify(dataOf(res) ?? {}).length > 80) answered++;
      }
    });
    expect(findings).toEqual([]);
    expect(answered).toBeGreaterThan(40);
  });

  it('refuse a gateway token made out to another subgraph', async () => {
    for (const subgraph of SUBGRAPHS) {
      const other = SUBGRAPHS.find((s) => s !== subgraph)!;
      const res = await post(stack.subgraphs[subgraph].url, '{ __typename }', undefined, await gatewayHeadersFor(stack, other));
      expect(res.status, subgraph).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

async function postPersisted(url: string, sha256Hash: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
  });
  return { status: res.status, body: await res.json() };
}

describe('the leak detector', () => {
  it('finds a field read without its scope, a CPR-shaped value and a protected address shown', () => {
    const data = { employee: { id: 'p_x', name: 'A B', address: { protected: true, street: 'Vej 1', postalCode: null, city: null, country: null }, employments: [{ employmentNumber: '1', salaryPlacement: { payGroup: 'x' } }] } };
    const leaks = findLeaks(data, new Set(['employee:read']));
    expect(leaks.map((l) => l.path).sort()).toEqual(['employee.address.street', 'employee.employments.0.salaryPlacement']);
    expect(findLeaks({ employee: { id: 'p_x', name: '0101901234' } }, new Set(['employee:read']))).toHaveLength(1);
    expect(findLeaks(data, new Set([...ALL_SCOPES]))).toEqual([]);
  });
});
