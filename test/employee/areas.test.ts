// Each Medarbejderoplysninger area as a frontend asks for it through the gateway, checked against the
// data the Opus simulator serves; and every area a query selects comes from one Opus call.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, Period } from '../../sources/model.js';
import { cprBirthDate } from '../../sources/identifiers.js';
import { personIds } from '../../platform/personId.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let auth: Record<string, string>;
let asOf: string;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['employee:read'] });
  asOf = stack.municipality.today;
});
afterAll(() => stack?.close());

const covers = (p: Period, d: string) => p.from <= d && (p.to === null || d <= p.to);
const dated = <T extends Period>({ from, to, ...rest }: T) => ({ ...rest, validFrom: from, validTo: to });
const reads = () => stack.sources.opus.calls.filter((c) => c.endpoint === 'read-employee-data');

/** The first employment that is active on the sample's today and satisfies `pick`. */
function employmentWhere(pick: (e: Employment) => boolean): Employment {
  const found = stack.municipality.opus.employments.find((e) => covers({ from: e.contract.start, to: e.contract.end }, asOf) && pick(e));
  if (!found) throw new Error('the sample has no such employment');
  return found;
}

async function query(text: string, employmentNumber: string, extra: Record<string, unknown> = {}) {
  stack.sources.opus.resetCalls();
  const res = await post(stack.url, text, { n: employmentNumber, asOf, ...extra }, auth);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.employment;
}

