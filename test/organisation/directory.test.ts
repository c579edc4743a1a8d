// The organisation side of the directory, through the gateway: a unit by its Opus number, KLE tasks
// with titles, a person's IT users (with systems and interest groups), and directReports as the exact
// inverse of Employee.manager before and after the sample's re-organisation, with their source costs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, IsoDate, Municipality } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import { personIds } from '../../platform/personId.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { ExpectedOrg } from './expected.js';

let stack: Stack;
let m: Municipality;
let auth: Record<string, string>;
let org: ExpectedOrg;
let today: IsoDate;
let before: IsoDate;

beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  m = stack.municipality;
  auth = await stack.headers({ scopes: ['org:read', 'employee:read'] });
  org = new ExpectedOrg(m);
  today = m.today;
  // A day well before the re-organisation (the sample's is six months before its today).
  before = '2026-01-15' < m.reorganisationDate ? '2026-01-15' : '2025-06-01';
  await query('{ orgUnits(first: 1) { totalCount } }');
});
afterAll(() => stack?.close());

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await post(stack.url, q, variables, auth);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data as T;
}

function fkorgCalls(): Record<string, number> {
  const calls: Record<string, number> = {};
  for (const c of stack.sources.fkorg.calls) calls[`${c.service}.${c.operation}`] = (calls[`${c.service}.${c.operation}`] ?? 0) + 1;
  return calls;
}

const activeOn = (e: Employment, d: IsoDate) => isValidOn({ from: e.contract.start, to: e.contract.end }, d);
const unitIdOf = (opusId: string) => m.org.units.find((u) => u.opusId === opusId)?.id;
const orgPersonOf = (cpr: string) => m.org.persons.find((p) => p.cpr === cpr);

/** Everyone whose nearest manager on `date` (Employee.manager's rule) includes the person with `cpr`. */
function expectedReports(cpr: string, date: IsoDate): string[] {
  const boss = orgPersonOf(cpr);
  const reports = new Set<string>();
  for (const e of m.opus.employments) {
    if (!activeOn(e, date) || e.person.cpr === cpr) continue;
    const placement = versionOn(e.placements, date);
    const unit = placement && unitIdOf(placement.orgUnitOpusId);
    if (!unit) continue;
    const found = org.managersOn(unit, date, orgPersonOf(e.person.cpr)?.id);
    if (found?.userIds.some((u) => org.user(u).personId === boss?.id)) reports.add(personIds().fromCpr(e.person.cpr));
  }
  return [...reports].sort();
}

describe('orgUnitByOpusId', () => {
  it('finds a unit by its Opus number as it was on a date, before and after the re-organisation', async () => {
    const unit = m.org.units.find((u) => u.versions.length > 1 && versionOn(u.versions, before) && versionOn(u.versions, today))!;
    expect(unit).toBeDefined();
    for (const asOf of [before, today]) {
      const data = await query('query($o: ID!, $d: Date) { orgUnitByOpusId(opusId: $o, asOf: $d) { id opusId name } }', { o: unit.opusId, d: asOf });
      expect(data.orgUnitByOpusId).toEqual({ id: unit.id, opusId: unit.opusId, name: versionOn(unit.versions, asOf)!.name });
    }
  });

  it('answers NOT_FOUND for a number FK ORG does not have, and BAD_USER_INPUT without asking FK ORG for one that is not a number', async () => {
    const missing = await post(stack.url, '{ orgUnitByOpusId(opusId: "9999999999") { id } }', undefined, auth);
    expect(codes(missing)).toEqual(['NOT_FOUND']);
    stack.sources.fkorg.resetCalls();
    const bad = await post(stack.url, '{ orgUnitByOpusId(opusId: "12a") { id } }', undefined, auth);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.body.errors![0].extensions!.argument).toBe('opusId');
    expect(stack.sources.fkorg.calls).toEqual([]);
  });
});

describe('KLE tasks', () => {
  it('gives every KLE number of a unit with its title from Klassifikation, and kle keeps the numbers', async () => {
    const unit = m.org.units.find((u) => u.kle.length > 1 && versionOn(u.versions, today))!;
    const data = await query('query($id: ID!) { orgUnit(id: $id) { kle kleTasks { id number title } } }', { id: unit.id });
    expect(data.orgUnit.kleTasks).toEqual(unit.kle.map((k) => ({ id: k.id, number: k.key, title: k.name })));
    expect(data.orgUnit.kle).toEqual(unit.kle.map((k) => k.key));
    expect(data.orgUnit.kleTasks.every((t: any) => t.title && t.title !== 'unknown')).toBe(true);
  });
});

