// Calendar arithmetic on day numbers (days since 1970-01-01, UTC): exact, fast and independent of the
// server's time zone. The generator handles millions of dates; the subgraphs count workdays.
import type { IsoDate } from './model.js';

const MS_PER_DAY = 86_400_000;

export function dayOf(iso: IsoDate): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
}

// Nearly all dates fall in a few decades, so formatted strings are cached by day number.
const CACHE_BASE = dayOf('1930-01-01');
const cache: string[] = [];

export function isoOf(day: number): IsoDate {
  const i = day - CACHE_BASE;
  if (i >= 0 && i < 60_000) return (cache[i] ??= new Date(day * MS_PER_DAY).toISOString().slice(0, 10));
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The date `days` later (earlier when negative). */
export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoOf(dayOf(iso) + days);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(iso: IsoDate, years: number): IsoDate {
  const y = Number(iso.slice(0, 4)) + years;
  const md = iso.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Whole years from `from` to `to`: an age on a day, or years of service. */
export function wholeYears(from: IsoDate, to: IsoDate): number {
  const years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? years - 1 : years;
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