describe('Medarbejderoplysninger areas through the gateway', () => {
  it('a read of areas the request already read for the employment costs no second call', async () => {
    const employmentsOfPerson = (e: Employment) => stack.municipality.opus.employments.filter((x) => x.person.cpr === e.person.cpr);
    const q = `query($n: ID!) { employment(employmentNumber: $n) { contract { position } employee { name validFrom } } }`;
    const single = employmentWhere((e) => employmentsOfPerson(e).length === 1);
    const got = await query(q, single.employmentNumber);
    expect(got.employee.validFrom).toBe(single.contract.start);
    // The Employment was read with Kontraktindhold and Persondata; the person's contracts come from that read.
    expect(reads().map((c) => c.batchSize)).toEqual([1]);

    const several = employmentWhere((e) => employmentsOfPerson(e).length > 1);
    const others = employmentsOfPerson(several).length - 1;
    const gotSeveral = await query(q, several.employmentNumber);
    expect(gotSeveral.employee.validFrom).toBe(employmentsOfPerson(several).map((x) => x.contract.start).sort()[0]);
    // Only the person's other employments are read for their contracts.
    expect(reads().map((c) => c.batchSize)).toEqual([1, others]);
  });

  it('Persondata: name, birth date and gender derived from CPR, the opaque id, and validity', async () => {
    const e = employmentWhere(() => true);
    const got = await query(
      `query EmployeeHeader($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        asOf validFrom validTo active employee { id asOf name firstName lastName birthDate gender } } }`,
      e.employmentNumber,
    );
    expect(got).toEqual({
      asOf,
      validFrom: e.contract.start,
      validTo: e.contract.end,
      active: true,
      employee: {
        id: personIds().fromCpr(e.person.cpr),
        asOf,
        name: `${e.person.firstName} ${e.person.lastName}`,
        firstName: e.person.firstName,
        lastName: e.person.lastName,
        birthDate: cprBirthDate(e.person.cpr),
        gender: Number(e.person.cpr[9]) % 2 === 0 ? 'FEMALE' : 'MALE',
      },
    });
    expect(reads()).toHaveLength(1);
    expect(reads()[0].areas).toEqual(expect.arrayContaining(['Persondata', 'Kontraktindhold']));
    // A name needs no home address: Opus is not asked for it.
    expect(reads()[0].areas).not.toContain('Adresse');
  });

  it('Adresse: an unprotected home address in full, read with Persondata in one call', async () => {
    const e = employmentWhere((x) => !x.person.address.protected);
    const got = await query(
      `query Address($n: ID!) { employment(employmentNumber: $n) { employee { name address { protected street postalCode city country } } } }`,
      e.employmentNumber,
    );
    const { street, postalCode, city, country } = e.person.address;
    expect(got.employee.address).toEqual({ protected: false, street, postalCode, city, country });
    expect(reads()).toHaveLength(1);
    expect(reads()[0].areas).toEqual(expect.arrayContaining(['Persondata', 'Adresse']));
  });

  it('Adresse for a person reached by id, and by a fragment', async () => {
    const e = employmentWhere((x) => !x.person.address.protected);
    stack.sources.opus.resetCalls();
    const res = await post(
      stack.url,
      `query Home($id: ID!) { employee(id: $id) { name ...Home } } fragment Home on Employee { address { city } }`,
      { id: personIds().fromCpr(e.person.cpr) },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employee.address).toEqual({ city: e.person.address.city });
    expect(reads()).toHaveLength(1);
    expect(reads()[0].areas).toEqual(expect.arrayContaining(['Persondata', 'Adresse']));
  });

  it('Kommunikation: work e-mail and phones', async () => {
    const e = employmentWhere((x) => x.communication.workEmail !== null && x.communication.workPhone !== null);
    const got = await query(`query ContactCard($n: ID!) { employment(employmentNumber: $n) { communication { workEmail workPhone mobilePhone } } }`, e.employmentNumber);
    expect(got.communication).toEqual(e.communication);
  });

  it('Kontraktindhold: type, dates, position, overenskomst, job, manager flag, initial entry and entry into group', async () => {
    const e = employmentWhere((x) => x.contract.initialEntry !== x.contract.start);
    const got = await query(
      `query ContractTerms($n: ID!) { employment(employmentNumber: $n) { userId contract {
        employmentType workContract workContractText start end positionId position positionShort
        agreement { code name } jobId job isManager initialEntry entryIntoGroup } } }`,
      e.employmentNumber,
    );
    const types = { permanent: 'PERMANENT', fixedTerm: 'FIXED_TERM', hourly: 'HOURLY', trainee: 'TRAINEE' };
    expect(got).toEqual({ userId: e.userId, contract: { ...e.contract, employmentType: types[e.contract.employmentType] } });
    expect(reads()).toHaveLength(1);
  });

  it('Arbejdstid: the fraction on a date, and the history over an interval', async () => {
    const e = stack.municipality.opus.employments.find((x) => x.workingTime.length > 1)!;
    const [before, after] = e.workingTime;
    const got = await query(
      `query WorkingHours($n: ID!, $early: Date!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        early: workingTime(asOf: $early) { numerator denominator weeklyHours validFrom validTo }
        now: workingTime { weeklyHours validFrom }
        workingTimeHistory { weeklyHours validFrom validTo }
        lastPeriod: workingTimeHistory(from: $asOf) { validFrom } } }`,
      e.employmentNumber,
      { early: before.from, asOf: after.from },
    );
    expect(got.early).toEqual(dated(before));
    expect(got.now).toEqual({ weeklyHours: after.weeklyHours, validFrom: after.from });
    expect(got.workingTimeHistory).toEqual(e.workingTime.map(({ weeklyHours, from, to }) => ({ weeklyHours, validFrom: from, validTo: to })));
    expect(got.lastPeriod).toEqual([{ validFrom: after.from }]);
    expect(reads()).toHaveLength(1);
  });

  it('Arbejdsfunktion and Aktiviteter: registrations valid on the date, and their history', async () => {
    const e = employmentWhere((x) => x.activities.length > 1);
    const got = await query(
      `query Roles($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        jobFunctions { code name validFrom validTo }
        activities { code name validFrom validTo }
        allActivities: activities(from: "1900-01-01") { code } } }`,
      e.employmentNumber,
    );
    expect(got.jobFunctions).toEqual(e.jobFunction.filter((p) => covers(p, asOf)).map(dated));
    expect(got.activities).toEqual(e.activities.filter((p) => covers(p, asOf)).sort((a, b) => a.from.localeCompare(b.from)).map(dated));
    expect(got.allActivities.map((a: { code: string }) => a.code).sort()).toEqual(e.activities.map((a) => a.code).sort());
    expect(reads()).toHaveLength(1);
    expect(reads()[0].areas).toEqual(expect.arrayContaining(['Arbejdsfunktion', 'Aktiviteter']));
  });

  it('Tilslutninger: ATP, fagforening and pension on the date', async () => {
    const e = employmentWhere((x) => x.affiliations.filter((a) => covers(a, asOf)).length >= 2);
    const got = await query(`query Affiliations($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) { affiliations { code name validFrom validTo } } }`, e.employmentNumber);
    const expected = e.affiliations.filter((p) => covers(p, asOf)).map(dated);
    expect(got.affiliations).toHaveLength(expected.length);
    expect(got.affiliations).toEqual(expect.arrayContaining(expected));
  });

  it('Tjenesteplansindplacering and Mødetidsplaner', async () => {
    const e = employmentWhere((x) => x.schedules.length > 0);
    const got = await query(
      `query DutyPlan($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        dutyPlanPlacements { code name validFrom validTo }
        schedules { name days { weekday start end } validFrom validTo } } }`,
      e.employmentNumber,
    );
    expect(got.dutyPlanPlacements).toEqual(e.dutyPlanPlacement.filter((p) => covers(p, asOf)).map(dated));
    expect(got.schedules).toEqual(e.schedules.filter((p) => covers(p, asOf)).map(dated));
    expect(reads()).toHaveLength(1);
  });

  it('Organisation: the unit on a date and the placement history', async () => {
    const e = employmentWhere((x) => x.placements.length > 1);
    const got = await query(
      `query Placement($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        orgUnit { opusId } placements { orgUnit { opusId } validFrom validTo } } }`,
      e.employmentNumber,
    );
    expect(got.orgUnit).toEqual({ opusId: e.placements.find((p) => covers(p, asOf))!.orgUnitOpusId });
    expect(got.placements).toEqual(e.placements.map((p) => ({ orgUnit: { opusId: p.orgUnitOpusId }, validFrom: p.from, validTo: p.to })));
  });

  it('reads every selected area of an employment in one Opus call', async () => {
    const e = employmentWhere(() => true);
    await query(
      `query Everything($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) {
        validFrom employee { name address { city } } communication { workEmail } contract { position } workingTime { weeklyHours }
        jobFunctions { code } activities { code } affiliations { code } dutyPlanPlacements { code }
        schedules { name } orgUnit { opusId } } }`,
      e.employmentNumber,
    );
    expect(reads()).toHaveLength(1);
    expect([...reads()[0].areas!].sort()).toEqual(
      ['Adresse', 'Aktiviteter', 'Arbejdsfunktion', 'Arbejdstid', 'Kommunikation', 'Kontraktindhold', 'Moedetidsplaner', 'Organisation', 'Persondata', 'Tilslutninger', 'Tjenesteplansindplacering'].sort(),
    );
    expect(stack.sources.opus.calls).toHaveLength(1);
  });

  it('an Employee viewed as of a date: validity over all employments and its employments', async () => {
    const cpr = [...new Set(stack.municipality.opus.employments.map((e) => e.person.cpr))].find(
      (c) => stack.municipality.opus.employments.filter((e) => e.person.cpr === c).length > 1,
    )!;
    const own = stack.municipality.opus.employments.filter((e) => e.person.cpr === cpr);
    const res = await post(
      stack.url,
      `query Person($id: ID!, $asOf: Date) { employee(id: $id, asOf: $asOf) { asOf validFrom validTo employments { employmentNumber asOf } current: employments(activeOn: $asOf) { employmentNumber } } }`,
      { id: personIds().fromCpr(cpr), asOf },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const got = res.body.data.employee;
    expect(got.asOf).toBe(asOf);
    expect(got.validFrom).toBe(own.map((e) => e.contract.start).sort()[0]);
    expect(got.validTo).toBe(own.some((e) => e.contract.end === null) ? null : own.map((e) => e.contract.end!).sort().at(-1));
    expect(got.employments).toEqual(own.map((e) => ({ employmentNumber: e.employmentNumber, asOf })));
    expect(got.current.map((e: { employmentNumber: string }) => e.employmentNumber)).toEqual(
      own.filter((e) => covers({ from: e.contract.start, to: e.contract.end }, asOf)).map((e) => e.employmentNumber),
    );
  });

  it('a person’s profile with their employments costs one CPR lookup and one read with every area', async () => {
    const e = employmentWhere(() => true);
    stack.sources.opus.resetCalls();
    const res = await post(
      stack.url,
      `query EmployeeProfile($id: ID!, $asOf: Date) { employee(id: $id, asOf: $asOf) {
        name birthDate validFrom address { city }
        employments(activeOn: $asOf) { employmentNumber contract { position } workingTime { weeklyHours } communication { workEmail } orgUnit { opusId } schedules { name } } } }`,
      { id: personIds().fromCpr(e.person.cpr), asOf },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employee.employments.map((x: { employmentNumber: string }) => x.employmentNumber)).toContain(e.employmentNumber);
    expect(stack.sources.opus.calls.map((c) => c.endpoint)).toEqual(['find-employees-by-cpr', 'read-employee-data']);
    expect([...reads()[0].areas!].sort()).toEqual(['Adresse', 'Arbejdstid', 'Kommunikation', 'Kontraktindhold', 'Moedetidsplaner', 'Organisation', 'Persondata']);
  });

  it('answers NOT_FOUND for an unknown employment or person and BAD_USER_INPUT for malformed ids', async () => {
    const codes = async (q: string) => (await post(stack.url, q, undefined, auth)).body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument]);
    expect(await codes('{ employment(employmentNumber: "999999999") { employmentNumber } }')).toEqual([['NOT_FOUND', undefined]]);
    expect(await codes('{ employment(employmentNumber: "12a") { employmentNumber } }')).toEqual([['BAD_USER_INPUT', 'employmentNumber']]);
    expect(await codes(`{ employee(id: "${personIds().fromCpr('0101900000')}") { id } }`)).toEqual([['NOT_FOUND', undefined]]);
    expect(await codes('{ employee(id: "p_forged") { id } }')).toEqual([['BAD_USER_INPUT', 'id']]);
    expect(await codes('{ employmentsByNumber(employmentNumbers: ["100001", "x"]) { employmentNumber } }')).toEqual([['BAD_USER_INPUT', 'employmentNumbers[1]']]);
    expect(await codes('{ employment(employmentNumber: "100001") { workingTimeHistory(from: "2026-01-01", to: "2025-01-01") { weeklyHours } } }')).toEqual([['BAD_USER_INPUT', 'from']]);
  });
});
