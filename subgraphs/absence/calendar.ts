// The Danish working calendar the absence measures count in: Monday to Friday, except the public
// holidays (helligdage). Dates are handled as day numbers (days since 1970-01-01, UTC), which is exact
// and independent of the server's time zone.
import { dayOf, isoOf, weekday } from '../../sources/days.js';
import type { IsoDate } from '../../sources/model.js';

/** Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last year with store bededag: it was abolished as a public holiday from 2024. */
const LAST_STORE_BEDEDAG = 2023;

const holidayCache = new Map<number, Set<number>>();

/**
 * Danish public holidays (helligdage) of a year: nytårsdag, skærtorsdag, langfredag, påskedag,
 * 2. påskedag, store bededag (until 2023), Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag and
 * 2. juledag. Grundlovsdag, juleaftensdag and nytårsaftensdag are not helligdage; whether they are
 * days off depends on the agreement, so they count as workdays here.
 */
export function publicHolidays(year: number): Set<IsoDate> {
  return new Set([...holidayDays(year)].map(isoOf));
}

/** The helligdage of a year as day numbers, computed once per year. */
function holidayDays(year: number): Set<number> {
  let set = holidayCache.get(year);
  if (!set) {
    const easter = dayOf(easterSunday(year));
    const fromEaster = [-3, -2, 0, 1, 39, 49, 50];
    if (year <= LAST_STORE_BEDEDAG) fromEaster.push(26);
    set = new Set([dayOf(`${year}-01-01`), ...fromEaster.map((d) => easter + d), dayOf(`${year}-12-25`), dayOf(`${year}-12-26`)]);
    holidayCache.set(year, set);
  }
  return set;
}

export function isWorkday(day: number): boolean {
  if (weekday(day) > 5) return false;
  return !holidayDays(Number(isoOf(day).slice(0, 4))).has(day);
}

/** The workdays from `from` to `to` (both included), in order, as day numbers. */
export function workdaysBetween(from: IsoDate, to: IsoDate): number[] {
  const out: number[] = [];
  for (let d = dayOf(from), last = dayOf(to); d <= last; d++) if (isWorkday(d)) out.push(d);
  return out;
}
