// Calendar arithmetic on day numbers (days since 1970-01-01, UTC), which is both exact and fast:
// the generator handles millions of dates for large samples and must not depend on the local time zone.
import type { IsoDate } from '../model.js';

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

export function addDays(iso: IsoDate, days: number): IsoDate {
  return isoOf(dayOf(iso) + days);
}

/** The same day `months` later (clamped to the month's last day). */
export function addMonths(iso: IsoDate, months: number): IsoDate {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return isoOf(Date.UTC(year, month, Math.min(d, last)) / MS_PER_DAY);
}

export function firstOfMonth(iso: IsoDate): IsoDate {
  return iso.slice(0, 8) + '01';
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekday(day: number): number {
  // 1970-01-01 was a Thursday.
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Moves a weekend day forward to Monday, as absences and contracts start on working days. */
export function nextWorkday(day: number): number {
  const w = weekday(day);
  return w === 6 ? day + 2 : w === 7 ? day + 1 : day;
}

/** The last day after `start` covering `workdays` working days (Monday-Friday). */
export function addWorkdays(start: number, workdays: number): number {
  let day = start;
  let left = workdays - 1;
  while (left > 0) {
    day++;
    if (weekday(day) <= 5) left--;
  }
  return day;
}

export function yearOf(iso: IsoDate): number {
  return Number(iso.slice(0, 4));
}
