// The sample municipality obeys the Danish rules an HR user checks at a glance: holiday balances under
// ferieloven (samtidighedsferie), one-off payments priced by their lønart, one active employment per
// person unless a plausible second job, and one name per code in every catalogue. Every rule is checked
// over whole municipalities (seeds 1..5, 2,000 and 50,000 employments), in one linear pass each, and a
// failure names the employment and the rule.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { OpusHttpClient } from '../../sources/opus/OpusHttpClient.js';
import { startOpusSimulator } from '../../sources/opus/simulator.js';
import type { Employment, IsoDate, Municipality } from '../../sources/model.js';
import { JOBS, ONE_OFF_WAGE_TYPES } from '../../sources/sample/catalogue.js';
import { generateMunicipality } from '../../sources/sample/generate.js';

const DAY = 86_400_000;
/** Ferieloven § 5, stk. 1: 2.08 days per month of employment, 25 per ferieår; in a part month 0.07 a day, at most 2.08. */
const PER_MONTH = 25 / 12;
const PER_DAY = 0.07;
const PART_MONTH_MAX = 2.08;
/** Ferieloven § 21: only holiday beyond four weeks (20 days), at most the fifth week (5 days), may be transferred. */
const KEPT_WEEKS_DAYS = 20;
const MAX_TRANSFER = 5;
/** Statens høje takst for kørselsgodtgørelse 2026: 3,94 kr. pr. km (Skatterådet; 2024: 3,79, 2025: 3,81). */
const KM_RATE_2026 = 3.94;
/** A second job beside the main one: hourly or part-time, at most this many hours a week. */
const SECOND_JOB_MAX_HOURS = 15;

const dayOf = (iso: IsoDate): number => Date.parse(`${iso}T00:00:00Z`) / DAY;
const round2 = (x: number): number => Math.round(x * 100) / 100;
const isWorkday = (day: number): boolean => {
  const w = new Date(day * DAY).getUTCDay();
  return w >= 1 && w <= 5;
};

/** Holiday earned in ferieår `year` as credited by `today`: per month ended (or employment ended in it), a part month by its days. */
function earned(year: number, start: number, end: number, today: number): number {
  let days = 0;
  for (let m = 0; m < 12; m++) {
    const first = Date.UTC(year, 8 + m, 1) / DAY;
    const last = Date.UTC(year, 9 + m, 1) / DAY - 1;
    if (Math.min(last, end) >= today) break;
    const worked = Math.min(last, end) - Math.max(first, start) + 1;
    if (worked === last - first + 1) days += PER_MONTH;
    else if (worked > 0) days += Math.min(PART_MONTH_MAX, worked * PER_DAY);
  }
  return round2(days);
}

class Violations {
  readonly found: string[] = [];
  count = 0;
  add(e: Employment | string, rule: string, detail: string): void {
    this.count++;
    if (this.found.length < 25) this.found.push(`${typeof e === 'string' ? e : `employment ${e.employmentNumber}`}: ${rule}: ${detail}`);
  }
}

function checkHoliday(e: Employment, today: IsoDate, v: Violations): void {
  const todayDay = dayOf(today);
  const start = dayOf(e.contract.start);
  const end = e.contract.end === null ? Infinity : dayOf(e.contract.end);
  const ferieDays: number[] = [];
  for (const a of e.absences) {
    if (a.type !== 'ferie' || a.status !== 'approved') continue;
    for (let d = dayOf(a.from); d <= dayOf(a.to ?? a.from); d++) {
      if (!isWorkday(d)) continue;
      if (d < start || d > end) v.add(e, 'ferie within the employment', `ferie day ${new Date(d * DAY).toISOString().slice(0, 10)}`);
      ferieDays.push(d);
    }
  }
  let usedTotal = 0;
  let prev: { year: number; earnedDays: number; transferredDays: number; usedDays: number } | null = null;
  for (const b of e.vacationBalances) {
    const year = Number(b.holidayYear.slice(0, 4));
    const label = `ferieår ${b.holidayYear}`;
    const from = Date.UTC(year, 8, 1) / DAY;
    const to = Date.UTC(year + 1, 7, 31) / DAY;
    const takeUntil = Date.UTC(year + 1, 11, 31) / DAY;
    if (from > Math.min(end, todayDay) || to < start) v.add(e, 'balance only for a ferieår the employment ran in', label);
    const want = earned(year, start, end, todayDay);
    if (b.earnedDays !== want) v.add(e, 'earned 2.08 days a month, 0.07 a day of a part month (ferieloven § 5)', `${label} earned ${b.earnedDays}, expected ${want}`);
    if (b.earnedDays > 25) v.add(e, 'at most 25 days a ferieår', `${label} earned ${b.earnedDays}`);
    if (start <= from && end >= to && to < todayDay && b.earnedDays !== 25) v.add(e, 'a full ferieår earns 25 days', `${label} earned ${b.earnedDays}`);
    if (b.transferredDays < 0 || b.transferredDays > MAX_TRANSFER) v.add(e, 'at most 5 days transferred (ferieloven § 21)', `${label} transferred ${b.transferredDays}`);
    const earnedBefore = earned(year - 1, start, end, todayDay);
    if (b.transferredDays > Math.max(0, earnedBefore - KEPT_WEEKS_DAYS) + 1e-9) {
      v.add(e, 'only days beyond four weeks of the year before are transferred (none into a year before the employment began)', `${label} transferred ${b.transferredDays}, the year before earned ${earnedBefore}`);
    }
    if (prev && prev.year === year - 1 && b.transferredDays > round2(prev.earnedDays + prev.transferredDays - prev.usedDays) + 1e-9) {
      v.add(e, 'transfer at most what the year before has left', `${label} transferred ${b.transferredDays}, ${prev.year} left ${round2(prev.earnedDays + prev.transferredDays - prev.usedDays)}`);
    }
    if (b.usedDays > b.earnedDays + b.transferredDays + 1e-9) v.add(e, 'used never above earned plus transferred', `${label} used ${b.usedDays} of ${b.earnedDays} + ${b.transferredDays}`);
    if (round2(b.earnedDays + b.transferredDays - b.usedDays) < 0) v.add(e, 'remaining never negative', `${label}`);
    const takeable = ferieDays.filter((d) => d >= from && d <= takeUntil).length;
    if (b.usedDays > takeable) v.add(e, 'used within the ferieafholdelsesperiode (to 31 December after the year)', `${label} used ${b.usedDays}, approved ferie days in its period ${takeable}`);
    usedTotal += b.usedDays;
    prev = { year, ...b };
  }
  if (usedTotal !== ferieDays.length) v.add(e, 'every approved ferie day is booked against a balance', `balances use ${usedTotal}, approved ferie days ${ferieDays.length}`);
}

