// The organisation from FK ORG's fremsoegobjekthierarki, kept per process: a walk through it costs
// one call per 500 objects of its largest collection (minutes for a large municipality on real FK
// ORG), far too much for a request, and FK ORG changes slowly (it is synchronised from Opus, usually
// nightly). The snapshot is loaded in the background from the subgraph's start and refreshed there
// (subgraphs/shared/backgroundSnapshot.ts); a request answers from the one held, noting staleData once
// it is past ORG_HIERARCHY_TTL_SECONDS, and gets SOURCE_UNAVAILABLE before the first is in. The last
// good one is persisted (snapshotStore.ts), so a restart answers at once. Each request sees one
// snapshot throughout.
import type { OrgHierarchySnapshot, OrgSource } from '../../sources/fkorg/OrgSource.js';
import { SOURCE_NAME } from '../../sources/fkorg/errors.js';
import type { SubgraphContext } from '../shared/context.js';
import type { SourceConfig } from '../../sources/config.js';
import { intFromEnv } from '../../platform/env.js';
import { BackgroundSnapshot, type BackgroundSnapshotOptions } from '../shared/backgroundSnapshot.js';
import { createLogger, type Logger } from '../../platform/logging.js';
import { snapshotPersistence } from '../shared/snapshotStore.js';
import { HierarchyIndex } from './hierarchyIndex.js';
import type { Env } from '../../platform/env.js';

/**
 * The persisted format: `hierarchy()`'s answer as JSON, taken as it is. Bump it when HierarchyIndex
 * can no longer read a snapshot an older version persisted.
 */
export const HIERARCHY_FORMAT = 2;

export type HierarchyOptions = BackgroundSnapshotOptions<OrgHierarchySnapshot>;

export function hierarchyOptionsFromEnv(env: Env, org: SourceConfig['org'], log: Logger = createLogger({ name: 'organisation' })): HierarchyOptions {
  const ttl = intFromEnv(env, 'ORG_HIERARCHY_TTL_SECONDS', 300, 1, 86_400);
  const maxStale = intFromEnv(env, 'ORG_HIERARCHY_MAX_STALE_SECONDS', Math.max(86_400, ttl), ttl, 30 * 86_400);
  const source = [org.baseUrl, (org.organisationUuids ?? []).join(',')].join(' ');
  return {
    name: 'fkorg-hierarchy',
    source: SOURCE_NAME,
    what: `The organisation from ${SOURCE_NAME}`,
    ttlMs: ttl * 1000,
    maxStaleMs: maxStale * 1000,
    loadTimeoutMs: intFromEnv(env, 'ORG_HIERARCHY_LOAD_TIMEOUT_SECONDS', 1800, 1, 86_400) * 1000,
    retry: {
      baseDelayMs: intFromEnv(env, 'ORG_HIERARCHY_RETRY_BASE_MS', 1000, 1, 3_600_000),
      maxDelayMs: intFromEnv(env, 'ORG_HIERARCHY_RETRY_MAX_MS', 60_000, 1, 3_600_000),
    },
    persistence: snapshotPersistence({ kind: 'fkorg-hierarchy', format: HIERARCHY_FORMAT, source }, maxStale * 1000, env),
    log,
  };
}

const perSource = new WeakMap<OrgSource, OrgHierarchy>();
const perRequest = new WeakMap<object, Promise<HierarchyIndex>>();

export class OrgHierarchy extends BackgroundSnapshot<OrgHierarchySnapshot, HierarchyIndex> {
  /** Started with the subgraph (subgraphs/index.ts): one per source client, shared by every request. */
  static start(source: OrgSource, options: HierarchyOptions): OrgHierarchy {
    let h = perSource.get(source);
    if (!h) {
      h = new OrgHierarchy(source, options).start();
      perSource.set(source, h);
    }
    return h;
  }

  /** The hierarchy started for `source`; a request never starts one. */
  static for(source: OrgSource): OrgHierarchy | undefined {
    return perSource.get(source);
  }

  constructor(source: OrgSource, options: HierarchyOptions) {
    // Not through the stale-if-error cache: the persisted snapshot is the copy of the last good walk.
    super((signal) => source.hierarchy({ signal }), (read) => new HierarchyIndex(read), options);
  }
}

/** The subgraph's background work (BackgroundStarter): the hierarchy for its FK ORG client. */
export function startHierarchy(sources: { org: OrgSource }, config: SourceConfig, env: Env, logger?: Logger): OrgHierarchy {
  return OrgHierarchy.start(sources.org, hierarchyOptionsFromEnv(env, config.org, logger));
}

/** The snapshot of this request: the first resolver to ask fixes it for the rest of the request. */
export function hierarchyOf(ctx: SubgraphContext): Promise<HierarchyIndex> {
  let index = perRequest.get(ctx.loaders);
  if (!index) {
    const hierarchy = OrgHierarchy.for(ctx.sources.org);
    if (!hierarchy) throw new Error('the organisation hierarchy was not started with the subgraph');
    index = hierarchy.current();
    perRequest.set(ctx.loaders, index);
  }
  return index;
}
