// Runs the gateway alone against subgraphs named in the environment: `npx tsx gateway/main.ts`.
import { authConfigFromEnv } from '../platform/auth/config.js';
import { createVerifier } from '../platform/auth/verifier.js';
import { gatewaySigningKeyFromEnv, warnOfDevelopmentKey } from '../platform/auth/gatewayKeys.js';
import { createLogger } from '../platform/logging.js';
import { startTracing } from '../platform/tracing.js';
import { logUnhandledRejections } from '../platform/unhandledRejections.js';
import { gatewayConfigFromEnv } from './config.js';
import { ensureExplorerBuilt } from './explorer/build.js';
import { createExplorerHandler } from './explorer/serve.js';
import { startGateway } from './server.js';

const stopTracing = await startTracing('kommunegraf-gateway');
const logger = createLogger({ name: 'gateway' });
logUnhandledRejections(logger);
const config = gatewayConfigFromEnv();
// Refuses to start without an issuer (or AUTH_MODE=dev outside production).
const verifier = createVerifier(authConfigFromEnv());
// Refuses to start on a malformed GATEWAY_SIGNING_KEY, or without one when NODE_ENV=production.
const signingKey = gatewaySigningKeyFromEnv();
if (signingKey.development) warnOfDevelopmentKey(logger, 'GATEWAY_SIGNING_KEY');
const distDir = await ensureExplorerBuilt();
const gateway = await startGateway({ ...config, verifier, signingKey, logger, routes: [createExplorerHandler({ distDir, endpoint: '/graphql' })] });
logger.info({ url: gateway.url }, 'gateway listening');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.close();
    await stopTracing();
    process.exit(0);
  });
}
