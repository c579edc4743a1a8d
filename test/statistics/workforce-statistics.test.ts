// Workforce statistics through the gateway: the figures equal a plain recomputation from the sample
// municipality (expected.ts) for the municipality and a unit with and without its subtree, the
// municipality's figures cost one list walk and ceil(N/100) reads, the absence rates equal the
// absence measure's recomputation, a read of them is audited as health data, and statistics:read
// reads no person's field.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import type { AbsenceType, Municipality } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';
import { ABSENCE_TYPE_ENUM, expectedStatistics } from '../absence/expected.js';
import { expectedWorkforce, scopeUnits, type ExpectedWorkforce } from './expected.js';

const FK_ORG_ONLY = { id: '00000000-0000-4000-8000-000000097001', opusId: '97001' };
const FROM = '2026-01-01';
const TO = '2026-10-31';

const FIGURES = /* GraphQL */ `
  fragment C on StatisticsCount { value suppressed }
  fragment D on StatisticsDecimal { value suppressed }
  fragment R on StatisticsRow { key label headcount { ...C } fullTimeEquivalents { ...D } }
  fragment W on WorkforceStatistics {
    id from to includeSubtree minimumPersons unit { opusId }
    headcount { ...C } fullTimeEquivalents { ...D } hires { ...C } leavers { ...C } turnoverRate { ...D }
    byEmploymentType { ...R } byAgreement { ...R } byPosition { ...R } bySeniorityBand { ...R } byAgeBand { ...R }
  }
`;
const MUNICIPALITY = `query ($from: Date!, $to: Date!) { workforceStatistics(from: $from, to: $to) { ...W } } ${FIGURES}`;
const UNIT = `query ($opusId: ID!, $from: Date!, $to: Date!, $subtree: Boolean) { orgUnitByOpusId(opusId: $opusId) { workforceStatistics(from: $from, to: $to, includeSubtree: $subtree) { ...W } } } ${FIGURES}`;

let stack: Stack;
let m: Municipality;
let auth: Record<string, string>;
const sink = memoryAuditSink();
const saved = process.env.STATISTICS_MIN_PERSONS;

beforeAll(async () => {
  // The smallest minimum the setting allows, so most cells of the sample are released and compared.
  process.env.STATISTICS_MIN_PERSONS = '2';
  m = sampleMunicipality(1000);
  // A unit FK ORG has and Opus does not (created in FK ORG directly), below a unit that is not the root.
  const parent = m.org.units.find((u) => u.versions[0].parentId !== null)!;
  m.org.units.push({ ...parent, id: FK_ORG_ONLY.id, opusId: FK_ORG_ONLY.opusId, versions: [{ ...parent.versions[0], from: '2020-01-01', to: null, name: 'Kun i FK ORG', parentId: parent.id }] });
  stack = await testStack({ municipality: m, auditSink: sink });
  auth = await stack.headers({ scopes: ['statistics:read', 'org:read'] });
});
afterAll(async () => {
  await stack?.close();
  if (saved === undefined) delete process.env.STATISTICS_MIN_PERSONS;
  else process.env.STATISTICS_MIN_PERSONS = saved;
});

/** A child of the root with the most units below it, which has staff of its own. */
function bigUnit(): string {
  const root = m.opus.orgUnits.find((u) => u.parentId === null)!.id;
  const children = m.opus.orgUnits.filter((u) => u.parentId === root && u.from <= TO && (u.to === null || u.to >= TO));
  const size = (id: string) => scopeUnits(m, id, true, TO)!.size;
  const withStaff = children.filter((u) => expectedWorkforce(m, u.id, false, FROM, TO).headcount >= 5);
  return withStaff.sort((a, b) => size(b.id) - size(a.id))[0].id;
}

/**
 * Released cells equal the recomputation; the scopes are large enough to release the headcount, and
 * (`all`, the municipality) hires, leavers and turnover, which a unit may have too few of.
 */
