// The whole graph in one process: simulated sources, the four subgraphs and the gateway, each on its
// own HTTP port, plus a development token issuer unless a real one is configured. `npm start`, the
// integration tests and the benchmark all start it through here.
import { createPublicKey } from 'node:crypto';
import { generateMunicipality } from '../sources/sample/generate.js';
import { startEmbeddedSources, type EmbeddedSourceOptions } from '../sources/embedded.js';
import type { Municipality } from '../sources/model.js';
import {
  createSources,
  startSubgraph,
  subgraphLimitsFromEnv,
  SUBGRAPH_BACKGROUND,
  SUBGRAPH_SCHEMAS,
  SUBGRAPHS,
  type SourceCallHook,
  type SubgraphName,
} from '../subgraphs/index.js';
import { authConfigFromEnv, type AuthConfig } from '../platform/auth/config.js';
import { startDevIssuer, type DevIssuer, type TokenRequest } from '../platform/auth/devIssuer.js';
import { removeRunningIssuer, writeRunningIssuer } from '../platform/auth/runningIssuer.js';
import { ALL_SCOPES } from '../platform/auth/scopes.js';
import { createVerifier } from '../platform/auth/verifier.js';
import { gatewayPublicKeysFromEnv, gatewaySigningKeyFromEnv, publicKeysOf, type GatewayPublicKeys, type GatewaySigningKey } from '../platform/auth/gatewayKeys.js';
import { createGatewayTokenVerifier } from '../platform/auth/gatewayToken.js';
import type { AuditRecord, AuditSink } from '../platform/audit/record.js';
import { queryRecords } from '../platform/audit/query.js';
import { createLogger, type Logger } from '../platform/logging.js';
import type { Listening } from '../platform/http.js';
import type { ResilienceConfig } from '../platform/resilience/config.js';
import type { SqlDatabase } from '../sources/opus/extract/store/database.js';
import type { OpusMode } from '../sources/opus/coverage.js';
import { gatewayConfigFromEnv } from './config.js';
import { startGateway, type GatewayOptions } from './server.js';

export interface StackOptions extends Omit<EmbeddedSourceOptions, 'municipality'> {
  municipality?: Municipality;
  /** Fixed ports for npm start; 0 (free ports) by default. */
  gatewayPort?: number;
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  batching?: boolean;
  onSourceCall?: SourceCallHook;
  /** Retries, deadline, circuit breakers and stale-if-error of every subgraph's sources; defaults when not given. */
  resilience?: ResilienceConfig;
  gateway?: Partial<GatewayOptions>;
  /** A real issuer; without it a development issuer is started (on `devIssuerPort`, key from `devKeyFile`). */
  auth?: AuthConfig;
  devIssuerPort?: number;
  devKeyFile?: URL | string;
  /**
   * Where to note the development issuer's URL, the gateway's and this process's id once the stack is
   * ready (npm start: var/dev-issuer/running.json, read by `npm run token`); removed at close.
   */
  runningIssuerFile?: URL | string;
  /**
   * The gateway's signing key and the public keys the subgraphs accept. Default: GATEWAY_SIGNING_KEY
   * and GATEWAY_PUBLIC_KEYS from `gatewayKeyEnv` (the signing key's public half when that is unset),
   * which outside production are the development pair.
   */
  gatewayKeys?: { signingKey: GatewaySigningKey; publicKeys?: GatewayPublicKeys };
  gatewayKeyEnv?: Record<string, string | undefined>;
  /** SUBGRAPH_ACCEPT_CLIENT_TOKENS for every subgraph: they also answer analyst and frontend tokens directly. */
  subgraphsAcceptClientTokens?: boolean;
  /** Where the subgraphs write audit records; records are kept in memory (`stack.auditRecords`) otherwise. */
  auditSink?: AuditSink;
  logger?: Logger;
  /**
   * Environment of the subgraphs' background snapshots (ORG_HIERARCHY_*, OPUS_ORG_TREE_TTL_SECONDS,
   * REDIS_URL or SNAPSHOT_DIR for the persisted copy, CACHE_KEY). Default: the defaults, nothing persisted.
   */
  snapshotEnv?: Record<string, string | undefined>;
  /** The Opus extract store the subgraphs read the change feed from (the caller closes it); none: `changes` is SOURCE_NOT_AVAILABLE. */
  extractStore?: SqlDatabase;
  /** `extract`: the subgraphs read Opus from `extractStore` instead of the simulator (OPUS_SOURCE). */
  opusSource?: OpusMode;
  /** Resolve only once the gateway's /ready says every subgraph is ready (default true), within this many ms (default 120 s). */
  waitForReady?: boolean;
  readyTimeoutMs?: number;
}

export type Stack = Awaited<ReturnType<typeof startStack>>;
export type TokenOptions = Partial<Omit<TokenRequest, 'issuer'>>;

/** Keeps records in memory: for tests and benchmarks that start a stack without a log file. */
export function memoryAuditSink(): AuditSink & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return { name: 'memory', records, write: async (r) => void records.push(...r), query: async (f, p) => queryRecords(records, f, p), close: async () => undefined };
}

