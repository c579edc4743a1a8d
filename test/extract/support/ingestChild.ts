// A separate process ingesting one file, for the kill test: `node --import tsx ingestChild.ts URL FILE
// STOP_AT`. It reports each batch on stdout and, once STOP_AT records are read (and earlier batches
// written inside the open transaction), says "holding" and waits to be killed.
import { postgresDatabase } from '../../../sources/opus/extract/store/database.js';
import { ingestExtract } from '../../../sources/opus/extract/store/ingest.js';

const [url, file, stopAt] = process.argv.slice(2) as [string, string, string];
const db = postgresDatabase(url, { max: 1 });
await ingestExtract(db, file, {
  batchSize: 500,
  onProgress: async (records) => {
    if (records < Number(stopAt)) return;
    process.stdout.write(`holding ${records}\n`);
    await new Promise(() => undefined);
  },
});
process.stdout.write('finished\n');
