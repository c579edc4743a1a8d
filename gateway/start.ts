// `npm start`: the whole graph on a built-in sample municipality, no services needed.
// Sources (simulators) -> four subgraphs -> gateway with the explorer at http://localhost:4000/graphql.
import { generateMunicipality } from '../sources/sample/generate.js';
import { DEFAULT_PORTS, intFromEnv, SUBGRAPHS } from '../subgraphs/shared/config.js';
import { today } from '../subgraphs/shared/dates.js';
import { ensureExplorerBuilt } from './explorer/build.js';
import { createExplorerHandler } from './explorer/serve.js';
import { startStack } from './stack.js';

const env = process.env;
const employees = intFromEnv(env, 'SAMPLE_EMPLOYEES', 2000, 1, 200_000);
const seed = intFromEnv(env, 'SAMPLE_SEED', 1);
const port = intFromEnv(env, 'PORT', 4000, 0, 65535);

const started = Date.now();
const municipality = generateMunicipality({ employees, seed, today: today() });
const distDir = await ensureExplorerBuilt();
const stack = await startStack({
  municipality,
  gatewayPort: port,
  subgraphPorts: Object.fromEntries(SUBGRAPHS.map((n) => [n, intFromEnv(env, `${n.toUpperCase()}_PORT`, DEFAULT_PORTS[n], 0, 65535)])),
  opusPort: intFromEnv(env, 'OPUS_SIMULATOR_PORT', 4101, 0, 65535),
  fkorgPort: intFromEnv(env, 'FKORG_SIMULATOR_PORT', 4102, 0, 65535),
  latencyMs: intFromEnv(env, 'SIMULATOR_LATENCY_MS', 0, 0, 60_000),
  gateway: { routes: [createExplorerHandler({ distDir, endpoint: '/graphql' })] },
});

const local = (url: string) => url.replace('127.0.0.1', 'localhost');
console.log(`Sample municipality "${municipality.name}": ${municipality.opus.employments.length} employments, ${municipality.org.units.length} units (seed ${seed})`);
console.log(`Opus simulator        ${local(stack.sources.opus.url)}`);
console.log(`FK ORG simulator      ${local(stack.sources.fkorg.url)}`);
for (const name of SUBGRAPHS) console.log(`${`${name} subgraph`.padEnd(22)}${local(stack.subgraphs[name].url)}`);
console.log(`Gateway + explorer    ${local(stack.url)}   (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);

let stopping = false;
async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: shutting down`);
  // Requests in flight get a few seconds; a stuck one must not keep the process alive.
  setTimeout(() => process.exit(1), 10_000).unref();
  await stack.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
