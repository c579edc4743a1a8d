// Which audit sink a process writes to (README: "Audit log"): a JSON-lines file by default, the
// append-only PostgreSQL table with AUDIT_SINK=postgres.
import { fileURLToPath } from 'node:url';
import { fileAuditSink } from './fileSink.js';
import { postgresAuditSink } from './postgresSink.js';
import type { AuditSink } from './record.js';
import type { Env } from '../env.js';

export const DEFAULT_AUDIT_FILE = fileURLToPath(new URL('../../var/audit.jsonl', import.meta.url));

export async function auditSinkFromEnv(env: Env = process.env): Promise<AuditSink> {
  const kind = env.AUDIT_SINK ?? 'file';
  if (kind === 'file') return fileAuditSink(env.AUDIT_FILE || DEFAULT_AUDIT_FILE);
  if (kind === 'postgres') {
    if (!env.DATABASE_URL) throw new Error('AUDIT_SINK=postgres needs DATABASE_URL');
    return postgresAuditSink(env.DATABASE_URL, { migrate: env.AUDIT_PG_MIGRATE === 'true' });
  }
  throw new Error(`AUDIT_SINK must be file or postgres, got "${kind}"`);
}
