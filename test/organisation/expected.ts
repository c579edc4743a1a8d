// What the organisation subgraph should answer, computed straight from the sample municipality the
// FK ORG simulator serves: the tree on a date, managers with inheritance, positions and users.
import type { IsoDate, Municipality, OrgFunction, OrgUnit, OrgUser } from '../../sources/model.js';
import { isValidOn, versionOn } from '../../subgraphs/shared/dates.js';

const collator = new Intl.Collator('da');

export class ExpectedOrg {
  constructor(readonly m: Municipality) {}

  unit(id: string): OrgUnit {
    const u = this.m.org.units.find((x) => x.id === id);
    if (!u) throw new Error(`no unit ${id}`);
    return u;
  }

  nameOn(id: string, date: IsoDate): string {
    return versionOn(this.unit(id).versions, date)!.name;
  }

  unitsOn(date: IsoDate): OrgUnit[] {
    return this.m.org.units.filter((u) => versionOn(u.versions, date));
  }

  byName(ids: string[], date: IsoDate): string[] {
    return [...ids].sort((a, b) => collator.compare(this.nameOn(a, date), this.nameOn(b, date)) || a.localeCompare(b));
  }

  parentOn(id: string, date: IsoDate): string | null {
    return versionOn(this.unit(id).versions, date)?.parentId ?? null;
  }

  childrenOn(id: string, date: IsoDate): string[] {
    return this.byName(
      this.unitsOn(date)
        .filter((u) => this.parentOn(u.id, date) === id)
        .map((u) => u.id),
      date,
    );
  }

  ancestorsOn(id: string, date: IsoDate): string[] {
    const out: string[] = [];
    for (let p = this.parentOn(id, date); p; p = this.parentOn(p, date)) out.push(p);
    return out;
  }

  /** Level by level, each level by name. */
  descendantsOn(id: string, date: IsoDate, maxDepth = Infinity): string[] {
    const out: string[] = [];
    let level = [id];
    for (let depth = 1; depth <= maxDepth && level.length; depth++) {
      level = level.flatMap((u) => this.childrenOn(u, date));
      out.push(...level);
    }
    return out;
  }

  root(): OrgUnit {
    return this.m.org.units.find((u) => u.versions.every((v) => v.parentId === null))!;
  }

  user(id: string): OrgUser {
    return this.m.org.users.find((u) => u.id === id)!;
  }

  personName(userId: string): string {
    const user = this.user(userId);
    return this.m.org.persons.find((p) => p.id === user.personId)!.name;
  }

  functionsOn(unitId: string, type: OrgFunction['type'], date: IsoDate): OrgFunction[] {
    return this.m.org.functions.filter((f) => f.type === type && f.unitIds.includes(unitId) && isValidOn(f, date));
  }

  activeHolders(f: OrgFunction, date: IsoDate): OrgUser[] {
    return f.userIds.map((id) => this.user(id)).filter((u) => u && isValidOn(u, date));
  }

  /** The unit whose managers `unitId` gets on `date` (itself or the nearest ancestor with one), and their user ids. */
  managersOn(unitId: string, date: IsoDate, skipPerson?: string): { from: string; userIds: string[] } | null {
    for (const u of [unitId, ...this.ancestorsOn(unitId, date)]) {
      const userIds = this.functionsOn(u, 'Leder', date)
        .flatMap((f) => this.activeHolders(f, date))
        .filter((user) => user.personId !== skipPerson)
        .map((user) => user.id);
      if (userIds.length > 0) return { from: u, userIds };
    }
    return null;
  }
}
