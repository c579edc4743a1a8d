// One fremsoegobjekthierarki snapshot, indexed for the questions the resolvers ask: the tree on a date
// (children, ancestors, descendants), which functions and interest groups relate to a unit, and which
// IT systems a user has. Everything here is answered in memory; objects a client reads in detail
// (units, functions, users, persons, addresses) still come fresh from `list` through the request's
// loaders, and the resolvers check those against what the snapshot said.
import type { InterestGroup, IsoDate, OrgFunction, Organisation, OrgUnitVersion } from '../../sources/model.js';
import type { OrgHierarchySnapshot, OrgUnitRecord } from '../../sources/fkorg/OrgSource.js';
import { isValidOn, versionOn } from '../shared/dates.js';
import { pushTo } from '../../platform/collections.js';

export interface ItSystemSummary {
  id: string;
  name: string;
  shortName: string;
}

/** The units of one date in name order; the arrays are parallel. */
export interface UnitsOnDate {
  ids: string[];
  versions: OrgUnitVersion[];
  /** Each name as a search compares it (foldName). */
  foldedNames: string[];
  /** Each id's place in `ids`. */
  rank: Map<string, number>;
  /** The tree that day: sub-units by unit id, by name; made when first asked for. */
  children?: Map<string, string[]>;
}

/** A unit name or a search term as `filter.name` compares them: lower case by Danish rules. */
export const foldName = (name: string): string => name.toLocaleLowerCase('da');

/** Danish sort order for names (æ, ø, å after z). */
export const danishCollator = new Intl.Collator('da');
const MAX_DATES = 32;

export class HierarchyIndex {
  private readonly units = new Map<string, OrgUnitRecord>();
  private readonly byOpusId = new Map<string, string>();
  private readonly functionsByUnit = new Map<string, OrgFunction[]>();
  private readonly rolesByUser = new Map<string, OrgFunction[]>();
  private readonly unitsByOrganisation = new Map<string, string[]>();
  /** The Organisation objects of the snapshot (the municipality, and e.g. its utility). */
  readonly organisations: Organisation[];
  private readonly groupsByUnit = new Map<string, InterestGroup[]>();
  private readonly groupsByUser = new Map<string, InterestGroup[]>();
  private readonly systemsByUser = new Map<string, ItSystemSummary[]>();
  private readonly days = new Map<IsoDate, UnitsOnDate>();

  constructor(snapshot: OrgHierarchySnapshot) {
    for (const u of snapshot.units) {
      this.units.set(u.id, u);
      if (u.opusId) this.byOpusId.set(u.opusId, u.id);
    }
    for (const f of snapshot.functions) {
      for (const unitId of new Set(f.unitIds)) pushTo(this.functionsByUnit, unitId.toLowerCase(), f);
      if (f.type === 'role') for (const userId of new Set(f.userIds)) pushTo(this.rolesByUser, userId.toLowerCase(), f);
    }
    this.organisations = [...(snapshot.organisations ?? [])].sort((a, b) => danishCollator.compare(a.name, b.name));
    for (const u of snapshot.units) if (u.organisationId) pushTo(this.unitsByOrganisation, u.organisationId, u.id);
    for (const g of snapshot.interestGroups) for (const unitId of new Set(g.unitIds)) pushTo(this.groupsByUnit, unitId.toLowerCase(), g);
    for (const g of snapshot.interestGroups) for (const userId of new Set(g.userIds)) pushTo(this.groupsByUser, userId.toLowerCase(), g);
    for (const s of snapshot.itSystems) {
      const summary = { id: s.id, name: s.name, shortName: s.shortName };
      for (const userId of new Set(s.userIds)) pushTo(this.systemsByUser, userId.toLowerCase(), summary);
    }
    for (const list of this.systemsByUser.values()) list.sort((a, b) => danishCollator.compare(a.name, b.name));
  }

  get size(): number {
    return this.units.size;
  }

  has(id: string): boolean {
    return this.units.has(id);
  }

  unit(id: string): OrgUnitRecord | undefined {
    return this.units.get(id);
  }

  idForOpusId(opusId: string): string | undefined {
    return this.byOpusId.get(opusId);
  }

  version(id: string, date: IsoDate): OrgUnitVersion | undefined {
    const u = this.units.get(id);
    return u ? versionOn(u.versions, date) : undefined;
  }

  /** Every unit type key (Enhedstype BrugervendtNoegle) any version of any unit has. */
  unitTypeKeys(): Set<string> {
    this.typeKeys ??= new Set([...this.units.values()].flatMap((u) => u.versions.map((v) => v.unitType.key)));
    return this.typeKeys;
  }

  private typeKeys?: Set<string>;

  /** Units that existed on `date`, by name on that date. */
  unitsOn(date: IsoDate): OrgUnitRecord[] {
    return this.day(date).ids.map((id) => this.units.get(id)!);
  }

