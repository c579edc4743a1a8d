// A unit's functions (Leder, Stilling): which ones the hierarchy snapshot relates to the unit, read
// fresh with `list` and kept only if they still relate to it and are in force on the date, so a
// function ended or moved since the snapshot is not shown.
import type { IsoDate, OrgFunction, Period } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import type { HierarchyIndex } from './hierarchyIndex.js';
import { loadAll, preload } from '../shared/loaders.js';
import { lastKnownPersons, rememberPersons } from './holderPersons.js';

/** Whether an object read fresh is in force on `date` and still relates to the unit (ids compared in lower case). */
export function relatesOn(item: Period & { unitIds: readonly string[] }, unitId: string, date: IsoDate): boolean {
  return isValidOn(item, date) && item.unitIds.some((u) => u.toLowerCase() === unitId);
}

/**
 * `holders`: the caller reads the functions' users next. The users the snapshot names are then read
 * in the same round trip as the functions (the two loaders dispatch together), so the caller finds
 * them loaded; a holder the fresh function names and the snapshot did not is read when asked for.
 * `persons`: the caller reads the holders' persons after that; those the users had when last read
 * (holderPersons.ts) are read in the same round trip too.
 */
export async function functionsOf(
  ctx: SubgraphContext,
  index: HierarchyIndex,
  unitIds: readonly string[],
  type: OrgFunction['type'],
  date: IsoDate,
  options: { holders?: boolean; persons?: boolean } = {},
): Promise<Map<string, OrgFunction[]>> {
  const snapshot = unitIds.map((u) => [u, index.functionsOf(u, type, date)] as const);
  const wanted = new Map(snapshot.map(([u, functions]) => [u, functions.map((f) => f.id)]));
  if (options.holders) {
    const holders = snapshot.flatMap(([, functions]) => functions.flatMap((f) => f.userIds));
    preload(ctx.loaders.orgUsers, holders);
    if (options.persons) {
      preload(ctx.loaders.orgPersons, lastKnownPersons(index, holders));
      // The same loads, from the loader's cache: what the users say now is the next request's guess.
      loadAll(ctx.loaders.orgUsers, holders).then((users) => rememberPersons(index, users), () => undefined);
    }
  }
  const fresh = await loadAll(ctx.loaders.orgFunctions, [...new Set([...wanted.values()].flat())]);
  const byId = new Map<string, OrgFunction>();
  for (const f of fresh) if (f) byId.set(f.id, f);
  const out = new Map<string, OrgFunction[]>();
  for (const [unitId, ids] of wanted) {
    const found = ids
      .map((id) => byId.get(id))
      .filter((f): f is OrgFunction => f !== undefined && f.type === type && relatesOn(f, unitId, date))
      .sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
    out.set(unitId, found);
  }
  return out;
}
