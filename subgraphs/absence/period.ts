// The periods absence fields are asked for. Bounded, so one field cannot ask Opus for decades of
// fravær, and checked before anything is read.
import type { Absence, IsoDate } from '../../sources/model.js';
import { addDays, addYears } from '../../sources/days.js';
import { checkOrder, overlaps, today } from '../shared/dates.js';
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
  return { from, to };
}

/**
 * A period with optional bounds: `to` defaults to today and `from` to one year before `to` (the
 * twelve months up to and including `to`). A `from` after today needs an explicit `to`.
 */
export function defaultedPeriod(from?: IsoDate | null, to?: IsoDate | null): BoundedPeriod {
  const end = to ?? today();
  const start = from ?? addDays(addYears(end, -1), 1);
  if (!to && start > end) throw badInput(`\`from\` (${start}) is after today; give \`to\` as well for a period in the future`, { argument: 'to' });
  return boundedPeriod(start, end);
}

/** The absences overlapping the period, by start (then id): the order every absence list is in. */
export function absencesWithin<T extends Absence>(absences: readonly T[], period: BoundedPeriod): T[] {
  return absences.filter((a) => overlaps(a, period.from, period.to)).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}
