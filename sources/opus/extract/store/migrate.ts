// Creates the extract store's tables (idempotent). `npm run extract:migrate` runs it on DATABASE_URL;
// the ingest and watch commands run it first too, so a new database needs no separate step.
import type { SqlDatabase } from './database.js';
import { EXTRACT_STORE_DDL } from './schema.js';

export async function migrateExtractStore(db: SqlDatabase): Promise<void> {
  await db.exec(EXTRACT_STORE_DDL);
}
