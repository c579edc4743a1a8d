// An extract store for one test file: its own PostgreSQL schema in the database at DATABASE_URL (so
// files running side by side never see each other's rows), the extract tables created in it, and the
// whole schema dropped afterwards; and rows written directly, as the ingestion would write them.
import { randomBytes } from 'node:crypto';
import type { Municipality } from '../../sources/model.js';
import { postgresDatabase, withSearchPath, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { migrateExtractStore } from '../../sources/opus/extract/store/migrate.js';
import { DATABASE_URL } from './services.js';

export interface SchemaStore {
  schema: string;
  /** DATABASE_URL with this schema as search_path, for child processes. */
  url: string;
  /** A pool into the schema, open until `drop()`. */
  db: SqlDatabase;
  /** A new pool into the schema (as a restarted process would open); the caller closes it. */
  open(): SqlDatabase;
  /** Empties the extract tables between tests. */
  reset(): Promise<void>;
  drop(): Promise<void>;
}

export async function schemaStore(prefix: string): Promise<SchemaStore> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  const admin = postgresDatabase(DATABASE_URL, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const url = withSearchPath(DATABASE_URL, schema);
  const open = () => postgresDatabase(url, { max: 4 });
  const db = open();
  await migrateExtractStore(db);
  return {
    schema,
    url,
    db,
    open,
    reset: () => db.exec('TRUNCATE opus_change_event, opus_employment_version, opus_org_unit_version, opus_extract_file RESTART IDENTITY CASCADE'),
    drop: async () => {
      await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** The municipality's Opus units as current rows of opus_org_unit_version: one per unit, its version of today. */
export async function insertOrgUnits(db: SqlDatabase, m: Municipality, registeredFrom = '2026-10-31T02:00:00Z'): Promise<void> {
  for (const u of currentOpusUnits(m)) {
    await db.query(
      `INSERT INTO opus_org_unit_version (org_unit, registered_from, valid_from, valid_to, status, parent, record) VALUES ($1, $2, $3, $4, 'active', $5, $6)`,
      [u.id, registeredFrom, u.from, u.to, u.parentId, JSON.stringify({ longName: u.longName })],
    );
  }
}

let extracts = 0;

/** One extract file row; events reference it. */
export async function insertExtract(db: SqlDatabase, at: string): Promise<number> {
  extracts += 1;
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO opus_extract_file (file_name, extracted_at, sha256, employees, org_units) VALUES ($1, $2, $3, 0, 0) RETURNING id`,
    [`ZLPE${at.replace(/\D/g, '').slice(0, 14)}_delta.xml`, at, `${at}-${extracts}-${randomBytes(4).toString('hex')}`],
  );
  return Number(rows[0].id);
}

export interface EventRow {
  type: string;
  entity: 'Employment' | 'OrgUnit';
  key: string;
  orgUnits: string[];
  fields?: string[];
  effectiveFrom?: string | null;
}

export async function insertEvents(db: SqlDatabase, extractId: number, registeredAt: string, events: readonly EventRow[]): Promise<void> {
  for (const e of events) {
    await db.query(
      `INSERT INTO opus_change_event (extract_id, type, registered_at, effective_from, entity, entity_key, org_units, fields) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [extractId, e.type, registeredAt, e.effectiveFrom ?? null, e.entity, e.key, e.orgUnits, e.fields ?? []],
    );
  }
}

/** Each Opus unit once, as it is on the municipality's today (the sample keeps versions of re-organised units). */
export function currentOpusUnits(m: Municipality) {
  const byId = new Map<string, Municipality['opus']['orgUnits'][number]>();
  for (const u of m.opus.orgUnits) {
    const covers = u.from <= m.today && (u.to === null || u.to >= m.today);
    if (covers || !byId.has(u.id)) byId.set(u.id, u);
  }
  return [...byId.values()];
}
