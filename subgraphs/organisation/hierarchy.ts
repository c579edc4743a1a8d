// The unit tree, from FK ORG's fremsoegobjekthierarki, kept per process for a short time. Tree
// questions (children, ancestors, subtree, Opus number -> UUID) are answered from it instead of one
// soeg per level; unit details still come fresh from `list` through the request's loader.
import type { OrgUnit } from '../../sources/model.js';
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import { versionOn } from '../shared/dates.js';

const perSource = new WeakMap<OrgSource, OrgHierarchy>();

export class OrgHierarchy {
  /** One hierarchy per source client, so every request of a process shares it. */
  static for(source: OrgSource): OrgHierarchy {
    let h = perSource.get(source);
    if (!h) {
      h = new OrgHierarchy(source, Number(process.env.ORG_HIERARCHY_TTL_SECONDS ?? 300) * 1000);
      perSource.set(source, h);
    }
    return h;
  }

  private snapshot?: { at: number; units: Map<string, OrgUnit>; byOpusId: Map<string, string> };
  private loading?: Promise<void>;
  private readonly childrenByDate = new Map<string, Map<string, string[]>>();

  constructor(
    private readonly source: OrgSource,
    private readonly ttlMs: number,
  ) {}

  private async current() {
    if (!this.snapshot || Date.now() - this.snapshot.at > this.ttlMs) {
      // One refresh at a time; concurrent requests wait for the same one.
      this.loading ??= this.source
        .hierarchy()
        .then((units) => {
          this.snapshot = { at: Date.now(), units: new Map(units.map((u) => [u.id, u])), byOpusId: new Map(units.map((u) => [u.opusId, u.id])) };
          this.childrenByDate.clear();
        })
        .finally(() => (this.loading = undefined));
      await this.loading;
    }
    return this.snapshot!;
  }

  async idForOpusId(opusId: string): Promise<string | undefined> {
    return (await this.current()).byOpusId.get(opusId);
  }

  async unit(id: string): Promise<OrgUnit | undefined> {
    return (await this.current()).units.get(id);
  }

  /** All units in a stable order (by name at `date`, then id) that existed on `date`. */
  async unitsOn(date: string): Promise<OrgUnit[]> {
    const { units } = await this.current();
    return [...units.values()].filter((u) => versionOn(u.versions, date));
  }

  async childrenOf(id: string, date: string): Promise<string[]> {
    const { units } = await this.current();
    let index = this.childrenByDate.get(date);
    if (!index) {
      index = new Map();
      for (const u of units.values()) {
        const parent = versionOn(u.versions, date)?.parentId;
        if (!parent) continue;
        const siblings = index.get(parent);
        if (siblings) siblings.push(u.id);
        else index.set(parent, [u.id]);
      }
      if (this.childrenByDate.size > 16) this.childrenByDate.clear();
      this.childrenByDate.set(date, index);
    }
    return index.get(id) ?? [];
  }

  async rootIds(date: string): Promise<string[]> {
    const { units } = await this.current();
    return [...units.values()].filter((u) => { const v = versionOn(u.versions, date); return v && v.parentId === null; }).map((u) => u.id);
  }

  /** Nearest first, up to the root. */
  async ancestorsOf(id: string, date: string): Promise<string[]> {
    const { units } = await this.current();
    const chain: string[] = [];
    for (let next = versionOn(units.get(id)?.versions ?? [], date)?.parentId; next && !chain.includes(next); ) {
      chain.push(next);
      next = versionOn(units.get(next)?.versions ?? [], date)?.parentId;
    }
    return chain;
  }

  /** Breadth-first, the unit itself excluded. */
  async descendantsOf(id: string, date: string): Promise<string[]> {
    const out: string[] = [];
    const seen = new Set([id]);
    for (let level = [id]; level.length; ) {
      const next: string[] = [];
      for (const u of level) for (const c of await this.childrenOf(u, date)) if (!seen.has(c)) (seen.add(c), next.push(c), out.push(c));
      level = next;
    }
    return out;
  }
}
