// The filter of the `employees` and `employments` lists: exactly what Opus list-employees can apply
// itself, so a page never needs to read more employments than it shows.
import type { IsoDate } from '../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../sources/opus/OpusSource.js';
import { isValidOn, today } from '../shared/dates.js';
import { checkLookupSize, parseOpusNumber } from '../shared/arguments.js';
import type { SubgraphContext } from '../shared/context.js';
import { parseRegisteredAt } from '../shared/coverage.js';
import { badInput } from '../../platform/errors.js';
import type { EmploymentFilter } from './inputs/EmploymentFilter.js';
import { contractCovers } from './parents.js';

export interface ListFilter {
  orgUnitOpusIds?: string[];
  activeOn: IsoDate;
  registeredAt?: string;
}

export function parseFilter(ctx: Pick<SubgraphContext, 'sources'>, filter: EmploymentFilter | null | undefined): ListFilter {
  for (const field of ['name', 'userName', 'email'] as const) {
    if (filter?.[field] != null) throw badInput(`\`filter.${field}\` searches persons: use it on \`employees\``, { argument: `filter.${field}` });
  }
  const activeOn = filter?.activeOn ?? today();
  const registeredAt = parseRegisteredAt(ctx, filter?.registeredAt, 'filter.registeredAt');
  const units = filter?.orgUnitOpusIds;
  if (units === null || units === undefined) return { activeOn, registeredAt };
  checkLookupSize(units, 'filter.orgUnitOpusIds');
  units.forEach((u, i) => parseOpusNumber(u, `filter.orgUnitOpusIds[${i}]`, 'an Opus org unit number'));
  return { activeOn, registeredAt, orgUnitOpusIds: [...new Set(units)] };
}

/** What `listedUnder` reads. */
export const FILTER_AREAS: readonly OpusArea[] = ['Kontraktindhold', 'Organisation'];

/**
 * Whether list-employees lists the employment under the filter: its contract covers `activeOn` and,
 * with units, a placement valid on `activeOn` is in one of them. Used only for employments before a
 * page's cursor, which Opus cannot be asked about again (see personPages.ts).
 */
export function listedUnder(e: EmploymentAreas, filter: ListFilter): boolean {
  if (!contractCovers(e, filter.activeOn)) return false;
  if (!filter.orgUnitOpusIds) return true;
  const units = new Set(filter.orgUnitOpusIds);
  return (e.placements ?? []).some((p) => units.has(p.orgUnitOpusId) && isValidOn(p, filter.activeOn));
}
