// The source clients a subgraph reads through. Production and the embedded simulators use the same
// clients; only the URLs differ. Each client sits behind its source's protection (circuit breaker,
// retries of reads within the request's deadline, optional stale-if-error), so resolvers and clients
// know nothing of either.
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import { SOURCE_NAME as FKORG_NAME } from '../../sources/fkorg/errors.js';
import { OpusHttpClient } from '../../sources/opus/OpusHttpClient.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { SOURCE_NAME as OPUS_NAME } from '../../sources/opus/errors.js';
import { postgresDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { ExtractOpusSource } from '../../sources/opus/extract/store/ExtractOpusSource.js';
import type { SourceConfig } from '../../sources/config.js';
import type { CircuitBreaker } from '../../platform/resilience/CircuitBreaker.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { createProtection, type ProtectionOptions } from '../../platform/resilience/protection.js';
import { resilientOpus, resilientOrg } from './resilientSources.js';
import { coalescedOpus, coalescedOrg } from './coalescedSources.js';
import type { ReadCache } from '../../platform/resilience/StaleCache.js';
import { recordSourceCall, recordUnknownClass } from '../../platform/metrics.js';

export type SourceKey = 'opus' | 'fkorg';

export interface Sources {
  opus: OpusSource;
  org: OrgSource;
  /** Opus calls one request may have in flight at once where it sends many (OPUS_MAX_CONCURRENCY), e.g. one update per employment. */
  opusConcurrency: number;
  /** Each source's circuit breaker (state, onStateChange), for health checks and metrics. */
  breakers: Record<SourceKey, CircuitBreaker>;
  /** Each source's stale-if-error cache (a pass-through when off). */
  caches: Record<SourceKey, ReadCache>;
  /** The Opus extract store (change feed), when configured. */
  extractStore?: SqlDatabase;
  /** Ends the clients' keep-alive connections and the caches' store connections. */
  close(): Promise<void>;
}

export interface SourceCallHook {
  (source: SourceKey, operation: string, size: number): void;
}

export interface SourceOptions extends ProtectionOptions {
  /** Merge small reads of concurrent requests into shared calls (default true); off with DataLoader batching off (DATALOADER_BATCHING=off), for the naive baseline. */
  coalesce?: boolean;
}

/** `onCall` sees every call to a source, after it is counted in the process's metrics. */
export function createSources(config: SourceConfig, onCall?: SourceCallHook, options: SourceOptions = {}): Sources {
  const resilience = config.resilience ?? resilienceConfigFromEnv({});
  const called: SourceCallHook = (source, operation, size) => {
    recordSourceCall(source, operation, size);
    onCall?.(source, operation, size);
  };
  const opusClient = new OpusHttpClient({ ...config.opus, onCall: (endpoint, size) => called('opus', endpoint, size) });
  const orgClient = new FkOrgSoapClient({
    ...config.org,
    onCall: (service, operation, size) => called('fkorg', `${service}.${operation}`, size),
    onUnknownClass: (id) => {
      recordUnknownClass();
      options.log?.(`FK ORG data points at Klasse ${id}, which neither Klassifikation nor FKORG_CLASSES_FILE names; shown as "unknown"`);
    },
  });
  const opus = createProtection(OPUS_NAME, 'stale:opus', resilience, options);
  const org = createProtection(FKORG_NAME, 'stale:fkorg', resilience, options);
  // A database given by the caller is the caller's to close; one opened from a URL is ours.
  const extract = config.extract;
  const ownStore = extract && 'databaseUrl' in extract ? postgresDatabase(extract.databaseUrl) : undefined;
  const extractStore = ownStore ?? (extract && 'database' in extract ? extract.database : undefined);
  if (config.opusSource === 'extract' && !extractStore) throw new Error('OPUS_SOURCE=extract needs the extract store (EXTRACT_DATABASE_URL)');
  const coalesce = options.coalesce ?? true;
  const opusSource: OpusSource = config.opusSource === 'extract' ? new ExtractOpusSource(extractStore!) : opusClient;
  return {
    // Each read through the guard on its own (its request's deadline, retries, breaker); below it,
    // small reads of concurrent requests share calls.
    opus: resilientOpus(coalesce ? coalescedOpus(opusSource) : opusSource, opus),
    org: resilientOrg(coalesce ? coalescedOrg(orgClient) : orgClient, org),
    opusConcurrency: Math.max(1, config.opus.maxConcurrency ?? 8),
    breakers: { opus: opus.guard.breaker, fkorg: org.guard.breaker },
    caches: { opus: opus.cache, fkorg: org.cache },
    extractStore,
    close: async () => void (await Promise.all([opusClient.close(), orgClient.close(), opus.cache.close(), org.cache.close(), ownStore?.close()])),
  };
}
