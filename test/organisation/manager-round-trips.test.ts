// How many FK ORG round trips a manager costs, through the gateway with every FK ORG answer held back
// 150 ms (calls sent together overlap; a call sent after another's answer cannot): the Leder
// functions and the users the hierarchy snapshot gives them go out together; the users' persons
// follow the users' answer the first time, and once those users have been read, go out with the
// functions too. A stack of its own, so the first manager read here is the first of the process.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { ExpectedOrg } from './expected.js';

let stack: Stack;
let auth: Record<string, string>;
let org: ExpectedOrg;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['org:read', 'employee:read'] });
  org = new ExpectedOrg(stack.municipality);
  // The hierarchy snapshot is read once per process, before the query measured.
  await post(stack.url, '{ orgUnits(first: 1) { totalCount } }', undefined, auth);
});
afterAll(() => stack?.close());

/** The manager names of a person with one active employment: the nearest Leder of their unit other than themselves. */
function expectedNames(e: Employment): string[] {
  const today = stack.municipality.today;
  const unitId = stack.municipality.org.units.find((u) => u.opusId === versionOn(e.placements, today)!.orgUnitOpusId)!.id;
  const person = stack.municipality.org.persons.find((p) => p.cpr === e.person.cpr)!;
  return (org.managersOn(unitId, today, person.id)?.userIds ?? []).map((u) => org.personName(u)).sort();
}

async function managerCalls(e: Employment) {
  stack.sources.fkorg.setFault('*', { latencyMs: 150 });
  stack.sources.fkorg.resetCalls();
  try {
    const res = await post(stack.url, 'query($n: ID!) { employment(employmentNumber: $n) { employee { manager { name } } } }', { n: e.employmentNumber }, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.employee.manager.map((m: { name: string }) => m.name).sort()).toEqual(expectedNames(e));
  } finally {
    stack.sources.fkorg.clearFaults();
  }
  const call = (name: string) => {
    const found = stack.sources.fkorg.calls.filter((c) => `${c.service}.${c.operation}` === name);
    expect(found, name).toHaveLength(1);
    return found[0];
  };
  return { functions: call('organisationfunktion.list'), users: call('bruger.list'), persons: call('person.list') };
}

it('reads the Leder functions and their holders in one round trip, the persons after; once the holders were read, their persons in the same round trip', async () => {
  const today = stack.municipality.today;
  const employments = stack.municipality.opus.employments;
  const e = employments.find(
    (x) => isValidOn({ from: x.contract.start, to: x.contract.end }, today) && versionOn(x.placements, today) && !x.contract.isManager && employments.filter((y) => y.person.cpr === x.person.cpr).length === 1,
  )!;
  expect(expectedNames(e).length).toBeGreaterThan(0);

  const first = await managerCalls(e);
  expect(first.users.arrivedAt).toBeLessThan(first.functions.answeredAt!);
  expect(first.persons.arrivedAt).toBeGreaterThan(first.users.answeredAt!);

  const again = await managerCalls(e);
  expect(again.users.arrivedAt).toBeLessThan(again.functions.answeredAt!);
  expect(again.persons.arrivedAt).toBeLessThan(again.functions.answeredAt!);
});

it('reads no person ahead for a unit\'s managers when the operation shows nothing of the person', async () => {
  const unit = org.unitsOn(stack.municipality.today).find((u) => (org.managersOn(u.id, stack.municipality.today)?.userIds.length ?? 0) > 0)!;
  // Once to learn the holders' persons, then without a person field.
  for (const q of ['query($id: ID!) { orgUnit(id: $id) { managers { name } } }', 'query($id: ID!) { orgUnit(id: $id) { managers { user { userName } } } }']) {
    stack.sources.fkorg.resetCalls();
    const res = await post(stack.url, q, { id: unit.id }, auth);
    expect(res.body.errors).toBeUndefined();
  }
  expect(stack.sources.fkorg.calls.map((c) => c.service).sort()).toEqual(['bruger', 'organisationenhed', 'organisationfunktion']);
});
