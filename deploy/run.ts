// The container's entry point: `run.ts <process> [arguments]` runs one process of deploy/processes.ts
// in this Node.js process (so signals reach it directly), after noting where its health check asks.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { HEALTH_FILE, healthUrls, PROCESSES } from './processes.js';

function usage(): string {
  return `Usage: run.ts <process> [arguments]\n\n${Object.entries(PROCESSES)
    .map(([name, spec]) => `  ${name.padEnd(18)}${spec.description}`)
    .join('\n')}`;
}

const [name, ...args] = process.argv.slice(2);
const spec = name ? PROCESSES[name] : undefined;
if (!spec) {
  console.error(name && name !== '--help' ? `Unknown process "${name}"\n\n${usage()}` : usage());
  process.exit(name === '--help' ? 0 : 2);
}
if (spec.development && process.env.NODE_ENV === 'production') {
  console.error(`"${name}" is for development and trying the image only, and is refused when NODE_ENV=production`);
  process.exit(2);
}
// A tool runs beside the container's own process and leaves its health check alone.
if (spec.kind !== 'tool') writeFileSync(HEALTH_FILE, JSON.stringify(healthUrls(spec, process.env) ?? null));
const root = fileURLToPath(new URL('../', import.meta.url));
for (const module of spec.modules) {
  // Each module reads its own arguments (parseArgs) as if it had been started alone.
  process.argv = [process.argv[0], join(root, module), ...args];
  await import(pathToFileURL(join(root, module)).href);
}
if (spec.kind === 'job') process.exit(0);
