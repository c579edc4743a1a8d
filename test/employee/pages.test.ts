// employees pages over persons, employments over employments: walking every page of a 2,000-
// employment sample meets every person exactly once, in the documented order, also when a person's
// employment numbers lie far apart; and each plan step costs one Opus call per 100 employments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, Municipality, Period } from '../../sources/model.js';
import { personIds } from '../../platform/personId.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

const covers = (p: Period, d: string) => p.from <= d && (p.to === null || d <= p.to);
const active = (e: Employment, d: string) => covers({ from: e.contract.start, to: e.contract.end }, d);

let stack: Stack;
let m: Municipality;
let auth: Record<string, string>;
/** Persons whose two employments have other persons' numbers between them. */
let twoActive: Employment[];
let endedThenActive: Employment[];

/**
 * The generator numbers a person's employments consecutively; Opus does not. Two persons are given a
 * second employment 50 numbers later: one with both employments active, one whose first ended.
 */
function interleave(municipality: Municipality) {
  const e = municipality.opus.employments;
  const count = new Map<string, number>();
  for (const x of e) count.set(x.person.cpr, (count.get(x.person.cpr) ?? 0) + 1);
  const single = (i: number) => count.get(e[i].person.cpr) === 1;
  const index = (from: number, pick: (x: Employment, i: number) => boolean) => e.findIndex((x, i) => i >= from && single(i) && pick(x, i));
  const today = municipality.today;
  const a = index(10, (x) => active(x, today));
  const b = index(a + 50, (x) => active(x, today));
  const c = index(20, (x) => x.contract.end !== null && x.contract.end < today);
  const d = index(c + 50, (x, i) => i !== b && active(x, today));
  e[b].person = e[a].person;
  e[d].person = e[c].person;
  return { twoActive: [e[a], e[b]], endedThenActive: [e[c], e[d]] };
}

beforeAll(async () => {
  m = sampleMunicipality(2000);
  ({ twoActive, endedThenActive } = interleave(m));
  stack = await testStack({ municipality: m });
  auth = await stack.headers({ scopes: ['employee:read'] });
});
afterAll(() => stack?.close());

/** Persons with an employment the filter lists, at their lowest listed medarbejdernummer. */
function expectedPersons(activeOn: string, units?: Set<string>): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const e of m.opus.employments) {
    if (!active(e, activeOn)) continue;
    if (units && !e.placements.some((p) => units.has(p.orgUnitOpusId) && covers(p, activeOn))) continue;
    if (seen.has(e.person.cpr)) continue;
    seen.add(e.person.cpr);
    ids.push(personIds().fromCpr(e.person.cpr));
  }
  return ids;
}

const EMPLOYEES = `query Staff($first: Int, $after: String, $filter: EmploymentFilter) {
  employees(first: $first, after: $after, filter: $filter) { nodes { id asOf } pageInfo { endCursor hasNextPage } totalCount } }`;

interface Page {
  nodes: Array<{ id: string; asOf: string }>;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
  totalCount: number | null;
}

async function walk(field: 'employees' | 'employments', first: number, filter: Record<string, unknown>) {
  const query = field === 'employees' ? EMPLOYEES : EMPLOYEES.replace('employees(', 'employments(').replace('nodes { id asOf }', 'nodes { id: employmentNumber asOf }');
  const ids: string[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res: GraphQLResponse = await post(stack.url, query, { first, after, filter }, auth);
    expect(res.body.errors).toBeUndefined();
    const page: Page = res.body.data![field] as Page;
    pages++;
    expect(page.nodes.length).toBeLessThanOrEqual(first);
    expect(page.totalCount).toBeNull();
    for (const n of page.nodes) expect(n.asOf).toBe(filter.activeOn);
    ids.push(...page.nodes.map((n) => n.id));
    if (!page.pageInfo.hasNextPage) break;
    expect(page.nodes).toHaveLength(first);
    after = page.pageInfo.endCursor;
    if (pages > 2000) throw new Error('no end of pages');
  }
  return { ids, pages };
}

