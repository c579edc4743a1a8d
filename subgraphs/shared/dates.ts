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

/**
 * versionOn for days asked in ascending order, as a walk over a period does: the answer is looked up
 * again only on a day where some version starts or has ended, since between those days it cannot
 * change. The same answers as versionOn on every day.
 */
export class VersionWalk<T extends Period> {
  private current: T | undefined;
  /** The answer holds while the day is at most `until` and before `before`. */
  private until: IsoDate | null = null;
  private before: IsoDate | null = null;
  private looked = false;

  constructor(private readonly versions: readonly T[]) {}

  on(day: IsoDate): T | undefined {
    if (this.looked && (this.until === null || day <= this.until) && (this.before === null || day < this.before)) return this.current;
    this.looked = true;
    this.current = versionOn(this.versions, day);
    this.until = null;
    this.before = null;
    for (const v of this.versions) {
      // A version valid today stops after its `to`; one starting later begins at its `from`.
      if (v.to !== null && v.to >= day && (this.until === null || v.to < this.until)) this.until = v.to;
      if (v.from > day && (this.before === null || v.from < this.before)) this.before = v.from;
    }
    return this.current;
  }
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
