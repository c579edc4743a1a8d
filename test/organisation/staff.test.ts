// Who is in a unit, through the gateway: managers with inheritance up the tree, positions and their
// holders, IT users with their systems, interest groups, the links to Employment and Employee, and
// Employee.manager across subgraphs (@requires on the employee subgraph's hidden
// Employee.orgUnitPeriods and its asOf). Each query also proves its FK ORG cost: one `list` per kind of
// object per plan step, never one per unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import { personIds } from '../../platform/personId.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { ExpectedOrg } from './expected.js';

let stack: Stack;
let auth: Record<string, string>;
let org: ExpectedOrg;
let today: string;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['org:read', 'employee:read'] });
  org = new ExpectedOrg(stack.municipality);
  today = stack.municipality.today;
  // The hierarchy snapshot is read once per process; later call counts are per query.
  await query('{ orgUnits(first: 1) { totalCount } }');
});
afterAll(() => stack?.close());

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await post(stack.url, q, variables, auth);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data as T;
}

/** FK ORG calls of one query, by `service.operation`. */
async function counted<T = any>(q: string, variables?: Record<string, unknown>): Promise<{ data: T; calls: Record<string, number[]> }> {
  stack.sources.fkorg.resetCalls();
  const data = await query<T>(q, variables);
  const calls: Record<string, number[]> = {};
  for (const c of stack.sources.fkorg.calls) (calls[`${c.service}.${c.operation}`] ??= []).push(c.size);
  return { data, calls };
}

const batches = (n: number) => Array.from({ length: Math.ceil(n / 100) }, (_, i) => Math.min(100, n - i * 100));
const sorted = (sizes: number[] | undefined) => [...(sizes ?? [])].sort((a, b) => b - a);
const employeeId = (userId: string) => personIds().fromCpr(stack.municipality.org.persons.find((p) => p.id === org.user(userId).personId)!.cpr);

describe('managers', () => {
  it('gives every unit its own managers, or inherits the nearest ancestor\'s with inherited: true, before and after the re-organisation', async () => {
    let inheritedSeen = 0;
    for (const asOf of ['2026-01-15', today]) {
      const data = await query(
        'query($asOf: Date) { orgUnits(asOf: $asOf, first: 50) { nodes { id managers { id inherited unit { id } user { id userName } name employment { employmentNumber } employee { id } } } } }',
        { asOf },
      );
      for (const unit of data.orgUnits.nodes) {
        const expected = org.managersOn(unit.id, asOf);
        if (!expected) {
          expect(unit.managers).toEqual([]);
          continue;
        }
        expect(unit.managers.map((m: any) => m.user.id).sort()).toEqual([...expected.userIds].sort());
        for (const m of unit.managers) {
          expect(m.inherited).toBe(expected.from !== unit.id);
          expect(m.unit.id).toBe(expected.from);
          expect(m.name).toBe(org.personName(m.user.id));
          expect(m.employment?.employmentNumber).toBe(org.user(m.user.id).employmentNumber);
          expect(m.employee.id).toBe(employeeId(m.user.id));
        }
        if (expected.from !== unit.id) inheritedSeen++;
      }
    }
    // The sample keeps units without a manager of their own, so inheritance is really exercised.
    expect(inheritedSeen).toBeGreaterThan(0);
  });

  it('a unit without a Leder of its own gets the manager of its nearest ancestor that has one', async () => {
    const unmanaged = org.unitsOn(today).find((u) => org.functionsOn(u.id, 'Leder', today).length === 0 && org.parentOn(u.id, today))!;
    expect(unmanaged).toBeDefined();
    const from = org.ancestorsOn(unmanaged.id, today).find((a) => org.functionsOn(a, 'Leder', today).length > 0)!;
    const got = (await query('query($id: ID!) { orgUnit(id: $id) { managers { inherited unit { id name } name title } } }', { id: unmanaged.id })).orgUnit.managers;
    const leder = org.functionsOn(from, 'Leder', today)[0];
    expect(got).toEqual([{ inherited: true, unit: { id: from, name: org.nameOn(from, today) }, name: org.personName(leder.userIds[0]), title: leder.name }]);
  });

  it('costs one list per kind of object for a whole page of units', async () => {
    const units = org.unitsOn(today);
    const { data, calls } = await counted('{ orgUnits(first: 50) { nodes { managers { inherited unit { name } name } } } }');
    expect(data.orgUnits.nodes).toHaveLength(units.length);
    expect(Object.keys(calls).sort()).toEqual(['bruger.list', 'organisationenhed.list', 'organisationfunktion.list', 'person.list']);
    expect(calls['organisationenhed.list']).toEqual(batches(units.length));
    // Each unit reads the Leder functions up to its nearest ancestor with one: all in one step.
    const lederFunctions = new Set<string>();
    for (const u of units) {
      for (const a of [u.id, ...org.ancestorsOn(u.id, today)]) {
        const own = org.functionsOn(a, 'Leder', today);
        own.forEach((f) => lederFunctions.add(f.id));
        if (own.length) break;
      }
    }
    expect(sorted(calls['organisationfunktion.list'])).toEqual(batches(lederFunctions.size));
    expect(calls['bruger.list']).toHaveLength(Math.ceil(lederFunctions.size / 100));
    expect(calls['person.list']).toHaveLength(1);
  });

});