const RATES = new Map(ONE_OFF_WAGE_TYPES.map((t) => [t.wageType, t.rate]));

function checkPayments(e: Employment, v: Violations): void {
  for (const p of e.oneOffPayments) {
    const rate = RATES.get(p.wageType);
    if (rate === undefined) v.add(e, 'one-off payment of a known lønart', `lønart ${p.wageType}`);
    else if (p.amount !== round2(p.quantity * rate)) v.add(e, 'amount = quantity × the lønart rate', `lønart ${p.wageType}: ${p.quantity} × ${rate} ≠ ${p.amount}`);
    if (p.amount === p.quantity) v.add(e, 'amount is not the quantity', `lønart ${p.wageType}: ${p.amount}`);
  }
}

const activeOn = (e: Employment, today: IsoDate): boolean => e.contract.start <= today && (e.contract.end === null || e.contract.end >= today);

function checkPersons(m: Municipality, v: Violations): void {
  const active = new Map<string, Employment[]>();
  for (const e of m.opus.employments) {
    if (e.contract.end !== null && e.contract.end < e.contract.start) v.add(e, 'an employment ends on or after its start', `${e.contract.start}..${e.contract.end}`);
    if (!activeOn(e, m.today)) continue;
    const list = active.get(e.person.cpr);
    if (list) list.push(e);
    else active.set(e.person.cpr, [e]);
  }
  for (const list of active.values()) {
    if (list.length < 2) continue;
    const numbers = list.map((e) => e.employmentNumber).join(' and ');
    if (list.length > 2) v.add(`employments ${numbers}`, 'at most two active employments per person', `${list.length} active`);
    for (const e of list) {
      if (e.contract.isManager) v.add(`employments ${numbers}`, 'a manager holds no other active employment', `${e.contract.position} (${e.employmentNumber})`);
      if (e.contract.employmentType === 'trainee') v.add(`employments ${numbers}`, 'a trainee holds no other active employment', `${e.contract.position} (${e.employmentNumber})`);
    }
    const small = list.filter((e) => e.workingTime.every((w) => w.weeklyHours <= SECOND_JOB_MAX_HOURS));
    if (small.length < list.length - 1) v.add(`employments ${numbers}`, `a second job is at most ${SECOND_JOB_MAX_HOURS} hours a week`, list.map((e) => e.workingTime.map((w) => w.weeklyHours).join('/')).join(' and '));
  }
}

/** Codes that name one thing: a code seen with two names is a violation. */
class CodeBook {
  private readonly names = new Map<string, string>();
  constructor(
    private readonly what: string,
    private readonly v: Violations,
  ) {}
  see(code: string, name: string, where: string): void {
    const known = this.names.get(code);
    if (known === undefined) this.names.set(code, name);
    else if (known !== name) this.v.add(where, `one name per ${this.what} code`, `${code} is "${known}" and "${name}"`);
  }
}

