// Every read of audited personal data and every mutation leaves a record of who, through which
// client and operation, read which field of which entities; and nothing is handed out unaudited.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import { fileAuditSink } from '../../platform/audit/fileSink.js';
import { postgresAuditSink } from '../../platform/audit/postgresSink.js';
import type { AuditRecord, AuditSink } from '../../platform/audit/record.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { codes, post } from '../support/http.js';
import { DATABASE_URL, serviceAvailable } from '../support/services.js';
import { testStack } from '../support/stack.js';
import { withSearchPath } from '../../sources/opus/extract/store/database.js';

const SALARIES = /* GraphQL */ `
  query TeamSalaries($id: ID!) {
    orgUnit(id: $id) { name employments { employmentNumber salaryPlacement { step } } }
  }
`;

function busiestUnit(stack: Stack) {
  const m = stack.municipality;
  const placed = (opusId: string) => m.opus.employments.filter((e) => versionOn(e.placements, m.today)?.orgUnitOpusId === opusId);
  return [...m.org.units].sort((a, b) => placed(b.opusId).length - placed(a.opusId).length)[0];
}

describe('audit trail through the gateway', () => {
  let stack: Stack;
  const sink = memoryAuditSink();
  beforeAll(async () => {
    stack = await testStack({ employees: 120, auditSink: sink });
  });
  afterAll(() => stack?.close());

  it('records who read which salaries, through which client and operation', async () => {
    const unit = busiestUnit(stack);
    sink.records.length = 0;
    const res = await post(stack.url, SALARIES, { id: unit.id }, await stack.headers({ subject: 'analyst-7', clientId: 'hr-dashboard', clientKind: 'analyst' }));
    expect(res.body.errors).toBeUndefined();
    const read = res.body.data.orgUnit.employments.filter((e: any) => e.salaryPlacement).map((e: any) => e.employmentNumber).sort();
    expect(read.length).toBeGreaterThan(1);
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({
      kind: 'read',
      category: 'salary',
      subgraph: 'payroll',
      entityType: 'Employment',
      field: 'salaryPlacement',
      subject: 'analyst-7',
      clientId: 'hr-dashboard',
      clientKind: 'analyst',
      operationName: 'TeamSalaries',
    });
    expect([...sink.records[0].entityIds].sort()).toEqual(read);
    expect(Date.parse(sink.records[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('writes nothing for data that is not audited', async () => {
    sink.records.length = 0;
    const res = await post(stack.url, '{ orgUnits(first: 3) { nodes { name } } }', undefined, await stack.headers());
    expect(res.body.errors).toBeUndefined();
    expect(sink.records).toEqual([]);
  });

  it('withholds the data when the audit log cannot be written', async () => {
    const failing: AuditSink = { name: 'down', write: async () => Promise.reject(new Error('disk full')), close: async () => undefined };
    const broken = await testStack({ employees: 60, auditSink: failing });
    try {
      const res = await post(broken.url, SALARIES, { id: busiestUnit(broken).id }, await broken.headers());
      expect(codes(res)).toContain('AUDIT_UNAVAILABLE');
      expect(JSON.stringify(res.body.data ?? null)).not.toMatch(/"step":\d/);
      // Unaudited fields still answer.
      const names = await post(broken.url, '{ orgUnits(first: 2) { nodes { name } } }', undefined, await broken.headers());
      expect(names.body.errors).toBeUndefined();
    } finally {
      await broken.close();
    }
  });
});

const record = (i: number): AuditRecord => ({
  at: new Date().toISOString(),
  requestId: `req-${i}`,
  subgraph: 'payroll',
  subject: 'analyst-7',
  clientId: 'hr-dashboard',
  clientKind: 'analyst',
  operationName: 'TeamSalaries',
  kind: 'read',
  category: 'salary',
  entityType: 'Employment',
  field: 'salaryPlacement',
  entityIds: [`10000${i}`],
});

describe('JSON-lines file sink', () => {
  it('appends one line per record, readable by its owner only, also under concurrent writers', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'audit-')), 'audit.jsonl');
    const sink = await fileAuditSink(path);
    await Promise.all(Array.from({ length: 50 }, (_, i) => sink.write([record(i)])));
    await sink.write([record(50), record(51)]);
    await sink.close();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n').map((l) => JSON.parse(l) as AuditRecord);
    expect(lines).toHaveLength(52);
    expect(new Set(lines.map((l) => l.requestId)).size).toBe(52);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    // Reopening appends rather than truncating.
    const again = await fileAuditSink(path);
    await again.write([record(99)]);
    await again.close();
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(53);
  });
});

describe('PostgreSQL sink', () => {
  const schema = `audit_test_${process.pid}`;
  const url = withSearchPath(DATABASE_URL, schema);
  let available = false;
  let admin: pg.Client;
  beforeAll(async () => {
    available = await serviceAvailable('postgres', 'PostgreSQL audit sink tests');
    if (!available) return;
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  });
  afterAll(async () => {
    if (!available) return;
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('stores records in an append-only table, indexed by subject and time', async ({ skip }) => {
    if (!available) skip();
    const sink = await postgresAuditSink(url, { migrate: true });
    await Promise.all(Array.from({ length: 20 }, (_, i) => sink.write([record(i)])));
    await sink.close();
    const rows = await admin.query(`SELECT * FROM ${schema}.audit_log ORDER BY id`);
    expect(rows.rows).toHaveLength(20);
    expect(rows.rows[0]).toMatchObject({ subject: 'analyst-7', client_id: 'hr-dashboard', kind: 'read', category: 'salary', field: 'salaryPlacement', operation_name: 'TeamSalaries' });
    expect(rows.rows[0].entity_ids).toEqual(['100000']);

    await expect(admin.query(`UPDATE ${schema}.audit_log SET subject = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(admin.query(`DELETE FROM ${schema}.audit_log`)).rejects.toThrow(/append-only/);
    await expect(admin.query(`TRUNCATE ${schema}.audit_log`)).rejects.toThrow(/append-only/);
    expect((await admin.query(`SELECT count(*)::int AS n FROM ${schema}.audit_log`)).rows[0].n).toBe(20);

    const indexes = await admin.query(`SELECT indexdef FROM pg_indexes WHERE schemaname = $1 AND tablename = 'audit_log'`, [schema]);
    expect(indexes.rows.map((r) => r.indexdef).join('\n')).toMatch(/\(subject, at\)/);
    const grants = await admin.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'kommunegraf_audit_writer' AND table_schema = $1 AND table_name = 'audit_log'`,
      [schema],
    );
    expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT']);
  });

  it('refuses to start when the table is missing', async ({ skip }) => {
    if (!available) skip();
    const empty = withSearchPath(DATABASE_URL, 'audit_missing_schema');
    await expect(postgresAuditSink(empty)).rejects.toThrow(/audit_log/);
  });
});
