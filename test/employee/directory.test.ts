// The directory: employees(filter: { name | userName | email }) finds persons employed today by name
// (ranked, Danish letters folded), AD user name and work e-mail, pages in rank order, refuses a name
// too short to search with, and costs no Opus call for the match: only the Persondata of the page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, Municipality } from '../../sources/model.js';
import { today } from '../../subgraphs/shared/dates.js';
import { personIds } from '../../platform/personId.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

let stack: Stack;
let m: Municipality;
let auth: Record<string, string>;
const day = today();
const activeToday = (e: Employment) => e.contract.start <= day && (e.contract.end === null || day <= e.contract.end);
const named: Record<string, Employment> = {};

/** Gives persons employed today names the tests search for; every other name in the sample stays. */
function rename(municipality: Municipality) {
  const count = new Map<string, number>();
  for (const e of municipality.opus.employments) count.set(e.person.cpr, (count.get(e.person.cpr) ?? 0) + 1);
  const pick = municipality.opus.employments.filter((e) => activeToday(e) && count.get(e.person.cpr) === 1);
  const names: Array<[string, string, string]> = [
    ['exact', 'Bente', 'Kvistgaard'],
    ['exactFolded', 'Anna', 'Kvistgård'],
    ['prefix', 'Carl', 'Kvistgaard-Holm'],
    ['firstPrefix', 'Kvistgaardine', 'Hansen'],
    ['substring', 'Dorte', 'Ravnkvistgaard'],
    ['aagaard', 'Erik', 'Aagaard'],
    ['soebaek', 'Frida', 'Søbækholt'],
  ];
  names.forEach(([key, first, last], i) => {
    const e = pick[10 + i * 37];
    e.person.firstName = first;
    e.person.lastName = last;
    named[key] = e;
  });
}

const id = (key: string) => personIds().fromCpr(named[key].person.cpr);

const SEARCH = `query Search($filter: EmploymentFilter, $first: Int, $after: String) {
  employees(filter: $filter, first: $first, after: $after) { nodes { id name } pageInfo { endCursor hasNextPage } } }`;

async function search(filter: Record<string, unknown>, first?: number, after?: string | null): Promise<GraphQLResponse<any>> {
  return post(stack.url, SEARCH, { filter, first, after }, auth);
}

async function ids(filter: Record<string, unknown>, first?: number): Promise<string[]> {
  const res = await search(filter, first);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.employees.nodes.map((n: { id: string }) => n.id);
}

beforeAll(async () => {
  m = sampleMunicipality(2000);
  rename(m);
  stack = await testStack({ municipality: m });
  auth = await stack.headers({ scopes: ['employee:read'] });
});
afterAll(() => stack?.close());

