// How much of a workday an absence takes, the one rule behind Absence.days and the unit statistics
// (docs/absence.md, "The measure").
import type { IsoDate, WorkingTime } from '../../sources/model.js';
import { versionOn } from '../shared/dates.js';

/** Full time in Danish municipal agreements: 37 hours a week over five workdays. */
export const FULL_TIME_WEEKLY_HOURS = 37;
export const WORKDAYS_PER_WEEK = 5;

export function workingTimeOn(workingTime: readonly WorkingTime[] | undefined, day: IsoDate): WorkingTime | undefined {
  return versionOn(workingTime ?? [], day);
}

/** Beskæftigelsesgrad: Arbejdstid's brøk (tæller/nævner); 0 without Arbejdstid on the day. */
export function occupation(w: WorkingTime | undefined): number {
  return w && w.denominator > 0 && w.numerator > 0 ? w.numerator / w.denominator : 0;
}

/**
 * The share of one workday an absence takes: a whole-day absence 1; a part-day absence its hours
 * over the employment's daily norm (ugentlig arbejdstid / 5), at most 1. Without a daily norm (no
 * Arbejdstid on the day) the full-time norm of 7.4 hours is used.
 */
export function dayShare(partDayHours: number | null, w: WorkingTime | undefined): number {
  if (partDayHours === null) return 1;
  if (!(partDayHours > 0)) return 0;
  const norm = w && w.weeklyHours > 0 ? w.weeklyHours / WORKDAYS_PER_WEEK : FULL_TIME_WEEKLY_HOURS / WORKDAYS_PER_WEEK;
  return Math.min(1, partDayHours / norm);
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
