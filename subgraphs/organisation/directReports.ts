// Employee.directReports: the persons whose nearest manager (Employee.manager, managers.ts) is this
// person on a date, worked out from the other end so no one's manager has to be computed:
//   1. the person's FK ORG users (people.ts usersOfCpr) and the units where one of them holds a Leder
//      function on the date (the hierarchy snapshot names them, `list` confirms them);
//   2. from each such unit down the tree: sub-units without a manager of their own inherit the person
//      (their staff report to them, and the walk goes on below them); a sub-unit with managers ends
//      the walk, and its sole manager reports to the person when they work in it;
//   3. who works in those units on the date: Opus list-employees by unit, as Employee.manager reads
//      the person's own units from Opus placements, so the two stay each other's inverse.
// Cost: two soeg and a few `list` calls in FK ORG (one per tree level below the led units), one Opus
// list-employees per 500 units and one read (Organisation, Persondata) per 100 employments.
import type { IsoDate } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import { loadEmployments } from '../shared/employments.js';
import { personIds } from '../../platform/personId.js';
import { functionsOf } from './functions.js';
import type { HierarchyIndex } from './hierarchyIndex.js';
import { activeUsers, cprOf, usersOfCpr } from './people.js';

/** Units per Opus list-employees call (the graph's own lookup bound). */
const UNITS_PER_LIST = 500;
const LIST_PAGE = 1000;

export async function directReportsOf(ctx: SubgraphContext, index: HierarchyIndex, cpr: string, date: IsoDate): Promise<Array<{ id: string }>> {
  const mine = new Set((await usersOfCpr(ctx, cpr)).filter((u) => isValidOn(u, date)).map((u) => u.id.toLowerCase()));
  if (mine.size === 0) return [];
  const held = (userIds: readonly string[]) => userIds.some((u) => mine.has(u.toLowerCase()));

  const candidates = index
    .unitsOn(date)
    .map((u) => u.id)
    .filter((id) => index.functionsOf(id, 'Leder', date).some((f) => held(f.userIds)));
  const fresh = await functionsOf(ctx, index, candidates, 'Leder', date);
  const led = candidates.filter((id) => (fresh.get(id) ?? []).some((f) => held(f.userIds)));
  if (led.length === 0) return [];

  // Units whose staff report to the person, and sub-units whose sole manager may.
  const staffUnits = new Set(led);
  const managedBelow = new Map<string, Set<string>>();
  let level = led.flatMap((id) => index.children(id, date)).filter((id) => !staffUnits.has(id));
  while (level.length > 0) {
    const functions = await functionsOf(ctx, index, level, 'Leder', date, { holders: true, persons: true });
    const users = new Map((await activeUsers(ctx, [...functions.values()].flat().flatMap((f) => f.userIds), date)).map((u) => [u.id.toLowerCase(), u]));
    const next: string[] = [];
    for (const unit of level) {
      const holders = (functions.get(unit) ?? []).flatMap((f) => f.userIds).filter((id) => users.has(id.toLowerCase()));
      if (holders.length > 0) {
        const cprs = await Promise.all(holders.map((id) => cprOf(ctx, users.get(id.toLowerCase())!.personId)));
        managedBelow.set(unit, new Set(cprs.filter((c): c is string => c !== null)));
      } else {
        staffUnits.add(unit);
        next.push(...index.children(unit, date));
      }
    }
    level = [...new Set(next)].filter((id) => !staffUnits.has(id) && !managedBelow.has(id));
  }

  const opusIdOf = (id: string) => index.unit(id)?.opusId;
  const unitOfOpusId = new Map([...staffUnits, ...managedBelow.keys()].flatMap((id) => (opusIdOf(id) ? [[opusIdOf(id)!, id] as const] : [])));
  const reports = new Set<string>();
  for (const p of await employmentsPlacedIn(ctx, [...unitOfOpusId.keys()], date)) {
    if (p.cpr === cpr) continue;
    const managers = managedBelow.get(unitOfOpusId.get(p.orgUnitOpusId)!);
    // A sub-unit's manager reports to the person only when no one else manages that sub-unit with them.
    if (managers && !(managers.size === 1 && managers.has(p.cpr))) continue;
    reports.add(p.cpr);
  }
  return [...reports].map((c) => personIds().fromCpr(c)).sort().map((id) => ({ id }));
}

/** Employments active on `date` placed in one of the Opus units that day: the unit and the person's CPR number. */
async function employmentsPlacedIn(ctx: SubgraphContext, opusIds: string[], date: IsoDate): Promise<Array<{ cpr: string; orgUnitOpusId: string }>> {
  const out: Array<{ cpr: string; orgUnitOpusId: string }> = [];
  for (let i = 0; i < opusIds.length; i += UNITS_PER_LIST) {
    const units = opusIds.slice(i, i + UNITS_PER_LIST);
    const numbers: string[] = [];
    for (let after: string | null = null; ; ) {
      const page = await ctx.sources.opus.listEmployments({ orgUnitOpusIds: units, activeOn: date }, after, LIST_PAGE);
      numbers.push(...page.numbers);
      if (!page.hasMore || page.numbers.length === 0) break;
      after = page.numbers.at(-1)!;
    }
    const read = await loadEmployments(ctx, numbers, ['Organisation', 'Persondata']);
    const wanted = new Set(units);
    for (const e of read) {
      const p = (e?.placements ?? []).find((x) => wanted.has(x.orgUnitOpusId) && isValidOn(x, date));
      if (p && e?.person) out.push({ cpr: e.person.cpr, orgUnitOpusId: p.orgUnitOpusId });
    }
  }
  return out;
}
