// Extract-mode fixtures: the sample municipality's employments written straight into the extract
// store's tables as the ingestion would (one version per registration, the record with the file's
// field names), in a PostgreSQL schema of the test file's own or in an embedded PGlite.
import type { Employment, Municipality } from '../../sources/model.js';
import type { SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { toExtractEmployee } from '../../sources/opus/extract/mapping.js';
import type { ExtractEmployee } from '../../sources/opus/extract/types.js';

/** Writes one version of an employment record, registered from `from` until `to` (null: current). */
export async function insertVersion(db: SqlDatabase, r: ExtractEmployee, from: string, to: string | null, status: 'active' | 'left' | 'annulled' = r.action === 'leave' ? 'left' : 'active') {
  await db.query(
    `INSERT INTO opus_employment_version (employment_number, registered_from, registered_to, valid_from, valid_to, status, cpr, org_unit, record)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [r.id, from, to, r.entryDate, r.leaveDate, status, r.cpr, r.orgUnit, JSON.stringify(r)],
  );
}

/** Every employment of the sample as the extract of `registeredFrom` says it, current. */
export async function insertMunicipality(db: SqlDatabase, m: Municipality, registeredFrom: string): Promise<Map<string, ExtractEmployee>> {
  const records = new Map<string, ExtractEmployee>();
  for (const e of m.opus.employments) {
    const r = toExtractEmployee(e, m.opus.kommunekode, m.today);
    records.set(r.id, r);
    await insertVersion(db, r, registeredFrom, null);
  }
  return records;
}

/** A later extract says something else: the current version's registration closes, a new one opens. */
export async function registerChange(db: SqlDatabase, r: ExtractEmployee, at: string, status?: 'active' | 'left' | 'annulled') {
  await db.query(`UPDATE opus_employment_version SET registered_to = $2 WHERE employment_number = $1 AND registered_to IS NULL`, [r.id, at]);
  await insertVersion(db, r, at, null, status);
}

/** Every SQL statement the store is asked, for counting per plan step. */
export function counting(db: SqlDatabase): SqlDatabase & { statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    kind: db.kind,
    query: (sql, params) => {
      statements.push(sql);
      return db.query(sql, params);
    },
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    close: () => db.close(),
  } as SqlDatabase & { statements: string[] };
}

export const isActive = (e: Employment, date: string) => e.contract.start <= date && (e.contract.end === null || e.contract.end >= date);
