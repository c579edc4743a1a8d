// Absences (fravær) over the two years before today and the holiday balances they imply. Long
// absences are laid out first and short ones only where the calendar is still free, as Opus rejects
// overlapping registrations.
import type { Absence, AbsenceType, Gender, IsoDate, Refusion, VacationBalance } from '../model.js';
import { dayOf, isoOf, weekday } from '../days.js';
import { addWorkdays, nextWorkday } from './dates.js';
import type { Random } from './random.js';

export interface AbsenceContext {
  employmentNumber: string;
  start: IsoDate;
  end: IsoDate | null;
  today: IsoDate;
  gender: Gender;
  age: number;
  weeklyHours: number;
}

/** The window absences are generated for: the two years up to and including today. */
export const ABSENCE_WINDOW_DAYS = 730;
/** The weekly ceiling of sygedagpenge and barselsdagpenge, roughly at the 2026 level. */
const WEEKLY_BENEFIT = 4_930;

export function generateAbsences(rng: Random, ctx: AbsenceContext): { absences: Absence[]; vacationBalances: VacationBalance[] } {
  const todayDay = dayOf(ctx.today);
  const lo = Math.max(dayOf(ctx.start), todayDay - ABSENCE_WINDOW_DAYS);
  const hi = Math.min(ctx.end === null ? todayDay : dayOf(ctx.end), todayDay);
  const calendar = new AbsenceCalendar(rng, ctx, lo, hi, todayDay);
  if (lo <= hi) fill(rng, calendar, ctx, lo, hi, todayDay);
  const vacationBalances = holidayBalances(rng, ctx, calendar, todayDay);
  return { absences: calendar.sorted(), vacationBalances };
}

function fill(rng: Random, cal: AbsenceCalendar, ctx: AbsenceContext, lo: number, hi: number, todayDay: number): void {
  const fraction = Math.min(1, ctx.weeklyHours / 37);
  const parental = ctx.gender === 'female' ? ctx.age >= 24 && ctx.age <= 44 && rng.chance(0.07) : ctx.age >= 25 && ctx.age <= 46 && rng.chance(0.04);
  if (parental) {
    // Mothers take most of the year; fathers mostly their eleven earmarked weeks.
    const days = ctx.gender === 'female' ? rng.int(270, 330) : rng.int(14, 77);
    const from = rng.int(lo, Math.max(lo, hi - 20));
    const to = Math.min(hi, from + days - 1);
    cal.add('barsel', from, to, null, { type: 'barselsdagpenge', after: 0, fraction });
  }
  if (rng.chance(0.06)) {
    const from = nextWorkday(rng.int(lo, Math.max(lo, hi - 30)));
    // The employer pays the first 30 days; after that the municipality of residence refunds sygedagpenge.
    cal.add('sygdom', from, from + rng.int(20, 150), null, { type: 'sygedagpenge', after: 30, fraction });
  }
  if (rng.chance(0.015)) {
    const from = nextWorkday(rng.int(lo, Math.max(lo, hi - 30)));
    cal.add('orlov', from, from + rng.int(30, 180), null, null);
  }

  const firstYear = Number(isoOf(lo).slice(0, 4));
  const lastYear = Number(isoOf(hi).slice(0, 4));
  const dailyHours = Math.max(1, Math.round((ctx.weeklyHours / 5) * 10) / 10);
  for (let year = firstYear; year <= lastYear; year++) {
    const y0 = Math.max(lo, dayOf(`${year}-01-01`));
    const y1 = Math.min(hi, dayOf(`${year}-12-31`));
    if (y0 > y1) continue;
    const ageThen = ctx.age - (Number(isoOf(todayDay).slice(0, 4)) - year);

    const summer = nextWorkday(dayOf(`${year}-07-01`) + rng.int(0, 20));
    cal.addWorkdays('ferie', summer, rng.int(10, 15));
    if (rng.chance(0.45)) cal.addWorkdays('ferie', mondayOf(dayOf(`${year}-10-13`)), 5);
    if (rng.chance(0.3)) cal.addWorkdays('ferie', mondayOf(dayOf(`${year}-02-10`)), 5);
    if (rng.chance(0.4)) cal.addWorkdays('ferie', nextWorkday(dayOf(`${year}-12-27`)), rng.int(2, 3));
    for (let i = rng.int(0, 3); i > 0; i--) cal.addWorkdays('ferie', randomWorkday(rng, y0, y1), rng.int(1, 3));
    for (let i = rng.int(0, 3); i > 0; i--) cal.addDay('feriefridage', randomWorkday(rng, y0, y1), rng.chance(0.15) ? dailyHours / 2 : null);

    const sickSpells = rng.weighted([0, 1, 2, 3, 4, 5, 6], [22, 24, 20, 14, 10, 6, 4]);
    for (let i = 0; i < sickSpells; i++) {
      const day = randomWorkday(rng, y0, y1);
      if (rng.chance(0.15)) cal.addDay('sygdom', day, rng.int(2, Math.max(2, Math.floor(dailyHours * 2) - 2)) / 2);
      else cal.addWorkdays('sygdom', day, rng.weighted([1, 2, 3, 4, 5], [40, 25, 15, 10, 10]));
    }
    if (ageThen >= 25 && ageThen <= 50 && rng.chance(0.35)) {
      for (let i = rng.int(1, 2); i > 0; i--) cal.addDay('barnsSygedag', randomWorkday(rng, y0, y1), null);
    }
    if (ageThen >= 25 && ageThen <= 45 && rng.chance(0.3)) {
      for (let i = rng.int(1, 2); i > 0; i--) cal.addDay('omsorgsdage', randomWorkday(rng, y0, y1), rng.chance(0.2) ? dailyHours / 2 : null);
    }
    if (ageThen >= 60) {
      for (let i = rng.int(2, 5); i > 0; i--) cal.addDay('seniordage', randomWorkday(rng, y0, y1), null);
    }
    if (rng.chance(0.05)) cal.addDay('tjenestefri', randomWorkday(rng, y0, y1), null);
  }
}

