// The gateway executes its query plans itself (gateway/execution/). Its answers must be exactly those
// @apollo/gateway gives for the same plans over the same subgraphs: the same data in the same field
// order, the same errors with the same paths and codes. Two gateways run side by side over one set of
// subgraphs, one with each executor, and every query here goes to both over HTTP. One exception, found
// by the made-up queries below: where @apollo/gateway leaves the spec's field order, ours keeps it.
import { readFileSync } from 'node:fs';
import { buildSchema, executeSync, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { startGateway } from '../../gateway/server.js';
import { gatewayConfigFromEnv } from '../../gateway/config.js';
import { createVerifier } from '../../platform/auth/verifier.js';
import { silentLogger } from '../../platform/logging.js';
import type { Listening } from '../../platform/http.js';
import { SUBGRAPHS, type SubgraphName } from '../../platform/topology.js';
import { registry } from '../../platform/metrics.js';
import { post, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { queryGenerator, seededRandom } from '../support/queryGenerator.js';

let stack: Stack;
let apollo: Listening;
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  apollo = await startGateway({
    ...gatewayConfigFromEnv({}),
    executor: 'apollo-gateway',
    port: 0,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>,
    verifier: createVerifier(stack.auth),
    signingKey: stack.signingKey,
    logger: silentLogger,
  });
  auth = await stack.headers();
});
afterAll(async () => {
  await apollo?.close();
  await stack?.close();
});

/** The municipality's top unit: every query about it has the most to answer. */
const rootUnit = () => stack.municipality.org.units.find((u) => u.versions.some((v) => v.parentId === null))!;

/** A person's card by employment: the unit and the manager both come from organisation, in one plan step. */
const CARD = /* GraphQL */ `
  query Card($employmentNumber: ID!) {
    employment(employmentNumber: $employmentNumber) {
      employmentNumber
      orgUnit { name parent { name } }
      employee { name manager { name title unit { name } } }
    }
  }
`;

/** Requests a subgraph has answered (all subgraphs of the stack run in this process, one registry). */
async function answered(component: SubgraphName): Promise<number> {
  const metric = await registry.getSingleMetric('kommunegraf_graphql_requests_total')!.get();
  return metric.values.filter((v) => v.labels.component === component).reduce((a, v) => a + v.value, 0);
}

const operation = (name: string) => readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8');

/** The same request to both gateways; the answers as the client reads them, byte for byte. */
async function both(query: string, variables?: Record<string, unknown>, headers = auth): Promise<[GraphQLResponse, GraphQLResponse]> {
  const [own, theirs] = await Promise.all([post(stack.url, query, variables, headers), post(apollo.url, query, variables, headers)]);
  expect(own.status).toBe(theirs.status);
  expect(JSON.stringify(own.body)).toBe(JSON.stringify(theirs.body));
  return [own, theirs];
}

const apiSchema = buildSchema(readFileSync(new URL('../../schema/api.graphql', import.meta.url), 'utf8'));

/** JSON with every object's keys sorted: equal for equal values in any key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}

function errorsSorted(body: GraphQLResponse['body']): GraphQLResponse['body'] {
  return body.errors ? { ...body, errors: [...body.errors].sort((x, y) => (canonical(x) < canonical(y) ? -1 : 1)) } : body;
}

/**
 * `data` rebuilt by graphql-js, executing `query` over the API schema with every field read from
 * `data` under its response key: the same values with the keys in the order the spec's CollectFields
 * gives them.
 */
function inSpecOrder(query: string, data: Record<string, unknown>): unknown {
  const result = executeSync({ schema: apiSchema, document: parse(query), rootValue: data, fieldResolver: (source, _args, _context, info) => (source as Record<string, unknown> | null)?.[info.path.key as string] });
  return result.data;
}

