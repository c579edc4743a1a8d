// `npm run audit:migrate`: creates the append-only audit_log table, its triggers and the insert-only
// writer role in DATABASE_URL (idempotent; needs DDL rights, which the running service should not have).
import { migrateAuditLog } from './postgresSink.js';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL, e.g. postgres://postgres@127.0.0.1:5432/test');
  process.exit(2);
}
await migrateAuditLog(url);
console.log('audit_log is ready (append-only; grant kommunegraf_audit_writer to the service role)');
