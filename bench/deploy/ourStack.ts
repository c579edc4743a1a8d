// Our graph as it is deployed: the simulators, each subgraph (`subgraphs/<name>/server.ts`) and the
// gateway (`gateway/main.ts`) in processes of their own, configured through the environment exactly
// as in production (NODE_ENV=production, OIDC token verification against an issuer's JWKS, file audit
// log), only the issuer is the local development one and the sources are the simulators.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SUBGRAPHS, type SubgraphName } from '../../platform/topology.js';
import { PROCESSES } from '../../deploy/processes.js';
import { DEV_AUDIENCE } from '../../platform/auth/config.js';
import { baseEnv, spawnTs, waitUntil, type Child } from './child.js';
import { difference, scrape, sourceCounts, type SourceCounts } from './metrics.js';
import { freePort } from './ports.js';
import { startSimulators, type SimulatorsConfig, type SimulatorsProcess } from './simulators.js';

export interface OurStackOptions {
  simulators: SimulatorsConfig;
  /** The OIDC issuer every process verifies tokens against (discovery + JWKS). */
  issuerUrl: string;
  batching: boolean;
  /** Where each subgraph writes its audit log (AUDIT_SINK=file, as `npm start` does). */
  auditDir: string;
  /** Extra gateway environment (limits raised for the largest queries, LOG_LEVEL); each is reported. */
  gatewayEnv: Record<string, string>;
  startTimeoutMs?: number;
  /** Options for node in the gateway and subgraph processes, e.g. --cpu-prof to profile a run. */
  nodeArgs?: string[];
  /** Extra subgraph environment, e.g. ORG_HIERARCHY_TTL_SECONDS for an experiment. */
  subgraphEnv?: Record<string, string>;
}

export interface Started {
  child: Child;
  url: string;
  /** From spawn until it answered (a subgraph: until its /ready said 200). */
  startupMs: number;
}

export interface OurStack {
  simulators: SimulatorsProcess;
  /** The gateway's Ed25519 signing key of this run (PKCS#8 PEM), the subgraphs hold its public key: for a peer gateway to sign with. */
  gatewaySigningKey: string;
  subgraphs: Record<SubgraphName, Started>;
  gateway: Started;
  /** Process ids by name: gateway, each subgraph, simulators. */
  pids(): Record<string, number>;
  /** The gateway's and each subgraph's process by name. */
  children(): Record<string, Child>;
  /** Each subgraph's source calls and requests so far (its own /metrics). */
  sourceCounts(): Promise<Record<SubgraphName, SourceCounts>>;
  /** Another gateway over the same subgraphs, with more environment: a variant for tuning experiments. */
  startGateway(extraEnv: Record<string, string>, name: string): Promise<Started>;
  /** Stops the four subgraphs and starts them again on the same ports, batching on or off. */
  restartSubgraphs(batching: boolean): Promise<void>;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';

async function answers(url: string, init?: RequestInit): Promise<boolean> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2_000) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