describe("a person's IT users", () => {
  it('lists the FK ORG users of the person with their IT systems and interest groups, for two soeg and one list of users', async () => {
    const group = m.org.interestGroups.find((g) => isValidOn(g, today) && g.userIds.length > 0)!;
    const user = m.org.users.find((u) => group.userIds.includes(u.id) && isValidOn(u, today))!;
    const person = m.org.persons.find((p) => p.id === user.personId)!;
    const users = m.org.users.filter((u) => u.personId === person.id && isValidOn(u, today));
    stack.sources.fkorg.resetCalls();
    const data = await query('query($id: ID!) { employee(id: $id) { itUsers { id userName itSystems { id } } } }', { id: personIds().fromCpr(person.cpr) });
    expect(data.employee.itUsers.map((u: any) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
    const calls = fkorgCalls();
    expect(calls['person.soeg']).toBe(1);
    expect(calls['bruger.soeg']).toBe(1);
    expect(calls['bruger.list']).toBe(1);
    const withGroups = await query('query($id: ID!) { employee(id: $id) { itUsers { id interestGroups { id name } } } }', { id: personIds().fromCpr(person.cpr) });
    const groups = withGroups.employee.itUsers.find((u: any) => u.id === user.id).interestGroups.map((g: any) => g.id);
    expect(groups).toContain(group.id);
    const expected = m.org.interestGroups.filter((g) => isValidOn(g, today) && g.userIds.includes(user.id)).map((g) => g.id);
    expect([...groups].sort()).toEqual([...expected].sort());
  });

  it('is empty for a person without an FK ORG user', async () => {
    const e = m.opus.employments.find((x) => activeOn(x, today) && !orgPersonOf(x.person.cpr) || (activeOn(x, today) && !m.org.users.some((u) => u.personId === orgPersonOf(x.person.cpr)?.id)));
    if (!e) return;
    const data = await query('query($id: ID!) { employee(id: $id) { itUsers { id } } }', { id: personIds().fromCpr(e.person.cpr) });
    expect(data.employee.itUsers).toEqual([]);
  });
});

describe('directReports', () => {
  it("is the inverse of manager: everyone whose nearest manager is the person, before and after the re-organisation", async () => {
    const leaders = [...new Set(m.org.functions.filter((f) => f.type === 'Leder').flatMap((f) => f.userIds.map((u) => org.user(u).personId)))];
    const candidates = leaders
      .map((id) => m.org.persons.find((p) => p.id === id)!)
      .filter((p) => p && m.opus.employments.some((e) => e.person.cpr === p.cpr && activeOn(e, before) && activeOn(e, today)))
      .map((p) => ({ cpr: p.cpr, then: expectedReports(p.cpr, before), now: expectedReports(p.cpr, today) }))
      .filter((c) => c.then.length > 1 && c.now.length > 1);
    const boss = candidates.find((c) => c.then.join() !== c.now.join()) ?? candidates[0];
    expect(boss).toBeDefined();
    const id = personIds().fromCpr(boss.cpr);
    for (const [date, expected] of [[before, boss.then], [today, boss.now]] as const) {
      const data = await query('query($id: ID!, $d: Date) { employee(id: $id) { directReports(asOf: $d) { id } } }', { id, d: date });
      expect(data.employee.directReports.map((r: any) => r.id)).toEqual(expected);
      // And each of them has the person among their managers that day.
      const check = await query(`query($d: Date) { ${expected.slice(0, 5).map((r, i) => `r${i}: employee(id: "${r}") { manager(asOf: $d) { employee { id } } }`).join(' ')} }`, { d: date });
      for (const r of Object.values(check) as any[]) expect(r.manager.map((x: any) => x.employee?.id)).toContain(id);
    }
    // Its cost: the person's users by two soeg, and in Opus one list-employees for all the units.
    stack.sources.fkorg.resetCalls();
    stack.sources.opus.resetCalls();
    await query('query($id: ID!) { employee(id: $id) { directReports { id } } }', { id });
    const fk = fkorgCalls();
    expect([fk['person.soeg'], fk['bruger.soeg']]).toEqual([1, 1]);
    const opus = stack.sources.opus.calls.filter((c) => c.endpoint !== 'read-employee-data').map((c) => c.endpoint);
    expect(opus.filter((e) => e === 'list-employees')).toHaveLength(1);
    expect(stack.sources.opus.calls.filter((c) => c.endpoint === 'read-employee-data').length).toBeLessThanOrEqual(2);
    // Viewed as of a date, the person's reports default to that date.
    const viewed = await query('query($id: ID!, $d: Date) { employee(id: $id, asOf: $d) { directReports { id } } }', { id, d: before });
    expect(viewed.employee.directReports.map((r: any) => r.id)).toEqual(boss.then);
  });

  it('is empty for someone who manages nothing', async () => {
    const e = m.opus.employments.find((x) => activeOn(x, today) && !x.contract.isManager && expectedReports(x.person.cpr, today).length === 0)!;
    const data = await query('query($id: ID!) { employee(id: $id) { directReports { id } } }', { id: personIds().fromCpr(e.person.cpr) });
    expect(data.employee.directReports).toEqual([]);
  });
});
