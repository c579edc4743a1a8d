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
import { firstIndexNot, pushTo } from '../../platform/collections.js';

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
  readonly snapshot: BackgroundSnapshot<OpusOrgUnit[], OpusTreeIndex>;

  constructor(source: OpusSource, options: BackgroundSnapshotOptions<OpusOrgUnit[]>) {
    this.snapshot = new BackgroundSnapshot(() => source.readOrgUnits(), (units) => new OpusTreeIndex(units), options);
  }

  /** Whether Opus has the unit at all (in any version). */
  async has(id: string): Promise<boolean> {
    return (await this.snapshot.current()).versions.has(id);
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
    const { versions } = await this.snapshot.current();
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
    const index = await this.snapshot.current();
    const starts = [period.from, ...index.changesWithin(period)];
    return starts.map((from, i) => ({ from, to: i + 1 < starts.length ? addDays(starts[i + 1], -1) : period.to, units: index.subtreeOn(rootId, from) }));
  }
}

/** The subgraph's background work (BackgroundStarter): the tree for its Opus client. */
export function startOpusOrgTree(sources: { opus: OpusSource }, _config: unknown, env: Record<string, string | undefined>, logger?: Logger) {
  return OpusOrgTree.start(sources.opus, opusOrgTreeOptions(env, logger)).snapshot;
}

/** Bounds the trees kept per snapshot: one per stretch of days a request looked at. */
const MAX_TREES = 64;

/**
 * One read of Opus's tree, with what every statistics request asks of it worked out once: the days
 * on which the tree changes, and the sub-units of each unit in each stretch between two changes.
 */
export class OpusTreeIndex {
  readonly versions = new Map<string, OpusOrgUnit[]>();
  /** Every day a version begins, or the day after one ends, ascending: the tree is the same between two. */
  private readonly changes: IsoDate[];
  /** Sub-units by unit, per stretch (keyed by the change it began with; '' before the first). */
  private readonly trees = new Map<IsoDate, Map<string, string[]>>();

  constructor(units: readonly OpusOrgUnit[]) {
    const changes = new Set<IsoDate>();
    for (const u of units) {
      pushTo(this.versions, u.id, u);
      changes.add(u.from);
      if (u.to !== null) changes.add(addDays(u.to, 1));
    }
    this.changes = [...changes].sort();
  }

  /** The days within the period, after its first, on which the tree changes. */
  changesWithin(period: BoundedPeriod): IsoDate[] {
    return this.changes.slice(this.firstAfter(period.from), this.firstAfter(period.to));
  }

  /** The unit and every unit below it by the parent links valid on `day`. */
  subtreeOn(rootId: string, day: IsoDate): Set<string> {
    const children = this.childrenOn(day);
    const units = new Set([rootId]);
    for (let level = [rootId]; level.length; ) {
      const next: string[] = [];
      for (const u of level) for (const c of children.get(u) ?? []) if (!units.has(c)) (units.add(c), next.push(c));
      level = next;
    }
    return units;
  }

  private childrenOn(day: IsoDate): Map<string, string[]> {
    const after = this.firstAfter(day);
    const stretch = after === 0 ? '' : this.changes[after - 1];
    let children = this.trees.get(stretch);
    if (!children) {
      children = new Map();
      for (const [id, list] of this.versions) {
        const parent = versionOn(list, day)?.parentId;
        if (parent) pushTo(children, parent, id);
      }
      if (this.trees.size >= MAX_TREES) this.trees.delete(this.trees.keys().next().value!);
      this.trees.set(stretch, children);
    }
    return children;
  }

  /** Index of the first change after `day`. */
  private firstAfter(day: IsoDate): number {
    return firstIndexNot(this.changes, (c) => c <= day);
  }
}