describe('employees by name', () => {
  it('ranks exact last names (folded too) first, then name parts starting with it, then substrings', async () => {
    const found = await ids({ name: 'Kvistgaard' });
    // Within a rank by folded last name, then first names: Anna Kvistgård before Bente Kvistgaard,
    // Kvistgaardine Hansen before Carl Kvistgaard-Holm.
    expect(found).toEqual([id('exactFolded'), id('exact'), id('firstPrefix'), id('prefix'), id('substring')]);
  });

  it('finds names with æ, ø and å by their transcribed and stripped spellings, in any case', async () => {
    for (const q of ['ågaard', 'AAGAARD', 'Aagaa', 'ågå']) expect(await ids({ name: q }), q).toEqual([id('aagaard')]);
    for (const q of ['Søbækholt', 'soebaekholt', 'sobakholt', 'SØBÆK', 'bækhol']) expect(await ids({ name: q }), q).toEqual([id('soebaek')]);
    expect(await ids({ name: 'frida søbækholt' })).toEqual([id('soebaek')]);
    expect(await ids({ name: 'søbækholt frida' })).toEqual([id('soebaek')]);
  });

  it('pages in rank order without repeating or skipping anyone', async () => {
    const all = await ids({ name: 'kvist' }, 500);
    expect(all.length).toBeGreaterThanOrEqual(5);
    const walked: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const res = await search({ name: 'kvist' }, 2, after);
      expect(res.body.errors).toBeUndefined();
      const page = res.body.data!.employees;
      walked.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(walked).toEqual(all);
  });

  it('answers an empty page when nobody matches', async () => {
    const res = await search({ name: 'Qxzyvw' });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.employees).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false } });
  });

  it('refuses an empty or one-letter name, and names on employments, before asking Opus', async () => {
    for (const name of ['', ' ', 'a', 'Å']) {
      stack.sources.opus.resetCalls();
      const res = await search({ name });
      expect(codes(res), name).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.argument).toBe('filter.name');
      expect(stack.sources.opus.calls).toEqual([]);
    }
    const res = await post(stack.url, '{ employments(filter: { name: "Kvistgaard" }) { totalCount } }', undefined, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions!.argument).toBe('filter.name');
    const dated = await search({ name: 'Kvistgaard', activeOn: '2020-01-01' });
    expect(res.body.errors![0].extensions!.argument).toBe('filter.name');
    expect(dated.body.errors![0].extensions!.argument).toBe('filter.activeOn');
    // A cursor of the plain list does not continue a search, nor the other way round.
    const plain = await post(stack.url, '{ employees(first: 1) { pageInfo { endCursor } } }', undefined, auth);
    const searched = await search({ name: 'kvist' }, 1);
    const mixed = [await search({ name: 'kvist' }, 1, plain.body.data!.employees.pageInfo.endCursor), await post(stack.url, SEARCH, { first: 1, after: searched.body.data!.employees.pageInfo.endCursor }, auth)];
    for (const res of mixed) {
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.argument).toBe('after');
    }
  });

  it('costs one batched Persondata read per page and never lists Opus employments', async () => {
    stack.sources.opus.resetCalls();
    const res = await post(stack.url, '{ employees(first: 20, filter: { name: "ma" }) { nodes { name firstName lastName } } }', undefined, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.employees.nodes).toHaveLength(20);
    expect(stack.sources.opus.calls.map((c) => c.endpoint)).toEqual(['read-employee-data']);
    // One person more than the page, to tell whether another page follows.
    expect(stack.sources.opus.calls[0].batchSize).toBe(21);
  });

  it('combines a name with org units', async () => {
    const e = named.soebaek;
    const unit = e.placements.find((p) => p.from <= day && (p.to === null || day <= p.to))!.orgUnitOpusId;
    expect(await ids({ name: 'søbækholt', orgUnitOpusIds: [unit] })).toEqual([id('soebaek')]);
    const other = m.opus.employments.find((x) => activeToday(x) && x.placements.every((p) => p.orgUnitOpusId !== unit))!.placements.at(-1)!.orgUnitOpusId;
    expect(await ids({ name: 'søbækholt', orgUnitOpusIds: [other] })).toEqual([]);
  });
});

describe('employees by user name and e-mail', () => {
  it('finds the person by AD user name and by work e-mail, exact and case-insensitive', async () => {
    const e = m.opus.employments.find((x) => activeToday(x) && x.userId && x.communication.workEmail && x !== named.exact)!;
    const person = personIds().fromCpr(e.person.cpr);
    expect(await ids({ userName: e.userId!.toUpperCase() })).toEqual([person]);
    expect(await ids({ email: ` ${e.communication.workEmail!.toUpperCase()}` })).toEqual([person]);
    expect(await ids({ userName: e.userId!.slice(0, -1) })).toEqual([]);
    expect(await ids({ email: `x${e.communication.workEmail}` })).toEqual([]);
  });

  it('refuses what is not a user name or an e-mail address', async () => {
    for (const [filter, argument] of [
      [{ userName: '' }, 'filter.userName'],
      [{ userName: 'a b' }, 'filter.userName'],
      [{ email: 'nobody' }, 'filter.email'],
    ] as const) {
      const res = await search(filter);
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions!.argument).toBe(argument);
    }
  });
});