class AbsenceCalendar {
  private readonly items: Absence[] = [];
  private readonly spans: Array<[number, number]> = [];

  constructor(
    private readonly rng: Random,
    private readonly ctx: AbsenceContext,
    private readonly lo: number,
    private readonly hi: number,
    private readonly todayDay: number,
  ) {}

  addWorkdays(type: AbsenceType, from: number, workdays: number): void {
    this.add(type, from, addWorkdays(from, workdays), null, null);
  }

  addDay(type: AbsenceType, day: number, partDayHours: number | null): void {
    this.add(type, day, day, partDayHours, null);
  }

  /** Long absences running past today are cut at today, so the sample stays inside its window. */
  add(type: AbsenceType, from: number, to: number, partDayHours: number | null, refund: RefundRule | null): void {
    if (from < this.lo || from > this.hi || to < from) return;
    const last = Math.min(to, this.hi);
    // A handful of absences per year, so a linear scan is cheaper than any interval structure.
    for (const [a, b] of this.spans) if (from <= b && a <= last) return;
    this.spans.push([from, last]);
    const recent = from > this.todayDay - 14;
    const status: Absence['status'] =
      recent && this.rng.chance(0.35) ? 'requested' : type === 'ferie' && this.rng.chance(0.01) ? 'rejected' : 'approved';
    this.items.push({
      id: '',
      type,
      from: isoOf(from),
      to: isoOf(last),
      partDayHours,
      status,
      refusions: refusionsOf(refund, from, last),
    });
  }

  /** Approved ferie, oldest first: the days that draw on the holiday balances. */
  approvedFerie(): Absence[] {
    return this.items.filter((a) => a.type === 'ferie' && a.status === 'approved').sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  }

  /** Drops a registration the balances cannot cover (its days stay blocked: nothing else is booked there). */
  remove(absence: Absence): void {
    const i = this.items.indexOf(absence);
    if (i >= 0) this.items.splice(i, 1);
  }

  sorted(): Absence[] {
    this.items.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    // Ids are the employment number and a running number: unique across the municipality.
    this.items.forEach((a, i) => (a.id = `${this.ctx.employmentNumber}${String(i + 1).padStart(3, '0')}`));
    return this.items;
  }
}

