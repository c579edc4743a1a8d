import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers();
});
afterAll(() => stack?.close());

const QUERY = /* GraphQL */ `
  query UnitStaff($id: ID!, $asOf: Date!, $from: Date!, $to: Date!) {
    orgUnit(id: $id, asOf: $asOf) {
      name
      employments(asOf: $asOf) {
        employmentNumber
        employee { name }
        absences(from: $from, to: $to) { type from to }
        salaryPlacement(asOf: $asOf) { payGroup step }
      }
    }
  }
`;

describe('the federated graph', () => {
  it('answers one query touching all four subgraphs through the gateway over HTTP', async () => {
    const m = stack.municipality;
    const asOf = m.today;
    const placedOn = (opusId: string) =>
      m.opus.employments.filter((e) => versionOn(e.placements, asOf)?.orgUnitOpusId === opusId);
    // The unit with the most staff, so the query has something to batch.
    const unit = [...m.org.units].sort((a, b) => placedOn(b.opusId).length - placedOn(a.opusId).length)[0];
    const expected = placedOn(unit.opusId);
    expect(expected.length).toBeGreaterThan(1);

    const res = await post(stack.url, QUERY, { id: unit.id, asOf, from: '2025-11-01', to: asOf }, auth);
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.orgUnit;
    expect(got.name).toBe(versionOn(unit.versions, asOf)!.name);
    expect(got.employments.map((e: any) => e.employmentNumber).sort()).toEqual(expected.map((e) => e.employmentNumber).sort());
    for (const e of got.employments) {
      const source = expected.find((x) => x.employmentNumber === e.employmentNumber)!;
      expect(e.employee.name).toBe(`${source.person.firstName} ${source.person.lastName}`);
      expect(e.salaryPlacement?.step).toBe(versionOn(source.salaryPlacement, asOf)?.step);
      const absences = source.absences.filter((a) => a.from <= asOf && (a.to === null || a.to >= '2025-11-01'));
      expect(e.absences).toHaveLength(absences.length);
    }
  });

  it('gives a clear BAD_USER_INPUT for an invalid id and a NOT_FOUND for an unknown one, without stack traces', async () => {
    const bad = await post(stack.url, '{ orgUnit(id: "not-a-uuid") { name } }', undefined, auth);
    expect(bad.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await post(stack.url, '{ orgUnit(id: "00000000-0000-4000-8000-000000000000") { name } }', undefined, auth);
    expect(missing.body.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    for (const r of [bad, missing]) expect(JSON.stringify(r.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });
});
