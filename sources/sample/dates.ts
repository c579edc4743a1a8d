// The generator's own calendar steps, on the day numbers of ../days.ts.
import { isoOf, weekday } from '../days.js';
import type { IsoDate } from '../model.js';

const MS_PER_DAY = 86_400_000;

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
