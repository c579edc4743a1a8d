// The query planner sends all representations of one step in one _entities call; these tests prove
// each subgraph turns such a call into one batched source call, not one call per representation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { personIds } from '../../platform/personId.js';
import { post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  // Big enough for 100 distinct org units.
  stack = await testStack({ employees: 2500 });
});
afterAll(() => stack?.close());

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ...F } }';

async function entities(subgraph: keyof Stack['subgraphs'], representations: object[], fragment: string) {
  stack.sources.opus.resetCalls();
  stack.sources.fkorg.resetCalls();
  // Subgraphs answer only the gateway: the call carries a token as the gateway signs it.
  const res = await post(stack.subgraphs[subgraph].url, `${ENTITIES} ${fragment}`, { r: representations }, await gatewayHeadersFor(stack, subgraph));
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data._entities).toHaveLength(representations.length);
  return res.body.data._entities as any[];
}

const opusCalls = (endpoint: string) => stack.sources.opus.calls.filter((c) => c.endpoint.endsWith(endpoint));
const hundredEmployments = () => stack.municipality.opus.employments.slice(0, 100);

describe('100 representations in one _entities call', () => {
  it('employee: one Medarbejderoplysninger call for all employments and all selected areas', async () => {
    const reps = hundredEmployments().map((e) => ({ __typename: 'Employment', employmentNumber: e.employmentNumber }));
    const got = await entities('employee', reps, 'fragment F on Employment { contract { position } employee { name } orgUnit { opusId } }');
    expect(got.every((e) => e.contract && e.employee.name)).toBe(true);
    expect(opusCalls('read-employee-data')).toHaveLength(1);
    expect(opusCalls('read-employee-data')[0].batchSize).toBe(100);
  });

  it('employee: Employee references cost one CPR lookup and one read', async () => {
    const cprs = [...new Set(stack.municipality.opus.employments.map((e) => e.person.cpr))].slice(0, 100);
    const reps = cprs.map((cpr) => ({ __typename: 'Employee', id: personIds().fromCpr(cpr) }));
    const got = await entities('employee', reps, 'fragment F on Employee { name }');
    expect(got.every((e) => typeof e.name === 'string')).toBe(true);
    expect(opusCalls('find-employees-by-cpr')).toHaveLength(1);
    expect(opusCalls('read-employee-data')).toHaveLength(1);
  });

  it('absence: one call for all employments', async () => {
    const reps = hundredEmployments().map((e) => ({ __typename: 'Employment', employmentNumber: e.employmentNumber }));
    await entities('absence', reps, 'fragment F on Employment { absences(from: "2025-01-01", to: "2026-11-01") { type } }');
    expect(opusCalls('read-employee-data')).toHaveLength(1);
  });

  it('payroll: one call for all employments', async () => {
    const reps = hundredEmployments().map((e) => ({ __typename: 'Employment', employmentNumber: e.employmentNumber }));
    const got = await entities('payroll', reps, 'fragment F on Employment { salaryPlacement(asOf: "2026-11-01") { step } }');
    expect(got.filter((e) => e.salaryPlacement).length).toBeGreaterThan(50);
    expect(opusCalls('read-employee-data')).toHaveLength(1);
  });

  it('organisation: one OrganisationEnhed list call for 100 units', async () => {
    const units = stack.municipality.org.units.slice(0, 100);
    expect(units).toHaveLength(100);
    const reps = units.map((u) => ({ __typename: 'OrgUnit', id: u.id }));
    const got = await entities('organisation', reps, 'fragment F on OrgUnit { name }');
    expect(got.filter((u) => u.name).length).toBeGreaterThan(90);
    const lists = stack.sources.fkorg.calls.filter((c) => c.service === 'organisationenhed' && c.operation === 'list');
    expect(lists).toHaveLength(1);
    expect(lists[0].size).toBe(100);
  });
});
