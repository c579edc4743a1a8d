// The image's HEALTHCHECK: `node deploy/healthcheck.mjs [health|ready]` asks the URL deploy/run.ts
// noted at start in $TMPDIR/kommunegraf-health.json (HEALTH_FILE in deploy/processes.ts). Exit 0 when
// it answers 200, or when the process is a worker or job (nothing to ask); 1 otherwise. Plain
// JavaScript, so a check costs one short node start and no TypeScript loader.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const which = process.argv[2] === 'ready' ? 'ready' : 'health';
try {
  const urls = JSON.parse(readFileSync(join(tmpdir(), 'kommunegraf-health.json'), 'utf8'));
  if (urls === null) process.exit(0);
  const res = await fetch(urls[which], { signal: AbortSignal.timeout(4000) });
  process.exit(res.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