function checkCodes(m: Municipality, v: Violations): void {
  const books = Object.fromEntries(
    ['job function', 'activity', 'affiliation', 'duty plan', 'position', 'position short', 'job', 'work contract', 'agreement', 'pay group', 'fixed pay wage type'].map((w) => [w, new CodeBook(w, v)]),
  );
  for (const e of m.opus.employments) {
    const where = `employment ${e.employmentNumber}`;
    for (const p of e.jobFunction) books['job function'].see(p.code, p.name, where);
    for (const p of e.activities) books['activity'].see(p.code, p.name, where);
    for (const p of e.affiliations) books['affiliation'].see(p.code, p.name, where);
    for (const p of e.dutyPlanPlacement) books['duty plan'].see(p.code, p.name, where);
    const c = e.contract;
    books['position'].see(c.positionId, c.position, where);
    books['position short'].see(c.positionId, c.positionShort, where);
    books['job'].see(c.jobId, c.job, where);
    books['work contract'].see(c.workContract, c.workContractText, where);
    books['agreement'].see(c.agreement.code, c.agreement.name, where);
    for (const s of e.salaryPlacement) books['pay group'].see(s.payGroup, s.payGroupText, where);
    for (const f of e.fixedPayItems) books['fixed pay wage type'].see(f.wageType, f.name, where);
  }
}

function violationsOf(m: Municipality): Violations {
  const v = new Violations();
  for (const e of m.opus.employments) {
    checkHoliday(e, m.today, v);
    checkPayments(e, v);
  }
  checkPersons(m, v);
  checkCodes(m, v);
  return v;
}

describe('the sample municipality obeys Danish rules', () => {
  it('has one name per code in the job catalogue (arbejdsfunktion, aktivitet) and one rate per lønart at plausible levels', () => {
    const v = new Violations();
    const functions = new CodeBook('job function', v);
    const activities = new CodeBook('activity', v);
    for (const [area, jobs] of Object.entries(JOBS)) {
      for (const j of jobs) {
        functions.see(j.function.code, j.function.name, `${area} job ${j.positionId}`);
        activities.see(j.activity.code, j.activity.name, `${area} job ${j.positionId}`);
      }
    }
    const wageTypes = new CodeBook('one-off wage type', v);
    for (const t of ONE_OFF_WAGE_TYPES) {
      wageTypes.see(t.wageType, t.name, 'one-off catalogue');
      if (/arbejde/i.test(t.name) && t.unit === 'hours' && (t.rate < 200 || t.rate > 400)) v.add(`lønart ${t.wageType}`, 'an hour of overtime pays 200-400 DKK', `${t.rate}`);
      if (t.unit === 'km' && t.rate !== KM_RATE_2026) v.add(`lønart ${t.wageType}`, 'kørsel at statens takst', `${t.rate}`);
      if (!(t.rate > 0) || t.rate === 1) v.add(`lønart ${t.wageType}`, 'a rate per unit', `${t.rate}`);
    }
    expect(v.found).toEqual([]);
  });

  it('stores a submitted one-off payment as Opus does: amount = Antal × the lønart rate, as the sample was made', async () => {
    const m = generateMunicipality({ employees: 40, seed: 1 });
    const sim = await startOpusSimulator({ snapshot: m.opus });
    const client = new OpusHttpClient({ baseUrl: sim.url, kommunekode: m.opus.kommunekode, timeoutMs: 5_000 });
    try {
      const n = m.opus.employments.find((e) => e.contract.end === null)!.employmentNumber;
      const payments = [
        { startDate: '2026-12-01', wageType: '2420', sequence: '901', quantity: 3.5, sendingSystem: 'kommunegraf' },
        { startDate: '2026-12-01', wageType: '2460', sequence: '902', quantity: 137, sendingSystem: 'kommunegraf' },
      ];
      const result = await client.updateOneOffPayments({ employmentNumber: n, updateId: randomUUID(), validateOnly: false, payments });
      expect(result.accepted).toBe(true);
      const stored = await client.readOneOffPayments(n, { from: '2026-12-01', to: '2026-12-31' });
      expect(stored.map((p) => [p.wageType, p.quantity, p.amount])).toEqual([
        ['2420', 3.5, round2(3.5 * RATES.get('2420')!)],
        ['2460', 137, round2(137 * KM_RATE_2026)],
      ]);
      const v = new Violations();
      checkPayments({ ...m.opus.employments.find((e) => e.employmentNumber === n)!, oneOffPayments: stored }, v);
      expect(v.found).toEqual([]);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  for (const employees of [2_000, 50_000]) {
    for (const seed of [1, 2, 3, 4, 5]) {
      it(`holds for every employment at seed ${seed}, ${employees.toLocaleString('en')} employments`, { timeout: 240_000 }, () => {
        const m = generateMunicipality({ employees, seed });
        const v = violationsOf(m);
        expect(v.found, `${v.count} violations`).toEqual([]);
        // The checks had something to check.
        expect(m.opus.employments.some((e) => e.vacationBalances.some((b) => b.transferredDays > 0))).toBe(true);
        expect(m.opus.employments.some((e) => e.oneOffPayments.length > 0)).toBe(true);
      });
    }
  }
});