export async function startStack(options: StackOptions = {}) {
  const municipality = options.municipality ?? generateMunicipality({ employees: 200, seed: 1 });
  const host = options.host ?? '127.0.0.1';
  const started: Array<{ close(): Promise<void> }> = [];
  try {
    let issuer: DevIssuer | undefined;
    let auth = options.auth;
    if (!auth) {
      issuer = await startDevIssuer({ port: options.devIssuerPort ?? 0, host, keyFile: options.devKeyFile });
      started.push(issuer);
      auth = authConfigFromEnv({ AUTH_MODE: 'dev', DEV_ISSUER_URL: issuer.url, AUTH_ALGORITHMS: 'ES256' });
    }
    const audit = options.auditSink ?? memoryAuditSink();
    const keyEnv = options.gatewayKeyEnv ?? {};
    const signingKey = options.gatewayKeys?.signingKey ?? gatewaySigningKeyFromEnv(keyEnv);
    // Without public keys named, the subgraphs accept the signing key's own.
    const publicKeys =
      options.gatewayKeys?.publicKeys ??
      (!options.gatewayKeys && keyEnv.GATEWAY_PUBLIC_KEYS ? gatewayPublicKeysFromEnv(keyEnv) : publicKeysOf([createPublicKey(signingKey.privateKey)], signingKey.development));
    const clientTokens = options.subgraphsAcceptClientTokens ? createVerifier(auth) : undefined;
    const embedded = await startEmbeddedSources({ ...options, municipality, host });
    started.push(embedded);
    const subgraphs = {} as Record<SubgraphName, Listening>;
    const snapshotEnv = options.snapshotEnv ?? { SNAPSHOT_DIR: 'off' };
    for (const name of SUBGRAPHS) {
      // Each subgraph has its own clients and verifier, as separate deployments would.
      const config = { ...embedded.config, resilience: options.resilience, extract: options.extractStore ? { database: options.extractStore } : undefined, opusSource: options.opusSource };
      const logger = options.logger?.child({ component: name }) ?? createLogger({ name });
      const sources = createSources(config, options.onSourceCall, {
        log: (message, error) => options.logger?.warn({ err: error, component: name }, message),
      });
      subgraphs[name] = await startSubgraph({
        name,
        schema: await SUBGRAPH_SCHEMAS[name](),
        sources,
        background: SUBGRAPH_BACKGROUND[name]?.(sources, config, snapshotEnv, logger),
        verifier: createGatewayTokenVerifier({ subgraph: name, publicKeys, clientTokens }),
        limits: subgraphLimitsFromEnv({}, clientTokens !== undefined),
        auditSink: audit,
        port: options.subgraphPorts?.[name] ?? 0,
        host,
        batching: options.batching ?? true,
        logger,
      });
      started.push(subgraphs[name]);
    }
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].url])) as Record<SubgraphName, string>;
    const gateway = await startGateway({
      ...gatewayConfigFromEnv({}),
      port: options.gatewayPort ?? 0,
      host,
      subgraphUrls,
      verifier: createVerifier(auth),
      signingKey,
      logger: options.logger?.child({ component: 'gateway' }),
      ...options.gateway,
    });
    started.push(gateway);
    if (options.waitForReady ?? true) await waitForReady(gateway.url, options.readyTimeoutMs ?? 120_000);
    if (issuer && options.runningIssuerFile) {
      const file = options.runningIssuerFile;
      const entry = { issuer: issuer.url, gateway: gateway.url, pid: process.pid };
      await writeRunningIssuer(file, entry);
      started.push({ close: () => removeRunningIssuer(file, entry) });
    }
    /** A development token, by default with every scope. */
    const token = (req: TokenOptions = {}) => {
      if (!issuer) throw new Error('stack.token() needs the development issuer');
      return issuer.token({ scopes: ALL_SCOPES, ...req });
    };
    return {
      municipality,
      sources: embedded,
      subgraphs,
      gateway,
      url: gateway.url,
      auth,
      /** The gateway's signing key (test/support/gatewayToken.ts signs with it as the gateway would). */
      signingKey,
      issuer,
      /** Audit records, when the stack keeps them in memory. */
      auditRecords: 'records' in audit ? (audit.records as AuditRecord[]) : undefined,
      token,
      /** `{ authorization: 'Bearer …' }` for a development token, by default with every scope. */
      headers: async (req: TokenOptions = {}) => ({ authorization: `Bearer ${await token(req)}` }),
      close: async () => {
        for (const s of started.reverse()) await s.close();
      },
    };
  } catch (error) {
    for (const s of started.reverse()) await s.close().catch(() => undefined);
    throw error;
  }
}

/** Polls the gateway's /ready until it answers 200 (every subgraph ready); throws after `timeoutMs`. */
export async function waitForReady(gatewayUrl: string, timeoutMs: number): Promise<void> {
  const url = new URL('/ready', gatewayUrl);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(url, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
    const body = await res?.text().catch(() => '');
    if (res?.ok) return;
    if (Date.now() > deadline) throw new Error(`the graph was not ready within ${timeoutMs} ms: ${body ?? 'no answer'}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
