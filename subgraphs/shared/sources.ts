// The source clients a subgraph reads through. Production and the embedded simulators use the same
// clients; only the URLs differ.
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import { OpusHttpClient } from '../../sources/opus/OpusHttpClient.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import type { SourceConfig } from './config.js';

export interface Sources {
  opus: OpusSource;
  org: OrgSource;
  /** Ends the clients' keep-alive connections. */
  close(): Promise<void>;
}

export interface SourceCallHook {
  (source: 'opus' | 'fkorg', operation: string, size: number): void;
}

export function createSources(config: SourceConfig, onCall?: SourceCallHook): Sources {
  const opus = new OpusHttpClient({ ...config.opus, onCall: (endpoint, size) => onCall?.('opus', endpoint, size) });
  const org = new FkOrgSoapClient({ ...config.org, onCall: (service, operation, size) => onCall?.('fkorg', `${service}.${operation}`, size) });
  return { opus, org, close: async () => void (await Promise.all([opus.close(), org.close()])) };
}
