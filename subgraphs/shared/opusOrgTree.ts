// Opus's own organisation tree (read-org-units), kept per process and refreshed in the background like
// the organisation subgraph's FK ORG hierarchy (backgroundSnapshot.ts). Absence and workforce
// statistics follow Opus's tree, since Opus's unit numbers are what employments are placed in; it is
// effective-dated, so a subtree is worked out per stretch of days on which the tree did not change.
import type { IsoDate, OpusOrgUnit } from '../../sources/model.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { addDays } from '../../sources/days.js';
import { versionOn } from './dates.js';
import { intFromEnv } from '../../platform/env.js';
import { notFound } from '../../platform/errors.js';
import { BackgroundSnapshot, type BackgroundSnapshotOptions } from './backgroundSnapshot.js';
import { createLogger, type Logger } from '../../platform/logging.js';
import { SOURCE_NAME as OPUS_NAME } from '../../sources/opus/errors.js';
import type { BoundedPeriod } from './period.js';
import { pushTo } from '../../platform/collections.js';

/** Days [from, to] on which the same units are counted. */
export interface UnitSegment {
  from: IsoDate;
  to: IsoDate;
  units: ReadonlySet<string>;
}

const perSource = new WeakMap<OpusSource, OpusOrgTree>();

export function opusOrgTreeOptions(env: Record<string, string | undefined>, log: Logger = createLogger({ name: 'absence' })): BackgroundSnapshotOptions<OpusOrgUnit[]> {
  return {
    name: 'opus-org-tree',
    source: OPUS_NAME,
    what: `The organisation tree from ${OPUS_NAME}`,
    ttlMs: intFromEnv(env, 'OPUS_ORG_TREE_TTL_SECONDS', 300, 1, 86_400) * 1000,
    // One call (guarded: retries and breaker); loads that fail are tried again after 1 to 60 s.
    loadTimeoutMs: 60_000,
    retry: { baseDelayMs: 1000, maxDelayMs: 60_000 },
    log,
  };
}

export class OpusOrgTree {
  /** Started with the subgraph (subgraphs/index.ts): one per source client, shared by every request. */
  static start(source: OpusSource, options: BackgroundSnapshotOptions<OpusOrgUnit[]>): OpusOrgTree {
    let tree = perSource.get(source);
    if (!tree) {
      tree = new OpusOrgTree(source, options);
      tree.snapshot.start();
      perSource.set(source, tree);
    }
    return tree;
  }

  /** The tree started for `source`; a request never starts one. */
  static for(source: OpusSource): OpusOrgTree {
    const tree = perSource.get(source);
    if (!tree) throw new Error('the Opus org tree was not started with the subgraph');
    return tree;
  }

  /**
   * Loaded in the background like the FK ORG hierarchy, but not persisted: it is one Opus call. A
   * tree that came from the stale-if-error cache counts as old as that copy and is read again soon.
   */
  readonly snapshot: BackgroundSnapshot<OpusOrgUnit[], Map<string, OpusOrgUnit[]>>;

  constructor(source: OpusSource, options: BackgroundSnapshotOptions<OpusOrgUnit[]>) {
    this.snapshot = new BackgroundSnapshot(() => source.readOrgUnits(), versionsById, options);
  }

  /** Whether Opus has the unit at all (in any version). */
  async has(id: string): Promise<boolean> {
    return (await this.snapshot.current()).has(id);
  }

  /** NOT_FOUND unless Opus has a unit `id`. */
  async mustHave(id: string): Promise<void> {
    if (!(await this.has(id))) throw notFound('Opus org unit', id);
  }

  /**
   * Every unit Opus has with its parent on `day`; a unit closed by then with its parent when it was
   * last valid, so staff placed in it earlier still have a place in the tree.
   */
  async treeOn(day: IsoDate): Promise<Array<{ id: string; parent: string | null }>> {
    const versions = await this.snapshot.current();
    return [...versions].map(([id, list]) => {
      const version = versionOn(list, day) ?? list.reduce((last, v) => (v.from > last.from ? v : last));
      return { id, parent: version.parentId };
    });
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

/** The subgraph's background work (BackgroundStarter): the tree for its Opus client. */
export function startOpusOrgTree(sources: { opus: OpusSource }, _config: unknown, env: Record<string, string | undefined>, logger?: Logger) {
  return OpusOrgTree.start(sources.opus, opusOrgTreeOptions(env, logger)).snapshot;
}

function versionsById(units: readonly OpusOrgUnit[]): Map<string, OpusOrgUnit[]> {
  const versions = new Map<string, OpusOrgUnit[]>();
  for (const u of units) {
    pushTo(versions, u.id, u);
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
