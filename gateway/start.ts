// `npm start`: the whole graph on a built-in sample municipality, no services needed.
// Sources (simulators) -> four subgraphs -> gateway with the explorer at http://localhost:4000/graphql.
import { generateMunicipality } from '../sources/sample/generate.js';
import { DEFAULT_PORTS, SUBGRAPHS } from '../platform/topology.js';
import { intFromEnv } from '../platform/env.js';
import { today } from '../platform/today.js';
import { authConfigFromEnv, DEV_ISSUER_PORT } from '../platform/auth/config.js';
import { DEV_KEY_FILE } from '../platform/auth/devIssuer.js';
import { RUNNING_ISSUER_FILE } from '../platform/auth/runningIssuer.js';
import { auditSinkFromEnv } from '../platform/audit/config.js';
import { startTracing } from '../platform/tracing.js';
import { createLogger } from '../platform/logging.js';
import { logUnhandledRejections } from '../platform/unhandledRejections.js';
import { resilienceConfigFromEnv } from '../platform/resilience/config.js';
import { startExtractStore } from './embeddedExtractStore.js';
import { ensureExplorerBuilt } from './explorer/build.js';
import { createExplorerHandler } from './explorer/serve.js';
import { startStack } from './stack.js';
import { requireSecretsAtStartup } from '../platform/secretKey.js';
import { PERSON_ID_KEY } from '../platform/personId.js';
import { CACHE_KEY } from '../platform/cacheCipher.js';

const env = process.env;
const employees = intFromEnv(env, 'SAMPLE_EMPLOYEES', 2000, 1, 200_000);
const seed = intFromEnv(env, 'SAMPLE_SEED', 1);
const port = intFromEnv(env, 'PORT', 4000, 0, 65535);

const started = Date.now();
logUnhandledRejections(createLogger({ name: 'kommunegraf' }));
// The subgraphs run in this process: their keys are checked before anything starts.
requireSecretsAtStartup(env, [PERSON_ID_KEY, CACHE_KEY], (message) => console.warn(`WARNING: ${message}`));
const stopTracing = await startTracing('kommunegraf');
const municipality = generateMunicipality({ employees, seed, today: today() });
const distDir = await ensureExplorerBuilt();
// A real issuer when one is configured; otherwise the local development issuer (dev mode).
const auth = env.AUTH_ISSUER || env.AUTH_MODE === 'oidc' ? authConfigFromEnv(env) : undefined;
if (!auth && env.NODE_ENV === 'production') throw new Error('npm start runs a development token issuer and is refused when NODE_ENV=production; set AUTH_ISSUER and AUTH_AUDIENCE');
const auditSink = await auditSinkFromEnv(env);
// The Opus extracts of two sample days and the change feed built from them (embedded PGlite by default).
const extracts = await startExtractStore(municipality, env);
const stack = await startStack({
  auth,
  devIssuerPort: intFromEnv(env, 'DEV_ISSUER_PORT', DEV_ISSUER_PORT, 0, 65535),
  devKeyFile: DEV_KEY_FILE,
  // `npm run token` mints for the issuer named there, whatever DEV_ISSUER_PORT says in its shell.
  runningIssuerFile: RUNNING_ISSUER_FILE,
  auditSink,
  municipality,
  gatewayPort: port,
  subgraphPorts: Object.fromEntries(SUBGRAPHS.map((n) => [n, intFromEnv(env, `${n.toUpperCase()}_PORT`, DEFAULT_PORTS[n], 0, 65535)])),
  opusPort: intFromEnv(env, 'OPUS_SIMULATOR_PORT', 4101, 0, 65535),
  fkorgPort: intFromEnv(env, 'FKORG_SIMULATOR_PORT', 4102, 0, 65535),
  latencyMs: intFromEnv(env, 'SIMULATOR_LATENCY_MS', 0, 0, 60_000),
  resilience: resilienceConfigFromEnv(env),
  gateway: { routes: [createExplorerHandler({ distDir, endpoint: '/graphql' })] },
  // The hierarchy snapshot is kept in var/snapshots (or Redis with REDIS_URL), so a restart answers at
  // once; the stack resolves when the gateway's /ready says every subgraph can answer.
  snapshotEnv: env,
  extractStore: extracts.db,
  // GATEWAY_SIGNING_KEY and GATEWAY_PUBLIC_KEYS, else the development pair (warned about below).
  gatewayKeyEnv: env,
});

const local = (url: string) => url.replace('127.0.0.1', 'localhost');
console.log(`Sample municipality "${municipality.name}": ${municipality.opus.employments.length} employments, ${municipality.org.units.length} units (seed ${seed})`);
console.log(`Opus simulator        ${local(stack.sources.opus.url)}`);
console.log(`FK ORG simulator      ${local(stack.sources.fkorg.url)}`);
for (const name of SUBGRAPHS) console.log(`${`${name} subgraph`.padEnd(22)}${local(stack.subgraphs[name].url)}`);
console.log(`Gateway + explorer    ${local(stack.url)}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`Audit log             ${auditSink.name}`);
const events = extracts.sample.reduce((n, r) => n + (r.status === 'ingested' ? r.events : 0), 0);
console.log(`Opus extracts         ${extracts.sample.length} sample days in ${extracts.db.kind === 'pglite' ? 'embedded PostgreSQL (PGlite)' : 'EXTRACT_DATABASE_URL'}: ${events} change events (query \`changes\` with scope changes:read)`);
if (stack.signingKey.development) {
  console.warn('\nDevelopment gateway signing key in use (GATEWAY_SIGNING_KEY is not set): anyone with this repository can sign tokens the subgraphs accept; never with real data.');
}
if (stack.issuer) {
  console.warn(
    `\nDEV MODE: bearer tokens come from the local development issuer ${local(stack.issuer.url)} (key in var/dev-issuer/).\n` +
      'Mint one with `npm run token -- --scopes employee:read,org:read` (or `--scopes all`; it finds this issuer in var/dev-issuer/running.json) and paste it into the explorer.\n' +
      'Never use dev mode with real data: set AUTH_ISSUER and AUTH_AUDIENCE for a real OIDC issuer.',
  );
}

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  // Requests in flight get a few seconds; a stuck one must not keep the process alive.
  setTimeout(() => process.exit(1), 10_000).unref();
  await stack.close();
  await extracts.close();
  await auditSink.close();
  await stopTracing();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
