// The production audit sink: rows in PostgreSQL's `audit_log`, which nobody can change or delete
// (a trigger refuses UPDATE, DELETE and TRUNCATE, and the writer role may only INSERT).
import pg from 'pg';
import { groupCommit } from './groupCommit.js';
import type { AuditRecord, AuditSink } from './record.js';

/** Idempotent; run by `npm run audit:migrate` or at start with AUDIT_PG_MIGRATE=true (needs DDL rights). */
export const AUDIT_LOG_DDL = /* sql */ `
CREATE TABLE IF NOT EXISTS audit_log (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at              timestamptz NOT NULL,
  request_id      text NOT NULL,
  subgraph        text NOT NULL,
  subject         text NOT NULL,
  client_id       text NOT NULL,
  client_kind     text NOT NULL,
  operation_name  text,
  kind            text NOT NULL CHECK (kind IN ('read', 'mutation')),
  category        text,
  entity_type     text,
  field           text NOT NULL,
  entity_ids      text[] NOT NULL,
  phase           text CHECK (phase IN ('attempt', 'outcome')),
  outcome         text CHECK (outcome IN ('ok', 'error')),
  error_code      text,
  arguments       jsonb
);
CREATE INDEX IF NOT EXISTS audit_log_subject_at ON audit_log (subject, at);
CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_entity_ids ON audit_log USING gin (entity_ids);

CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP;
END $$;
DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
DROP TRIGGER IF EXISTS audit_log_no_truncate ON audit_log;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

DO $$ BEGIN
  CREATE ROLE kommunegraf_audit_writer NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
REVOKE ALL ON audit_log FROM PUBLIC;
GRANT INSERT ON audit_log TO kommunegraf_audit_writer;
`;

const COLUMNS = ['at', 'request_id', 'subgraph', 'subject', 'client_id', 'client_kind', 'operation_name', 'kind', 'category', 'entity_type', 'field', 'entity_ids', 'phase', 'outcome', 'error_code', 'arguments'] as const;

function row(r: AuditRecord): unknown[] {
  return [r.at, r.requestId, r.subgraph, r.subject, r.clientId, r.clientKind, r.operationName, r.kind, r.category ?? null, r.entityType ?? null, r.field, r.entityIds, r.phase ?? null, r.outcome ?? null, r.errorCode ?? null, r.arguments ? JSON.stringify(r.arguments) : null];
}

export async function migrateAuditLog(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(AUDIT_LOG_DDL);
  } finally {
    await client.end();
  }
}

export async function postgresAuditSink(connectionString: string, options: { migrate?: boolean } = {}): Promise<AuditSink> {
  if (options.migrate) await migrateAuditLog(connectionString);
  const pool = new pg.Pool({ connectionString, max: 4, connectionTimeoutMillis: 5_000, statement_timeout: 10_000 } as pg.PoolConfig);
  // Fails at start, not at the first sensitive read, when the table is missing or not writable.
  await pool.query('SELECT 1 FROM audit_log LIMIT 0');
  const write = groupCommit<AuditRecord>(async (records) => {
    const values: unknown[] = [];
    const tuples = records.map((r) => `(${row(r).map((v) => `$${values.push(v)}`).join(', ')})`);
    await pool.query(`INSERT INTO audit_log (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  });
  return { name: 'postgres', write, close: () => pool.end() };
}