  /** Orders unit ids by their name on `date`, then id (units gone by then last, by id). */
  sortByName(ids: string[], date: IsoDate): string[] {
    const { rank } = this.day(date);
    return ids.sort((a, b) => {
      const ra = rank.get(a);
      const rb = rank.get(b);
      if (ra === undefined || rb === undefined) return ra === rb ? a.localeCompare(b) : ra === undefined ? 1 : -1;
      return ra - rb;
    });
  }

  /**
   * The units that existed on `date`, in name order (Danish collation, then id), with what a search
   * compares. Worked out once per date, so listing, searching and sorting a page are array work.
   */
  day(date: IsoDate): UnitsOnDate {
    let day = this.days.get(date);
    if (!day) {
      const named: Array<{ id: string; version: OrgUnitVersion }> = [];
      for (const u of this.units.values()) {
        const version = versionOn(u.versions, date);
        if (version) named.push({ id: u.id, version });
      }
      named.sort((a, b) => danishCollator.compare(a.version.name, b.version.name) || a.id.localeCompare(b.id));
      day = {
        ids: named.map((n) => n.id),
        versions: named.map((n) => n.version),
        foldedNames: named.map((n) => foldName(n.version.name)),
        rank: new Map(named.map((n, i) => [n.id, i])),
      };
      if (this.days.size >= MAX_DATES) this.days.delete(this.days.keys().next().value!);
      this.days.set(date, day);
    }
    return day;
  }

  private treeOn(date: IsoDate): Map<string, string[]> {
    const day = this.day(date);
    if (!day.children) {
      const children = new Map<string, string[]>();
      // In name order, so each unit's sub-units come out sorted.
      for (let i = 0; i < day.ids.length; i++) {
        const parentId = day.versions[i].parentId;
        // A parent that did not exist on the date (inconsistent data) is no parent that day.
        if (parentId && day.rank.has(parentId)) pushTo(children, parentId, day.ids[i]);
      }
      day.children = children;
    }
    return day.children;
  }

  /** Direct sub-units on `date`, by name. */
  children(id: string, date: IsoDate): string[] {
    return this.treeOn(date).get(id) ?? [];
  }

  /** The parent, its parent and so on up to the root, nearest first; empty when the unit did not exist. */
  ancestors(id: string, date: IsoDate): string[] {
    const chain: string[] = [];
    const seen = new Set([id]);
    for (let next = this.version(id, date)?.parentId; next && !seen.has(next) && this.version(next, date); next = this.version(next, date)?.parentId) {
      chain.push(next);
      seen.add(next);
    }
    return chain;
  }

  /**
   * Every unit below `id` on `date`, breadth first (level by level, each level by name), the unit
   * itself excluded; `maxDepth` 1 gives the children only.
   */
  descendants(id: string, date: IsoDate, maxDepth = Number.POSITIVE_INFINITY): string[] {
    const out: string[] = [];
    const seen = new Set([id]);
    let level = [id];
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      const next: string[] = [];
      for (const parent of level) {
        for (const child of this.children(parent, date)) {
          if (seen.has(child)) continue;
          seen.add(child);
          next.push(child);
        }
      }
      out.push(...next);
      level = next;
    }
    return out;
  }

  /** The functions of a type related to the unit that were in force on `date`, by the snapshot. */
  functionsOf(unitId: string, type: OrgFunction['type'], date: IsoDate): OrgFunction[] {
    return (this.functionsByUnit.get(unitId) ?? []).filter((f) => f.type === type && isValidOn(f, date));
  }

  /** The role functions a user holds on `date`, by the snapshot. */
  rolesOfUser(userId: string, date: IsoDate): OrgFunction[] {
    return (this.rolesByUser.get(userId.toLowerCase()) ?? []).filter((f) => isValidOn(f, date));
  }

  /** The organisation's units that existed on `date` and whose parent (if any) did not belong to it: its top units. */
  rootsOf(organisationId: string, date: IsoDate): string[] {
    const own = new Set(this.unitsByOrganisation.get(organisationId) ?? []);
    const roots = [...own].filter((id) => {
      const v = this.version(id, date);
      return v !== undefined && (!v.parentId || !own.has(v.parentId) || !this.version(v.parentId, date));
    });
    return this.sortByName(roots, date);
  }

  /** Interest groups related to the unit on `date`, by the snapshot. */
  interestGroupsOf(unitId: string, date: IsoDate): InterestGroup[] {
    return (this.groupsByUnit.get(unitId) ?? []).filter((g) => isValidOn(g, date));
  }

  /** The interest groups the user is a member of (TilknyttedeBrugere) on the date, as the snapshot has them. */
  interestGroupsOfUser(userId: string, date: IsoDate): InterestGroup[] {
    return (this.groupsByUser.get(userId.toLowerCase()) ?? []).filter((g) => isValidOn(g, date));
  }

  itSystemsOf(userId: string): ItSystemSummary[] {
    return this.systemsByUser.get(userId.toLowerCase()) ?? [];
  }
}
