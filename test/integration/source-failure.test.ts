// What a client sees through the gateway when a source system fails: the fields fed by the failing
// source are null with SOURCE_UNAVAILABLE or SOURCE_TIMEOUT on their paths, everything the other
// source feeds still answers, no stack traces leak, the circuit breaker's fast failure says the
// source is temporarily unavailable, and with stale-if-error on, cached data comes back with its age
// in the response's top-level extensions.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Municipality } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';
import type { FkOrgFaultKey } from '../../sources/fkorg/simulator.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';

const FAST = { SOURCE_RETRY_ATTEMPTS: '2', SOURCE_RETRY_BASE_MS: '10', SOURCE_RETRY_MAX_MS: '20', SOURCE_DEADLINE_MS: '1500' };

// orgUnit comes from FK ORG (organisation subgraph); employmentsByNumber from Opus (employee
// subgraph), its items nullable, so one source failing leaves the other's data standing.
const MIXED = /* GraphQL */ `
  query Mixed($id: ID!, $asOf: Date!, $numbers: [ID!]!) {
    orgUnit(id: $id, asOf: $asOf) { name parent { name } }
    employmentsByNumber(employmentNumbers: $numbers) { employmentNumber contract { position } }
  }
`;

// The employment from Opus, its org unit's name from FK ORG by reference.
const PLACED = /* GraphQL */ `
  query Placed($number: ID!, $asOf: Date!) {
    employment(employmentNumber: $number) { employmentNumber contract { position } orgUnit(asOf: $asOf) { opusId name } }
  }
`;

function clearFaults(stack: Stack) {
  stack.sources.opus.clearFaults();
  stack.sources.fkorg.clearFaults();
}

function expectNoInternals(res: GraphQLResponse) {
  expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|exception|at .*\.ts:\d+|Injiceret|HTTP 50\d|read-employee-data/);
}

function fixtures(m: Municipality) {
  const unit = m.org.units.find((u) => versionOn(u.versions, m.today)?.parentId)!;
  const employments = m.opus.employments.filter((e) => versionOn(e.placements, m.today) && e.contract).slice(0, 3);
  return { unit, employments, numbers: employments.map((e) => e.employmentNumber) };
}

describe('a failing source through the gateway', () => {
  let stack: Stack;
  let auth: Record<string, string>;
  beforeAll(async () => {
    stack = await testStack({ employees: 120, resilience: resilienceConfigFromEnv({ ...FAST, SOURCE_BREAKER_FAILURES: '1000' }) });
    auth = await stack.headers();
  });
  afterEach(() => clearFaults(stack));
  afterAll(() => stack?.close());

  it('answers the organisation data while Opus is down, and nulls the Opus-fed fields with SOURCE_UNAVAILABLE on their paths', async () => {
    const m = stack.municipality;
    const { unit, numbers } = fixtures(m);
    stack.sources.opus.setFault('read-employee-data', { status: 503 });
    const res = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);

    expect(res.status).toBe(200);
    expect(res.body.data?.orgUnit.name).toBe(versionOn(unit.versions, m.today)!.name);
    expect(res.body.data?.orgUnit.parent.name).toEqual(expect.any(String));
    expect(res.body.data?.employmentsByNumber).toEqual([null, null, null]);
    const errors = res.body.errors ?? [];
    expect(errors.map((e) => e.path)).toEqual(numbers.map((_, i) => ['employmentsByNumber', i]));
    for (const e of errors) {
      expect(e.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', source: 'KMD Opus' });
      expect(e.message).toBe('KMD Opus is unavailable');
    }
    expectNoInternals(res);
  });

  it('ends a slow Opus with SOURCE_TIMEOUT within the source budget, not a gateway timeout', async () => {
    const m = stack.municipality;
    const { unit, numbers } = fixtures(m);
    stack.sources.opus.setFault('read-employee-data', { latencyMs: 4_000 });
    const res = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);
    expect(res.body.data?.orgUnit.name).toBe(versionOn(unit.versions, m.today)!.name);
    expect(res.body.data?.employmentsByNumber).toEqual([null, null, null]);
    expect(new Set(codes(res))).toEqual(new Set(['SOURCE_TIMEOUT']));
    expect(res.body.errors?.[0].message).toBe('KMD Opus did not answer in time');
    expectNoInternals(res);
  });

  it('answers the Opus data while FK ORG is down, and nulls the FK ORG-fed field', async () => {
    const m = stack.municipality;
    const e = fixtures(m).employments[0];
    stack.sources.fkorg.setFault('*', { httpStatus: 503 });
    const res = await post(stack.url, PLACED, { number: e.employmentNumber, asOf: m.today }, auth);

    const got = res.body.data?.employment;
    expect(got.employmentNumber).toBe(e.employmentNumber);
    expect(got.contract.position).toBe(e.contract.position);
    expect(got.orgUnit.opusId).toBe(versionOn(e.placements, m.today)!.orgUnitOpusId);
    expect(got.orgUnit.name).toBeNull();
    expect(codes(res).length).toBeGreaterThan(0);
    expect(new Set(codes(res))).toEqual(new Set(['SOURCE_UNAVAILABLE']));
    expect(res.body.errors?.every((x) => x.extensions?.source === 'FK ORG' && x.path?.[0] === 'employment')).toBe(true);
    expectNoInternals(res);
  });

  // The hierarchy snapshot says which functions, users, groups and addresses to read; when FK ORG then
  // fails to answer for them, the field must say so, not answer an empty list that reads as "none".
  it.each<[FkOrgFaultKey, string[]]>([
    ['bruger.list', ['employment.employee.manager', 'staffed.managers', 'staffed.positions.holders', 'staffed.itUsers']],
    ['organisationfunktion.list', ['employment.employee.manager', 'staffed.managers', 'staffed.positions', 'staffed.itUsers']],
    ['interessefaellesskab.list', ['root.interestGroups']],
    ['adresse.list', ['root.addresses']],
  ])('errs with SOURCE_UNAVAILABLE when FK ORG fails on %s, never answering none', async (key, paths) => {
    const m = stack.municipality;
    const e = fixtures(m).employments[0];
    const root = m.org.units.find((u) => !versionOn(u.versions, m.today)?.parentId)!;
    const stilling = m.org.functions.find((f) => f.type === 'Stilling' && isValidOn(f, m.today) && f.userIds.length > 0)!;
    // The snapshot is in before the fault is set.
    await post(stack.url, '{ orgUnits(first: 1) { totalCount } }', {}, auth);
    stack.sources.fkorg.setFault(key, { httpStatus: 503 });
    const res = await post(
      stack.url,
      /* GraphQL */ `query($n: ID!, $root: ID!, $staffed: ID!) {
        employment(employmentNumber: $n) { employee { manager { name } } }
        root: orgUnit(id: $root) { interestGroups { name } addresses { value } }
        staffed: orgUnit(id: $staffed) { managers { name } positions { holders { userName } } itUsers { userName } }
      }`,
      { n: e.employmentNumber, root: root.id, staffed: stilling.unitIds[0].toLowerCase() },
      auth,
    );
    expect(res.status).toBe(200);
    expect(new Set(codes(res))).toEqual(new Set(['SOURCE_UNAVAILABLE']));
    const failed = (res.body.errors ?? []).map((x) => x.path?.filter((p) => typeof p === 'string').join('.'));
    for (const path of paths) expect(failed, path).toContain(path);
    expectNoInternals(res);
  });
});

