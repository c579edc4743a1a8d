// Employment.absences and the vacation balances through the gateway, for 1,000 employments at once:
// what Opus holds, measured by the documented rule (expected.ts), in ceil(N/100) Medarbejderoplysninger
// calls per plan step; edge cases, bad periods and access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Absence, Employment } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { ABSENCE_TYPE_ENUM, absenceDays } from './expected.js';
import { absenceFixture, EMPLOYEES, type AbsenceFixture } from './fixture.js';

let stack: Stack;
let auth: Record<string, string>;
let fx: AbsenceFixture;
beforeAll(async () => {
  fx = absenceFixture();
  stack = await testStack({ employees: EMPLOYEES, municipality: fx.municipality });
  auth = await stack.headers({ scopes: ['employee:read', 'absence:read'] });
});
afterAll(() => stack?.close());

const FROM = '2025-11-01';
const TO = '2026-10-31';

const ABSENCE_FIELDS = 'id type from to partDayHours status days refusions { type amount from to }';

function expected(e: Employment, from: string, to: string, keep: (a: Absence) => boolean = () => true) {
  return e.absences
    .filter((a) => a.from <= to && (a.to === null || a.to >= from) && keep(a))
    .sort((a, b) => (a.from === b.from ? (a.id < b.id ? -1 : 1) : a.from < b.from ? -1 : 1))
    .map((a) => ({
      id: a.id,
      type: ABSENCE_TYPE_ENUM[a.type],
      from: a.from,
      to: a.to,
      partDayHours: a.partDayHours,
      status: a.status.toUpperCase(),
      days: expect.closeTo(absenceDays(e, a, a.from > from ? a.from : from, a.to === null || a.to > to ? to : a.to), 3),
      refusions: a.refusions.map((r) => ({ type: r.type.toUpperCase(), amount: r.amount, from: r.from, to: r.to })),
    }));
}

async function absencesOf(employmentNumber: string, args: string, headers = auth) {
  return post(stack.url, `{ employment(employmentNumber: "${employmentNumber}") { employmentNumber absences${args} { ${ABSENCE_FIELDS} } } }`, undefined, headers);
}

const reads = (area: string) => stack.sources.opus.calls.filter((c) => c.endpoint === 'read-employee-data' && c.areas?.includes(area));