describe('employees: persons, a page at a time', () => {
  it('walks every person active on a date exactly once, in order of their lowest listed medarbejdernummer', async () => {
    const expected = expectedPersons(m.today);
    expect(expected.length).toBeGreaterThan(1500);
    for (const first of [25, 500]) {
      const { ids, pages } = await walk('employees', first, { activeOn: m.today });
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / first));
    }
  });

  it('shows a person with far-apart employments once: at the first when both are listed, at the second when the first ended', async () => {
    const { ids } = await walk('employees', 25, { activeOn: m.today });
    const [a, b] = twoActive;
    const [c, d] = endedThenActive;
    expect(ids.filter((id) => id === personIds().fromCpr(a.person.cpr))).toHaveLength(1);
    expect(ids.filter((id) => id === personIds().fromCpr(c.person.cpr))).toHaveLength(1);
    const positionOf = (e: Employment) => expectedPersons(m.today).indexOf(personIds().fromCpr(e.person.cpr));
    const listedBefore = (e: Employment) => m.opus.employments.filter((x) => x.employmentNumber < e.employmentNumber && active(x, m.today) && x.person.cpr !== e.person.cpr);
    // Each one sits where its anchor puts it, many pages from its other employment.
    expect(ids.indexOf(personIds().fromCpr(a.person.cpr))).toBe(positionOf(a));
    expect(ids.indexOf(personIds().fromCpr(d.person.cpr))).toBe(new Set(listedBefore(d).map((x) => x.person.cpr)).size);
    expect(new Set(listedBefore(b).map((x) => x.person.cpr)).size - positionOf(a)).toBeGreaterThan(25);
  });

  it('filters by Opus org units on a date, before and after the re-organisation', async () => {
    const [a, b] = twoActive;
    for (const activeOn of [m.today, m.reorganisationDate, '2025-06-01']) {
      const units = new Set([a, b].flatMap((e) => e.placements.filter((p) => covers(p, activeOn)).map((p) => p.orgUnitOpusId)));
      units.add(m.opus.employments[300].placements.at(-1)!.orgUnitOpusId);
      const expected = expectedPersons(activeOn, units);
      expect(expected.length).toBeGreaterThan(3);
      const { ids } = await walk('employees', 3, { activeOn, orgUnitOpusIds: [...units] });
      expect(ids).toEqual(expected);
    }
  });

  it('answers first: 0 with whether anything follows, and refuses foreign cursors and oversize pages', async () => {
    const zero = await post(stack.url, EMPLOYEES, { first: 0, filter: { activeOn: m.today } }, auth);
    expect(zero.body.data.employees).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: true }, totalCount: null });
    for (const [variables, argument] of [
      [{ after: 'bm9wZQ' }, 'after'],
      [{ after: Buffer.from('c:x1').toString('base64url') }, 'after'],
      [{ filter: { orgUnitOpusIds: ['abc'] } }, 'filter.orgUnitOpusIds[0]'],
    ] as const) {
      const res = await post(stack.url, EMPLOYEES, variables, auth);
      expect(res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', argument]]);
    }
    // The gateway's limits refuse an oversize page first; the subgraph refuses it on its own too.
    expect(codes(await post(stack.url, EMPLOYEES, { first: 501 }, auth))).toEqual(['PAGE_TOO_LARGE']);
    const direct = await post(stack.subgraphs.employee.url, EMPLOYEES, { first: 501 }, await gatewayHeadersFor(stack, 'employee', { scopes: ['employee:read'] }));
    expect(direct.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'first']]);
  });
});

describe('employments: a page of employments', () => {
  it('walks every employment active on a date once, in medarbejdernummer order', async () => {
    const expected = m.opus.employments.filter((e) => active(e, m.today)).map((e) => e.employmentNumber);
    const { ids } = await walk('employments', 300, { activeOn: m.today });
    expect(ids).toEqual(expected);
  });
});

