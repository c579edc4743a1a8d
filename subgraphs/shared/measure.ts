// Occupation (beskæftigelsesgrad) from Arbejdstid: the one rule behind årsværk in the absence measure
// (docs/absence.md, "The measure") and the workforce statistics (docs/statistics.md).
import type { IsoDate, WorkingTime } from '../../sources/model.js';
import { versionOn } from './dates.js';

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

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
