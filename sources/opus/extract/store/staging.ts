// Per-file working tables, created inside the ingest transaction and dropped with it (ON COMMIT DROP,
// and a rollback undoes their creation). They keep the file's state in the database instead of the
// process: the ids seen so far (for duplicates and for what disappeared) and the events found, which
// are numbered only at the end, in (entity, key, type) order, so cursors do not depend on batching.
import type { SqlClient } from './database.js';
import type { ChangeEvent } from './changes.js';

export async function createStaging(tx: SqlClient): Promise<void> {
  await tx.query(`CREATE TEMP TABLE opus_ingest_seen_employment (key text PRIMARY KEY) ON COMMIT DROP`);
  await tx.query(`CREATE TEMP TABLE opus_ingest_seen_org_unit (key text PRIMARY KEY) ON COMMIT DROP`);
  await tx.query(`CREATE TEMP TABLE opus_ingest_event (
    type text NOT NULL, effective_from date, entity text NOT NULL, entity_key text NOT NULL,
    org_units text[] NOT NULL, fields text[] NOT NULL) ON COMMIT DROP`);
}

/** Marks keys as seen; returns those that were seen before (duplicates in the file). */
export async function markSeen(tx: SqlClient, table: 'employment' | 'org_unit', keys: string[]): Promise<Set<string>> {
  const { rows } = await tx.query<{ key: string }>(
    `INSERT INTO opus_ingest_seen_${table} (key) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING key`,
    [keys],
  );
  const inserted = new Set(rows.map((r) => r.key));
  return new Set(keys.filter((k) => !inserted.has(k)));
}

export async function stageEvents(tx: SqlClient, events: ChangeEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Arrays of arrays cannot go through unnest (it flattens them), so each row's lists travel as JSON.
  await tx.query(
    `INSERT INTO opus_ingest_event (type, effective_from, entity, entity_key, org_units, fields)
     SELECT t, e, n, k, ARRAY(SELECT jsonb_array_elements_text(o)), ARRAY(SELECT jsonb_array_elements_text(f))
     FROM unnest($1::text[], $2::date[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS x(t, e, n, k, o, f)`,
    [
      events.map((e) => e.type),
      events.map((e) => e.effectiveFrom),
      events.map((e) => e.entity),
      events.map((e) => e.key),
      events.map((e) => JSON.stringify(e.orgUnits)),
      events.map((e) => JSON.stringify(e.fields)),
    ],
  );
}

/** Moves the staged events into the feed in their stable order; returns how many. */
export async function publishEvents(tx: SqlClient, extractId: string, registeredAt: Date): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `WITH published AS (
       INSERT INTO opus_change_event (extract_id, type, registered_at, effective_from, entity, entity_key, org_units, fields)
       SELECT $1, type, $2, effective_from, entity, entity_key, org_units, fields FROM opus_ingest_event
       ORDER BY entity COLLATE "C", entity_key COLLATE "C", type COLLATE "C"
       RETURNING 1)
     SELECT count(*) AS n FROM published`,
    [extractId, registeredAt],
  );
  return Number(rows[0]!.n);
}
