// The periods absence fields are asked for (bounded as every aggregate's period: shared/period.ts).
import type { Absence, IsoDate } from '../../sources/model.js';
import { addDays, addYears } from '../../sources/days.js';
import { overlaps, today } from '../shared/dates.js';
import { badInput } from '../../platform/errors.js';
import { boundedPeriod, type BoundedPeriod } from '../shared/period.js';

/**
 * A period with optional bounds: `to` defaults to today and `from` to one year before `to` (the
 * twelve months up to and including `to`). A `from` after today needs an explicit `to`.
 */
export function defaultedPeriod(from?: IsoDate | null, to?: IsoDate | null): BoundedPeriod {
  // A plan step asks this once per employment with the same arguments: the last answer is kept.
  const day = today();
  if (last && last.from === from && last.to === to && last.day === day) return last.period;
  const period = defaulted(from, to, day);
  last = { from, to, day, period };
  return period;
}

let last: { from?: IsoDate | null; to?: IsoDate | null; day: IsoDate; period: BoundedPeriod } | undefined;

function defaulted(from: IsoDate | null | undefined, to: IsoDate | null | undefined, day: IsoDate): BoundedPeriod {
  const end = to ?? day;
  const start = from ?? addDays(addYears(end, -1), 1);
  if (!to && start > end) throw badInput(`\`from\` (${start}) is after today; give \`to\` as well for a period in the future`, { argument: 'to' });
  return boundedPeriod(start, end);
}

/** The absences overlapping the period, by start (then id): the order every absence list is in. */
export function absencesWithin<T extends Absence>(absences: readonly T[], period: BoundedPeriod): T[] {
  return absences.filter((a) => overlaps(a, period.from, period.to)).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
}
