// The subgraphs' login role in production (deploy/serviceRole.ts), on the real PostgreSQL: in a schema
// of this file's own, migrated as the owner, the role may append to and read the audit log and use the
// idempotency records, and may not change an audit row, write the extract store or create a table.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantServiceRole, main } from '../../deploy/serviceRole.js';
import { AUDIT_LOG_DDL } from '../../platform/audit/postgresSink.js';
import { postgresDatabase, withSearchPath, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { migrateExtractStore } from '../../sources/opus/extract/store/migrate.js';
import { migrateIdempotency } from '../../subgraphs/shared/idempotency/postgresStore.js';
import { DATABASE_URL, serviceAvailable } from '../support/services.js';

const available = await serviceAvailable('postgres', 'the service role test');
const suffix = randomBytes(4).toString('hex');
const schema = `service_role_${suffix}`;
const role = `kg_service_${suffix}`;

describe.skipIf(!available)('the service role', () => {
  let admin: SqlDatabase;
  let owner: SqlDatabase;
  let service: SqlDatabase;

  beforeAll(async () => {
    admin = postgresDatabase(DATABASE_URL, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    owner = postgresDatabase(withSearchPath(DATABASE_URL, schema), { max: 1 });
    await migrateIdempotency(owner);
    await owner.exec(AUDIT_LOG_DDL);
    await migrateExtractStore(owner);
    await grantServiceRole(owner, role, 'a-password-of-24-chars!!');
    const url = new URL(withSearchPath(DATABASE_URL, schema));
    url.username = role;
    url.password = 'a-password-of-24-chars!!';
    service = postgresDatabase(url.toString(), { max: 1 });
  });

  afterAll(async () => {
    await service?.close();
    await owner?.close();
    await admin?.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.exec(`DROP ROLE IF EXISTS ${role}`);
    await admin?.close();
  });

  const insertAudit = () =>
    service.query(`INSERT INTO audit_log (at, request_id, subgraph, subject, client_id, client_kind, kind, field, entity_ids) VALUES (now(), 'r1', 'payroll', 's', 'c', 'frontend', 'read', 'salary', '{}') RETURNING id`);

  it('logs in as itself, not as a superuser', async () => {
    const { rows } = await service.query<{ who: string; su: boolean }>(`SELECT current_user AS who, rolsuper AS su FROM pg_roles WHERE rolname = current_user`);
    expect(rows).toEqual([{ who: role, su: false }]);
  });

  it('appends to the audit log and reads it, and cannot change or remove a row', async () => {
    await insertAudit();
    const { rows } = await service.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
    expect(rows[0]!.n).toBeGreaterThanOrEqual(1);
    await expect(service.query(`UPDATE audit_log SET subject = 'x'`)).rejects.toThrow(/permission denied|append-only/);
    await expect(service.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied|append-only/);
    await expect(service.query('TRUNCATE audit_log')).rejects.toThrow(/permission denied|append-only/);
  });

  it('claims, completes and forgets idempotency records', async () => {
    await service.query(`INSERT INTO idempotency_record (key, fingerprint, update_id, state, attempt, lease_until, expires_at) VALUES ('k1', 'f', 'u1', 'pending', 1, now(), now() + interval '1 day')`);
    await service.query(`UPDATE idempotency_record SET state = 'done' WHERE key = 'k1'`);
    await service.query(`DELETE FROM idempotency_record WHERE key = 'k1'`);
  });

  it('reads the extract store and cannot write it', async () => {
    await service.query('SELECT count(*) FROM opus_change_event');
    await expect(service.query('DELETE FROM opus_change_event')).rejects.toThrow(/permission denied/);
  });

  it('cannot create or drop a table', async () => {
    await expect(service.query('CREATE TABLE intruder (x int)')).rejects.toThrow(/permission denied/);
    await expect(service.query('DROP TABLE idempotency_record')).rejects.toThrow(/must be owner|permission denied/);
  });

  it('is made again with a new password without an error (migrate runs every release)', async () => {
    await grantServiceRole(owner, role, 'another-password-of-24!!');
    await grantServiceRole(owner, role, 'a-password-of-24-chars!!');
  });

  it('refuses a role name that is not a plain PostgreSQL name, and a short password', async () => {
    await expect(grantServiceRole(owner, 'svc; DROP TABLE audit_log', 'a-password-of-24-chars!!')).rejects.toThrow(/SERVICE_DATABASE_ROLE/);
    await expect(grantServiceRole(owner, role, 'short')).rejects.toThrow(/at least 16/);
  });

  it('makes no role without SERVICE_DATABASE_PASSWORD, and says so', async () => {
    await expect(main({ DATABASE_URL: withSearchPath(DATABASE_URL, schema) })).resolves.toBeUndefined();
  });
});
