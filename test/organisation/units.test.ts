// The organisation subgraph's unit queries through the gateway, as a frontend or an analyst asks them:
// search and filters, the tree (children, ancestors, subtree, descendants with pagination), addresses,
// KLE, version history, and dates before and after the sample's re-organisation. Expectations come
// from the municipality the FK ORG simulator serves.
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { Stack } from '../../gateway/stack.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { codes, post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';
import { ExpectedOrg } from './expected.js';

let stack: Stack;
let auth: Record<string, string>;
let org: ExpectedOrg;
let today: string;
let before: string;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['org:read'] });
  org = new ExpectedOrg(stack.municipality);
  today = stack.municipality.today;
  before = '2026-01-15';
  expect(before < stack.municipality.reorganisationDate).toBe(true);
});
afterAll(() => stack?.close());

async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await post(stack.url, q, variables, auth);
  expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
  return res.body.data as T;
}

/** Every page of `orgUnits`, following `endCursor`. */
async function allUnits(filter: Record<string, unknown> | null, asOf: string, first: number): Promise<Array<{ id: string; name: string }>> {
  const out: Array<{ id: string; name: string }> = [];
  for (let after: string | null = null, pages = 0; ; pages++) {
    expect(pages).toBeLessThan(100);
    const data: any = await query(
      'query($f: OrgUnitFilter, $asOf: Date, $first: Int, $after: String) { orgUnits(filter: $f, asOf: $asOf, first: $first, after: $after) { nodes { id name } pageInfo { endCursor hasNextPage } totalCount } }',
      { f: filter, asOf, first, after },
    );
    out.push(...data.orgUnits.nodes);
    if (!data.orgUnits.pageInfo.hasNextPage) return out;
    after = data.orgUnits.pageInfo.endCursor;
  }
}

