// Roles: OrganisationFunktion of any Funktionstype other than Leder and Stilling. Which ones from the
// hierarchy snapshot, read fresh with `list` and kept only if still in force on the date (as functions.ts
// does for Leder and Stilling).
import type { IsoDate, OrgFunction } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import { loadAll } from '../shared/loaders.js';
import type { OrgRole } from './types/OrgRole.js';

export function toRole(f: OrgFunction, asOf: IsoDate): OrgRole {
  return { id: f.id, type: f.functionType, title: f.name, validFrom: f.from, validTo: f.to, userIds: f.userIds, unitIds: f.unitIds, asOf };
}

/** The user's roles in force on `date`: the snapshot's, read fresh, still held by the user. */
export async function rolesOfUser(ctx: SubgraphContext, ids: readonly string[], userId: string, date: IsoDate): Promise<OrgRole[]> {
  const fresh = await loadAll(ctx.loaders.orgFunctions, ids);
  return fresh
    .filter((f): f is OrgFunction => !!f && f.type === 'role' && isValidOn(f, date) && f.userIds.some((u) => u.toLowerCase() === userId.toLowerCase()))
    .sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id))
    .map((f) => toRole(f, date));
}
