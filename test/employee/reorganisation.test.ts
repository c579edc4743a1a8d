// Placements move at the generated re-organisation: asked as of a date before it, employments sit in
// their old units; as of a date after it, in the new ones, through every way the graph reaches them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { addDays } from '../../sources/days.js';
import { personIds } from '../../platform/personId.js';
import { post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let auth: Record<string, string>;
let moved: Employment;
let before: string;
let after: string;
let oldUnit: string;
let newUnit: string;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['employee:read'] });
  const m = stack.municipality;
  after = m.reorganisationDate;
  before = addDays(after, -1);
  moved = m.opus.employments.find((e) => {
    const [p, q] = e.placements;
    return q && p.to === before && q.from === after && p.orgUnitOpusId !== q.orgUnitOpusId && e.contract.end === null;
  })!;
  [oldUnit, newUnit] = moved.placements.map((p) => p.orgUnitOpusId);
});
afterAll(() => stack?.close());

describe('as of a date before and after the re-organisation', () => {
  it('Employment.orgUnit follows the placement, by the employment’s asOf or the field’s own', async () => {
    const res = await post(
      stack.url,
      `query Placement($n: ID!, $before: Date!, $after: Date!) {
        early: employment(employmentNumber: $n, asOf: $before) { asOf orgUnit { opusId } later: orgUnit(asOf: $after) { opusId } }
        late: employment(employmentNumber: $n, asOf: $after) { orgUnit { opusId } placements(from: $before, to: $after) { orgUnit { opusId } validFrom validTo } } }`,
      { n: moved.employmentNumber, before, after },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.early).toEqual({ asOf: before, orgUnit: { opusId: oldUnit }, later: { opusId: newUnit } });
    expect(res.body.data.late.orgUnit).toEqual({ opusId: newUnit });
    expect(res.body.data.late.placements).toEqual([
      { orgUnit: { opusId: oldUnit }, validFrom: moved.placements[0].from, validTo: before },
      { orgUnit: { opusId: newUnit }, validFrom: after, validTo: null },
    ]);
  });

  it('OrgUnit.employments lists the employment in the old unit before and in the new one after', async () => {
    const staffOf = async (unit: string, asOf: string) => {
      const res = await post(
        stack.subgraphs.employee.url,
        'query($r: [_Any!]!, $asOf: Date) { _entities(representations: $r) { ... on OrgUnit { employments(asOf: $asOf) { employmentNumber asOf } } } }',
        { r: [{ __typename: 'OrgUnit', opusId: unit }], asOf },
        await gatewayHeadersFor(stack, 'employee', { scopes: ['employee:read'] }),
      );
      expect(res.body.errors).toBeUndefined();
      const list = res.body.data._entities[0].employments as Array<{ employmentNumber: string; asOf: string }>;
      expect(list.every((e) => e.asOf === asOf)).toBe(true);
      return list.map((e) => e.employmentNumber);
    };
    expect(await staffOf(oldUnit, before)).toContain(moved.employmentNumber);
    expect(await staffOf(oldUnit, after)).not.toContain(moved.employmentNumber);
    expect(await staffOf(newUnit, before)).not.toContain(moved.employmentNumber);
    expect(await staffOf(newUnit, after)).toContain(moved.employmentNumber);
  });

  it('Employee.orgUnits and the employees filter move with it', async () => {
    const id = personIds().fromCpr(moved.person.cpr);
    const res = await post(
      stack.url,
      `query Units($id: ID!, $before: Date!, $after: Date!, $units: [ID!]) {
        early: employee(id: $id, asOf: $before) { orgUnits { opusId } }
        late: employee(id: $id, asOf: $after) { orgUnits { opusId } }
        oldBefore: employees(first: 500, filter: { orgUnitOpusIds: $units, activeOn: $before }) { nodes { id } }
        oldAfter: employees(first: 500, filter: { orgUnitOpusIds: $units, activeOn: $after }) { nodes { id } } }`,
      { id, before, after, units: [oldUnit] },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data;
    expect(d.early.orgUnits).toContainEqual({ opusId: oldUnit });
    expect(d.late.orgUnits).toContainEqual({ opusId: newUnit });
    expect(d.late.orgUnits).not.toContainEqual({ opusId: oldUnit });
    expect(d.oldBefore.nodes).toContainEqual({ id });
    expect(d.oldAfter.nodes).not.toContainEqual({ id });
  });
});