describe('positions, IT users and interest groups', () => {
  it('lists the Stilling functions with their holders, and the IT users with their systems and employments', async () => {
    const unit = [...org.unitsOn(today)].sort((a, b) => org.functionsOn(b.id, 'Stilling', today).length - org.functionsOn(a.id, 'Stilling', today).length)[0];
    const positions = org.functionsOn(unit.id, 'Stilling', today);
    expect(positions.length).toBeGreaterThan(3);
    const got = (
      await query('query($id: ID!) { orgUnit(id: $id) { positions { id title validFrom validTo holders { id } } itUsers { id userName name employment { employmentNumber } employee { id } itSystems { name } } } }', { id: unit.id })
    ).orgUnit;
    expect(got.positions.map((p: any) => p.id).sort()).toEqual(positions.map((f) => f.id).sort());
    for (const p of got.positions) {
      const f = positions.find((x) => x.id === p.id)!;
      expect(p).toEqual({ id: f.id, title: f.name, validFrom: f.from, validTo: f.to, holders: org.activeHolders(f, today).map((u) => ({ id: u.id })) });
    }
    const users = [...new Set(positions.flatMap((f) => org.activeHolders(f, today)))];
    expect(got.itUsers.map((u: any) => u.id).sort()).toEqual(users.map((u) => u.id).sort());
    const names = got.itUsers.map((u: any) => u.userName);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'da')));
    for (const u of got.itUsers) {
      const user = org.user(u.id);
      expect(u.name).toBe(org.personName(u.id));
      expect(u.employment?.employmentNumber ?? null).toBe(user.employmentNumber);
      expect(u.employee.id).toBe(employeeId(u.id));
      expect(u.itSystems.map((s: any) => s.name).sort()).toEqual(stack.municipality.org.itSystems.filter((s) => s.userIds.includes(u.id)).map((s) => s.name).sort());
    }
  });

  it('costs one list per kind of object for the positions of every unit', async () => {
    const units = org.unitsOn(today);
    const stillinger = units.flatMap((u) => org.functionsOn(u.id, 'Stilling', today));
    const userIds = new Set(stillinger.flatMap((f) => f.userIds));
    const personIdsOfHolders = new Set(stillinger.flatMap((f) => org.activeHolders(f, today)).map((u) => u.personId));
    expect(stillinger.length).toBeGreaterThan(200);
    // Asked for the sample's today, the date the expectation is computed for (without asOf the subgraph answers for the wall clock's today).
    const { data, calls } = await counted('query($asOf: Date) { orgUnits(first: 50, asOf: $asOf) { nodes { positions { title holders { userName name } } } } }', { asOf: today });
    expect(data.orgUnits.nodes.flatMap((n: any) => n.positions)).toHaveLength(stillinger.length);
    expect(calls).toEqual({
      'organisationenhed.list': batches(units.length),
      'organisationfunktion.list': expect.any(Array),
      'bruger.list': expect.any(Array),
      'person.list': expect.any(Array),
    });
    expect(sorted(calls['organisationfunktion.list'])).toEqual(batches(stillinger.length));
    expect(sorted(calls['bruger.list'])).toEqual(batches(userIds.size));
    expect(sorted(calls['person.list'])).toEqual(batches(personIdsOfHolders.size));
  });

  it("reads the positions' holders in the round trip of the positions when the query shows them, and no users when it does not", async () => {
    const unit = org.unitsOn(today).find((u) => org.functionsOn(u.id, 'Stilling', today).length > 1)!;
    // Every FK ORG answer held back 150 ms: calls sent together overlap, a call sent after another's answer cannot.
    stack.sources.fkorg.setFault('*', { latencyMs: 150 });
    try {
      stack.sources.fkorg.resetCalls();
      await query('query($id: ID!, $asOf: Date) { orgUnit(id: $id, asOf: $asOf) { positions { title holders { userName } } roles { holders { id } } } }', { id: unit.id, asOf: today });
      const calls = stack.sources.fkorg.calls;
      const functions = calls.filter((c) => c.service === 'organisationfunktion');
      const users = calls.filter((c) => c.service === 'bruger');
      expect(functions).toHaveLength(1);
      expect(users).toHaveLength(1);
      expect(users[0].arrivedAt).toBeLessThan(functions[0].answeredAt!);

      stack.sources.fkorg.resetCalls();
      await query('query($id: ID!, $asOf: Date) { orgUnit(id: $id, asOf: $asOf) { positions { title } } }', { id: unit.id, asOf: today });
      expect(stack.sources.fkorg.calls.map((c) => c.service).sort()).toEqual(['organisationenhed', 'organisationfunktion']);
    } finally {
      stack.sources.fkorg.clearFaults();
    }
  });

  it('lists the interest groups a unit takes part in, with their units and active members', async () => {
    const root = org.root();
    const groups = stack.municipality.org.interestGroups.filter((g) => g.unitIds.includes(root.id) && isValidOn(g, today));
    expect(groups.length).toBeGreaterThan(0);
    const got = (await query('query($id: ID!) { orgUnit(id: $id) { interestGroups { id name type units { id } members { id } } } }', { id: root.id })).orgUnit.interestGroups;
    expect(got.map((g: any) => g.id).sort()).toEqual(groups.map((g) => g.id).sort());
    for (const g of got) {
      const source = groups.find((x) => x.id === g.id)!;
      expect(g.name).toBe(source.name);
      expect(g.type).toBe(source.type);
      expect(g.units.map((u: any) => u.id).sort()).toEqual([...source.unitIds].sort());
      // A user related twice (say, as manager and as representative) is one member.
      expect(g.members.map((u: any) => u.id).sort()).toEqual([...new Set(source.userIds)].filter((id) => isValidOn(org.user(id), today)).sort());
    }
  });
});