describe('the circuit breaker through the gateway', () => {
  let stack: Stack;
  let auth: Record<string, string>;
  beforeAll(async () => {
    stack = await testStack({ employees: 40, resilience: resilienceConfigFromEnv({ ...FAST, SOURCE_BREAKER_FAILURES: '2', SOURCE_BREAKER_COOLDOWN_MS: '60000' }) });
    auth = await stack.headers();
  });
  afterAll(() => stack?.close());

  it('fails fast once open, telling the client the source is temporarily unavailable, without calling it', async () => {
    const m = stack.municipality;
    const { unit, numbers } = fixtures(m);
    stack.sources.opus.setFault('read-employee-data', { status: 503 });
    // Two attempts of one read open the employee subgraph's breaker for Opus.
    const first = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);
    expect(first.body.errors?.[0].message).toBe('KMD Opus is unavailable');
    const called = stack.sources.opus.calls.length;

    const second = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);
    expect(stack.sources.opus.calls.length).toBe(called);
    expect(second.body.data?.orgUnit.name).toBe(versionOn(unit.versions, m.today)!.name);
    expect(second.body.data?.employmentsByNumber).toEqual([null, null, null]);
    for (const e of second.body.errors ?? []) {
      expect(e.extensions?.code).toBe('SOURCE_UNAVAILABLE');
      expect(e.message).toMatch(/^KMD Opus is temporarily unavailable; try again in \d+ s$/);
    }
    expectNoInternals(second);
  });
});

describe('stale-if-error through the gateway', () => {
  let stack: Stack;
  let auth: Record<string, string>;
  beforeAll(async () => {
    stack = await testStack({ employees: 40, resilience: resilienceConfigFromEnv({ ...FAST, STALE_IF_ERROR_SECONDS: '600' }) });
    auth = await stack.headers();
  });
  afterEach(() => clearFaults(stack));
  afterAll(() => stack?.close());

  it('answers from the cached copy while Opus is down and tells the client the data age in the response extensions', async () => {
    const m = stack.municipality;
    const { unit, numbers } = fixtures(m);
    const fresh = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);
    expect(fresh.body.errors).toBeUndefined();
    expect(fresh.body.extensions?.staleData).toBeUndefined();

    stack.sources.opus.setFault('read-employee-data', { status: 503 });
    const before = stack.sources.opus.calls.length;
    const stale = await post(stack.url, MIXED, { id: unit.id, asOf: m.today, numbers }, auth);
    expect(stack.sources.opus.calls.length).toBeGreaterThan(before);
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual(fresh.body.data);
    expect(stale.body.extensions?.staleData).toEqual([{ source: 'KMD Opus', ageSeconds: expect.any(Number) }]);
    const [{ ageSeconds }] = stale.body.extensions!.staleData as Array<{ ageSeconds: number }>;
    expect(ageSeconds).toBeGreaterThanOrEqual(0);
    expect(ageSeconds).toBeLessThan(600);
  });

  it('reports both sources when both answered from copies, and nothing once they answer again', async () => {
    const m = stack.municipality;
    const e = fixtures(m).employments[1];
    const fresh = await post(stack.url, PLACED, { number: e.employmentNumber, asOf: m.today }, auth);
    expect(fresh.body.errors).toBeUndefined();

    stack.sources.opus.setFault('read-employee-data', { status: 503 });
    stack.sources.fkorg.setFault('*', { httpStatus: 503 });
    const stale = await post(stack.url, PLACED, { number: e.employmentNumber, asOf: m.today }, auth);
    expect(stale.body.data).toEqual(fresh.body.data);
    const sources = (stale.body.extensions?.staleData as Array<{ source: string }>).map((x) => x.source).sort();
    expect(sources).toEqual(['FK ORG', 'KMD Opus']);

    clearFaults(stack);
    const again = await post(stack.url, PLACED, { number: e.employmentNumber, asOf: m.today }, auth);
    expect(again.body.extensions?.staleData).toBeUndefined();
  });
});
