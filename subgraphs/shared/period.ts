// Periods that aggregate fields (absence and workforce statistics) are asked for. Bounded, so one
// field cannot ask Opus for decades of data, and checked before anything is read.
import type { IsoDate } from '../../sources/model.js';
import { addYears } from '../../sources/days.js';
import { checkOrder } from './dates.js';
import { badInput } from '../../platform/errors.js';

export const MAX_PERIOD_YEARS = 5;

export interface BoundedPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** [from, to] with both bounds given: from not after to, at most five years long. */
export function boundedPeriod(from: IsoDate, to: IsoDate): BoundedPeriod {
  checkOrder(from, to);
  if (to >= addYears(from, MAX_PERIOD_YEARS)) throw badInput(`A period can span at most ${MAX_PERIOD_YEARS} years; ${from} to ${to} is longer`, { argument: 'to' });
  // Frozen: one period may be handed to many fields (absence/period.ts keeps the last one).
  return Object.freeze({ from, to });
}
