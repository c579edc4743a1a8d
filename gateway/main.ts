// Runs the gateway alone against subgraphs named in the environment: `npx tsx gateway/main.ts`.
import { gatewayConfigFromEnv } from './config.js';
import { ensureExplorerBuilt } from './explorer/build.js';
import { createExplorerHandler } from './explorer/serve.js';
import { startGateway } from './server.js';

const config = gatewayConfigFromEnv();
const distDir = await ensureExplorerBuilt();
const gateway = await startGateway({ ...config, routes: [createExplorerHandler({ distDir, endpoint: '/graphql' })] });
console.log(`Gateway listening on ${gateway.url}`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await gateway.close();
    process.exit(0);
  });
}
