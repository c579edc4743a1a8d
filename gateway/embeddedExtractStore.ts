// The extract store `npm start` runs on: PostgreSQL at EXTRACT_DATABASE_URL when one is given, else an
// embedded PGlite in memory, with the same SQL. It holds the sample municipality's Opus extracts of two
// consecutive days (the day before its re-organisation and the day it takes effect), so the change
// feed has events from the first minute; with EXTRACT_DIR set, files dropped there are ingested too.
import { join } from 'node:path';
import type { Municipality } from '../sources/model.js';
import { pgliteDatabase, postgresDatabase, type SqlDatabase } from '../sources/opus/extract/store/database.js';
import { ingestExtract, type IngestResult } from '../sources/opus/extract/store/ingest.js';
import { migrateExtractStore } from '../sources/opus/extract/store/migrate.js';
import { watchExtractDir, type ExtractWatcher } from '../sources/opus/extract/store/watch.js';
import { writeSampleExtracts } from '../sources/sample/extracts.js';
import { migrateWebhooks, startWebhookDelivery, type WebhookRunner } from '../subgraphs/index.js';

export interface EmbeddedExtractStore {
  db: SqlDatabase;
  /** What ingesting the sample's two files gave. */
  sample: IngestResult[];
  close(): Promise<void>;
}

export async function startExtractStore(m: Municipality, env: Record<string, string | undefined>, log: (line: string) => void = console.log): Promise<EmbeddedExtractStore> {
  const db = env.EXTRACT_DATABASE_URL ? postgresDatabase(env.EXTRACT_DATABASE_URL) : await pgliteDatabase();
  let watcher: ExtractWatcher | undefined;
  let webhooks: WebhookRunner | undefined;
  try {
    await migrateExtractStore(db);
    // Rewritten on every start, in a folder of their own, so a store that outlives the process
    // (EXTRACT_DATABASE_URL) sees the same files again as duplicates, not as older files.
    const files = await writeSampleExtracts(m, join('var', 'sample-extracts'));
    const sample: IngestResult[] = [];
    for (const file of files) sample.push(await ingestExtract(db, file));
    // Subscribers registered with `npm run changes:subscribe` (against EXTRACT_DATABASE_URL) are served here too.
    await migrateWebhooks(db);
    webhooks = startWebhookDelivery(db, { intervalMs: 10_000, onError: (err) => log(`webhook round failed: ${(err as Error).message}`) });
    if (env.EXTRACT_DIR) {
      watcher = watchExtractDir(db, env.EXTRACT_DIR, {
        intervalMs: 5_000,
        onResult: (o) => log(`extract ${o.file}: ${'result' in o ? o.result.status : `refused: ${('refused' in o ? o.refused : o.failed).message}`}`),
      });
    }
    return {
      db,
      sample,
      close: async () => {
        await webhooks?.close();
        await watcher?.close();
        await db.close();
      },
    };
  } catch (err) {
    await webhooks?.close();
    await db.close();
    throw err;
  }
}
