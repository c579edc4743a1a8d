// `orgUnits(filter)`: checks the filter (BAD_USER_INPUT naming the criterion) and selects the units
// from the hierarchy snapshot, so listing and searching cost no FK ORG call beyond the `list` of the
// page shown.
import type { IsoDate } from '../../sources/model.js';
import { badInput } from '../../platform/errors.js';
import { foldName, type HierarchyIndex } from './hierarchyIndex.js';
import type { OrgUnitFilter } from './inputs/OrgUnitFilter.js';
import { parseUnitId } from './units.js';

const MAX_NAME = 200;
// KLE: two-digit groups as a rule, but municipalities use local and longer numbers, so only the form is checked.
const KLE = /^\d{1,4}(\.\d{1,4}){0,5}$/;

/** Whether a unit's KLE number is the one asked for or a topic under it. */
export function kleMatches(unitKle: string, wanted: string): boolean {
  return unitKle === wanted || unitKle.startsWith(`${wanted}.`);
}

interface CheckedFilter {
  name?: string;
  unitTypes?: Set<string>;
  organisation?: string;
  parent?: string;
  subtree?: string;
  kle?: string;
}

function knownUnit(index: HierarchyIndex, raw: string, argument: string): string {
  const id = parseUnitId(raw, argument);
  if (!index.has(id)) throw badInput(`FK ORG has no org unit ${id}`, { argument });
  return id;
}

export function checkFilter(filter: OrgUnitFilter | null | undefined, index: HierarchyIndex): CheckedFilter {
  const out: CheckedFilter = {};
  if (!filter) return out;
  const name = filter.name?.trim();
  if (name) {
    if (name.length > MAX_NAME) throw badInput(`\`filter.name\` may be at most ${MAX_NAME} characters`, { argument: 'filter.name' });
    out.name = foldName(name);
  }
  if (filter.unitTypes) {
    // Unit type keys are the municipality's own Enhedstype classes (BrugervendtNoegle), so any key the
    // snapshot holds is valid; one it does not hold is refused, so a misspelling is not an empty answer.
    const known = index.unitTypeKeys();
    const unknown = filter.unitTypes.filter((t) => !known.has(t));
    if (unknown.length > 0 || filter.unitTypes.length === 0) {
      throw badInput(`\`filter.unitTypes\` must list some of ${[...known].sort().join(', ')}${unknown.length ? `; got ${unknown.map((t) => JSON.stringify(t.slice(0, 40))).join(', ')}` : ''}`, {
        argument: 'filter.unitTypes',
      });
    }
    out.unitTypes = new Set(filter.unitTypes);
  }
  if (filter.organisation != null) {
    const id = filter.organisation.toLowerCase();
    if (!index.organisations.some((o) => o.id === id)) {
      throw badInput(`\`filter.organisation\` must be one of the organisations the graph serves (see \`organisations\`), got ${JSON.stringify(filter.organisation.slice(0, 40))}`, { argument: 'filter.organisation' });
    }
    out.organisation = id;
  }
  if (filter.parent != null) out.parent = knownUnit(index, filter.parent, 'filter.parent');
  if (filter.subtree != null) out.subtree = knownUnit(index, filter.subtree, 'filter.subtree');
  if (filter.kle != null) {
    const kle = filter.kle.trim();
    if (!KLE.test(kle)) throw badInput(`\`filter.kle\` must be a KLE number such as 27.24.02, got ${JSON.stringify(filter.kle.slice(0, 40))}`, { argument: 'filter.kle' });
    out.kle = kle;
  }
  return out;
}

/** The ids of the units that existed on `date` and match, by name on that date. */
export function selectUnits(index: HierarchyIndex, filter: CheckedFilter, date: IsoDate): string[] {
  // One pass over the date's units in name order, so the answer needs no sort.
  const day = index.day(date);
  const subtree = filter.subtree ? new Set(index.version(filter.subtree, date) ? [filter.subtree, ...index.descendants(filter.subtree, date)] : []) : null;
  const children = filter.parent ? new Set(index.children(filter.parent, date)) : null;
  const out: string[] = [];
  for (let i = 0; i < day.ids.length; i++) {
    const id = day.ids[i];
    if (children && !children.has(id)) continue;
    if (subtree && !subtree.has(id)) continue;
    if (filter.name && !day.foldedNames[i].includes(filter.name)) continue;
    if (filter.unitTypes && !filter.unitTypes.has(day.versions[i].unitType.key)) continue;
    if (filter.organisation && index.unit(id)!.organisationId !== filter.organisation) continue;
    if (filter.kle && !index.unit(id)!.kle.some((k) => kleMatches(k.key, filter.kle!))) continue;
    out.push(id);
  }
  return out;
}
