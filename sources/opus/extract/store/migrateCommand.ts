// `npm run extract:migrate`: the extract store's tables in EXTRACT_DATABASE_URL or DATABASE_URL (idempotent).
import { commandDatabase } from './commandDatabase.js';
import { migrateExtractStore } from './migrate.js';

const db = commandDatabase();
try {
  await migrateExtractStore(db);
  console.log('extract store tables are ready');
} finally {
  await db.close();
}
