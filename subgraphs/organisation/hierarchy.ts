// The organisation from FK ORG's fremsoegobjekthierarki, kept per process: a walk through it costs
// one call per 500 objects of its largest collection, far too much per request, and FK ORG changes
// slowly (it is synchronised from Opus, usually nightly). A snapshot is fresh for
// ORG_HIERARCHY_TTL_SECONDS; after that it is still used while a new one loads in the background, up
// to ORG_HIERARCHY_MAX_STALE_SECONDS, after which requests wait for the new one (and fail with the
// source's error if it cannot be read; subgraphs/shared/snapshot.ts). Each request sees one snapshot
// throughout.
import type { OrgHierarchySnapshot, OrgSource } from '../../sources/fkorg/OrgSource.js';
import type { SubgraphContext } from '../shared/context.js';
import { intFromEnv } from '../shared/config.js';
import { createLogger } from '../shared/logging.js';
import { SharedSnapshot, type SnapshotOptions } from '../shared/snapshot.js';
import { HierarchyIndex } from './hierarchyIndex.js';

export type HierarchyOptions = SnapshotOptions;

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

  private readonly snapshot: SharedSnapshot<OrgHierarchySnapshot, HierarchyIndex>;

  constructor(source: OrgSource, options: HierarchyOptions) {
    this.snapshot = new SharedSnapshot(() => source.hierarchy(), (read) => new HierarchyIndex(read), options);
  }

  /** The snapshot to answer from: fresh, stale while a new one loads, or the new one. */
  current(): Promise<HierarchyIndex> {
    return this.snapshot.current();
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
