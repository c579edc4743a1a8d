// `run.ts sample` (compose profile `sample`): stand-ins for what a real deployment reaches outside
// itself, to try the image without Opus, FK ORG or an OIDC issuer. The Opus and FK ORG simulators
// serve the sample municipality, a development issuer serves its discovery document and keys (mint a
// token with `run.ts token`), and the sample's Opus extracts of two days go to EXTRACT_DIR for
// `extract-watch` to ingest. Listens on HOST, which must be the name the other containers reach it by.
import { join } from 'node:path';
import { startEmbeddedSources } from '../sources/embedded.js';
import { generateMunicipality } from '../sources/sample/generate.js';
import { writeSampleExtracts } from '../sources/sample/extracts.js';
import { DEV_ISSUER_PORT } from '../platform/auth/config.js';
import { DEV_KEY_FILE, startDevIssuer } from '../platform/auth/devIssuer.js';
import { intFromEnv } from '../platform/env.js';
import { today } from '../platform/today.js';

const env = process.env;
const host = env.HOST || '127.0.0.1';
const municipality = generateMunicipality({ employees: intFromEnv(env, 'SAMPLE_EMPLOYEES', 2000, 1, 200_000), seed: intFromEnv(env, 'SAMPLE_SEED', 1), today: today() });
const sources = await startEmbeddedSources({
  municipality,
  host,
  opusPort: intFromEnv(env, 'OPUS_SIMULATOR_PORT', 4101, 0, 65535),
  fkorgPort: intFromEnv(env, 'FKORG_SIMULATOR_PORT', 4102, 0, 65535),
  latencyMs: intFromEnv(env, 'SIMULATOR_LATENCY_MS', 0, 0, 60_000),
});
// Last: its discovery document is what the health check asks for, so "healthy" means all three listen.
const issuer = await startDevIssuer({ host, port: intFromEnv(env, 'DEV_ISSUER_PORT', DEV_ISSUER_PORT, 0, 65535), keyFile: DEV_KEY_FILE });
const extracts = env.EXTRACT_DIR ? await writeSampleExtracts(municipality, join(env.EXTRACT_DIR)) : [];

console.log(`Sample municipality "${municipality.name}": ${municipality.opus.employments.length} employments (kommunekode ${municipality.opus.kommunekode})`);
console.log(`Opus simulator    ${sources.opus.url}\nFK ORG simulator  ${sources.fkorg.url}\nToken issuer      ${issuer.url} (development only)`);
for (const file of extracts) console.log(`Opus extract      ${file}`);

const stop = async () => {
  await issuer.close();
  await sources.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
