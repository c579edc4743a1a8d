// Reading and writing record versions in batches: one query reads the current versions of a batch,
// one closes those that change, one inserts the new ones (arrays through unnest, not a statement
// per row). Current = registered_to IS NULL; a version is never changed except to close it.
import type { SqlClient } from './database.js';
import type { Current, EmploymentStatus, OrgUnitStatus } from './changes.js';
import type { ExtractEmployee, ExtractOrgUnit } from '../types.js';

export async function currentEmployments(tx: SqlClient, keys: string[]): Promise<Map<string, Current<EmploymentStatus>>> {
  const { rows } = await tx.query<{ k: string; status: EmploymentStatus; record: Record<string, unknown> }>(
    `SELECT employment_number AS k, status, record FROM opus_employment_version WHERE registered_to IS NULL AND employment_number = ANY($1::text[])`,
    [keys],
  );
  return new Map(rows.map((r) => [r.k, { status: r.status, record: r.record }]));
}

export async function currentOrgUnits(tx: SqlClient, keys: string[]): Promise<Map<string, Current<OrgUnitStatus>>> {
  const { rows } = await tx.query<{ k: string; status: OrgUnitStatus; record: Record<string, unknown> }>(
    `SELECT org_unit AS k, status, record FROM opus_org_unit_version WHERE registered_to IS NULL AND org_unit = ANY($1::text[])`,
    [keys],
  );
  return new Map(rows.map((r) => [r.k, { status: r.status, record: r.record }]));
}

export async function writeEmploymentVersions(tx: SqlClient, at: Date, versions: { employee: ExtractEmployee; status: EmploymentStatus }[]): Promise<void> {
  if (versions.length === 0) return;
  const keys = versions.map((v) => v.employee.id);
  await tx.query(`UPDATE opus_employment_version SET registered_to = $1 WHERE registered_to IS NULL AND employment_number = ANY($2::text[])`, [at, keys]);
  await tx.query(
    `INSERT INTO opus_employment_version (employment_number, registered_from, valid_from, valid_to, status, cpr, org_unit, record)
     SELECT k, $1, vf, vt, s, c, u, r FROM unnest($2::text[], $3::date[], $4::date[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) AS x(k, vf, vt, s, c, u, r)`,
    [
      at,
      keys,
      versions.map((v) => v.employee.entryDate),
      versions.map((v) => v.employee.leaveDate),
      versions.map((v) => v.status),
      versions.map((v) => v.employee.cpr),
      versions.map((v) => v.employee.orgUnit),
      versions.map((v) => JSON.stringify(v.employee)),
    ],
  );
}

export async function writeOrgUnitVersions(tx: SqlClient, at: Date, versions: { unit: ExtractOrgUnit; status: OrgUnitStatus }[]): Promise<void> {
  if (versions.length === 0) return;
  const keys = versions.map((v) => v.unit.id);
  await tx.query(`UPDATE opus_org_unit_version SET registered_to = $1 WHERE registered_to IS NULL AND org_unit = ANY($2::text[])`, [at, keys]);
  await tx.query(
    `INSERT INTO opus_org_unit_version (org_unit, registered_from, valid_from, valid_to, status, parent, record)
     SELECT k, $1, vf, vt, s, p, r FROM unnest($2::text[], $3::date[], $4::date[], $5::text[], $6::text[], $7::jsonb[]) AS x(k, vf, vt, s, p, r)`,
    [
      at,
      keys,
      versions.map((v) => v.unit.startDate),
      versions.map((v) => v.unit.endDate),
      versions.map((v) => v.status),
      versions.map((v) => v.unit.parentOrgUnit),
      versions.map((v) => JSON.stringify(v.unit)),
    ],
  );
}

/**
 * Employments current as active but not in this file are annulled: a new version with status
 * 'annulled' and the record as last seen, and EMPLOYMENT_CANCELLED. OS2mo's importer deletes such
 * engagements (integrations/opus/opus_diff_import.py, delete_engagement, from find_missing in
 * opus_helpers.py); here history keeps them. A leaver who drops out of the file ended normally and is
 * left as it was (as diffExtracts does), where OS2mo's find_missing would delete it too.
 * Done in SQL against the seen-ids table, so no list of ids is held in the process.
 */
export async function annulMissingEmployments(tx: SqlClient, at: Date, extractDay: string): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `WITH gone AS (
       UPDATE opus_employment_version v SET registered_to = $1
       WHERE registered_to IS NULL AND status = 'active'
         AND NOT EXISTS (SELECT 1 FROM opus_ingest_seen_employment s WHERE s.key = v.employment_number)
       RETURNING employment_number, valid_from, valid_to, cpr, org_unit, record),
     annulled AS (
       INSERT INTO opus_employment_version (employment_number, registered_from, valid_from, valid_to, status, cpr, org_unit, record)
       SELECT employment_number, $1, valid_from, valid_to, 'annulled', cpr, org_unit, record FROM gone
       RETURNING employment_number, org_unit),
     staged AS (
       INSERT INTO opus_ingest_event (type, effective_from, entity, entity_key, org_units, fields)
       SELECT 'EMPLOYMENT_CANCELLED', $2::date, 'Employment', employment_number,
              CASE WHEN org_unit IS NULL THEN '{}'::text[] ELSE ARRAY[org_unit] END, '{}'::text[]
       FROM annulled RETURNING 1)
     SELECT count(*) AS n FROM staged`,
    [at, extractDay],
  );
  return Number(rows[0]!.n);
}

/** Org units gone from the file are annulled likewise; the feed, which has no event for a cancelled
 *  unit, reports them ORG_UNIT_CLOSED on the extract's day with no fields. */
export async function annulMissingOrgUnits(tx: SqlClient, at: Date, extractDay: string): Promise<number> {
  const { rows } = await tx.query<{ n: string }>(
    `WITH gone AS (
       UPDATE opus_org_unit_version v SET registered_to = $1
       WHERE registered_to IS NULL AND status = 'active'
         AND NOT EXISTS (SELECT 1 FROM opus_ingest_seen_org_unit s WHERE s.key = v.org_unit)
       RETURNING org_unit, valid_from, valid_to, parent, record),
     annulled AS (
       INSERT INTO opus_org_unit_version (org_unit, registered_from, valid_from, valid_to, status, parent, record)
       SELECT org_unit, $1, valid_from, valid_to, 'annulled', parent, record FROM gone
       RETURNING org_unit, parent),
     staged AS (
       INSERT INTO opus_ingest_event (type, effective_from, entity, entity_key, org_units, fields)
       SELECT 'ORG_UNIT_CLOSED', $2::date, 'OrgUnit', org_unit,
              CASE WHEN parent IS NULL THEN ARRAY[org_unit] ELSE ARRAY[org_unit, parent] END, '{}'::text[]
       FROM annulled RETURNING 1)
     SELECT count(*) AS n FROM staged`,
    [at, extractDay],
  );
  return Number(rows[0]!.n);
}
