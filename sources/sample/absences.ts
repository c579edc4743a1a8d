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
const DAYS_PER_HOLIDAY_YEAR = 25;

export function generateAbsences(rng: Random, ctx: AbsenceContext): { absences: Absence[]; vacationBalances: VacationBalance[] } {
  const todayDay = dayOf(ctx.today);
  const lo = Math.max(dayOf(ctx.start), todayDay - ABSENCE_WINDOW_DAYS);
  const hi = Math.min(ctx.end === null ? todayDay : dayOf(ctx.end), todayDay);
  const calendar = new AbsenceCalendar(rng, ctx, lo, hi, todayDay);
  if (lo <= hi) fill(rng, calendar, ctx, lo, hi, todayDay);
  const absences = calendar.sorted();
  return { absences, vacationBalances: vacationBalances(rng, ctx, absences, todayDay) };
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

  sorted(): Absence[] {
    this.items.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    // Ids are the employment number and a running number: unique across the municipality.
    this.items.forEach((a, i) => (a.id = `${this.ctx.employmentNumber}${String(i + 1).padStart(3, '0')}`));
    return this.items;
  }
}

function vacationBalances(rng: Random, ctx: AbsenceContext, absences: Absence[], todayDay: number): VacationBalance[] {
  const startDay = dayOf(ctx.start);
  const endDay = ctx.end === null ? Infinity : dayOf(ctx.end);
  const today = isoOf(todayDay);
  const currentStartYear = Number(today.slice(0, 4)) - (today.slice(5) < '09-01' ? 1 : 0);
  const balances: VacationBalance[] = [];
  let carry = 0;
  for (let y = currentStartYear - 2; y <= currentStartYear; y++) {
    const from = dayOf(`${y}-09-01`);
    const to = Math.min(dayOf(`${y + 1}-08-31`), todayDay);
    const a = Math.max(from, startDay);
    const b = Math.min(to, endDay);
    if (a > b) continue;
    // Ferie is earned month by month (2.08 days) under the concurrent holiday scheme.
    const earnedDays = Math.min(DAYS_PER_HOLIDAY_YEAR, Math.round(((b - a + 1) / 30.4375) * 2.08 * 100) / 100);
    let usedDays = 0;
    for (const abs of absences) {
      if (abs.type !== 'ferie' || abs.status !== 'approved') continue;
      const f = dayOf(abs.from);
      if (f < from || f > to) continue;
      usedDays += countWorkdays(f, dayOf(abs.to!));
    }
    const transferredDays = y === currentStartYear - 2 ? rng.int(0, 2) : carry;
    const left = earnedDays + transferredDays - usedDays;
    // Up to five unused days may be transferred to the next holiday year by agreement.
    carry = left > 0 && rng.chance(0.5) ? Math.min(5, Math.floor(left)) : 0;
    balances.push({ holidayYear: `${y}/${String((y + 1) % 100).padStart(2, '0')}`, earnedDays, usedDays, transferredDays });
  }
  return balances;
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

function countWorkdays(from: number, to: number): number {
  let n = 0;
  for (let d = from; d <= to; d++) if (weekday(d) <= 5) n++;
  return n;
}

function mondayOf(day: number): number {
  return day - (weekday(day) - 1);
}

function randomWorkday(rng: Random, from: number, to: number): number {
  return nextWorkday(rng.int(from, to));
}
