// Opus's own organisation tree (read-org-units), kept per process for a short time like the
// organisation subgraph's FK ORG hierarchy (subgraphs/shared/snapshot.ts). Absence statistics follow Opus's tree, since Opus's unit
// numbers are what employments are placed in; it is effective-dated, so a subtree is worked out per
// stretch of days on which the tree did not change.
import type { IsoDate, OpusOrgUnit } from '../../sources/model.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { addDays } from '../../sources/days.js';
import { versionOn } from '../shared/dates.js';
import { intFromEnv } from '../shared/config.js';
import { SharedSnapshot } from '../shared/snapshot.js';
import type { BoundedPeriod } from './period.js';

/** Days [from, to] on which the same units are counted. */
export interface UnitSegment {
  from: IsoDate;
  to: IsoDate;
  units: ReadonlySet<string>;
}

const perSource = new WeakMap<OpusSource, OpusOrgTree>();

export class OpusOrgTree {
  /** One tree per source client, so every request of a process shares it. */
  static for(source: OpusSource): OpusOrgTree {
    let tree = perSource.get(source);
    if (!tree) {
      tree = new OpusOrgTree(source, intFromEnv(process.env, 'OPUS_ORG_TREE_TTL_SECONDS', 300, 0, 86_400) * 1000);
      perSource.set(source, tree);
    }
    return tree;
  }

  private readonly snapshot: SharedSnapshot<OpusOrgUnit[], Map<string, OpusOrgUnit[]>>;

  constructor(source: OpusSource, ttlMs: number) {
    // Never served past the TTL: a request then waits for the new tree. A tree that came from the
    // stale-if-error cache is reported in responses as stale data and read again after 10 s.
    this.snapshot = new SharedSnapshot(() => source.readOrgUnits(), versionsById, { ttlMs, maxStaleMs: ttlMs });
  }

  /** Whether Opus has the unit at all (in any version). */
  async has(id: string): Promise<boolean> {
    return (await this.snapshot.current()).has(id);
  }

  /**
   * The units counted on each day of the period: the unit alone, or (includeSubtree) the unit and
   * every unit below it by the parent links valid on that day.
   */
  async segments(rootId: string, period: BoundedPeriod, includeSubtree: boolean): Promise<UnitSegment[]> {
    if (!includeSubtree) return [{ ...period, units: new Set([rootId]) }];
    const versions = await this.snapshot.current();
    const starts = new Set([period.from]);
    for (const list of versions.values()) {
      for (const v of list) {
        if (v.from > period.from && v.from <= period.to) starts.add(v.from);
        if (v.to !== null && v.to >= period.from && v.to < period.to) starts.add(addDays(v.to, 1));
      }
    }
    const sorted = [...starts].sort();
    return sorted.map((from, i) => ({ from, to: i + 1 < sorted.length ? addDays(sorted[i + 1], -1) : period.to, units: subtreeOn(versions, rootId, from) }));
  }
}

function versionsById(units: readonly OpusOrgUnit[]): Map<string, OpusOrgUnit[]> {
  const versions = new Map<string, OpusOrgUnit[]>();
  for (const u of units) {
    const list = versions.get(u.id);
    if (list) list.push(u);
    else versions.set(u.id, [u]);
  }
  return versions;
}

function subtreeOn(versions: Map<string, OpusOrgUnit[]>, rootId: string, day: IsoDate): Set<string> {
  const children = new Map<string, string[]>();
  for (const [id, list] of versions) {
    const parent = versionOn(list, day)?.parentId;
    if (!parent) continue;
    const siblings = children.get(parent);
    if (siblings) siblings.push(id);
    else children.set(parent, [id]);
  }
  const units = new Set([rootId]);
  for (let level = [rootId]; level.length; ) {
    const next: string[] = [];
    for (const u of level) for (const c of children.get(u) ?? []) if (!units.has(c)) (units.add(c), next.push(c));
    level = next;
  }
  return units;
}
