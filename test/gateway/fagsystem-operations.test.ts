// The registered operations written for fagsystemer (schema/operations/), each run by its manifest id
// alone with a fagsystem token through the gateway: the CPR lookup, the employee card it leads to, the
// communication update, and a unit's staff with their absences. What they answer is checked against
// the sample the simulators serve, and what they cost against the Opus simulator's call log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { loadManifest, type ManifestOperation } from '../../gateway/persisted/manifest.js';
import type { Employment } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import { codes, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let operations: Map<string, ManifestOperation>;
let fagsystem: Record<string, string>;
/** A person with one employment, active today and placed in a unit. */
let person: Employment;

const SCOPES = ['employee:read', 'employee:cpr', 'org:read', 'absence:read', 'communication:write'];

beforeAll(async () => {
  stack = await testStack({ employees: 80 });
  operations = new Map((await loadManifest()).operations.map((o) => [o.name, o]));
  fagsystem = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh', scopes: SCOPES });
  const m = stack.municipality;
  const count = (cpr: string) => m.opus.employments.filter((e) => e.person.cpr === cpr).length;
  person = m.opus.employments.find(
    (e) => count(e.person.cpr) === 1 && e.contract.end === null && isValidOn({ from: e.contract.start, to: e.contract.end }, m.today) && versionOn(e.placements, m.today) && !e.person.address.protected,
  )!;
}, 120_000);
afterAll(() => stack?.close());

async function run(name: string, variables: Record<string, unknown>, headers = fagsystem): Promise<GraphQLResponse<any>> {
  const op = operations.get(name);
  expect(op, `${name} is in the manifest`).toBeDefined();
  const res = await fetch(stack.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: op!.id } } }),
  });
  return { status: res.status, body: await res.json() };
}

const endpoints = () => stack.sources.opus.calls.map((c) => c.endpoint);

describe('registered operations for fagsystemer, run by id with a fagsystem token', () => {
  it('EmployeesByCpr finds the person and their employment, null for an unknown number', async () => {
    stack.sources.opus.resetCalls();
    const res = await run('EmployeesByCpr', { cprs: [person.person.cpr, '0101011234'] });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const [found, unknown] = res.body.data.employeesByCpr;
    expect(unknown).toBeNull();
    expect(found.name).toBe(`${person.person.firstName} ${person.person.lastName}`);
    expect(found.employments).toEqual([
      {
        employmentNumber: person.employmentNumber,
        active: true,
        contract: { position: person.contract.position },
        orgUnit: { opusId: versionOn(person.placements, stack.municipality.today)!.orgUnitOpusId, name: expect.any(String) },
      },
    ]);
    // One CPR lookup for both numbers, one read of the employments found.
    expect(endpoints().filter((e) => e === 'find-employees-by-cpr')).toHaveLength(1);
  });

  it('EmployeeCard gives the person, the employment’s terms, contact details, unit and manager', async () => {
    const lookup = await run('EmployeesByCpr', { cprs: [person.person.cpr] });
    const id = lookup.body.data.employeesByCpr[0].id;
    stack.sources.opus.resetCalls();
    const res = await run('EmployeeCard', { id });
    expect(res.body.errors).toBeUndefined();
    const card = res.body.data.employee;
    expect(card).toMatchObject({ id, firstName: person.person.firstName, lastName: person.person.lastName, validFrom: person.contract.start, validTo: null });
    const [employment] = card.employments;
    expect(employment).toMatchObject({
      employmentNumber: person.employmentNumber,
      active: true,
      contract: { position: person.contract.position, start: person.contract.start, end: null, isManager: person.contract.isManager, agreement: person.contract.agreement },
      communication: person.communication,
      orgUnit: { opusId: versionOn(person.placements, stack.municipality.today)!.orgUnitOpusId },
    });
    expect(employment.orgUnit.name).toEqual(expect.any(String));
    expect(card.manager.length).toBeGreaterThan(0);
    for (const manager of card.manager) expect(manager.unit.name).toEqual(expect.any(String));
    // Each Opus area the card needs travels in the same few reads, never one per field.
    expect(endpoints().filter((e) => e === 'read-employee-data').length).toBeLessThanOrEqual(3);
  });

  it('UpdateCommunication stores the new details once, and a retry with the same key is answered without Opus', async () => {
    const variables = { employmentNumber: person.employmentNumber, input: { workPhone: '+45 87 65 43 21' }, idempotencyKey: `card-update-${person.employmentNumber}` };
    stack.sources.opus.resetCalls();
    const res = await run('UpdateCommunication', variables);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.updateCommunication).toEqual({
      employmentNumber: person.employmentNumber,
      replayed: false,
      communication: { ...person.communication, workPhone: '87654321' },
    });
    expect(endpoints()).toEqual(['read-employee-data', 'update-communication']);
    stack.sources.opus.resetCalls();
    const again = await run('UpdateCommunication', variables);
    expect(again.body.data.updateCommunication.replayed).toBe(true);
    expect(endpoints()).toEqual([]);
  });

  it('UpdateCommunication refuses invalid input with BAD_USER_INPUT naming the field, sending nothing', async () => {
    stack.sources.opus.resetCalls();
    const res = await run('UpdateCommunication', { employmentNumber: person.employmentNumber, input: { workEmail: 'not an address' }, idempotencyKey: 'card-update-invalid-1' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions?.fields).toEqual(['input.workEmail']);
    expect(endpoints()).toEqual([]);
  });

  it('UnitStaffAbsences gives a unit’s staff with their absences in the period, in one absence read for the unit', async () => {
    const m = stack.municipality;
    const opusId = versionOn(person.placements, m.today)!.orgUnitOpusId;
    const unit = m.org.units.find((u) => u.opusId === opusId)!;
    const from = '2026-01-01';
    const to = m.today;
    stack.sources.opus.resetCalls();
    const res = await run('UnitStaffAbsences', { id: unit.id, from, to });
    expect(res.body.errors).toBeUndefined();
    const staff = res.body.data.orgUnit.employments;
    const placed = m.opus.employments.filter((e) => versionOn(e.placements, m.today)?.orgUnitOpusId === opusId);
    expect(staff.map((s: { employmentNumber: string }) => s.employmentNumber).sort()).toEqual(placed.map((e) => e.employmentNumber).sort());
    for (const e of placed) {
      const got = staff.find((s: { employmentNumber: string }) => s.employmentNumber === e.employmentNumber);
      const expected = e.absences.filter((a) => a.from <= to && (a.to === null || a.to >= from)).map((a) => a.id);
      expect(got.absences.map((a: { id: string }) => a.id).sort(), e.employmentNumber).toEqual(expected.sort());
    }
    const absenceReads = stack.sources.opus.calls.filter((c) => c.endpoint === 'read-employee-data' && c.areas?.includes('FravaerNaervaer'));
    expect(absenceReads).toHaveLength(1);
  });

  it('answer a fagsystem without the scopes with FORBIDDEN on the fields, not with the data', async () => {
    const readOnly = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh', scopes: ['employee:read'] });
    const lookup = await run('EmployeesByCpr', { cprs: [person.person.cpr] }, readOnly);
    expect(codes(lookup)).toEqual(['FORBIDDEN']);
    expect(lookup.body.data?.employeesByCpr ?? null).toBeNull();
    const update = await run('UpdateCommunication', { employmentNumber: person.employmentNumber, input: { workPhone: '12345678' }, idempotencyKey: 'card-update-forbidden-1' }, readOnly);
    expect(codes(update)).toEqual(['FORBIDDEN']);
  });
});
