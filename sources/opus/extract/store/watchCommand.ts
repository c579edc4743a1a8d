// `npm run extract:watch`: ingests extracts as they arrive in EXTRACT_DIR, until SIGINT/SIGTERM.
import { commandDatabase } from './commandDatabase.js';
import { describeOutcome } from './describe.js';
import { migrateExtractStore } from './migrate.js';
import { watchExtractDir } from './watch.js';

const dir = process.env.EXTRACT_DIR;
if (!dir) {
  console.error('Set EXTRACT_DIR to the folder the Opus extracts are delivered to');
  process.exit(2);
}
const intervalMs = Number(process.env.EXTRACT_POLL_SECONDS || 30) * 1000;
const db = commandDatabase();
await migrateExtractStore(db);
const watcher = watchExtractDir(db, dir, {
  intervalMs,
  onResult: (outcome) => ('result' in outcome ? console.log : console.error)(describeOutcome(outcome)),
});
console.log(`watching ${dir} every ${intervalMs / 1000} s`);
const stop = async () => {
  await watcher.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