function expectFigures(got: any, want: ExpectedWorkforce, all: boolean) {
  expect(got.minimumPersons).toBe(2);
  expect(got.headcount).toEqual({ value: want.headcount, suppressed: null });
  expect(got.fullTimeEquivalents.value).toBeCloseTo(want.fte, 2);
  for (const [name, value] of [
    ['hires', want.hires],
    ['leavers', want.leavers],
  ] as const) {
    if (all || got[name].suppressed === null) expect(got[name], name).toEqual({ value, suppressed: null });
    else expect(got[name].value).toBeNull();
  }
  if (all || got.turnoverRate.suppressed === null) expect(got.turnoverRate.value).toBeCloseTo(want.turnover!, 5);
  else expect(got.turnoverRate.value).toBeNull();
  for (const [name, wanted] of [
    ['byAgreement', want.byAgreement],
    ['byAgeBand', want.byAgeBand],
    ['byEmploymentType', want.byEmploymentType],
  ] as const) {
    const rows = got[name] as any[];
    const released = rows.filter((r) => r.headcount.suppressed === null);
    if (all) expect(released.length, name).toBeGreaterThan(rows.length / 2);
    for (const r of rows) {
      if (r.headcount.suppressed === null) expect(r.headcount.value, `${name} ${r.key}`).toBe(wanted.get(r.key) ?? 0);
      else expect(r.headcount.value).toBeNull();
      expect(r.fullTimeEquivalents.suppressed).toBe(r.headcount.suppressed);
    }
    // Every person is in exactly one row.
    expect([...wanted.keys()].every((k) => rows.some((r) => r.key === k)), name).toBe(true);
    expect([...wanted.values()].reduce((a, b) => a + b, 0)).toBe(want.headcount);
  }
  expect(got.bySeniorityBand.map((r: any) => r.key)).toEqual(['0-1', '1-2', '2-5', '5-10', '10-20', '20+']);
  expect(got.byAgeBand.map((r: any) => r.key)).toEqual(['0-24', '25-34', '35-44', '45-54', '55-64', '65+']);
}

const opusCalls = (endpoint: string) => stack.sources.opus.calls.filter((c) => c.endpoint === endpoint);