export async function startOurStack(options: OurStackOptions): Promise<OurStack> {
  const timeoutMs = options.startTimeoutMs ?? 120_000;
  // A CPU profile (--cpu-prof) covers the simulators too: their work shares the cores with ours.
  const simulators = await startSimulators(options.simulators, timeoutMs, (options.nodeArgs ?? []).filter((a) => a.startsWith('--cpu-prof')));
  const started: Child[] = [simulators.child];
  try {
    const auth = { AUTH_ISSUER: options.issuerUrl, AUTH_AUDIENCE: DEV_AUDIENCE };
    // One key for the run: Employee ids must be the same in every subgraph.
    const nodeArgs = options.nodeArgs ?? [];
    const personIdKey = randomBytes(32).toString('base64');
    // Seals the persisted hierarchy snapshot (NODE_ENV=production requires it), kept beside the audit logs.
    const cacheKey = randomBytes(32).toString('base64');
    // The gateway signs a token for every subgraph call with this run's own key pair, as in production.
    const gatewayKeys = generateKeyPairSync('ed25519');
    const gatewaySigningKey = gatewayKeys.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    const gatewayPublicKey = gatewayKeys.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const ports = Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (n) => [n, await freePort(HOST)] as const))) as Record<SubgraphName, number>;

    const startSubgraph = async (name: SubgraphName, batching: boolean): Promise<Started> => {
      const t0 = performance.now();
      const child = spawnTs(`subgraphs/${name}/server.ts`, {
        name: `${name} subgraph`,
        // Started with the options it is deployed with (compose.yaml's NODE_OPTIONS).
        nodeArgs: [...nodeArgs, ...(PROCESSES[name].nodeOptions ?? [])],
        env: {
          ...baseEnv(),
          ...auth,
          NODE_ENV: 'production',
          HOST,
          [`${name.toUpperCase()}_PORT`]: String(ports[name]),
          OPUS_URL: simulators.ready.opusUrl,
          FKORG_URL: simulators.ready.fkorgUrl,
          OPUS_KOMMUNEKODE: simulators.ready.kommunekode,
          PERSON_ID_KEY: personIdKey,
          CACHE_KEY: cacheKey,
          GATEWAY_PUBLIC_KEYS: gatewayPublicKey,
          SNAPSHOT_DIR: `${options.auditDir}/snapshots`,
          // The employee and payroll subgraphs serve writes, so production keeps their idempotency
          // records in PostgreSQL (the table made at start here; a deployment runs idempotency:migrate).
          IDEMPOTENCY_DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
          IDEMPOTENCY_PG_MIGRATE: 'true',
          AUDIT_SINK: 'file',
          AUDIT_FILE: `${options.auditDir}/${name}.jsonl`,
          DATALOADER_BATCHING: batching ? 'on' : 'off',
          // The person directory is loaded before the employee subgraph is ready and not again within
          // a run, so no background re-read lands in a measured query's source calls.
          EMPLOYEE_DIRECTORY_TTL_SECONDS: '86400',
          ...options.subgraphEnv,
        },
      });
      started.push(child);
      const base = `http://${HOST}:${ports[name]}`;
      // Ready: the organisation subgraph once its first hierarchy snapshot is in.
      await waitUntil(child, 'be ready at /ready', () => answers(`${base}/ready`), timeoutMs);
      return { child, url: `${base}/graphql`, startupMs: performance.now() - t0 };
    };

    const startAll = async (batching: boolean) =>
      Object.fromEntries(await Promise.all(SUBGRAPHS.map(async (n) => [n, await startSubgraph(n, batching)] as const))) as Record<SubgraphName, Started>;
    let subgraphs = await startAll(options.batching);

    const startGateway = async (extraEnv: Record<string, string>, name: string): Promise<Started> => {
      const port = await freePort(HOST);
      const t0 = performance.now();
      const child = spawnTs('gateway/main.ts', {
        name,
        // Started with the options it is deployed with (compose.yaml's NODE_OPTIONS).
        nodeArgs: [...nodeArgs, ...(PROCESSES.gateway.nodeOptions ?? [])],
        env: {
          ...baseEnv(),
          ...auth,
          NODE_ENV: 'production',
          HOST,
          PORT: String(port),
          GATEWAY_SIGNING_KEY: gatewaySigningKey,
          ...Object.fromEntries(SUBGRAPHS.map((n) => [`${n.toUpperCase()}_URL`, subgraphs[n].url])),
          // Also set by the gateway itself unless an operator sets it: nothing leaves this machine.
          APOLLO_TELEMETRY_DISABLED: 'true',
          ...extraEnv,
        },
      });
      started.push(child);
      const base = `http://${HOST}:${port}`;
      // /health answers once the schema is loaded and the port is held.
      await waitUntil(child, 'answer at /health', () => answers(`${base}/health`), timeoutMs);
      return { child, url: `${base}/graphql`, startupMs: performance.now() - t0 };
    };
    const gateway = await startGateway(options.gatewayEnv, 'gateway');

    const pids = () => ({
      gateway: gateway.child.pid,
      ...Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].child.pid])),
      simulators: simulators.child.pid,
    });
    return {
      simulators,
      gatewaySigningKey,
      get subgraphs() {
        return subgraphs;
      },
      gateway,
      startGateway: (extraEnv, name) => startGateway({ ...options.gatewayEnv, ...extraEnv }, name),
      pids,
      children: () => ({ gateway: gateway.child, ...Object.fromEntries(SUBGRAPHS.map((n) => [n, subgraphs[n].child])) }),
      sourceCounts: async () => {
        const counts = await Promise.all(SUBGRAPHS.map(async (n) => [n, sourceCounts(await scrape(subgraphs[n].url))] as const));
        return Object.fromEntries(counts) as Record<SubgraphName, SourceCounts>;
      },
      restartSubgraphs: async (batching: boolean) => {
        await Promise.all(SUBGRAPHS.map((n) => subgraphs[n].child.stop()));
        subgraphs = await startAll(batching);
      },
      close: async () => {
        await Promise.all(started.map((c) => c.stop()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((c) => c.stop()));
    throw error;
  }
}

/** Source calls per subgraph between two readings of sourceCounts(). */
export function countsBetween(after: Record<SubgraphName, SourceCounts>, before: Record<SubgraphName, SourceCounts>): Record<SubgraphName, SourceCounts> {
  return Object.fromEntries(SUBGRAPHS.map((n) => [n, difference(after[n], before[n])])) as Record<SubgraphName, SourceCounts>;
}
