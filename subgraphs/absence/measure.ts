// How much of a workday an absence takes, the one rule behind Absence.days and the unit statistics
// (docs/absence.md, "The measure"); occupation itself is shared with the workforce statistics.
import type { WorkingTime } from '../../sources/model.js';
import { FULL_TIME_WEEKLY_HOURS, WORKDAYS_PER_WEEK } from '../shared/measure.js';

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
