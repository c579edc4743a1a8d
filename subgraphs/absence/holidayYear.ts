// The Danish ferieår. Under the Holiday Act of 2020 (samtidighedsferie) holiday is earned from
// 1 September to 31 August (2.08 days a month) and can be taken until 31 December after that, so a
// ferieår's balance is read by the year it was earned in: the one starting on 1 September on or
// before the date asked about.
import type { IsoDate, VacationBalance as VacationBalanceRecord } from '../../sources/model.js';
import { round } from '../shared/measure.js';

/** The calendar year in which the ferieår containing `date` starts. */
export function holidayYearStartingYear(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  return date.slice(5) >= '09-01' ? year : year - 1;
}

export interface VacationBalanceValue extends VacationBalanceRecord {
  from: IsoDate;
  to: IsoDate;
  takeUntil: IsoDate;
  remainingDays: number;
}

/** Opus's Ferieaar is "2025" or "2025/26" (the client checks the form): the year it starts in. */
export function startingYearOf(b: VacationBalanceRecord): number {
  return Number(b.holidayYear.slice(0, 4));
}

export function toVacationBalance(b: VacationBalanceRecord): VacationBalanceValue {
  const y = startingYearOf(b);
  return {
    ...b,
    from: `${y}-09-01`,
    to: `${y + 1}-08-31`,
    takeUntil: `${y + 1}-12-31`,
    // Opus keeps days in hundredths; the sum should not show floating-point noise.
    remainingDays: round(b.earnedDays + b.transferredDays - b.usedDays, 2),
  };
}