describe('workforce statistics', () => {
  it('of the municipality equal the recomputation, read with one list walk and ceil(N/100) reads', async () => {
    stack.sources.opus.resetCalls();
    const res = await post(stack.url, MUNICIPALITY, { from: FROM, to: TO }, auth);
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.workforceStatistics;
    expect(got).toMatchObject({ from: FROM, to: TO, includeSubtree: true, unit: null });
    const want = expectedWorkforce(m, null, true, FROM, TO);
    expect(want.headcount).toBeGreaterThan(800);
    expect(want.hires).toBeGreaterThan(5);
    expect(want.leavers).toBeGreaterThan(5);
    expectFigures(got, want, true);

    const listed = m.opus.employments.filter((e) => e.contract.start <= TO && (e.contract.end === null || e.contract.end >= FROM)).length;
    expect(opusCalls('list-employees')).toHaveLength(Math.ceil(listed / 1000));
    const reads = opusCalls('read-employee-data');
    expect(reads).toHaveLength(Math.ceil(listed / 100));
    expect(reads.reduce((n, c) => n + c.batchSize, 0)).toBe(listed);
  });

  it('of a unit with and without its subtree equal the recomputation, from the same read', async () => {
    const unit = bigUnit();
    stack.sources.opus.resetCalls();
    for (const subtree of [true, false]) {
      const res = await post(stack.url, UNIT, { opusId: unit, from: FROM, to: TO, subtree }, auth);
      expect(res.body.errors).toBeUndefined();
      const got = res.body.data.orgUnitByOpusId.workforceStatistics;
      expect(got).toMatchObject({ includeSubtree: subtree, unit: { opusId: unit } });
      const want = expectedWorkforce(m, unit, subtree, FROM, TO);
      expectFigures(got, want, false);
    }
    // The municipality's read of the period is what the units are answered from.
    expect(opusCalls('list-employees')).toHaveLength(0);
    expect(opusCalls('read-employee-data')).toHaveLength(0);
  });

  it('as of a date are from = to: headcount that day, hires and leavers of that day only', async () => {
    const day = '2026-06-01';
    const res = await post(stack.url, MUNICIPALITY, { from: day, to: day }, auth);
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.workforceStatistics;
    const want = expectedWorkforce(m, null, true, day, day);
    expect(got.headcount.value).toBe(want.headcount);
    expect(got.fullTimeEquivalents.value).toBeCloseTo(want.fte, 2);
    const startedThatDay = m.opus.employments.filter((e) => e.contract.start === day).length;
    expect(want.hires).toBeLessThanOrEqual(startedThatDay);
    for (const name of ['hires', 'leavers'] as const) {
      if (got[name].suppressed === null) expect(got[name].value, name).toBe(want[name]);
      else expect(got[name].suppressed, name).toBe('FEWER_THAN_MINIMUM');
    }
  });

  it('refuse a unit Opus does not know with NOT_FOUND', async () => {
    const res = await post(stack.url, `query ($id: ID!) { orgUnit(id: $id) { id workforceStatistics(from: "${FROM}", to: "${TO}") { headcount { value } } } }`, { id: FK_ORG_ONLY.id }, auth);
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(res.body.data.orgUnit.id).toBe(FK_ORG_ONLY.id);
    expect(res.body.data.orgUnit.workforceStatistics).toBeNull();
  });

  it('give absence rates by type equal to the absence measure, and audit the read as health data', async () => {
    const unit = bigUnit();
    sink.records.length = 0;
    const res = await post(
      stack.url,
      `query ($opusId: ID!, $from: Date!, $to: Date!) { orgUnitByOpusId(opusId: $opusId) { workforceStatistics(from: $from, to: $to) { id absence { persons { value suppressed } rate { value suppressed } byType { type persons { value suppressed } rate { value suppressed } } } } } }`,
      { opusId: unit, from: FROM, to: TO },
      await stack.headers({ subject: 'analyst-7', scopes: ['statistics:read', 'org:read'] }),
    );
    expect(res.body.errors).toBeUndefined();
    const stats = res.body.data.orgUnitByOpusId.workforceStatistics;
    const want = expectedStatistics(m, unit, FROM, TO, true);
    const total = [...want.byType.values()].reduce((s, t) => s + t.days, 0);
    expect(stats.absence.rate).toEqual({ value: expect.closeTo(total / want.availableDays, 5), suppressed: null });
    const released = (stats.absence.byType as any[]).filter((t) => t.rate.suppressed === null);
    expect(released.map((t) => t.type)).toContain('SYGDOM');
    for (const t of stats.absence.byType) {
      const key = (Object.keys(ABSENCE_TYPE_ENUM) as AbsenceType[]).find((k) => ABSENCE_TYPE_ENUM[k] === t.type)!;
      const w = want.byType.get(key);
      if (t.rate.suppressed !== null) {
        expect(t.rate.value).toBeNull();
        continue;
      }
      expect(t.rate.value, t.type).toBeCloseTo((w?.days ?? 0) / want.availableDays, 5);
    }
    const health = sink.records.filter((r) => r.category === 'health');
    expect(health).toHaveLength(1);
    expect(health[0]).toMatchObject({ kind: 'read', subgraph: 'absence', entityType: 'WorkforceStatistics', field: 'absence', subject: 'analyst-7' });
    expect([...health[0].entityIds]).toEqual([stats.id]);
  });

  it('give the absence rate of the municipality as the absence measure over the whole tree', async () => {
    const roots = m.opus.orgUnits.filter((u) => u.parentId === null);
    expect(new Set(roots.map((u) => u.id)).size).toBe(1);
    const res = await post(stack.url, `query ($from: Date!, $to: Date!) { workforceStatistics(from: $from, to: $to) { absence { persons { value } rate { value suppressed } byType { type rate { value suppressed } } } } }`, { from: FROM, to: TO }, auth);
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.workforceStatistics.absence;
    const want = expectedStatistics(m, roots[0].id, FROM, TO, true);
    const total = [...want.byType.values()].reduce((sum, t) => sum + t.days, 0);
    expect(got.rate).toEqual({ value: expect.closeTo(total / want.availableDays, 5), suppressed: null });
    const sick = got.byType.find((t: any) => t.type === 'SYGDOM');
    expect(sick.rate).toEqual({ value: expect.closeTo(want.byType.get('sygdom')!.days / want.availableDays, 5), suppressed: null });
  });

  it('read only with statistics:read, and statistics:read reads no person field', async () => {
    const without = await post(stack.url, MUNICIPALITY, { from: FROM, to: TO }, await stack.headers({ scopes: ['employee:read', 'org:read', 'absence:read'] }));
    expect(codes(without)).toContain('FORBIDDEN');
    expect(without.body.data.workforceStatistics).toBeNull();

    const unit = bigUnit();
    const persons = await post(
      stack.url,
      `query ($opusId: ID!) {
        orgUnitByOpusId(opusId: $opusId) { name employments { employmentNumber } }
        employees(first: 1) { nodes { id name } }
        employmentsByNumber(employmentNumbers: ["${m.opus.employments[0].employmentNumber}"]) { employmentNumber contract { position } employee { name birthDate } absences { type } }
      }`,
      { opusId: unit },
      auth,
    );
    expect(persons.body.data, JSON.stringify(persons.body.errors)).toBeDefined();
    const data = persons.body.data;
    expect(data.orgUnitByOpusId.name).toBeTruthy();
    expect(data.orgUnitByOpusId.employments).toBeNull();
    expect(data.employees).toBeNull();
    const e = data.employmentsByNumber?.[0];
    if (e) {
      expect(e.contract).toBeNull();
      expect(e.employee?.name ?? null).toBeNull();
      expect(e.absences).toBeNull();
    }
    expect(codes(persons).length).toBeGreaterThanOrEqual(3);
    expect(new Set(codes(persons))).toEqual(new Set(['FORBIDDEN']));
  });

  it('refuse a period over five years', async () => {
    const res = await post(stack.url, MUNICIPALITY, { from: '2020-01-01', to: '2026-01-01' }, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('answer the registered operations within the default cost limit, the comparison one cell per sub-unit', async () => {
    const operation = (name: string) => readFileSync(new URL(`../../schema/operations/${name}.graphql`, import.meta.url), 'utf8');
    const root = m.org.units.find((u) => u.opusId === m.opus.orgUnits.find((o) => o.parentId === null)!.id)!;
    const vars = { id: root.id, from: FROM, to: TO };
    for (const name of ['MunicipalityWorkforce', 'UnitWorkforce', 'UnitsWorkforceComparison']) {
      const res = await post(stack.url, operation(name), vars, auth);
      expect(res.body.errors, name).toBeUndefined();
    }
    const comparison = (await post(stack.url, operation('UnitsWorkforceComparison'), vars, auth)).body.data.orgUnit;
    expect(comparison.children.length).toBeGreaterThan(1);
    const root_ = expectedWorkforce(m, root.opusId, true, FROM, TO);
    expect(comparison.workforceStatistics.headcount).toEqual({ value: root_.headcount, suppressed: null });
    for (const child of comparison.children) {
      const opusId = m.org.units.find((u) => u.id === child.id)!.opusId;
      const cell = child.workforceStatistics.headcount;
      if (cell.suppressed === null) expect(cell.value, child.name).toBe(expectedWorkforce(m, opusId, true, FROM, TO).headcount);
    }
  });
});

