// The simulators serving a municipality over the real protocols: what `npm start`, the tests and the
// benchmark run in place of KMD Opus and FK ORG.
import type { Municipality } from './model.js';
import { startFkOrgSimulator, type FkOrgSimulatorOptions } from './fkorg/simulator.js';
import { startOpusSimulator } from './opus/simulator.js';
import type { SourceConfig } from './config.js';

export interface EmbeddedSourceOptions {
  municipality: Municipality;
  host?: string;
  opusPort?: number;
  fkorgPort?: number;
  /** Added to every simulated call, to make plan depth and batching visible. */
  latencyMs?: number;
  opusMaxBatch?: number;
  fkorgMaxBatch?: number;
  /** The Opus client's timeout per call (default 10 s), so tests can make an answer arrive too late. */
  opusTimeoutMs?: number;
  /** Faults the FK ORG simulator starts with (e.g. a slow fremsoegobjekthierarki before the first snapshot loads). */
  fkorgFaults?: FkOrgSimulatorOptions['faults'];
  /** Settings of the subgraphs' FK ORG client on top of the simulator's URL (organisations, classes, another base URL). */
  fkorgClient?: Partial<SourceConfig['org']>;
  /** The simulators keep encoded answer parts between calls (the benchmark's; see each simulator's wireCache). */
  wireCache?: boolean;
}

export type EmbeddedSources = Awaited<ReturnType<typeof startEmbeddedSources>>;

export async function startEmbeddedSources(options: EmbeddedSourceOptions) {
  const host = options.host ?? '127.0.0.1';
  const opusMaxBatch = options.opusMaxBatch ?? 100;
  const fkorgMaxBatch = options.fkorgMaxBatch ?? 100;
  const opus = await startOpusSimulator({
    snapshot: options.municipality.opus,
    host,
    port: options.opusPort ?? 0,
    maxBatchSize: opusMaxBatch,
    latencyMs: options.latencyMs,
    wireCache: options.wireCache,
  });
  const fkorg = await startFkOrgSimulator({
    snapshot: options.municipality.org,
    host,
    port: options.fkorgPort ?? 0,
    maxBatchSize: fkorgMaxBatch,
    latencyMs: options.latencyMs,
    faults: options.fkorgFaults,
  });
  const config: SourceConfig = {
    opus: { baseUrl: opus.url, kommunekode: options.municipality.opus.kommunekode, maxBatchSize: opusMaxBatch, gatewayMaxBatchSize: opusMaxBatch, timeoutMs: options.opusTimeoutMs ?? 10_000 },
    org: { baseUrl: fkorg.url, maxBatchSize: fkorgMaxBatch, timeoutMs: 10_000, ...options.fkorgClient },
  };
  return {
    opus,
    fkorg,
    config,
    close: async () => {
      await Promise.all([opus.close(), fkorg.close()]);
    },
  };
}
