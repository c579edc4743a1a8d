// Extract-store tests run against the PostgreSQL at DATABASE_URL, each test file in a schema of its
// own (search_path in the connection's options) so files running in parallel never collide; the
// schema is dropped afterwards. `pglite()` gives the embedded database with the same tables.
import { pgliteDatabase, type SqlDatabase } from '../../../sources/opus/extract/store/database.js';
import { migrateExtractStore } from '../../../sources/opus/extract/store/migrate.js';

export { schemaStore, type SchemaStore } from '../../support/extractStore.js';

export async function pgliteStore(): Promise<SqlDatabase> {
  const db = await pgliteDatabase();
  await migrateExtractStore(db);
  return db;
}

export function resetTables(db: SqlDatabase): Promise<void> {
  return db.exec('TRUNCATE opus_change_event, opus_employment_version, opus_org_unit_version, opus_extract_file RESTART IDENTITY CASCADE');
}

export interface EventView {
  type: string;
  key: string;
  effectiveFrom: string | null;
  orgUnits: string[];
  fields: string[];
}

/** The events of one extract (by file name), in cursor order. */
export async function eventsOf(db: SqlDatabase, fileName: string): Promise<EventView[]> {
  const { rows } = await db.query<EventView>(
    `SELECT e.type, e.entity_key AS key, e.effective_from::text AS "effectiveFrom", e.org_units AS "orgUnits", e.fields
     FROM opus_change_event e JOIN opus_extract_file f ON f.id = e.extract_id WHERE f.file_name = $1 ORDER BY e.cursor`,
    [fileName],
  );
  return rows;
}

export interface VersionView {
  registeredFrom: string;
  registeredTo: string | null;
  validFrom: string | null;
  validTo: string | null;
  status: string;
  orgUnit: string | null;
  record: Record<string, unknown>;
}

/** The versions of one record, oldest registration first; `orgUnit` is the placement (employment) or the parent (unit). */
async function versionsOf(db: SqlDatabase, table: string, keyColumn: string, unitColumn: string, key: string): Promise<VersionView[]> {
  const { rows } = await db.query<VersionView>(
    `SELECT to_char(registered_from AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "registeredFrom",
            to_char(registered_to AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS "registeredTo",
            valid_from::text AS "validFrom", valid_to::text AS "validTo", status, ${unitColumn} AS "orgUnit", record
     FROM ${table} WHERE ${keyColumn} = $1 ORDER BY registered_from`,
    [key],
  );
  return rows;
}

export const employmentVersions = (db: SqlDatabase, key: string) => versionsOf(db, 'opus_employment_version', 'employment_number', 'org_unit', key);
export const orgUnitVersions = (db: SqlDatabase, key: string) => versionsOf(db, 'opus_org_unit_version', 'org_unit', 'parent', key);

/** Row counts of the four tables: a refused or replayed file must leave them as they were. */
export async function tableCounts(db: SqlDatabase): Promise<Record<string, number>> {
  const { rows } = await db.query<{ files: string; employments: string; units: string; events: string }>(
    `SELECT (SELECT count(*) FROM opus_extract_file) AS files, (SELECT count(*) FROM opus_employment_version) AS employments,
            (SELECT count(*) FROM opus_org_unit_version) AS units, (SELECT count(*) FROM opus_change_event) AS events`,
  );
  const r = rows[0]!;
  return { files: Number(r.files), employments: Number(r.employments), units: Number(r.units), events: Number(r.events) };
}
