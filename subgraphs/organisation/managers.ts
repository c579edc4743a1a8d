// Managers with inheritance: a unit's managers on a date are the holders of its own Leder functions;
// when it has none (no function, or none held by an active user), those of the nearest unit up the
// tree that has, marked inherited. The whole walk is a few batched `list` calls: the Leder functions
// of the unit and of its ancestors up to the first one the snapshot shows with a Leder are read
// together with the users the snapshot gives them and the persons those users had when last read,
// then any holder's person not read yet; only when FK ORG's fresh answer rules those out does the
// walk go on.
import type { IsoDate, OrgFunction, OrgUser } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { functionsOf } from './functions.js';
import type { HierarchyIndex } from './hierarchyIndex.js';
import { activeUsers, toItUser } from './people.js';
import type { OrgManager } from './types/OrgManager.js';

export interface ManagerCandidate {
  fn: OrgFunction;
  user: OrgUser;
  unitId: string;
}

export interface ManagerSearch {
  /** Holders to pass over (e.g. the person whose manager is asked for); all accepted when not given. */
  accept?: (candidate: ManagerCandidate) => Promise<boolean>;
  /** Units with a Leder (by the snapshot) to read per round: 2 when the nearest may well be passed over. */
  lookahead?: number;
  /** The caller reads the managers' persons (their names, Employee links); always so with `accept`. */
  persons?: boolean;
}

/** The unit's managers on `date`, nearest first; empty when no unit up to the root has one. */
export async function nearestManagers(ctx: SubgraphContext, index: HierarchyIndex, unitId: string, date: IsoDate, search: ManagerSearch = {}): Promise<OrgManager[]> {
  if (!index.version(unitId, date)) return [];
  const chain = [unitId, ...index.ancestors(unitId, date)];
  const lookahead = search.lookahead ?? 1;
  for (let start = 0; start < chain.length; ) {
    let end = start;
    for (let withLeder = 0; end < chain.length && withLeder < lookahead; end++) {
      if (index.functionsOf(chain[end], 'Leder', date).length > 0) withLeder++;
    }
    const segment = chain.slice(start, end);
    const functions = await functionsOf(ctx, index, segment, 'Leder', date, { holders: true, persons: search.persons || search.accept !== undefined });
    const users = new Map((await activeUsers(ctx, [...functions.values()].flat().flatMap((f) => f.userIds), date)).map((u) => [u.id, u]));
    const candidates: ManagerCandidate[] = [];
    for (const unit of segment) {
      for (const fn of functions.get(unit) ?? []) {
        for (const userId of fn.userIds) {
          const user = users.get(userId);
          if (user) candidates.push({ fn, user, unitId: unit });
        }
      }
    }
    // Every candidate of the round is checked at once, so the checks' own reads batch into one call.
    const accepted = search.accept ? await Promise.all(candidates.map((c) => search.accept!(c))) : candidates.map(() => true);
    for (const unit of segment) {
      const found = candidates.filter((c, i) => c.unitId === unit && accepted[i]);
      if (found.length > 0) return found.map((c) => toManager(c, unit !== unitId, date));
    }
    start = end;
  }
  return [];
}

function toManager(c: ManagerCandidate, inherited: boolean, asOf: IsoDate): OrgManager {
  return {
    id: c.fn.id,
    title: c.fn.name,
    inherited,
    validFrom: c.fn.from,
    validTo: c.fn.to,
    unitId: c.unitId,
    user: toItUser(c.user),
    asOf,
  };
}