describe('Employee.manager across subgraphs', () => {
  const activeToday = (e: Employment) => isValidOn({ from: e.contract.start, to: e.contract.end }, today) && versionOn(e.placements, today);
  const unitIdOf = (opusId: string) => stack.municipality.org.units.find((u) => u.opusId === opusId)!.id;

  /** The managers the employee subgraph's units for the person lead to, the person passed over. */
  function expectedManagers(e: Employment, date = today): Array<{ user: string; from: string; inherited: boolean }> {
    const person = stack.municipality.org.persons.find((p) => p.cpr === e.person.cpr)!;
    const activeOn = (x: Employment) => isValidOn({ from: x.contract.start, to: x.contract.end }, date) && versionOn(x.placements, date);
    const units = new Set(stack.municipality.opus.employments.filter((x) => x.person.cpr === e.person.cpr && activeOn(x)).map((x) => unitIdOf(versionOn(x.placements, date)!.orgUnitOpusId)));
    const out: Array<{ user: string; from: string; inherited: boolean }> = [];
    for (const unit of [...units].sort()) {
      const found = org.managersOn(unit, date, person.id);
      for (const user of found?.userIds ?? []) if (!out.some((o) => o.user === user)) out.push({ user, from: found!.from, inherited: found!.from !== unit });
    }
    return out;
  }

  async function managersOf(e: Employment) {
    const data = await query('query($n: ID!) { employment(employmentNumber: $n) { employee { manager { user { id } inherited unit { id } employee { id } } } } }', { n: e.employmentNumber });
    return data.employment.employee.manager.map((m: any) => ({ user: m.user.id, from: m.unit.id, inherited: m.inherited }));
  }

  it('a member of staff gets the manager of their unit, or inherits one when the unit has none', async () => {
    const staff = stack.municipality.opus.employments.filter((e) => activeToday(e) && !e.contract.isManager);
    const inUnmanaged = staff.find((e) => org.functionsOn(unitIdOf(versionOn(e.placements, today)!.orgUnitOpusId), 'Leder', today).length === 0)!;
    const inManaged = staff.find((e) => org.functionsOn(unitIdOf(versionOn(e.placements, today)!.orgUnitOpusId), 'Leder', today).length > 0)!;
    for (const e of [inUnmanaged, inManaged]) {
      const expected = expectedManagers(e);
      expect(expected.length).toBeGreaterThan(0);
      expect((await managersOf(e)).sort((a: any, b: any) => a.user.localeCompare(b.user))).toEqual(expected.sort((a, b) => a.user.localeCompare(b.user)));
    }
    expect(expectedManagers(inUnmanaged).every((m) => m.inherited)).toBe(true);
  });

  it("answers for the person's asOf by default and for its own asOf, before and after the re-organisation", async () => {
    // The units `manager` needs travel in a field of their own, with every period: a required field
    // with arguments would clash with a client's own selection of it with other arguments.
    const before = stack.municipality.reorganisationDate < '2026-01-15' ? '2025-06-01' : '2026-01-15';
    const moved = stack.municipality.opus.employments.find((x) => {
      if (!activeToday(x) || x.contract.isManager || x.contract.start > before) return false;
      const a = expectedManagers(x, before).map((m) => m.user).sort();
      const b = expectedManagers(x).map((m) => m.user).sort();
      return a.length > 0 && b.length > 0 && a.join() !== b.join();
    })!;
    expect(moved).toBeDefined();
    const data = await query(
      'query($n: ID!, $d: Date) { employment(employmentNumber: $n) { employee { orgUnits(asOf: $d) { opusId } manager { user { id } } then: manager(asOf: $d) { user { id } } } } old: employment(employmentNumber: $n, asOf: $d) { employee { manager { user { id } } } } }',
      { n: moved.employmentNumber, d: before },
    );
    const users = (managers: Array<{ user: { id: string } }>) => managers.map((m) => m.user.id).sort();
    const now = expectedManagers(moved).map((m) => m.user).sort();
    const then = expectedManagers(moved, before).map((m) => m.user).sort();
    expect(users(data.employment.employee.manager)).toEqual(now);
    expect(users(data.employment.employee.then)).toEqual(then);
    expect(users(data.old.employee.manager)).toEqual(then);
  });

  it('a manager of their own unit gets the manager further up, not themself', async () => {
    const manager = stack.municipality.opus.employments.find((e) => {
      if (!activeToday(e) || !e.contract.isManager) return false;
      const unit = unitIdOf(versionOn(e.placements, today)!.orgUnitOpusId);
      return org.parentOn(unit, today) !== null && org.functionsOn(unit, 'Leder', today).some((f) => f.userIds.some((u) => org.user(u).employmentNumber === e.employmentNumber));
    })!;
    expect(manager).toBeDefined();
    const got = await managersOf(manager);
    expect(got).toEqual(expectedManagers(manager));
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((m: any) => org.user(m.user).personId !== org.user(got[0].user).personId || org.user(m.user).employmentNumber !== manager.employmentNumber)).toBe(true);
    expect(got.every((m: any) => m.inherited)).toBe(true);
  });

  it('answers the managers of every employee of a unit with one list per kind of FK ORG object', async () => {
    // The unit whose staff include its own manager, so passing over the person is part of the step.
    const unit = org.unitsOn(today).find((u) => org.parentOn(u.id, today) && org.functionsOn(u.id, 'Leder', today).length > 0 && stack.municipality.opus.employments.filter((e) => activeToday(e) && versionOn(e.placements, today)!.orgUnitOpusId === u.opusId).length > 3)!;
    const staff = stack.municipality.opus.employments.filter((e) => activeToday(e) && versionOn(e.placements, today)!.orgUnitOpusId === unit.opusId);
    const { data, calls } = await counted('query($id: ID!) { orgUnit(id: $id) { employments { employmentNumber employee { manager { name } } } } }', { id: unit.id });
    expect(data.orgUnit.employments.map((e: any) => e.employmentNumber).sort()).toEqual(staff.map((e) => e.employmentNumber).sort());
    for (const e of data.orgUnit.employments) {
      const source = staff.find((s) => s.employmentNumber === e.employmentNumber)!;
      expect(e.employee.manager.map((m: any) => m.name).sort()).toEqual(expectedManagers(source).map((m) => org.personName(m.user)).sort());
    }
    expect(calls).toEqual({
      'organisationenhed.list': [1],
      'organisationfunktion.list': [expect.any(Number)],
      'bruger.list': [expect.any(Number)],
      'person.list': [expect.any(Number)],
    });
  });
});
