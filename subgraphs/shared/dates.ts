// Effective dating: every entity answers "as of" a date (default today) and exposes its validity.
import type { IsoDate, Period } from '../../sources/model.js';
import { badInput } from '../../platform/errors.js';

import { today } from '../../platform/today.js';

export { today };

export function isValidOn(period: Period, date: IsoDate): boolean {
  return period.from <= date && (period.to === null || date <= period.to);
}

export function overlaps(period: Period, from: IsoDate, to: IsoDate | null): boolean {
  return (to === null || period.from <= to) && (period.to === null || from <= period.to);
}

/** The version valid on `date`, or undefined when the thing did not exist then. */
export function versionOn<T extends Period>(versions: readonly T[], date: IsoDate): T | undefined {
  return versions.find((v) => isValidOn(v, date));
}

export function validOn<T extends Period>(items: readonly T[], date: IsoDate): T[] {
  return items.filter((v) => isValidOn(v, date));
}

/** Refuses an interval whose `from` is after its `to` (either may be left out) with BAD_USER_INPUT. */
export function checkOrder(from?: IsoDate | null, to?: IsoDate | null): void {
  if (from && to && from > to) throw badInput(`\`from\` (${from}) is after \`to\` (${to})`, { argument: 'from' });
}

/**
 * The items whose period (`periodOf`, the item itself by default) overlaps [from, to], either bound
 * open when left out; refused when `from` is after `to`.
 */
export function history<T>(items: readonly T[], from?: IsoDate | null, to?: IsoDate | null, periodOf: (item: T) => Period = (item) => item as Period): T[] {
  checkOrder(from, to);
  return items.filter((i) => overlaps(periodOf(i), from ?? '0000-01-01', to ?? null));
}

/**
 * The one rule for effective-dated lists: with `from`/`to`, the history overlapping that interval
 * (either bound may be open); otherwise what is valid on `asOf` (default today).
 */
export function effective<T extends Period>(items: readonly T[], args: { asOf?: IsoDate | null; from?: IsoDate | null; to?: IsoDate | null }): T[] {
  if (args.from || args.to) return history(items, args.from, args.to);
  return validOn(items, args.asOf ?? today());
}
