// The whole graph in one process: simulated sources, the four subgraphs and the gateway, each on its
// own HTTP port. `npm start`, the integration tests and the benchmark all start it through here.
import { generateMunicipality } from '../sources/sample/generate.js';
import { startEmbeddedSources, type EmbeddedSourceOptions } from '../sources/embedded.js';
import type { Municipality } from '../sources/model.js';
import { SUBGRAPH_SCHEMAS, SUBGRAPHS, type SubgraphName } from '../subgraphs/index.js';
import { createSources, type SourceCallHook } from '../subgraphs/shared/sources.js';
import { startSubgraph } from '../subgraphs/shared/subgraph.js';
import type { Listening } from '../subgraphs/shared/http.js';
import { gatewayConfigFromEnv } from './config.js';
import { startGateway, type GatewayOptions } from './server.js';

export interface StackOptions extends Omit<EmbeddedSourceOptions, 'municipality'> {
  municipality?: Municipality;
  /** Fixed ports for npm start; 0 (free ports) by default. */
  gatewayPort?: number;
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  batching?: boolean;
  onSourceCall?: SourceCallHook;
  gateway?: Partial<GatewayOptions>;
  log?: (message: string, error?: unknown) => void;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;

export async function startStack(options: StackOptions = {}) {
  const municipality = options.municipality ?? generateMunicipality({ employees: 200, seed: 1 });
  const host = options.host ?? '127.0.0.1';
  const embedded = await startEmbeddedSources({ ...options, municipality, host });
  const started: Array<{ close(): Promise<void> }> = [embedded];
  try {
    const subgraphs = {} as Record<SubgraphName, Listening>;
    for (const name of SUBGRAPHS) {
      subgraphs[name] = await startSubgraph({
        name,
        schema: await SUBGRAPH_SCHEMAS[name](),
        // Each subgraph has its own clients, as separate deployments would.
        sources: createSources(embedded.config, options.onSourceCall),
        port: options.subgraphPorts?.[name] ?? 0,
        host,
        batching: options.batching ?? true,
        log: options.log,
      });
      started.push(subgraphs[name]);
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>;
    const gateway = await startGateway({
      ...gatewayConfigFromEnv({}),
      port: options.gatewayPort ?? 0,
      host,
      subgraphUrls,
      log: options.log,
      ...options.gateway,
    });
    started.push(gateway);
    return {
      municipality,
      sources: embedded,
      subgraphs,
      gateway,
      url: gateway.url,
      close: async () => {
        for (const s of started.reverse()) await s.close();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    throw error;
  }
}
