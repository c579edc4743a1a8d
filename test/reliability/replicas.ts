// Two (or more) replicas of the whole graph as production runs them: each its own gateway and its own
// four subgraphs, all sharing one Redis (APQ registrations, idempotency records, stale-if-error copies)
// or, in the production configuration, one PostgreSQL for the idempotency records and no Redis at all,
// and the same sources (the simulators stand in for KMD Opus and FK ORG, one of each, as in real life).
// A subgraph can run in a child process of its own, so a test can kill it mid-request (SIGKILL: no
// cleanup, its in-flight work and in-memory state lost).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gatewayConfigFromEnv } from '../../gateway/config.js';
import { startGateway } from '../../gateway/server.js';
import { memoryAuditSink, waitForReady } from '../../gateway/stack.js';
import { startEmbeddedSources, type EmbeddedSources } from '../../sources/embedded.js';
import type { Municipality } from '../../sources/model.js';
import { SUBGRAPH_BACKGROUND, SUBGRAPH_SCHEMAS, SUBGRAPHS, type SubgraphName } from '../../subgraphs/index.js';
import { DEV_AUDIENCE, type AuthConfig } from '../../platform/auth/config.js';
import { startDevIssuer, type DevIssuer } from '../../platform/auth/devIssuer.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { createVerifier } from '../../platform/auth/verifier.js';
import { developmentGatewayKeyPair, gatewayPublicKeysFromEnv, gatewaySigningKeyFromEnv } from '../../platform/auth/gatewayKeys.js';
import { createGatewayTokenVerifier } from '../../platform/auth/gatewayToken.js';
import type { Listening } from '../../platform/http.js';
import { postgresDatabase } from '../../sources/opus/extract/store/database.js';
import { Idempotency } from '../../subgraphs/shared/idempotency/idempotency.js';
import { memoryIdempotencyStore } from '../../subgraphs/shared/idempotency/memoryStore.js';
import { postgresIdempotencyStore } from '../../subgraphs/shared/idempotency/postgresStore.js';
import type { IdempotencyStore } from '../../subgraphs/shared/idempotency/record.js';
import { redisIdempotencyStore } from '../../subgraphs/shared/idempotency/redisStore.js';
import { silentLogger } from '../../platform/logging.js';
import { personIdKey } from '../../platform/personId.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { createSources } from '../../subgraphs/shared/sources.js';
import { startSubgraph } from '../../subgraphs/shared/subgraph.js';

export interface ReplicaSetOptions {
  municipality: Municipality;
  /** The Redis every replica shares; without it, nothing is shared through Redis (REDIS_URL unset). */
  redisUrl?: string;
  /** Idempotency records in this PostgreSQL (its idempotency_record table must exist), else in Redis. */
  idempotencyDatabaseUrl?: string;
  /**
   * Child subgraphs run with NODE_ENV=production: tokens verified as OIDC against the issuer's JWKS
   * (AUTH_ISSUER, not the development mode), the secret keys given, and whatever else production
   * requires of their configuration checked at start.
   */
  production?: boolean;
  replicas?: number;
  /** The environment every subgraph's source protection is configured from (and a child subgraph's too). */
  sourceEnv?: Record<string, string>;
  /** How long an attempt with no recorded outcome holds its idempotency key. */
  idempotencyLeaseMs?: number;
  /** The Opus client's timeout per call. */
  opusTimeoutMs?: number;
  /** Per replica (by index), subgraphs to run as child processes. */
  childSubgraphs?: Array<SubgraphName[]>;
}

export interface Replica {
  index: number;
  url: string;
  subgraphUrls: Record<SubgraphName, string>;
  /** Subgraphs running as child processes, by name. */
  children: Partial<Record<SubgraphName, ChildSubgraph>>;
}

export type ReplicaSet = Awaited<ReturnType<typeof startReplicas>>;

/** The settings shared by every replica: retries fast, stale-if-error on, copies readable by all. */
function sharedEnv(options: ReplicaSetOptions): Record<string, string> {
  return {
    ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : { SNAPSHOT_DIR: 'off' }),
    ...(options.idempotencyDatabaseUrl ? { IDEMPOTENCY_STORE: 'postgres', IDEMPOTENCY_DATABASE_URL: options.idempotencyDatabaseUrl } : { IDEMPOTENCY_STORE: 'redis' }),
    STALE_IF_ERROR_SECONDS: '600',
    // A key of this run's own, so copies other test runs left in Redis are unreadable (and unseen).
    CACHE_KEY: randomBytes(32).toString('base64'),
    SOURCE_RETRY_BASE_MS: '20',
    SOURCE_RETRY_MAX_MS: '100',
    IDEMPOTENCY_LEASE_MS: String(options.idempotencyLeaseMs ?? 60_000),
    ...options.sourceEnv,
  };
}