describe('the gateway\'s own plan execution answers as @apollo/gateway does', () => {
  it('for every registered read operation, across all four subgraphs', async () => {
    const m = stack.municipality;
    const asOf = m.today;
    const unit = rootUnit();
    const staffed = m.opus.employments[0];
    const [byCpr] = await both(operation('EmployeesByCpr'), { cprs: [staffed.person.cpr, '0101700000'], asOf });
    const personId = (byCpr.body.data as any).employeesByCpr[0].id;
    const cases: Array<[string, Record<string, unknown>]> = [
      ['EmployeeCard', { id: personId, asOf }],
      ['EmploymentAbsences', { employmentNumber: staffed.employmentNumber, from: '2026-01-01', to: asOf }],
      ['EmploymentPayroll', { employmentNumber: staffed.employmentNumber, asOf, from: '2026-01-01', to: asOf }],
      // No such employment: absence and payroll are asked beside the employee subgraph (execution/earlyFetches.ts), and their answers dropped.
      ['EmploymentAbsences', { employmentNumber: '999999', from: '2026-01-01', to: asOf }],
      ['EmploymentPayroll', { employmentNumber: '999999', asOf, from: '2026-01-01', to: asOf }],
      ['FindUnits', { name: 'skole', first: 5 }],
      ['UnitStaff', { id: unit.id, asOf }],
      ['UnitStaffAbsences', { id: unit.id, asOf, from: '2026-01-01', to: asOf }],
      ['UnitAbsenceStatistics', { id: unit.id, from: '2026-01-01', to: asOf }],
      ['UnitWorkforce', { id: unit.id, from: '2026-01-01', to: asOf }],
      ['UnitsWorkforceComparison', { id: unit.id, from: '2026-01-01', to: asOf }],
      ['MunicipalityWorkforce', { from: '2026-01-01', to: asOf }],
      // No extract store in this stack: SOURCE_NOT_AVAILABLE from both.
      ['Changes', { first: 5 }],
      // Reading the access log is itself audited: a window before any request, so both read the same.
      ['AccessLog', { first: 5, filter: { to: '2026-01-01T00:00:00Z' } }],
    ];
    for (const [name, variables] of cases) {
      const [own] = await both(operation(name), variables);
      if (name === 'Changes') expect(own.body.errors?.[0].extensions?.code).toBe('SOURCE_NOT_AVAILABLE');
      // Only the employee subgraph's NOT_FOUND: nothing of what absence or payroll answered beside it.
      else if (variables.employmentNumber === '999999') expect(own.body, name).toEqual({ errors: [{ message: 'Employment 999999 was not found', path: ['employment'], extensions: { code: 'NOT_FOUND' } }], data: { employment: null } });
      else expect(own.body.errors, name).toBeUndefined();
      expect(own.body.data, name).toBeTruthy();
    }
  });

  it('for reads asked again, single-entity fetches then sent early with what they sent the first time', async () => {
    const m = stack.municipality;
    const asOf = m.today;
    // A unit and an employment no other test here asks about: the first asking of each is the first.
    const unit = m.org.units.find((u) => u.versions.some((v) => v.parentId === rootUnit().id))!;
    const staffed = m.opus.employments[1];
    const card = 'query Card($n: ID!) { employment(employmentNumber: $n) { employmentNumber orgUnit { name } employee { name manager { name title unit { name } } } } }';
    const cases: Array<[string, Record<string, unknown>]> = [
      [card, { n: staffed.employmentNumber }],
      [operation('UnitStaff'), { id: unit.id, asOf }],
      [operation('UnitAbsenceStatistics'), { id: unit.id, from: '2026-01-01', to: asOf }],
      [operation('EmploymentPayroll'), { employmentNumber: '999999', asOf, from: '2026-01-01', to: asOf }],
    ];
    const remembered = async (outcome: string) => {
      const metric = (await registry.getSingleMetric('kommunegraf_gateway_early_fetches_total')!.get()).values;
      return metric.filter((v) => v.labels.reason === 'remembered' && v.labels.outcome === outcome).reduce((a, v) => a + v.value, 0);
    };
    const usedBefore = await remembered('used');
    for (const [query, variables] of cases) {
      const [first] = await both(query, variables);
      // The second time, the organisation fetch of the card and the employee and absence fetches of a
      // unit go out beside the fetches they follow (execution/rememberedFetches.ts); both() checks the
      // answer against @apollo/gateway's again.
      const [again] = await both(query, variables);
      expect(again.body).toEqual(first.body);
    }
    // The card's merged organisation fetch, the staff's employee fetch, the statistics' absence fetch.
    expect((await remembered('used')) - usedBefore).toBe(3);
  });

  it('sends the card\'s two organisation fetches of one plan step as one request, answering the same', async () => {
    const variables = { employmentNumber: stack.municipality.opus.employments[0].employmentNumber };
    const [own] = await both(CARD, variables);
    expect((own.body.data as any).employment.orgUnit.name).toBeTruthy();
    const sent = async (url: string) => {
      const before = await answered('organisation');
      const res = await post(url, CARD, variables, auth);
      expect(res.body.errors).toBeUndefined();
      return (await answered('organisation')) - before;
    };
    expect(await sent(apollo.url)).toBe(2);
    expect(await sent(stack.url)).toBe(1);
  });

  it('for aliases, __typename (aliased too), fragments merging one field from several selections, and field order', async () => {
    const [own] = await both(/* GraphQL */ `
      query Shapes {
        t: __typename
        units: orgUnits(first: 4) {
          nodes {
            kind: __typename
            __typename
            ...Named
            ... on OrgUnit { parent { id } }
            parent { name }
            ... { id }
            employments { employee { name } n: employmentNumber }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
      fragment Named on OrgUnit { n: name opusId parent { opusId } }
    `);
    const nodes = (own.body.data as any).units.nodes;
    expect(nodes.length).toBeGreaterThan(0);
    expect(Object.keys(nodes[0]).slice(0, 4)).toEqual(['kind', '__typename', 'n', 'opusId']);
  });

  it('for @skip and @include, from literals, variables and variable defaults', async () => {
    const query = /* GraphQL */ `
      query Flags($yes: Boolean!, $no: Boolean = false) {
        orgUnits(first: 3) {
          nodes {
            id
            name @include(if: $no)
            parent @skip(if: $yes) { name }
            employments @include(if: $yes) { employmentNumber salaryPlacement @skip(if: false) { step } }
            opusId @skip(if: true)
          }
        }
      }
    `;
    await both(query, { yes: true });
    await both(query, { yes: false, no: true });
    // A condition on another subgraph's fetch, its variable left to its default: the plan's Condition step.
    const defaulted = /* GraphQL */ `
      query Defaulted($staff: Boolean = true, $none: Boolean = false) {
        orgUnits(first: 3) { nodes { name employments @include(if: $staff) { employmentNumber } parent @include(if: $none) { name } } }
      }
    `;
    const [own] = await both(defaulted);
    expect((own.body.data as any).orgUnits.nodes.some((n: { employments?: unknown[] }) => (n.employments?.length ?? 0) > 0)).toBe(true);
    await both(defaulted, { staff: false, none: true });
  });

  it('for introspection, alone and beside data', async () => {
    await both('{ __schema { queryType { name } mutationType { name } types { name kind } } }');
    await both('{ __type(name: "Employment") { name fields { name type { name kind ofType { name } } } } orgUnits(first: 1) { nodes { name } } }');
  });

  it('for errors: unknown and malformed ids, variables of the wrong type, a missing scope', async () => {
    await both('{ orgUnit(id: "00000000-0000-4000-8000-000000000000") { name } }');
    await both('{ orgUnit(id: "not-a-uuid") { name } }');
    await both('query Q($id: ID!) { orgUnit(id: $id) { name } }', { id: { not: 'an id' } });
    await both('query Q($id: ID!) { orgUnit(id: $id) { name } }', {});
    const staffed = stack.municipality.opus.employments[0];
    const noOrg = await stack.headers({ scopes: ['employee:read'] });
    const [own] = await both(`{ employment(employmentNumber: "${staffed.employmentNumber}") { employmentNumber orgUnit { name parent { name } } } }`, undefined, noOrg);
    expect(own.body.errors?.map((e) => e.extensions?.code)).toContain('FORBIDDEN');
    expect(own.body.errors?.[0].path?.slice(0, 2)).toEqual(['employment', 'orgUnit']);
  });

  it('for 300 queries made up from the schema: aliases, merged repeats, fragments, directives, nested lists across subgraphs', async () => {
    const m = stack.municipality;
    const unit = rootUnit();
    const [first, second] = m.opus.employments;
    const [byCpr] = await both('query P($cprs: [String!]!) { employeesByCpr(cprs: $cprs) { id } }', { cprs: [first.person.cpr] });
    const personId = (byCpr.body.data as any).employeesByCpr[0].id;
    const q = JSON.stringify;
    const generate = queryGenerator({
      schema: apiSchema,
      roots: [
        { field: `orgUnit(id: ${q(unit.id)})`, type: 'OrgUnit' },
        { field: `orgUnitByOpusId(opusId: ${q(unit.opusId)})`, type: 'OrgUnit' },
        { field: 'orgUnits(first: 3)', type: 'OrgUnitConnection' },
        { field: `employment(employmentNumber: ${q(first.employmentNumber)})`, type: 'Employment' },
        { field: `employmentsByNumber(employmentNumbers: [${q(first.employmentNumber)}, ${q(second.employmentNumber)}, "0"])`, type: 'Employment' },
        { field: 'employments(first: 3)', type: 'EmploymentConnection' },
        { field: 'employees(first: 2)', type: 'EmployeeConnection' },
        { field: `employee(id: ${q(personId)})`, type: 'Employee' },
        { field: 'organisations', type: 'Organisation' },
      ],
      values: {
        Date: [q(m.today), '"2026-01-01"'],
        DateTime: [q(`${m.today}T12:00:00Z`)],
        Int: ['1', '2', '3'],
        Boolean: ['true', 'false'],
        String: ['"skole"', '"a"'],
        ID: [q(unit.id), q(first.employmentNumber)],
      },
    });
    // Inline fragments on one type, a field between them: the spec keeps the fields where they stand.
    const fragments = '{ organisations { name ... on Organisation { id } cvr ... on Organisation { key } } }';
    const [ownOrder, theirOrder] = await Promise.all([post(stack.url, fragments, undefined, auth), post(apollo.url, fragments, undefined, auth)]);
    expect(Object.keys((ownOrder.body.data as any).organisations[0])).toEqual(['name', 'id', 'cvr', 'key']);
    expect(canonical(ownOrder.body)).toBe(canonical(theirOrder.body));
    const random = seededRandom(19);
    let answered = 0;
    // The order check itself: keys given out of order are put back in the query's order.
    expect(JSON.stringify(inSpecOrder('{ organisations { name id } }', { organisations: [{ id: 'i', name: 'n' }] }))).toBe('{"organisations":[{"name":"n","id":"i"}]}');
    for (let i = 0; i < 300; i++) {
      const query = generate(random);
      const [own, theirs] = await Promise.all([post(stack.url, query, undefined, auth), post(apollo.url, query, undefined, auth)]);
      const explain = (what: string, a: string, b: string) => {
        let at = 0;
        while (a[at] === b[at]) at++;
        return `query ${i}: ${what} from character ${at}:\n  ours:  …${a.slice(Math.max(0, at - 150), at + 150)}\n  other: …${b.slice(Math.max(0, at - 150), at + 150)}\n${query}`;
      };
      expect(own.status, `query ${i}: ${query}`).toBe(theirs.status);
      // The same values and errors as @apollo/gateway's, whatever the order of keys, and of errors
      // (parallel fetches add theirs as they finish).
      const [a, b] = [canonical(errorsSorted(own.body)), canonical(errorsSorted(theirs.body))];
      if (a !== b) expect.fail(explain('answered other values than @apollo/gateway', a, b));
      // Keys in the order the spec's CollectFields gives. @apollo/gateway does not always keep it (it
      // answers the query above with name, id, key, cvr), so only ours is held to it.
      if (own.body.data) {
        const expected = JSON.stringify(inSpecOrder(query, own.body.data));
        if (JSON.stringify(own.body.data) !== expected) expect.fail(explain('keys out of the spec order', JSON.stringify(own.body.data), expected));
        if (!own.body.errors) answered++;
      }
    }
    // Most made-up queries must be answered in full, or the comparison would be one of errors.
    expect(answered).toBeGreaterThan(200);
  });

  it('for a subgraph that is down: the same SUBGRAPH_UNAVAILABLE errors at the same paths', async () => {
    const unit = rootUnit();
    // The port stops answering; stack.close() shuts the rest down.
    const { server } = stack.subgraphs.payroll;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    const [own] = await both(operation('UnitStaff'), { id: unit.id, asOf: stack.municipality.today });
    expect(own.body.errors?.map((e) => e.extensions?.code)).toContain('SUBGRAPH_UNAVAILABLE');
    expect(own.body.errors?.every((e) => Array.isArray(e.path))).toBe(true);

    // The card's merged organisation fetch fails as one request: both its parts' fields are named.
    const org = stack.subgraphs.organisation.server;
    await new Promise<void>((resolve) => {
      org.close(() => resolve());
      org.closeAllConnections();
    });
    const [card] = await both(CARD, { employmentNumber: stack.municipality.opus.employments[0].employmentNumber });
    expect(card.body.errors?.map((e) => e.path)).toEqual(expect.arrayContaining([['employment', 'orgUnit', 'name'], ['employment', 'employee', 'manager']]));
  });
});
