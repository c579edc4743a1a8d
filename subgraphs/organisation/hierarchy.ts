// The organisation from FK ORG's fremsoegobjekthierarki, kept per process: a walk through it costs
// one call per 500 objects of its largest collection, far too much per request, and FK ORG changes
// slowly (it is synchronised from Opus, usually nightly). A snapshot is fresh for
// ORG_HIERARCHY_TTL_SECONDS; after that it is still used while a new one loads in the background, up
// to ORG_HIERARCHY_MAX_STALE_SECONDS, after which requests wait for the new one (and fail with the
// source's error if it cannot be read). Each request sees one snapshot throughout.
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import type { SubgraphContext } from '../shared/context.js';
import { intFromEnv } from '../shared/config.js';
import { createLogger } from '../shared/logging.js';
import { noteStaleData, type StaleData } from '../shared/resilience/requestScope.js';
import { staleDataOf } from '../shared/resilience/StaleCache.js';
import { HierarchyIndex } from './hierarchyIndex.js';

/** A snapshot served from the stale-if-error cache is tried again this soon, not kept for the whole TTL. */
const STALE_RETRY_MS = 10_000;

export interface HierarchyOptions {
  ttlMs: number;
  maxStaleMs: number;
  now?: () => number;
  /** Told when a background refresh fails (the stale snapshot stays in use). */
  onRefreshError?: (error: unknown) => void;
}

export function hierarchyOptionsFromEnv(env: Record<string, string | undefined> = process.env): HierarchyOptions {
  const ttl = intFromEnv(env, 'ORG_HIERARCHY_TTL_SECONDS', 300, 0, 86_400);
  const maxStale = intFromEnv(env, 'ORG_HIERARCHY_MAX_STALE_SECONDS', Math.max(3600, ttl), ttl, 7 * 86_400);
  return { ttlMs: ttl * 1000, maxStaleMs: maxStale * 1000 };
}

const perSource = new WeakMap<OrgSource, OrgHierarchy>();
const perRequest = new WeakMap<object, Promise<HierarchyIndex>>();

export class OrgHierarchy {
  /** One hierarchy per source client, so every request of a process shares it. */
  static for(source: OrgSource): OrgHierarchy {
    let h = perSource.get(source);
    if (!h) {
      const logger = createLogger({ name: 'organisation' });
      h = new OrgHierarchy(source, {
        ...hierarchyOptionsFromEnv(),
        onRefreshError: (err) => logger.warn({ err }, 'FK ORG hierarchy refresh failed; the previous snapshot stays in use'),
      });
      perSource.set(source, h);
    }
    return h;
  }

  private snapshot?: { at: number; index: HierarchyIndex; stale?: StaleData };
  private loading?: Promise<HierarchyIndex>;
  private readonly now: () => number;

  constructor(
    private readonly source: OrgSource,
    private readonly options: HierarchyOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The snapshot to answer from: fresh, stale while a new one loads, or the new one. */
  async current(): Promise<HierarchyIndex> {
    const snapshot = this.snapshot;
    const age = snapshot ? this.now() - snapshot.at : Number.POSITIVE_INFINITY;
    const freshFor = snapshot?.stale ? Math.min(this.options.ttlMs, STALE_RETRY_MS) : this.options.ttlMs;
    if (snapshot && age <= freshFor) return this.served(snapshot);
    const refresh = this.refresh();
    if (snapshot && age <= this.options.maxStaleMs) {
      refresh.catch((error: unknown) => this.options.onRefreshError?.(error));
      return this.served(snapshot);
    }
    await refresh;
    return this.served(this.snapshot!);
  }

  /** Every request answered from a snapshot that came from the stale-if-error cache says so. */
  private served(snapshot: { at: number; index: HierarchyIndex; stale?: StaleData }): HierarchyIndex {
    if (snapshot.stale) noteStaleData({ source: snapshot.stale.source, ageSeconds: snapshot.stale.ageSeconds + (this.now() - snapshot.at) / 1000 });
    return snapshot.index;
  }

  /** One refresh at a time; concurrent callers share it. */
  private refresh(): Promise<HierarchyIndex> {
    this.loading ??= this.source
      .hierarchy()
      .then((read) => {
        const index = new HierarchyIndex(read);
        this.snapshot = { at: this.now(), index, stale: staleDataOf(read) };
        return index;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }
}

/** The snapshot of this request: the first resolver to ask fixes it for the rest of the request. */
export function hierarchyOf(ctx: SubgraphContext): Promise<HierarchyIndex> {
  let index = perRequest.get(ctx.loaders);
  if (!index) {
    index = OrgHierarchy.for(ctx.sources.org).current();
    perRequest.set(ctx.loaders, index);
  }
  return index;
}
