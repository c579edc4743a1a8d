// Hive Gateway (@graphql-hive/gateway) as a benchmark peer of our gateway, on our own supergraph. It
// runs through Hive's own CLI in a child process of its own, so a benchmark measures it apart from
// the subgraphs and from our gateway; its settings and why each differs from Hive's defaults are in
// hiveGateway.config.ts and docs/benchmarks.md.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SubgraphName } from '../../platform/topology.js';
import { developmentGatewayKeyPair } from '../../platform/auth/gatewayKeys.js';
import { baseEnv, childError, spawnNode, type Child } from '../deploy/child.js';
import { freePort } from '../deploy/ports.js';

export type HivePlanner = 'js' | 'rust';

export interface HiveGatewayOptions {
  /** 'js': Hive's default (stitching) planner; 'rust': Hive Router's planner via @graphql-hive/router-runtime. */
  planner: HivePlanner;
  /** A free port is picked when not given. */
  port?: number;
  /** Loopback only: the peer is for benchmarks on this machine. */
  host?: '127.0.0.1';
  subgraphUrls: Record<SubgraphName, string>;
  /** Defaults to schema/supergraph.graphql, the one our gateway serves. */
  supergraphFile?: string;
  /** How long to wait for the first GraphQL answer. */
  startTimeoutMs?: number;
  /**
   * Verify every request's bearer token with Hive's JWT plugin against the same issuer, audience,
   * algorithms and JWKS as our gateway, which verifies every token too. Off: Hive's default.
   */
  auth?: HiveAuth;
  /** Refuse operations nested deeper than this (Hive's maxDepth), as our MAX_QUERY_DEPTH does. Off: Hive's default. */
  maxDepth?: number;
  /**
   * Our gateway's Ed25519 signing key (PKCS#8 PEM). Our subgraphs answer only tokens signed with it,
   * so Hive signs one per subgraph and request as our gateway does (hiveGateway.config.ts). Default:
   * the development key, which the subgraphs of a test stack accept.
   */
  gatewaySigningKey?: string;
}

export interface HiveAuth {
  issuer: string;
  audience: string;
  jwksUrl: string;
  algorithms: string[];
}

export interface HiveGatewayPeer {
  url: string;
  pid: number;
  planner: HivePlanner;
  /** Ends the process (SIGTERM, then SIGKILL after a grace period) and waits for it to exit. */
  close(): Promise<void>;
}

/** Logged by the config once Hive Router's planner has been built; see hiveGateway.config.ts. */
export const RUST_PLANNER_LOADED = 'Hive Router query planner (Rust) in use';

const CONFIG_FILE = fileURLToPath(new URL('./hiveGateway.config.ts', import.meta.url));
const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../schema/supergraph.graphql', import.meta.url));

function hiveBin(): string {
  const require = createRequire(import.meta.url);
  const pkgFile = require.resolve('@graphql-hive/gateway/package.json');
  const { bin } = JSON.parse(readFileSync(pkgFile, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(pkgFile), bin['hive-gateway']);
}

/** The subgraph names in the supergraph's join__Graph; overriding any other name would silently do nothing. */
export async function supergraphSubgraphNames(file: string): Promise<string[]> {
  const sdl = await readFile(file, 'utf8');
  return [...sdl.matchAll(/@join__graph\(\s*name:\s*"([^"]+)"/g)].map((m) => m[1]).sort();
}

/** Only what Hive needs: an inherited HIVE_*, APOLLO_*, OTEL_* or PORT variable could turn on reporting or change the setup. */
function childEnv(options: HiveGatewayOptions): NodeJS.ProcessEnv {
  return {
    ...baseEnv(),
    // Production behaviour, as a deployment would run it.
    NODE_ENV: 'production',
    // Plain logs, so startup errors read cleanly when surfaced.
    NO_COLOR: '1',
    HIVE_PEER_PLANNER: options.planner,
    HIVE_PEER_SUBGRAPH_URLS: JSON.stringify(options.subgraphUrls),
    HIVE_PEER_GATEWAY_SIGNING_KEY: options.gatewaySigningKey ?? developmentGatewayKeyPair().privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    ...(options.auth ? { HIVE_PEER_AUTH: JSON.stringify(options.auth) } : {}),
    ...(options.maxDepth !== undefined ? { HIVE_PEER_MAX_DEPTH: String(options.maxDepth) } : {}),
  };
}

/** A GraphQL answer: `{ __typename }` without a token is answered, or with the JWT plugin on, refused with 401. */
async function answersGraphQL(url: string, auth: boolean): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
      signal: AbortSignal.timeout(2_000),
    });
    const body = (await res.json()) as { data?: { __typename?: string }; errors?: unknown[] };
    return auth ? res.status === 401 && Array.isArray(body.errors) : res.ok && body.data?.__typename === 'Query';
  } catch {
    return false;
  }
}

export async function startHiveGateway(options: HiveGatewayOptions): Promise<HiveGatewayPeer> {
  const host = options.host ?? '127.0.0.1';
  // Absolute: the child runs in the repository root, not in the caller's working directory.
  const supergraphFile = resolve(options.supergraphFile ?? DEFAULT_SUPERGRAPH);
  const names = await supergraphSubgraphNames(supergraphFile);
  const given = Object.keys(options.subgraphUrls).sort();
  if (names.join() !== given.join()) {
    throw new Error(`Subgraph URLs given for [${given}] but ${supergraphFile} has subgraphs [${names}]`);
  }
  for (const [name, url] of Object.entries(options.subgraphUrls)) {
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error(`Subgraph URL of ${name} is not HTTP: ${url}`);
  }
  const port = options.port ?? (await freePort(host));
  const url = `http://${host}:${port}/graphql`;

  const child: Child = spawnNode([hiveBin(), 'supergraph', supergraphFile, '--host', host, '--port', String(port), '--config-path', CONFIG_FILE], {
    name: `Hive Gateway (${options.planner} planner)`,
    env: childEnv(options),
  });
  const fail = async (why: string): Promise<never> => {
    await child.stop();
    throw childError(child, why);
  };

  // Hive logs this only once it holds the port: an answer without it could come from whoever else
  // took the port after freePort() released it. The Rust planner line comes before it on stdout.
  const listening = `Listening on http://${host}:${port}`;
  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exited()) return fail(`exited with ${child.process.exitCode ?? child.process.signalCode}`);
    if (child.output().includes(listening) && (await answersGraphQL(url, options.auth !== undefined))) break;
    if (Date.now() > deadline) return fail(`no GraphQL answer at ${url} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (options.planner === 'rust' && !child.output().includes(RUST_PLANNER_LOADED)) {
    return fail('it answers, but without the Hive Router query planner');
  }
  return { url, pid: child.pid, planner: options.planner, close: () => child.stop() };
}
