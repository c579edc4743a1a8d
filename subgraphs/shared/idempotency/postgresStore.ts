// Idempotency records in PostgreSQL (production): durable, shared by every replica, and each step one
// SQL statement, so the row itself arbitrates races: INSERT ... ON CONFLICT claims a key once, and a
// conditional UPDATE ... RETURNING lets exactly one of several retries take over a lost attempt, timed
// by the database's clock. The same SQL runs on the embedded PGlite.
import type { SqlDatabase } from '../../../sources/opus/extract/store/database.js';
import type { IdempotencyRecord, IdempotencyStore } from './record.js';

/** Idempotent; run by `npm run idempotency:migrate` or at start with IDEMPOTENCY_PG_MIGRATE=true. */
export const IDEMPOTENCY_DDL = /* sql */ `
CREATE TABLE IF NOT EXISTS idempotency_record (
  key          text PRIMARY KEY,
  fingerprint  text NOT NULL,
  update_id    text NOT NULL,
  state        text NOT NULL CHECK (state IN ('pending', 'done')),
  attempt      integer NOT NULL,
  lease_until  timestamptz NOT NULL,
  result       jsonb,
  expires_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS idempotency_record_expires_at ON idempotency_record (expires_at);
`;

export async function migrateIdempotency(db: SqlDatabase): Promise<void> {
  await db.transaction(async (tx) => {
    // Replicas starting together would otherwise race on CREATE TABLE IF NOT EXISTS (which is not
    // safe against itself); one statement at a time, as PGlite takes them with parameters.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('kommunegraf.idempotency_record'))`);
    for (const statement of IDEMPOTENCY_DDL.split(';').map((s) => s.trim()).filter(Boolean)) await tx.query(statement);
  });
}

const MS = `* interval '1 millisecond'`;
const COLUMNS = `fingerprint, update_id, state, attempt, (extract(epoch FROM lease_until) * 1000)::float8 AS lease_until_ms, result`;

interface Row {
  fingerprint: string;
  update_id: string;
  state: 'pending' | 'done';
  attempt: number;
  lease_until_ms: number;
  result: unknown;
}

const toRecord = (row: Row | undefined): IdempotencyRecord | undefined =>
  row && {
    fingerprint: row.fingerprint,
    updateId: row.update_id,
    state: row.state,
    attempt: Number(row.attempt),
    leaseUntil: Number(row.lease_until_ms),
    ...(row.state === 'done' ? { result: row.result } : {}),
  };

/** Records in `idempotency_record` of `db` (the table must exist: see migrateIdempotency). */
export function postgresIdempotencyStore(db: SqlDatabase, options: { ownsDatabase?: boolean } = {}): IdempotencyStore {
  let sweptAt = 0;
  // Expired records are deleted in bounded bites, at most once a minute per process, after a claim.
  const sweep = () => {
    if (Date.now() - sweptAt < 60_000) return;
    sweptAt = Date.now();
    void db
      .query(`DELETE FROM idempotency_record WHERE key IN (SELECT key FROM idempotency_record WHERE expires_at <= now() LIMIT 1000)`)
      .catch(() => undefined);
  };
  return {
    kind: 'postgres',
    async claim(key, init, leaseMs, retentionMs) {
      // A new key is inserted; an expired record under it (not yet swept) is started afresh, as the
      // next attempt number so nothing its old attempt does can touch the new one.
      const inserted = await db.query<Row>(
        `INSERT INTO idempotency_record AS r (key, fingerprint, update_id, state, attempt, lease_until, expires_at)
         VALUES ($1, $2, $3, 'pending', 1, now() + $4::float8 ${MS}, now() + $5::float8 ${MS})
         ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, update_id = EXCLUDED.update_id, state = 'pending',
           attempt = r.attempt + 1, lease_until = EXCLUDED.lease_until, result = NULL, expires_at = EXCLUDED.expires_at, created_at = now()
         WHERE r.expires_at <= now()
         RETURNING ${COLUMNS}`,
        [key, init.fingerprint, init.updateId, leaseMs, retentionMs],
      );
      sweep();
      if (inserted.rows.length > 0) return { claimed: true, record: toRecord(inserted.rows[0]) };
      const existing = await db.query<Row>(`SELECT ${COLUMNS} FROM idempotency_record WHERE key = $1 AND expires_at > now()`, [key]);
      return { claimed: false, record: toRecord(existing.rows[0]) };
    },
    async takeover(key, leaseMs) {
      const { rows } = await db.query<Row>(
        `UPDATE idempotency_record SET attempt = attempt + 1, lease_until = now() + $2::float8 ${MS}
         WHERE key = $1 AND state = 'pending' AND lease_until <= now() AND expires_at > now()
         RETURNING ${COLUMNS}`,
        [key, leaseMs],
      );
      return toRecord(rows[0]);
    },
    async complete(key, attempt, result, retentionMs) {
      const { rows } = await db.query(
        `UPDATE idempotency_record SET state = 'done', result = $3::jsonb, lease_until = now(), expires_at = now() + $4::float8 ${MS}
         WHERE key = $1 AND attempt = $2 AND state = 'pending'
         RETURNING attempt`,
        [key, attempt, JSON.stringify(result ?? null), retentionMs],
      );
      return rows.length > 0;
    },
    async release(key, attempt) {
      const { rows } = await db.query(
        `UPDATE idempotency_record SET lease_until = now() WHERE key = $1 AND attempt = $2 AND state = 'pending' RETURNING attempt`,
        [key, attempt],
      );
      return rows.length > 0;
    },
    close: async () => {
      if (options.ownsDatabase) await db.close();
    },
  };
}