describe('Employment.absences', () => {
  it('answers every absence overlapping the period for 1,000 employments with ceil(N/100) reads', async () => {
    const all = stack.municipality.opus.employments;
    expect(all).toHaveLength(EMPLOYEES);
    const numbers = all.map((e) => e.employmentNumber);
    // employmentsByNumber takes 500 at a time; refusions are left out here to stay under the
    // gateway's cost limit and checked below for the employments that have any.
    const fields = ABSENCE_FIELDS.replace(/ refusions \{[^}]*\}/, '');
    stack.sources.opus.resetCalls();
    const res = await post(
      stack.url,
      `query ($a: [ID!]!, $b: [ID!]!, $from: Date, $to: Date) {
        a: employmentsByNumber(employmentNumbers: $a) { employmentNumber absences(from: $from, to: $to) { ${fields} } }
        b: employmentsByNumber(employmentNumbers: $b) { employmentNumber absences(from: $from, to: $to) { ${fields} } }
      }`,
      { a: numbers.slice(0, 500), b: numbers.slice(500), from: FROM, to: TO },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const got = [...res.body.data.a, ...res.body.data.b];
    expect(got.map((e: any) => e.employmentNumber)).toEqual(numbers);
    let total = 0;
    for (const [i, e] of all.entries()) {
      const want = expected(e, FROM, TO).map(({ refusions: _r, ...rest }) => rest);
      total += want.length;
      expect(got[i].absences, e.employmentNumber).toEqual(want);
    }
    expect(total).toBeGreaterThan(3000);

    const absenceReads = reads('FravaerNaervaer');
    expect(absenceReads).toHaveLength(Math.ceil(EMPLOYEES / 100));
    expect(absenceReads.every((c) => c.batchSize <= 100 && c.areas!.includes('Arbejdstid'))).toBe(true);
    expect(absenceReads.reduce((n, c) => n + c.batchSize, 0)).toBe(EMPLOYEES);
  });

  it('answers the refusions of every absence that has any', async () => {
    const withRefusions = stack.municipality.opus.employments.filter((e) => expected(e, FROM, TO).some((a) => a.refusions.length > 0));
    expect(withRefusions.length).toBeGreaterThan(20);
    const res = await post(
      stack.url,
      `query ($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { absences(from: "${FROM}", to: "${TO}") { ${ABSENCE_FIELDS} } } }`,
      { n: withRefusions.map((e) => e.employmentNumber) },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    for (const [i, e] of withRefusions.entries()) expect(res.body.data.employmentsByNumber[i].absences, e.employmentNumber).toEqual(expected(e, FROM, TO));
  });

  it('filters by type and status', async () => {
    const e = stack.municipality.opus.employments.find((x) => new Set(x.absences.map((a) => a.status)).size === 3 && x.absences.some((a) => a.type === 'ferie'))!;
    const res = await absencesOf(e.employmentNumber, `(from: "${FROM}", to: "${TO}", types: [FERIE, SYGDOM], statuses: [APPROVED, REQUESTED])`);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.absences).toEqual(expected(e, FROM, TO, (a) => ['ferie', 'sygdom'].includes(a.type) && a.status !== 'rejected'));
  });

  it('shows an absence crossing the period start whole, with only its days inside the period counted', async () => {
    const res = await absencesOf(fx.e1.employmentNumber, '(from: "2026-01-01", to: "2026-01-31")');
    expect(res.body.errors).toBeUndefined();
    // 2025-12-29 to 2026-01-09: inside January 2026 that is 01-02 and 01-05..09 (nytårsdag is a helligdag).
    expect(res.body.data.employment.absences).toEqual([{ id: `${fx.e1.employmentNumber}901`, type: 'FERIE', from: '2025-12-29', to: '2026-01-09', partDayHours: null, status: 'APPROVED', days: 6, refusions: [] }]);
  });

  it('shows open-ended sickness with to: null and its open refusion, counted to the period end', async () => {
    const res = await absencesOf(fx.e1.employmentNumber, '(from: "2026-10-01", to: "2026-10-31", types: [SYGDOM])');
    expect(res.body.data.employment.absences).toEqual([
      {
        id: `${fx.e1.employmentNumber}905`,
        type: 'SYGDOM',
        from: '2026-10-05',
        to: null,
        partDayHours: null,
        status: 'APPROVED',
        days: 20,
        refusions: [{ type: 'SYGEDAGPENGE', amount: 2817.14, from: '2026-11-04', to: null }],
      },
    ]);
  });

  it('counts a part-day absence against the daily norm from Arbejdstid', async () => {
    // 3 hours of a 30-hour week's 6-hour day.
    const res = await absencesOf(fx.e2.employmentNumber, '(from: "2026-04-01", to: "2026-04-30")');
    expect(res.body.data.employment.absences).toEqual([expect.objectContaining({ type: 'SYGDOM', from: '2026-04-14', to: '2026-04-14', partDayHours: 3, days: 0.5 })]);
  });

  it('defaults the period to the twelve months up to and including `to`', async () => {
    const e = stack.municipality.opus.employments.find((x) => x.absences.some((a) => a.from < '2025-11-01') && x.absences.some((a) => a.from >= '2025-11-01'))!;
    const res = await absencesOf(e.employmentNumber, `(to: "${TO}")`);
    expect(res.body.data.employment.absences).toEqual(expected(e, '2025-11-01', TO));
  });

  it.each([
    ['from after to', '(from: "2026-02-01", to: "2026-01-31")', 'from'],
    ['more than five years', '(from: "2020-01-01", to: "2025-01-01")', 'to'],
    ['a future from without to', '(from: "2099-01-01")', 'to'],
    ['an empty status filter', '(statuses: [])', 'statuses'],
  ])('refuses %s with BAD_USER_INPUT', async (_name, args, argument) => {
    const res = await absencesOf(fx.e1.employmentNumber, args);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions?.argument).toBe(argument);
    expect(res.body.data.employment).toEqual({ employmentNumber: fx.e1.employmentNumber, absences: null });
  });

  it('needs absence:read: without it absences are null with FORBIDDEN and the employment still answers', async () => {
    const res = await absencesOf(fx.e1.employmentNumber, '', await stack.headers({ scopes: ['employee:read'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.errors![0].path).toEqual(['employment', 'absences']);
    expect(res.body.data.employment).toEqual({ employmentNumber: fx.e1.employmentNumber, absences: null });
  });
});

describe('vacation balances', () => {
  const BALANCE = 'holidayYear from to takeUntil earnedDays usedDays transferredDays remainingDays';

  it('gives the feriesaldo of the ferieår containing asOf, for 200 employments in ceil(N/100) reads', async () => {
    const some = stack.municipality.opus.employments.slice(0, 200);
    stack.sources.opus.resetCalls();
    const res = await post(
      stack.url,
      `query ($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) {
        employmentNumber
        august: vacationBalance(asOf: "2026-08-31") { ${BALANCE} }
        september: vacationBalance(asOf: "2026-09-01") { ${BALANCE} }
      } }`,
      { n: some.map((e) => e.employmentNumber) },
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    const balance = (e: Employment, startYear: number) => {
      const b = e.vacationBalances.find((x) => x.holidayYear.startsWith(String(startYear)));
      return b
        ? {
            ...b,
            from: `${startYear}-09-01`,
            to: `${startYear + 1}-08-31`,
            takeUntil: `${startYear + 1}-12-31`,
            remainingDays: expect.closeTo(b.earnedDays + b.transferredDays - b.usedDays, 2),
          }
        : null;
    };
    for (const [i, e] of some.entries()) {
      const got = res.body.data.employmentsByNumber[i];
      expect(got.august, e.employmentNumber).toEqual(balance(e, 2025));
      expect(got.september, e.employmentNumber).toEqual(balance(e, 2026));
    }
    expect(res.body.data.employmentsByNumber.filter((e: any) => e.august && e.september).length).toBeGreaterThan(150);
    expect(reads('Feriesaldo')).toHaveLength(2);
  });

  it('lists the balances of the ferieår overlapping a period, oldest first', async () => {
    const e = stack.municipality.opus.employments.find((x) => x.vacationBalances.length === 3)!;
    const res = await post(stack.url, `{ employment(employmentNumber: "${e.employmentNumber}") { all: vacationBalances { holidayYear } y2025: vacationBalances(from: "2025-01-01", to: "2025-12-31") { holidayYear } } }`, undefined, auth);
    expect(res.body.errors).toBeUndefined();
    const years = e.vacationBalances.map((b) => b.holidayYear).sort();
    expect(res.body.data.employment.all.map((b: any) => b.holidayYear)).toEqual(years);
    expect(res.body.data.employment.y2025.map((b: any) => b.holidayYear)).toEqual(['2024/25', '2025/26']);
  });

  it('refuses a period whose from is after its to', async () => {
    const res = await post(stack.url, `{ employment(employmentNumber: "${fx.e1.employmentNumber}") { vacationBalances(from: "2026-01-01", to: "2025-12-31") { holidayYear } } }`, undefined, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('as history: each bound alone cuts the list, and a reversed period names `from` and asks Opus nothing', async () => {
    const e = stack.municipality.opus.employments.find((x) => x.vacationBalances.length === 3)!;
    const years = e.vacationBalances.map((b) => b.holidayYear).sort();
    const res = await post(
      stack.url,
      `{ employment(employmentNumber: "${e.employmentNumber}") { since: vacationBalances(from: "${years[2].slice(0, 4)}-09-01") { holidayYear from } until: vacationBalances(to: "${years[1].slice(0, 4)}-08-31") { holidayYear to } } }`,
      undefined,
      auth,
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.since.map((b: any) => b.holidayYear)).toEqual([years[2]]);
    // Only the ferieår ending on that 31 August: the next one starts the day after.
    expect(res.body.data.employment.until.map((b: any) => b.holidayYear)).toEqual([years[0]]);
    stack.sources.opus.resetCalls();
    const reversed = await post(stack.url, `{ employment(employmentNumber: "${e.employmentNumber}") { vacationBalances(from: "2026-01-01", to: "2025-12-31") { holidayYear } } }`, undefined, auth);
    expect(reversed.body.errors!.map((x) => [x.extensions?.code, x.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'from']]);
    expect(reads('Feriesaldo')).toHaveLength(0);
  });

  it('as history needs absence:read: without it FORBIDDEN and no Feriesaldo read', async () => {
    stack.sources.opus.resetCalls();
    const res = await post(stack.url, `{ employment(employmentNumber: "${fx.e1.employmentNumber}") { employmentNumber vacationBalances { holidayYear } } }`, undefined, await stack.headers({ scopes: ['employee:read'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data.employment).toEqual({ employmentNumber: fx.e1.employmentNumber, vacationBalances: null });
    expect(reads('Feriesaldo')).toHaveLength(0);
  });

  it('is null for a ferieår Opus holds no balance for', async () => {
    const res = await post(stack.url, `{ employment(employmentNumber: "${fx.e1.employmentNumber}") { vacationBalance(asOf: "2019-06-01") { holidayYear } } }`, undefined, auth);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.vacationBalance).toBeNull();
  });
});
