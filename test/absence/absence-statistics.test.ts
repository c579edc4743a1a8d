// OrgUnit.absenceStatistics through the gateway: equal to a plain recomputation of the documented
// measure (expected.ts), read with one list call and ceil(N/100) Medarbejderoplysninger calls, edge
// cases worked out by hand, bad periods refused, and absence:read required.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { AbsenceType } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { absenceFixture, EMPLOYEES, UNITS, type AbsenceFixture } from './fixture.js';
import { ABSENCE_TYPE_ENUM, expectedStatistics, listedDuring, subtreeUnitsDuring, type ExpectedStatistics } from './expected.js';

let stack: Stack;
let auth: Record<string, string>;
let fx: AbsenceFixture;
beforeAll(async () => {
  fx = absenceFixture();
  stack = await testStack({ employees: EMPLOYEES, municipality: fx.municipality });
  auth = await stack.headers({ scopes: ['org:read', 'absence:read'] });
});
afterAll(() => stack?.close());

const FROM = '2026-01-01';
const TO = '2026-10-31';

const STATISTICS = /* GraphQL */ `
  fragment S on AbsenceStatistics {
    from to includeSubtree days rate
    basis { workdays employments availableDays fullTimeEquivalents orgUnits }
    byType { type days rate absences employments }
  }
`;

const UNIT_QUERY = /* GraphQL */ `
  query ($id: ID!, $asOf: Date, $from: Date!, $to: Date!, $subtree: Boolean!, $types: [AbsenceType!]) {
    orgUnit(id: $id, asOf: $asOf) { opusId absenceStatistics(from: $from, to: $to, includeSubtree: $subtree, types: $types) { ...S } }
  }
  ${STATISTICS}
`;

async function statistics(id: string, vars: { from?: string; to?: string; subtree?: boolean; types?: string[]; asOf?: string } = {}, headers = auth) {
  return post(stack.url, UNIT_QUERY, { id, from: FROM, to: TO, subtree: true, ...vars }, headers);
}

/** The API's answer against the recomputation, rounded as the API rounds (3 decimals, rates 6). */
function expectEqual(got: any, want: ExpectedStatistics, types: AbsenceType[] = Object.keys(ABSENCE_TYPE_ENUM) as AbsenceType[]) {
  expect(got.basis.workdays).toBe(want.workdays);
  expect(got.basis.employments).toBe(want.employments.size);
  expect(got.basis.orgUnits).toBe(want.orgUnits.size);
  expect(got.basis.availableDays).toBeCloseTo(want.availableDays, 2);
  expect(got.basis.fullTimeEquivalents).toBeCloseTo(want.workdays ? want.availableDays / want.workdays : 0, 2);
  expect(got.byType.map((t: any) => t.type)).toEqual(types.map((t) => ABSENCE_TYPE_ENUM[t]));
  let total = 0;
  for (const type of types) {
    const w = want.byType.get(type);
    const g = got.byType.find((t: any) => t.type === ABSENCE_TYPE_ENUM[type]);
    expect(g.days, type).toBeCloseTo(w?.days ?? 0, 2);
    expect(g.absences, type).toBe(w?.absences.size ?? 0);
    expect(g.employments, type).toBe(w?.employments.size ?? 0);
    if (want.availableDays > 0) expect(g.rate, type).toBeCloseTo((w?.days ?? 0) / want.availableDays, 5);
    else expect(g.rate).toBeNull();
    total += w?.days ?? 0;
  }
  expect(got.days).toBeCloseTo(total, 2);
  if (want.availableDays > 0) expect(got.rate).toBeCloseTo(total / want.availableDays, 5);
  else expect(got.rate).toBeNull();
}

const opusCalls = (endpoint: string) => stack.sources.opus.calls.filter((c) => c.endpoint === endpoint);