describe('finding units', () => {
  it('searches by part of the name, any case, sorted by name', async () => {
    const data = await query('{ orgUnits(filter: { name: "SKOLE" }) { totalCount nodes { id name unitType { key name } } } }');
    const expected = org.byName(
      org.unitsOn(today).filter((u) => versionOn(u.versions, today)!.name.toLowerCase().includes('skole')).map((u) => u.id),
      today,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(data.orgUnits.nodes.map((n: any) => n.id)).toEqual(expected);
    expect(data.orgUnits.totalCount).toBe(expected.length);
    // Operations registered before the filter (FindUnits) still send `name` on its own.
    const registered = await query('{ orgUnits(name: "skole") { nodes { id } } }');
    expect(registered.orgUnits.nodes.map((n: any) => n.id)).toEqual(expected);
  });

  it('filters by unit type, parent and KLE number (a group number matches the topics under it), all together', async () => {
    const teams = await allUnits({ unitTypes: ['team'] }, today, 500);
    expect(teams.map((u) => u.id).sort()).toEqual(org.unitsOn(today).filter((u) => versionOn(u.versions, today)!.unitType.key === 'team').map((u) => u.id).sort());

    const root = org.root();
    const children = await allUnits({ parent: root.id }, today, 500);
    expect(children.map((u) => u.id)).toEqual(org.childrenOn(root.id, today));

    const kle17 = await allUnits({ kle: '17' }, today, 500);
    const expected17 = org.unitsOn(today).filter((u) => u.kle.some((k) => k.key === '17' || k.key.startsWith('17.')));
    expect(expected17.length).toBeGreaterThan(2);
    expect(kle17.map((u) => u.id).sort()).toEqual(expected17.map((u) => u.id).sort());

    const exact = await allUnits({ kle: '17.02.05', unitTypes: ['team', 'institution'] }, today, 500);
    const expectedExact = org.unitsOn(today).filter((u) => u.kle.some((k) => k.key === '17.02.05') && ['team', 'institution'].includes(versionOn(u.versions, today)!.unitType.key));
    expect(expectedExact.length).toBeGreaterThan(0);
    expect(exact.map((u) => u.id).sort()).toEqual(expectedExact.map((u) => u.id).sort());
  });

  it('returns every unit of the subtree of the root exactly once, across pages', async () => {
    const root = org.root();
    for (const date of [before, today]) {
      const got = await allUnits({ subtree: root.id }, date, 7);
      expect(got).toHaveLength(org.unitsOn(date).length);
      expect(new Set(got.map((u) => u.id)).size).toBe(got.length);
      expect(new Set(got.map((u) => u.id))).toEqual(new Set(org.unitsOn(date).map((u) => u.id)));
    }
  });

  it('answers a subtree as of a date: a team moved in the re-organisation belongs to its old department before and its new one after', async () => {
    const reorg = stack.municipality.reorganisationDate;
    const moved = stack.municipality.org.units.find((u) => u.versions.length === 2 && u.versions[0].parentId !== u.versions[1].parentId)!;
    expect(moved).toBeDefined();
    const [old, now] = moved.versions;
    expect(now.from).toBe(reorg);
    const inOld = await allUnits({ subtree: old.parentId }, before, 500);
    const inOldAfter = await allUnits({ subtree: old.parentId }, today, 500);
    const inNew = await allUnits({ subtree: now.parentId }, today, 500);
    expect(inOld.map((u) => u.id)).toContain(moved.id);
    expect(inOldAfter.map((u) => u.id)).not.toContain(moved.id);
    expect(inNew.find((u) => u.id === moved.id)?.name).toBe(now.name);
  });
});

describe('one unit', () => {
  it('answers name, parent, children and validity as of dates before and after the re-organisation', async () => {
    const moved = stack.municipality.org.units.find((u) => u.versions.length === 2 && u.versions[0].parentId !== u.versions[1].parentId && u.versions[0].name !== u.versions[1].name)
      ?? stack.municipality.org.units.find((u) => u.versions.length === 2 && u.versions[0].parentId !== u.versions[1].parentId)!;
    const q = 'query($id: ID!, $asOf: Date) { orgUnit(id: $id, asOf: $asOf) { name shortName validFrom validTo parent { id name } nameToday: name(asOf: "2026-11-01") } }';
    for (const v of moved.versions) {
      const date = v.to ?? today;
      const got = (await query(q, { id: moved.id, asOf: date })).orgUnit;
      expect(got).toEqual({
        name: v.name,
        shortName: v.shortName,
        validFrom: v.from,
        validTo: v.to,
        parent: { id: v.parentId, name: org.nameOn(v.parentId!, date) },
        nameToday: moved.versions[1].name,
      });
    }
  });

  it('is NOT_FOUND on a date it did not exist, and on dates it did a renamed unit has its name of that day', async () => {
    const created = stack.municipality.org.units.find((u) => u.versions[0].from === stack.municipality.reorganisationDate)!;
    const gone = await post(stack.url, 'query($id: ID!) { orgUnit(id: $id, asOf: "2026-01-15") { name } }', { id: created.id }, auth);
    expect(codes(gone)).toEqual(['NOT_FOUND']);
    const renamed = stack.municipality.org.units.find((u) => u.versions.length === 2 && u.versions[0].name !== u.versions[1].name)!;
    const old = await query('query($id: ID!) { orgUnit(id: $id, asOf: "2026-01-15") { name } }', { id: renamed.id });
    expect(old.orgUnit.name).toBe(renamed.versions[0].name);
  });

  it('lists ancestors nearest first and the version history over an interval', async () => {
    const deepest = [...org.unitsOn(today)].sort((a, b) => org.ancestorsOn(b.id, today).length - org.ancestorsOn(a.id, today).length)[0];
    expect(org.ancestorsOn(deepest.id, today).length).toBeGreaterThanOrEqual(3);
    const got = (await query('query($id: ID!) { orgUnit(id: $id) { ancestors { id } } }', { id: deepest.id })).orgUnit;
    expect(got.ancestors.map((a: any) => a.id)).toEqual(org.ancestorsOn(deepest.id, today));

    const changed = stack.municipality.org.units.find((u) => u.versions.length === 2)!;
    const all = (await query('query($id: ID!) { orgUnit(id: $id) { history { name validFrom validTo parent { id } unitType { key } } } }', { id: changed.id })).orgUnit.history;
    expect(all).toEqual(changed.versions.map((v) => ({ name: v.name, validFrom: v.from, validTo: v.to, parent: v.parentId ? { id: v.parentId } : null, unitType: { key: v.unitType.key } })));
    const late = (await query('query($id: ID!, $from: Date) { orgUnit(id: $id) { history(from: $from) { name } } }', { id: changed.id, from: changed.versions[1].from })).orgUnit.history;
    expect(late).toEqual([{ name: changed.versions[1].name }]);
  });

  it('pages through descendants level by level, bounded by maxDepth', async () => {
    const root = org.root();
    const expected = org.descendantsOn(root.id, today);
    const seen: string[] = [];
    for (let after: string | null = null; ; ) {
      const d: any = (await query('query($id: ID!, $after: String) { orgUnit(id: $id) { descendants(first: 4, after: $after) { nodes { id } totalCount pageInfo { endCursor hasNextPage } } } }', { id: root.id, after })).orgUnit.descendants;
      expect(d.totalCount).toBe(expected.length);
      expect(d.nodes.length).toBeLessThanOrEqual(4);
      seen.push(...d.nodes.map((n: any) => n.id));
      if (!d.pageInfo.hasNextPage) break;
      after = d.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);

    const two = (await query('query($id: ID!) { orgUnit(id: $id) { descendants(maxDepth: 2, first: 500) { nodes { id } } children { id } } }', { id: root.id })).orgUnit;
    expect(two.descendants.nodes.map((n: any) => n.id)).toEqual(org.descendantsOn(root.id, today, 2));
    expect(two.children.map((n: any) => n.id)).toEqual(org.childrenOn(root.id, today));
  });

  it('gives addresses by type, the postal one with its DAR id, and the KLE numbers', async () => {
    const root = org.root();
    const got = (await query('query($id: ID!) { orgUnit(id: $id) { all: addresses { type value darId } some: addresses(types: [EMAIL, CVR, POSTAL]) { type value } kle } }', { id: root.id })).orgUnit;
    const names: Record<string, string> = { Postadresse: 'POSTAL', Email: 'EMAIL', Telefon: 'PHONE', EAN: 'EAN', 'P-nummer': 'P_NUMBER', SE: 'SE', CVR: 'CVR', Lokation: 'LOCATION' };
    expect(got.all).toEqual(root.addresses.map((a) => ({ type: names[a.type], value: a.value, darId: a.darId ?? null })));
    expect(got.all.find((a: any) => a.type === 'POSTAL').darId).toMatch(/^[0-9a-f-]{36}$/);
    expect(got.some.map((a: any) => a.type).sort()).toEqual(['CVR', 'EMAIL', 'POSTAL']);
    expect(got.kle).toEqual(root.kle.map((k) => k.key));
  });

  it('gives addresses and KLE asked for anywhere in the operation: under a parent, in a fragment, beside units that need neither', async () => {
    const child = org.childrenOn(org.root().id, today)[0];
    const root = org.root();
    // Which read the subgraph's FK ORG client makes (the subgraphs run in this process).
    const whole = vi.spyOn(FkOrgSoapClient.prototype, 'unitRecords');
    const cores = vi.spyOn(FkOrgSoapClient.prototype, 'unitCores');
    onTestFinished(() => {
      whole.mockRestore();
      cores.mockRestore();
    });
    stack.sources.fkorg.resetCalls();
    const nested = (
      await query('query($id: ID!) { orgUnit(id: $id) { name parent { id ...Relations } } } fragment Relations on OrgUnit { kleTasks { number } addresses(types: [EMAIL]) { value } }', { id: child })
    ).orgUnit;
    expect(nested.parent.id).toBe(root.id);
    expect(nested.parent.kleTasks.map((k: any) => k.number)).toEqual(root.kle.map((k) => k.key));
    expect(nested.parent.addresses.map((a: any) => a.value)).toEqual(root.addresses.filter((a) => a.type === 'Email').map((a) => a.value));
    // The unit and its parent in one list, as without relations: reading them costs no call of its own.
    expect(stack.sources.fkorg.calls.filter((c) => c.service === 'organisationenhed').map((c) => `${c.operation}:${c.size}`)).toEqual(['list:2']);
    expect([whole.mock.calls.length, cores.mock.calls.length]).toEqual([1, 0]);
    // Neither asked for: the same list, its Adresser and Opgaver passed over.
    const plain = (await query('query($id: ID!) { orgUnit(id: $id) { name parent { id name } } }', { id: child })).orgUnit;
    expect(plain).toEqual({ name: versionOn(org.unit(child).versions, today)!.name, parent: { id: root.id, name: versionOn(root.versions, today)!.name } });
    expect([whole.mock.calls.length, cores.mock.calls.length]).toEqual([1, 1]);
  });
});

describe('parents read with their units', () => {
  /** The FK ORG calls a query makes, by service and operation, with their sizes. */
  async function counted(q: string, variables?: Record<string, unknown>): Promise<{ data: any; calls: Record<string, number[]> }> {
    stack.sources.fkorg.resetCalls();
    const data = await query(q, variables);
    const calls: Record<string, number[]> = {};
    for (const c of stack.sources.fkorg.calls) (calls[`${c.service}.${c.operation}`] ??= []).push(c.size);
    return { data, calls };
  }

  it('a page of units with their parents costs one list, not one for the units and one for their parents', async () => {
    const { data, calls } = await counted('query($asOf: Date) { orgUnits(first: 20, asOf: $asOf) { nodes { id name parent { id name } } } }', { asOf: today });
    const nodes = data.orgUnits.nodes as Array<{ id: string; name: string; parent: { id: string; name: string } | null }>;
    expect(nodes.length).toBeGreaterThan(5);
    for (const n of nodes) {
      const parentId = org.parentOn(n.id, today);
      expect(n.parent).toEqual(parentId ? { id: parentId, name: org.nameOn(parentId, today) } : null);
    }
    const read = new Set([...nodes.map((n) => n.id), ...nodes.flatMap((n) => (n.parent ? [n.parent.id] : []))]);
    expect(calls).toEqual({ 'organisationenhed.list': [read.size] });
  });

  it('one unit and its parent: one list of two; a unit asked for without its parent: one of one', async () => {
    const unit = org.unitsOn(today).find((u) => org.parentOn(u.id, today))!;
    const withParent = await counted('query($id: ID!) { orgUnit(id: $id) { name parent { name } } }', { id: unit.id });
    expect(withParent.data.orgUnit.parent.name).toBe(org.nameOn(org.parentOn(unit.id, today)!, today));
    expect(withParent.calls).toEqual({ 'organisationenhed.list': [2] });
    const alone = await counted('query($id: ID!) { orgUnit(id: $id) { name } }', { id: unit.id });
    expect(alone.calls).toEqual({ 'organisationenhed.list': [1] });
  });

  it('the unit of an employment, reached from the employee subgraph, with its parent: one list of two', async () => {
    const e = stack.municipality.opus.employments.find((x) => {
      const p = versionOn(x.placements, today);
      const unit = p && stack.municipality.org.units.find((u) => u.opusId === p.orgUnitOpusId);
      return unit && org.parentOn(unit.id, today);
    })!;
    const unit = stack.municipality.org.units.find((u) => u.opusId === versionOn(e.placements, today)!.orgUnitOpusId)!;
    stack.sources.fkorg.resetCalls();
    const res = await post(stack.url, 'query($n: ID!) { employment(employmentNumber: $n) { orgUnit { name parent { name } } } }', { n: e.employmentNumber }, await stack.headers({ scopes: ['org:read', 'employee:read'] }));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.orgUnit).toEqual({ name: org.nameOn(unit.id, today), parent: { name: org.nameOn(org.parentOn(unit.id, today)!, today) } });
    expect(stack.sources.fkorg.calls.map((c) => `${c.service}.${c.operation} ${c.size}`)).toEqual(['organisationenhed.list 2']);
  });

  it('goes by FK ORG\'s fresh record when the unit has moved since the hierarchy snapshot, at the cost of one more list', async () => {
    const unit = stack.municipality.org.units.find((u) => u.versions.length === 1 && u.versions[0].parentId && u.versions[0].to === null)!;
    const snapshotParent = unit.versions[0].parentId!;
    const newParent = org.unitsOn(today).find((u) => u.id !== snapshotParent && u.id !== unit.id && org.parentOn(u.id, today))!.id;
    // FK ORG now says another parent; the organisation subgraph's snapshot still has the old one.
    unit.versions[0].parentId = newParent;
    try {
      const { data, calls } = await counted('query($id: ID!) { orgUnit(id: $id) { parent { id name } } }', { id: unit.id });
      expect(data.orgUnit.parent).toEqual({ id: newParent, name: org.nameOn(newParent, today) });
      expect(calls).toEqual({ 'organisationenhed.list': [2, 1] });
    } finally {
      unit.versions[0].parentId = snapshotParent;
    }
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, string]> = [
    ['a unit id that is not a UUID', '{ orgUnit(id: "42") { name } }', 'id'],
    ['an unknown unit type', '{ orgUnits(filter: { unitTypes: ["skole"] }) { totalCount } }', 'filter.unitTypes'],
    ['a parent that is not a UUID', '{ orgUnits(filter: { parent: "root" }) { totalCount } }', 'filter.parent'],
    ['a subtree unit FK ORG does not have', '{ orgUnits(filter: { subtree: "00000000-0000-4000-8000-000000000000" }) { totalCount } }', 'filter.subtree'],
    ['a KLE number that is not one', '{ orgUnits(filter: { kle: "17.x" }) { totalCount } }', 'filter.kle'],
    ['a negative page size', '{ orgUnits(first: -1) { totalCount } }', 'first'],
    ['a cursor not from this API', '{ orgUnits(after: "bm9wZQ") { totalCount } }', 'after'],
    ['history from after to', `{ orgUnits(first: 1) { nodes { history(from: "2026-01-02", to: "2026-01-01") { name } } } }`, 'from'],
  ];
  it.each(cases)('%s: BAD_USER_INPUT', async (_name, q, argument) => {
    const res = await post(stack.url, q, undefined, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    if (argument) expect(res.body.errors![0].extensions?.argument).toBe(argument);
  });

  // Through the gateway an impossible date literal or variable never reaches a resolver: the subgraph
  // refuses the request in validation, so this is checked at the organisation subgraph itself.
  it('an impossible date: BAD_USER_INPUT from the organisation subgraph', async () => {
    const res = await post(stack.subgraphs.organisation.url, 'query($d: Date) { orgUnits(asOf: $d) { totalCount } }', { d: '2026-02-30' }, await gatewayHeadersFor(stack, 'organisation', { scopes: ['org:read'] }));
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('maxDepth below 1: BAD_USER_INPUT', async () => {
    const res = await post(stack.url, 'query($id: ID!) { orgUnit(id: $id) { descendants(maxDepth: 0) { totalCount } } }', { id: org.root().id }, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions?.argument).toBe('maxDepth');
  });
});