export async function startReplicas(options: ReplicaSetOptions) {
  const closers: Array<() => Promise<unknown>> = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch(() => undefined);
  };
  try {
    const env = sharedEnv(options);
    const issuer: DevIssuer = await startDevIssuer();
    closers.push(() => issuer.close());
    const auth: AuthConfig = { mode: 'dev', issuer: issuer.url, audience: DEV_AUDIENCE, algorithms: ['ES256'], clockToleranceSeconds: 30, scopeClaim: 'scope', clientKindClaim: 'client_kind' };
    const sources: EmbeddedSources = await startEmbeddedSources({ municipality: options.municipality, opusTimeoutMs: options.opusTimeoutMs });
    closers.push(() => sources.close());
    const audit = memoryAuditSink();
    const dir = await mkdtemp(join(tmpdir(), 'kommunegraf-replicas-'));
    closers.push(() => rm(dir, { recursive: true, force: true }));

    const replicas: Replica[] = [];
    for (let index = 0; index < (options.replicas ?? 2); index++) {
      const subgraphUrls = {} as Record<SubgraphName, string>;
      const children: Replica['children'] = {};
      for (const name of SUBGRAPHS) {
        if (options.childSubgraphs?.[index]?.includes(name)) {
          const child = await startChildSubgraph(name, {
            ...env,
            ...(options.production
              ? {
                  NODE_ENV: 'production',
                  AUTH_ISSUER: issuer.url,
                  AUTH_AUDIENCE: DEV_AUDIENCE,
                  AUTH_ALGORITHMS: 'ES256',
                  PERSON_ID_KEY: personIdKey({}).toString('base64'),
                  // The public half of the key the gateways here sign with, named as production must.
                  GATEWAY_PUBLIC_KEYS: developmentGatewayKeyPair().publicKey.export({ type: 'spki', format: 'pem' }).toString(),
                }
              : { AUTH_MODE: 'dev', DEV_ISSUER_URL: issuer.url }),
            OPUS_URL: sources.config.opus.baseUrl,
            OPUS_KOMMUNEKODE: sources.config.opus.kommunekode,
            OPUS_TIMEOUT_MS: String(sources.config.opus.timeoutMs),
            FKORG_URL: sources.config.org.baseUrl,
            AUDIT_SINK: 'file',
            AUDIT_FILE: join(dir, `audit-${index}-${name}.jsonl`),
          });
          closers.push(() => child.stop());
          children[name] = child;
          subgraphUrls[name] = child.url;
          continue;
        }
        const store: IdempotencyStore = options.idempotencyDatabaseUrl
          ? postgresIdempotencyStore(postgresDatabase(options.idempotencyDatabaseUrl, { max: 4 }), { ownsDatabase: true })
          : options.redisUrl
            ? redisIdempotencyStore(options.redisUrl, name)
            : memoryIdempotencyStore();
        const config = { ...sources.config, resilience: resilienceConfigFromEnv(env) };
        const subgraphSources = createSources(config, undefined, { log: () => undefined });
        const subgraph: Listening = await startSubgraph({
          name,
          schema: await SUBGRAPH_SCHEMAS[name](),
          sources: subgraphSources,
          // The hierarchy snapshot is persisted in the shared Redis, as replicas in production share it.
          background: SUBGRAPH_BACKGROUND[name]?.(subgraphSources, config, env, silentLogger),
          // Child subgraphs and these use the development gateway key pair, as the gateways below sign with it.
          verifier: createGatewayTokenVerifier({ subgraph: name, publicKeys: gatewayPublicKeysFromEnv({}) }),
          auditSink: audit,
          idempotency: new Idempotency(store, { leaseMs: Number(env.IDEMPOTENCY_LEASE_MS) }),
          logger: silentLogger,
        });
        closers.push(() => subgraph.close(), () => store.close());
        subgraphUrls[name] = subgraph.url;
      }
      const gateway = await startGateway({ ...gatewayConfigFromEnv(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}), port: 0, subgraphUrls, verifier: createVerifier(auth), signingKey: gatewaySigningKeyFromEnv({}), logger: silentLogger });
      closers.push(() => gateway.close());
      await waitForReady(gateway.url, 60_000);
      replicas.push({ index, url: gateway.url, subgraphUrls, children });
    }
    return {
      replicas,
      sources,
      municipality: options.municipality,
      audit,
      /** `{ authorization }` for a development token, by default with every scope. */
      headers: async (req: { scopes?: string[]; clientKind?: 'fagsystem' | 'analyst' | 'frontend'; clientId?: string; subject?: string } = {}) => ({
        authorization: `Bearer ${await issuer.token({ scopes: ALL_SCOPES, ...req })}`,
      }),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface ChildSubgraph {
  url: string;
  process: ChildProcess;
  /** SIGKILL: the process gets no chance to finish or record anything. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * `node --import tsx subgraphs/<name>/server.ts`: one process, so a signal reaches the subgraph itself.
 * Its environment is `env` over this process's, without the services `env` does not name.
 */
async function startChildSubgraph(name: SubgraphName, env: Record<string, string>): Promise<ChildSubgraph> {
  const inherited = { ...process.env };
  for (const service of ['REDIS_URL', 'DATABASE_URL', 'IDEMPOTENCY_DATABASE_URL']) delete inherited[service];
  const child = spawn(process.execPath, ['--import', 'tsx', join('subgraphs', name, 'server.ts')], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: 'test', ...env, [`${name.toUpperCase()}_PORT`]: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => void (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} subgraph did not start within 60 s: ${stderr}`)), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === `${name} subgraph listening` && entry.url) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      } catch {
        // Not a log line.
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} subgraph exited with ${code} before listening: ${stderr}`));
    });
  });
  const signal = async (s: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(s);
    await exited;
  };
  return { url, process: child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