describe('absence statistics of a unit subtree', () => {
  it('equal the plain recomputation for the whole municipality, read with one list call and ceil(N/100) reads', async () => {
    const root = fx.rootOpusId;
    const m = stack.municipality;
    stack.sources.opus.resetCalls();
    const res = await statistics(fx.rootId);
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.orgUnit.absenceStatistics;
    const want = expectedStatistics(m, root, FROM, TO, true);
    expect(want.employments.size).toBeGreaterThan(900);
    expectEqual(got, want);
    expect(got).toMatchObject({ from: FROM, to: TO, includeSubtree: true });

    const listed = listedDuring(m, subtreeUnitsDuring(m, root, FROM, TO), FROM, TO);
    expect(opusCalls('list-employees')).toHaveLength(Math.max(1, Math.ceil(listed.length / 1000)));
    const reads = opusCalls('read-employee-data');
    expect(reads).toHaveLength(Math.ceil(listed.length / 100));
    expect(reads.every((c) => c.areas?.includes('FravaerNaervaer') && c.areas.includes('Arbejdstid') && c.batchSize <= 100)).toBe(true);
    expect(reads.reduce((n, c) => n + c.batchSize, 0)).toBe(listed.length);
  });

  it('follow the Opus tree day by day across the re-organisation', async () => {
    const m = stack.municipality;
    // A unit whose sub-units changed in the re-organisation: one that lost a child that day.
    const reorg = m.reorganisationDate;
    const moved = m.opus.orgUnits.find((u) => u.to !== null && u.to < reorg && u.parentId !== null && m.opus.orgUnits.some((v) => v.id === u.id && v.from === reorg))!;
    const parent = m.opus.orgUnits.find((u) => u.id === moved.parentId)!;
    const id = m.org.units.find((u) => u.opusId === parent.id)!.id;
    const res = await statistics(id, { asOf: '2026-01-01' });
    expect(res.body.errors).toBeUndefined();
    expectEqual(res.body.data.orgUnit.absenceStatistics, expectedStatistics(m, parent.id, FROM, TO, true));
  });

  it('for many units in one query cost one list call and ceil(N/100) reads for all of them', async () => {
    const m = stack.municipality;
    stack.sources.opus.resetCalls();
    const res = await post(
      stack.url,
      `query ($from: Date!, $to: Date!) { orgUnits(first: 25) { nodes { opusId absenceStatistics(from: $from, to: $to) { ...S } } } } ${STATISTICS}`,
      { from: FROM, to: TO },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.orgUnits.nodes as any[];
    expect(nodes).toHaveLength(25);
    for (const n of nodes) expectEqual(n.absenceStatistics, expectedStatistics(m, n.opusId, FROM, TO, false));

    const listed = listedDuring(m, new Set(nodes.map((n) => n.opusId)), FROM, TO);
    expect(listed.length).toBeGreaterThan(100);
    expect(opusCalls('list-employees')).toHaveLength(1);
    expect(opusCalls('read-employee-data')).toHaveLength(Math.ceil(listed.length / 100));
  });

  it('read the Opus org tree once per process while it is fresh', async () => {
    await statistics(fx.rootId, { from: '2026-03-01', to: '2026-03-31' });
    stack.sources.opus.resetCalls();
    const res = await statistics(fx.rootId, { from: '2026-04-01', to: '2026-04-30' });
    expect(res.body.errors).toBeUndefined();
    expect(opusCalls('read-org-units')).toHaveLength(0);
  });

  it('report only the types asked for, and the total over them', async () => {
    const res = await statistics(fx.rootId, { types: ['SYGDOM', 'FERIE'] });
    expect(res.body.errors).toBeUndefined();
    expectEqual(res.body.data.orgUnit.absenceStatistics, expectedStatistics(stack.municipality, fx.rootOpusId, FROM, TO, true), ['ferie', 'sygdom']);
  });
});

describe('absence statistics, worked out by hand', () => {
  // 211 workdays in 2026-01-01..2026-10-31 (Monday-Friday less nytårsdag, skærtorsdag, langfredag,
  // 2. påskedag, Kristi himmelfartsdag and 2. pinsedag). e1: full time all period. e2: 30/37 from
  // 2026-03-02, 170 workdays. e3: full time until 2026-06-30, 123 workdays.
  const part = 30 / 37;

  it('count the sub-units with includeSubtree and nothing without it', async () => {
    const sub = await statistics(UNITS.test.id);
    expect(sub.body.errors).toBeUndefined();
    const s = sub.body.data.orgUnit.absenceStatistics;
    expect(s.basis).toEqual({ workdays: 211, employments: 3, availableDays: expect.closeTo(211 + 170 * part + 123, 3), fullTimeEquivalents: expect.closeTo((211 + 170 * part + 123) / 211, 3), orgUnits: 2 });
    const byType = Object.fromEntries(s.byType.map((t: any) => [t.type, t]));
    // e1: ferie crossing the period's start (2026-01-02, 01-05..01-09) and 2026-02-02..06; requested
    // and rejected ferie do not count. e2: ferie 2026-10-26..30 inside the period.
    expect(byType.FERIE).toMatchObject({ days: expect.closeTo(6 + 5 + 5 * part, 3), absences: 3, employments: 2 });
    // e1: open sickness from 2026-10-05, 20 workdays to the period's end; e2: 3 of 6 daily hours.
    expect(byType.SYGDOM).toMatchObject({ days: expect.closeTo(20 + 0.5 * part, 3), absences: 2, employments: 2 });
    expect(byType.OMSORGSDAGE).toMatchObject({ days: expect.closeTo(part, 3), absences: 1, employments: 1 });
    expect(byType.BARSEL).toEqual({ type: 'BARSEL', days: 0, rate: 0, absences: 0, employments: 0 });
    expect(s.rate).toBeCloseTo((11 + 5 * part + 20 + 0.5 * part + part) / (211 + 170 * part + 123), 5);

    const alone = await statistics(UNITS.test.id, { subtree: false });
    expect(alone.body.data.orgUnit.absenceStatistics).toMatchObject({ days: 0, rate: null, basis: { workdays: 211, employments: 0, availableDays: 0, fullTimeEquivalents: 0, orgUnits: 0 } });
  });

  it('count an employment starting mid-period from its first day only', async () => {
    const res = await statistics(UNITS.b.id, { from: '2026-02-01', to: '2026-03-31' });
    // February 20 workdays, March 22; e2 starts Monday 2026-03-02.
    expect(res.body.data.orgUnit.absenceStatistics.basis).toMatchObject({ workdays: 42, employments: 2, availableDays: expect.closeTo(42 + 22 * part, 3) });
  });

  it('count an open-ended sickness up to the period end and not past it', async () => {
    const res = await statistics(UNITS.a.id, { from: '2026-10-01', to: '2026-10-14', types: ['SYGDOM'] });
    expect(res.body.data.orgUnit.absenceStatistics).toMatchObject({ days: 8, rate: expect.closeTo(8 / 10, 5), basis: { workdays: 10, employments: 1 } });
  });

  it('answer zeros and null rates for a unit nobody is placed in', async () => {
    const res = await statistics(UNITS.empty.id);
    expect(res.body.errors).toBeUndefined();
    const s = res.body.data.orgUnit.absenceStatistics;
    expect(s).toMatchObject({ days: 0, rate: null, basis: { workdays: 211, employments: 0, availableDays: 0, fullTimeEquivalents: 0, orgUnits: 0 } });
    expect(s.byType.every((t: any) => t.days === 0 && t.rate === null)).toBe(true);
  });
});

describe('absence statistics input and access', () => {
  it.each([
    ['from after to', { from: '2026-02-01', to: '2026-01-31' }, 'from'],
    ['more than five years', { from: '2020-01-01', to: '2025-01-01' }, 'to'],
    ['an empty type filter', { types: [] }, 'types'],
  ])('refuse %s with BAD_USER_INPUT', async (_name, vars, argument) => {
    const res = await statistics(fx.rootId, vars);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions?.argument).toBe(argument);
    expect(res.body.data.orgUnit.opusId).toBe(fx.rootOpusId);
    expect(res.body.data.orgUnit.absenceStatistics).toBeNull();
  });

  it('answer NOT_FOUND for a unit Opus does not have', async () => {
    const res = await statistics(UNITS.fkOrgOnly.id);
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.data.orgUnit).toEqual({ opusId: UNITS.fkOrgOnly.opusId, absenceStatistics: null });
  });

  it('need absence:read: without it the statistics are null with FORBIDDEN and the unit still answers', async () => {
    const res = await statistics(fx.rootId, {}, await stack.headers({ scopes: ['org:read'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors![0].path).toEqual(['orgUnit', 'absenceStatistics']);
    expect(res.body.data.orgUnit).toEqual({ opusId: fx.rootOpusId, absenceStatistics: null });
  });
});
