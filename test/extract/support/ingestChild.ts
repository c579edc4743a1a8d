// A separate process ingesting one file, for the kill test: `node --import tsx ingestChild.ts URL FILE
// STOP_AT`. Once STOP_AT records are read (and earlier batches written inside the open transaction) it
// says "holding" and waits to be killed; given a STOP_AT beyond the file it ingests it and prints the result.
import { postgresDatabase } from '../../../sources/opus/extract/store/database.js';
import { ingestExtract } from '../../../sources/opus/extract/store/ingest.js';

const [url, file, stopAt] = process.argv.slice(2) as [string, string, string];
const db = postgresDatabase(url, { max: 1 });
const result = await ingestExtract(db, file, {
  batchSize: 500,
  onProgress: async (records) => {
    if (records < Number(stopAt)) return;
    process.stdout.write(`holding ${records}\n`);
    await new Promise(() => undefined);
  },
});
await db.close();
process.stdout.write(`finished ${JSON.stringify(result)}\n`);