// ---------------------------------------------------------------- holiday balances (feriesaldo)
//
// The rules of ferieloven (lov nr. 60 af 30. januar 2018, in force 1 September 2020, now as
// lovbekendtgørelse; retsinformation.dk), samtidighedsferie:
// - § 5, stk. 1: paid holiday is earned with 2.08 days for each month of employment in the ferieår
//   (1 September to 31 August), 25 days a year; for a month worked in part, 0.07 days for each day of
//   employment, at most 2.08. Opus shows balances with two decimals, so the sample credits a whole
//   month with 25/12 days (2.08 shown; twelve make exactly 25.00) and a part month with 0.07 a day, at
//   the end of the month, and rounds the year's sum to two decimals.
// - Ferie earned may be taken from the month after it is earned (samtidighedsferie), and until
//   31 December after the ferieår ends (ferieafholdelsesperioden, 16 months; § 6, stk. 1).
// - § 21: by agreement, holiday beyond four weeks (the fifth week, up to 5 days) may be transferred to
//   the next ferieår. Nothing is transferred into a ferieår from a year the employment did not earn in.
// The generator therefore books approved ferie only against days already earned (the oldest ferieår
// first), drops a planned holiday the balances cannot cover, and never shows a negative balance.

/** Days earned per whole month (ferieloven § 5, stk. 1: 2.08 a month, 25 a year). */
export const HOLIDAY_DAYS_PER_MONTH = 25 / 12;
/** Days earned per day of employment in a month worked in part, at most 2.08 (ferieloven § 5, stk. 1). */
const HOLIDAY_DAYS_PER_DAY = 0.07;
const HOLIDAY_DAYS_PART_MONTH_MAX = 2.08;
/** Days beyond which holiday may be transferred (ferieloven § 21: the part beyond four weeks). */
const TRANSFERABLE_BEYOND = 20;
/** At most the fifth week (5 days) may be transferred to the next ferieår (ferieloven § 21). */
export const MAX_TRANSFERRED_DAYS = 5;

const monthTables = new Map<number, Array<[number, number]>>();

/** The first and last day of each month of ferieår `year` (September to August). */
function monthsOf(year: number): Array<[number, number]> {
  let table = monthTables.get(year);
  if (!table) {
    table = [];
    for (let m = 0; m < 12; m++) {
      const first = Date.UTC(year, 8 + m, 1) / 86_400_000;
      table.push([first, Date.UTC(year, 9 + m, 1) / 86_400_000 - 1]);
    }
    monthTables.set(year, table);
  }
  return table;
}

/** Holiday days (unrounded) credited in ferieår `year` up to `untilDay`: 25/12 a whole month, 0.07 a day of a part month. */
function daysCredited(year: number, startDay: number, endDay: number, untilDay: number): number {
  let days = 0;
  for (const [first, last] of monthsOf(year)) {
    // Credited at the end of the month, or on the last day of an employment ending in it.
    if (Math.min(last, endDay) >= untilDay) break;
    const worked = Math.min(last, endDay) - Math.max(first, startDay) + 1;
    if (worked === last - first + 1) days += HOLIDAY_DAYS_PER_MONTH;
    else if (worked > 0) days += Math.min(HOLIDAY_DAYS_PART_MONTH_MAX, worked * HOLIDAY_DAYS_PER_DAY);
  }
  return days;
}

/**
 * Holiday earned in ferieår `year` (starting 1 September) by an employment from `start` to `end`, as
 * credited on `today`: 25/12 days per whole month employed, 0.07 a day for a month worked in part (at
 * most 2.08), rounded to two decimals as Opus shows it.
 */
export function holidayDaysEarned(year: number, start: IsoDate, end: IsoDate | null, today: IsoDate): number {
  return Math.round(daysCredited(year, dayOf(start), end === null ? Infinity : dayOf(end), dayOf(today)) * 100) / 100;
}

interface YearAccount {
  year: number;
  from: number;
  /** The last day the year's holiday can be taken: 31 December after the ferieår. */
  takeUntil: number;
  earnedDays: number;
  transferredDays: number;
  usedDays: number;
  /** Days promised to the next ferieår (§ 21), no longer to be taken in this one. */
  transferredOut: number;
}

