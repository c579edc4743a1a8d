// `npm run idempotency:migrate`: the idempotency_record table in IDEMPOTENCY_DATABASE_URL or
// DATABASE_URL (idempotent; needs DDL rights, which the running service need not have).
import { postgresDatabase } from '../../../sources/opus/extract/store/database.js';
import { migrateIdempotency } from './postgresStore.js';
import { idempotencyDatabaseUrl } from './storeFromEnv.js';

const url = idempotencyDatabaseUrl(process.env);
if (!url) {
  console.error('Set IDEMPOTENCY_DATABASE_URL or DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}
const db = postgresDatabase(url, { max: 1 });
try {
  await migrateIdempotency(db);
  console.log('idempotency_record is ready');
} finally {
  await db.close();
}
