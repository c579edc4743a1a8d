// What every OrgUnit field receives as its parent, and how units are read: details fresh from FK ORG
// `list` through the request's loader (one call per 100 units of a plan step), the date carried along
// so that parent, children and everything else answer for the same day.
import type { IsoDate, OrgUnitVersion } from '../../sources/model.js';
import type { OrgUnitCore, OrgUnitRecord } from '../../sources/fkorg/OrgSource.js';
import type { SubgraphContext } from '../shared/context.js';
import { versionOn } from '../shared/dates.js';
import { badInput } from '../../platform/errors.js';
import { OrgHierarchy } from './hierarchy.js';
import { loadAll, preload } from '../shared/loaders.js';

export interface OrgUnitParent {
  id: string;
  opusId: string;
  /** As FK ORG `list` answered; with its Adresser and Opgaver only when the operation asks for them (withRelations). */
  unit: OrgUnitCore;
  /** The date the unit was reached with: the query's `asOf`, or today for references from other subgraphs. */
  asOf: IsoDate;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An FK ORG UUID from a client, lower case; BAD_USER_INPUT naming `argument` otherwise. */
export function parseUnitId(id: string, argument = 'id'): string {
  if (!UUID.test(id)) throw badInput(`"${id.slice(0, 40)}" is not an FK ORG UUID`, { argument });
  return id.toLowerCase();
}

export const toParent = (unit: OrgUnitCore, asOf: IsoDate): OrgUnitParent => ({ id: unit.id, opusId: unit.opusId, unit, asOf });

/**
 * The unit with its Adresser and Opgaver relations. They were read with it when the operation selects
 * a field of theirs (loaders.ts, orgUnits), so this reads again only for a unit that came without.
 */
export async function withRelations(ctx: SubgraphContext, p: OrgUnitParent): Promise<OrgUnitRecord | null> {
  return 'addressRefs' in p.unit ? (p.unit as OrgUnitRecord) : ctx.loaders.orgUnitRelations.load(p.id);
}

/** The date a field answers for: its own `asOf` argument, else the date the unit was reached with. */
export const dateOf = (p: OrgUnitParent, asOf?: IsoDate | null): IsoDate => asOf ?? p.asOf;

export function versionOf(p: OrgUnitParent, asOf?: IsoDate | null): OrgUnitVersion | undefined {
  return versionOn(p.unit.versions, dateOf(p, asOf));
}

/** The units, in the order given, that FK ORG knows and that existed on `asOf`. */
export async function loadUnits(ctx: SubgraphContext, ids: readonly string[], asOf: IsoDate): Promise<OrgUnitParent[]> {
  const units = await loadAll(ctx.loaders.orgUnits, ids);
  return units.filter((u): u is OrgUnitCore => u !== null && versionOn(u.versions, asOf) !== undefined).map((u) => toParent(u, asOf));
}

/**
 * For a query that selects `parent`: starts reading the parents the snapshot gives the units on
 * `asOf`; load the units right after it returns, so that both go in the same `list` call. The parent
 * field then finds them read: one round trip to FK ORG instead of two. It still goes by each unit's
 * fresh record, and reads a parent the snapshot did not name when it needs it. The snapshot is only
 * a guess here (peek): without one nothing is read ahead, and an old one marks no answer stale.
 */
export function prefetchParents(ctx: SubgraphContext, ids: readonly string[], asOf: IsoDate): void {
  const index = OrgHierarchy.for(ctx.sources.org)?.peek();
  if (!index) return;
  preload(ctx.loaders.orgUnits, ids.flatMap((id) => index.version(id, asOf)?.parentId ?? []));
}