describe('Opus calls per plan step', () => {
  const opus = () => stack.sources.opus;
  const reading = (area: string) => opus().calls.filter((c) => c.endpoint === 'read-employee-data' && c.areas?.includes(area));

  it('a page of 100 persons with their employments: one call per 100 employments for each step', async () => {
    opus().resetCalls();
    const res = await post(
      stack.url,
      `query StaffList($filter: EmploymentFilter) { employees(first: 100, filter: $filter) { nodes { name employments { employmentNumber contract { position } workingTime { weeklyHours } orgUnit { opusId } } } } }`,
      { filter: { activeOn: m.today } },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const employments = res.body.data.employees.nodes.flatMap((n: { employments: unknown[] }) => n.employments).length;
    expect(employments).toBeGreaterThan(100);
    // The page step: the listed numbers (a few more than 100, as persons may hold several) and
    // their Persondata, one read per 100 listed.
    const lists = opus().calls.filter((c) => c.endpoint === 'list-employees');
    expect(lists).toHaveLength(1);
    const persondata = reading('Persondata');
    expect(persondata).toHaveLength(Math.ceil(lists[0].batchSize / 100));
    expect(persondata.reduce((s, c) => s + c.batchSize, 0)).toBe(lists[0].batchSize);
    // The employments step: all employments of the 100 persons (one CPR lookup), three areas in one read per 100.
    expect(opus().calls.filter((c) => c.endpoint === 'find-employees-by-cpr').map((c) => c.batchSize)).toEqual([100]);
    const step = reading('Arbejdstid');
    expect(step).toHaveLength(Math.ceil(employments / 100));
    expect(step.every((c) => c.areas!.includes('Kontraktindhold') && c.areas!.includes('Organisation'))).toBe(true);
    expect(step.reduce((s, c) => s + c.batchSize, 0)).toBe(employments);
  });

  it('250 employments by number with every area: three calls of at most 100', async () => {
    opus().resetCalls();
    const numbers = m.opus.employments.slice(0, 250).map((e) => e.employmentNumber);
    const res = await post(
      stack.url,
      `query Bulk($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { employee { name } contract { position } communication { workEmail } workingTime { weeklyHours }
        jobFunctions { code } activities { code } affiliations { code } dutyPlanPlacements { code } schedules { name } orgUnit { opusId } } }`,
      { n: numbers },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employmentsByNumber).toHaveLength(250);
    expect(opus().calls.map((c) => c.batchSize).sort((x, y) => y - x)).toEqual([100, 100, 50]);
    // Every area a selected field reads, and no Adresse: no field shows an address.
    expect(opus().calls.every((c) => c.areas?.length === 10 && !c.areas.includes('Adresse'))).toBe(true);
  });

  it('100 Employee representations asking name and org units: one CPR lookup, one read per 100 of their employments', async () => {
    const cprs = [...new Set(m.opus.employments.map((e) => e.person.cpr))].slice(0, 100);
    opus().resetCalls();
    const res = await post(
      stack.subgraphs.employee.url,
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Employee { name orgUnits { opusId } } } }',
      { r: cprs.map((cpr) => ({ __typename: 'Employee', id: personIds().fromCpr(cpr) })) },
      await gatewayHeadersFor(stack, 'employee', { scopes: ['employee:read'] }),
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data._entities.every((e: { name: string }) => e.name)).toBe(true);
    // Names and placements of all their employments come in the same read.
    const employments = m.opus.employments.filter((e) => cprs.includes(e.person.cpr)).length;
    expect(employments).toBeGreaterThan(100);
    expect(opus().calls.filter((c) => c.endpoint === 'find-employees-by-cpr').map((c) => c.batchSize)).toEqual([100]);
    const reads = opus().calls.filter((c) => c.endpoint === 'read-employee-data');
    expect(reads).toHaveLength(Math.ceil(employments / 100));
    expect(reads.reduce((s, c) => s + c.batchSize, 0)).toBe(employments);
    expect(reads.every((c) => ['Persondata', 'Kontraktindhold', 'Organisation'].every((a) => c.areas!.includes(a)))).toBe(true);
  });
});