function holidayBalances(rng: Random, ctx: AbsenceContext, calendar: AbsenceCalendar, todayDay: number): VacationBalance[] {
  const startDay = dayOf(ctx.start);
  const endDay = ctx.end === null ? Infinity : dayOf(ctx.end);
  const today = isoOf(todayDay);
  const currentStartYear = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  const years: YearAccount[] = [];
  for (let y = currentStartYear - 2; y <= currentStartYear; y++) {
    const from = dayOf(`${y}-09-01`);
    const to = Math.min(dayOf(`${y + 1}-08-31`), todayDay);
    if (Math.max(from, startDay) > Math.min(to, endDay)) continue;
    years.push({ year: y, from, takeUntil: dayOf(`${y + 1}-12-31`), earnedDays: holidayDaysEarned(y, ctx.start, ctx.end, today), transferredDays: 0, usedDays: 0, transferredOut: 0 });
  }
  if (years.length === 0) return [];

  // Into the first year shown, from the year before it (which Opus no longer shows): only what that year earned beyond four weeks.
  const first = years[0];
  const transferable = Math.min(MAX_TRANSFERRED_DAYS, Math.floor(Math.max(0, holidayDaysEarned(first.year - 1, ctx.start, ctx.end, today) - TRANSFERABLE_BEYOND)));
  first.transferredDays = transferable > 0 && rng.chance(0.5) ? rng.int(1, transferable) : 0;

  // Transfers into year i are agreed when it starts, out of what year i-1 has left then.
  let decided = 1;
  const decideTransfersUntil = (day: number): void => {
    for (; decided < years.length && years[decided].from <= day; decided++) {
      const prev = years[decided - 1];
      const left = prev.earnedDays + prev.transferredDays - prev.usedDays;
      const allowed = Math.min(MAX_TRANSFERRED_DAYS, Math.floor(Math.max(0, prev.earnedDays - TRANSFERABLE_BEYOND)), Math.floor(left + 1e-9));
      const t = allowed > 0 && rng.chance(0.5) ? rng.int(1, allowed) : 0;
      years[decided].transferredDays = t;
      prev.transferredOut = t;
    }
  };
  const available = (acc: YearAccount, day: number): number => {
    // Samtidighedsferie: what was credited by the end of the month before `day`'s month may be taken.
    const date = new Date(day * 86_400_000);
    const monthStart = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / 86_400_000;
    const earnedSoFar = Math.min(acc.earnedDays, Math.round(daysCredited(acc.year, startDay, endDay, monthStart) * 100) / 100);
    return earnedSoFar + acc.transferredDays - acc.usedDays - acc.transferredOut;
  };

  for (const absence of calendar.approvedFerie()) {
    const booked: YearAccount[] = [];
    let covered = true;
    for (let d = dayOf(absence.from); d <= dayOf(absence.to!); d++) {
      if (weekday(d) > 5) continue;
      decideTransfersUntil(d);
      const acc = years.find((a) => d >= a.from && d <= a.takeUntil && available(a, d) >= 1 - 1e-9);
      if (!acc) {
        covered = false;
        break;
      }
      acc.usedDays++;
      booked.push(acc);
    }
    if (!covered) {
      for (const acc of booked) acc.usedDays--;
      calendar.remove(absence);
    }
  }
  decideTransfersUntil(Infinity);
  return years.map((a) => ({
    holidayYear: `${a.year}/${String((a.year + 1) % 100).padStart(2, '0')}`,
    earnedDays: a.earnedDays,
    usedDays: a.usedDays,
    transferredDays: a.transferredDays,
  }));
}

interface RefundRule {
  type: Refusion['type'];
  /** Days of the absence the employer carries before the refund starts. */
  after: number;
  fraction: number;
}

function refusionsOf(rule: RefundRule | null, from: number, to: number): Refusion[] {
  if (rule === null || from + rule.after > to) return [];
  const start = from + rule.after;
  const amount = Math.round(((to - start + 1) / 7) * WEEKLY_BENEFIT * rule.fraction * 100) / 100;
  return [{ type: rule.type, from: isoOf(start), to: isoOf(to), amount }];
}

function mondayOf(day: number): number {
  return day - (weekday(day) - 1);
}

function randomWorkday(rng: Random, from: number, to: number): number {
  return nextWorkday(rng.int(from, to));
}
