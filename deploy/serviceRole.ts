// The login role the gateway's subgraphs use in production, so that no running service holds DDL
// rights or can change a row of the audit log: it appends to and reads audit_log (through the roles
// audit:migrate creates), reads and writes idempotency_record, and reads every other table of the
// schema (the Opus extract store and the change feed). `migrate` (deploy/processes.ts) runs it after
// the migrations, as the owner role, when SERVICE_DATABASE_PASSWORD is set.
import { postgresDatabase, type SqlClient } from '../sources/opus/extract/store/database.js';

export const DEFAULT_SERVICE_ROLE = 'kommunegraf_service';
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function grantServiceRole(db: SqlClient, role: string, password: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new Error(`SERVICE_DATABASE_ROLE must be a lower-case PostgreSQL name (a-z, 0-9, _), got "${role.slice(0, 63)}"`);
  if (password.length < 16) throw new Error('SERVICE_DATABASE_PASSWORD must be at least 16 characters (deploy/secrets.sh makes one)');
  await db.query(`DO $$ BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
  // CREATE/ALTER ROLE take no parameters: the password goes in as a quoted literal made by format(%L).
  const { rows } = await db.query<{ sql: string }>(`SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', $1::text, $2::text) AS sql`, [role, password]);
  await db.query(rows[0]!.sql);
  const schema = (await db.query<{ schema: string }>('SELECT current_schema() AS schema')).rows[0]!.schema;
  const s = `"${schema.replace(/"/g, '""')}"`;
  for (const statement of [
    `GRANT USAGE ON SCHEMA ${s} TO ${role}`,
    `GRANT kommunegraf_audit_writer, kommunegraf_audit_reader TO ${role}`,
    `GRANT SELECT ON ALL TABLES IN SCHEMA ${s} TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_record TO ${role}`,
    `GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${s} TO ${role}`,
  ]) {
    await db.query(statement);
  }
}

/** `migrate`'s last step: DATABASE_URL is the owner's; without SERVICE_DATABASE_PASSWORD it says so and does nothing. */
export async function main(env: Record<string, string | undefined> = process.env): Promise<void> {
  const url = env.DATABASE_URL;
  const password = env.SERVICE_DATABASE_PASSWORD;
  const role = env.SERVICE_DATABASE_ROLE || DEFAULT_SERVICE_ROLE;
  if (!url) throw new Error('Set DATABASE_URL (the owner role that ran the migrations)');
  if (!password) {
    console.log('SERVICE_DATABASE_PASSWORD is not set: no service role made; the services use DATABASE_URL\'s role');
    return;
  }
  const db = postgresDatabase(url, { max: 1 });
  try {
    await grantServiceRole(db, role, password);
    console.log(`${role} may log in: it appends to and reads audit_log, uses idempotency_record and reads the extract store`);
  } finally {
    await db.close();
  }
}
