// The production audit sink: rows in PostgreSQL's `audit_log`, which nobody can change or delete
// (a trigger refuses UPDATE, DELETE and TRUNCATE, and the writer role may only INSERT); the reader
// role may SELECT, for the access report.
import pg from 'pg';
import { groupCommit } from './groupCommit.js';
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord, AuditSink } from './record.js';

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
CREATE INDEX IF NOT EXISTS audit_log_client_at ON audit_log (client_id, at);

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
DO $$ BEGIN
  CREATE ROLE kommunegraf_audit_reader NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
REVOKE ALL ON audit_log FROM PUBLIC;
GRANT INSERT ON audit_log TO kommunegraf_audit_writer;
-- The access report (accessLog, employee subgraph) reads the log.
GRANT SELECT ON audit_log TO kommunegraf_audit_reader;
`;

const COLUMNS = ['at', 'request_id', 'subgraph', 'subject', 'client_id', 'client_kind', 'operation_name', 'kind', 'category', 'entity_type', 'field', 'entity_ids', 'phase', 'outcome', 'error_code', 'arguments'] as const;

function row(r: AuditRecord): unknown[] {
  return [r.at, r.requestId, r.subgraph, r.subject, r.clientId, r.clientKind, r.operationName, r.kind, r.category ?? null, r.entityType ?? null, r.field, r.entityIds, r.phase ?? null, r.outcome ?? null, r.errorCode ?? null, r.arguments ? JSON.stringify(r.arguments) : null];
}

interface AuditRow {
  id: string;
  at: Date;
  request_id: string;
  subgraph: string;
  subject: string;
  client_id: string;
  client_kind: string;
  operation_name: string | null;
  kind: AuditRecord['kind'];
  category: AuditRecord['category'] | null;
  entity_type: string | null;
  field: string;
  entity_ids: string[];
  phase: AuditRecord['phase'] | null;
  outcome: AuditRecord['outcome'] | null;
  error_code: string | null;
  arguments: Record<string, unknown> | null;
}

function fromRow(r: AuditRow): AuditRecord {
  const optional = <K extends keyof AuditRecord>(key: K, value: AuditRecord[K] | null) => (value === null ? {} : { [key]: value });
  return {
    at: r.at.toISOString(),
    requestId: r.request_id,
    subgraph: r.subgraph,
    subject: r.subject,
    clientId: r.client_id,
    clientKind: r.client_kind,
    operationName: r.operation_name,
    kind: r.kind,
    field: r.field,
    entityIds: r.entity_ids,
    ...optional('category', r.category),
    ...optional('entityType', r.entity_type),
    ...optional('phase', r.phase),
    ...optional('outcome', r.outcome),
    ...optional('errorCode', r.error_code),
    ...optional('arguments', r.arguments),
  };
}

/** Newest first by row id (the order records were written in); the entity id sets use the GIN index. */
async function queryTable(pool: pg.Pool, filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
  const values: unknown[] = [];
  const param = (v: unknown) => `$${values.push(v)}`;
  const where: string[] = [];
  if (filter.subject !== undefined) where.push(`subject = ${param(filter.subject)}`);
  if (filter.clientId !== undefined) where.push(`client_id = ${param(filter.clientId)}`);
  if (filter.from !== undefined) where.push(`at >= ${param(filter.from)}`);
  if (filter.to !== undefined) where.push(`at <= ${param(filter.to)}`);
  for (const set of filter.entityIdSets ?? []) where.push(`entity_ids && ${param(set)}::text[]`);
  if (page.after !== undefined) where.push(`id < ${param(page.after)}`);
  const sql = `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ${param(page.first + 1)}`;
  const rows = (await pool.query<AuditRow>(sql, values)).rows;
  return {
    records: rows.slice(0, page.first).map((r) => ({ position: String(r.id), record: fromRow(r) })),
    hasNextPage: rows.length > page.first,
  };
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
  return { name: 'postgres', write, query: (filter, page) => queryTable(pool, filter, page), close: () => pool.end() };
}
