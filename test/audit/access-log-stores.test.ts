// The access report over each audit store the deployment can have: the JSON-lines file, PostgreSQL's
// audit_log, and a sink that cannot be searched. What lands in each store on disk holds no CPR-shaped
// value, however CPR-shaped the caller's subject, client, request id or operation name.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { withSearchPath } from '../../sources/opus/extract/store/database.js';
import { cprHasher } from '../../platform/audit/cprHash.js';
import { fileAuditSink } from '../../platform/audit/fileSink.js';
import { postgresAuditSink } from '../../platform/audit/postgresSink.js';
import type { AuditSink } from '../../platform/audit/record.js';
import { CPR_SHAPED } from '../../platform/logging.js';
import { codes, post } from '../support/http.js';
import { DATABASE_URL, serviceAvailable } from '../support/services.js';
import { testStack } from '../support/stack.js';

const cprShaped = (text: string) => new RegExp(CPR_SHAPED.source).test(text);

const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($filter: AccessLogFilter, $first: Int, $after: String) {
    accessLog(filter: $filter, first: $first, after: $after) {
      nodes { subject clientId category field entityIds }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

/** A CPR-shaped caller reads a person's salary and CPR number, another looks them up; the DPO asks who read them. */
async function personReport(stack: Stack) {
  const e = stack.municipality.opus.employments.find((x) => x.salaryPlacement.length > 0)!;
  const sub = '0101901234';
  const reader = { ...(await stack.headers({ subject: sub, clientId: '020285-4321' })), 'x-request-id': '1512774321' };
  const read = await post(stack.url, 'query Q_0711691234($n: ID!) { employment(employmentNumber: $n) { salaryPlacement { step } employee { id cpr } } }', { n: e.employmentNumber }, reader);
  expect(read.body.errors).toBeUndefined();
  const personId = read.body.data.employment.employee.id;
  const lookup = await post(stack.url, 'query Lookup($c: [String!]!) { employeesByCpr(cprs: $c) { id } }', { c: [e.person.cpr, '3112991234'] }, await stack.headers({ subject: 'caseworker-2' }));
  expect(lookup.body.data.employeesByCpr).toEqual([{ id: personId }, null]);

  const dpo = await stack.headers({ subject: 'dpo', scopes: ['audit:read'] });
  const report = await post(stack.url, ACCESS_LOG, { filter: { personId } }, dpo);
  expect(report.body.errors).toBeUndefined();
  const entries = report.body.data.accessLog.nodes;
  expect(entries.map((x: any) => `${x.subject} ${x.category}`).sort()).toEqual([`${cprHasher().hash(sub)} cpr`, `${cprHasher().hash(sub)} salary`, 'caseworker-2 cpr-lookup'].sort());
  // The DPO finds the CPR-shaped subject by the number itself; the resolver hashes it.
  const bySubject = await post(stack.url, ACCESS_LOG, { filter: { subject: sub } }, dpo);
  expect(bySubject.body.data.accessLog.nodes.map((x: any) => x.category).sort()).toEqual(['cpr', 'salary']);
  // A lookup that matched no one is found by its number.
  const unmatched = await post(stack.url, ACCESS_LOG, { filter: { cpr: '3112991234' } }, dpo);
  expect(unmatched.body.data.accessLog.nodes).toEqual([expect.objectContaining({ subject: 'caseworker-2', category: 'cpr-lookup' })]);
  // Paging: one at a time, newest first, the same three.
  const one = await post(stack.url, ACCESS_LOG, { filter: { personId }, first: 1 }, dpo);
  expect(one.body.data.accessLog.pageInfo.hasNextPage).toBe(true);
  const rest = await post(stack.url, ACCESS_LOG, { filter: { personId }, first: 10, after: one.body.data.accessLog.pageInfo.endCursor }, dpo);
  const walked = [...one.body.data.accessLog.nodes, ...rest.body.data.accessLog.nodes].filter((x: any) => x.category !== 'audit');
  expect(walked).toEqual(entries.filter((x: any) => x.category !== 'audit'));
  return { cprs: [e.person.cpr, '3112991234', sub] };
}

describe('the access report over the JSON-lines file', () => {
  let stack: Stack;
  let path: string;
  let sink: AuditSink;
  beforeAll(async () => {
    path = join(await mkdtemp(join(tmpdir(), 'audit-report-')), 'audit.jsonl');
    sink = await fileAuditSink(path);
    stack = await testStack({ employees: 60, auditSink: sink });
  });
  afterAll(async () => {
    await stack?.close();
    await sink?.close();
  });

  it('answers from the file, and the file holds no CPR-shaped value', async () => {
    const { cprs } = await personReport(stack);
    const text = await readFile(path, 'utf8');
    expect(text.trim().split('\n').length).toBeGreaterThan(4);
    expect(cprs.every(cprShaped)).toBe(true);
    expect(cprShaped(text)).toBe(false);
  });
});

describe('the access report over PostgreSQL', () => {
  const schema = `audit_report_${process.pid}`;
  let available = false;
  let admin: pg.Client;
  let stack: Stack;
  let sink: AuditSink;
  beforeAll(async () => {
    available = await serviceAvailable('postgres', 'the access report over PostgreSQL');
    if (!available) return;
    admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    sink = await postgresAuditSink(withSearchPath(DATABASE_URL, schema), { migrate: true });
    stack = await testStack({ employees: 60, auditSink: sink });
  });
  afterAll(async () => {
    if (!available) return;
    await stack?.close();
    await sink?.close();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  it('answers from audit_log, whose rows hold no CPR-shaped value, and the reader role may only SELECT', async ({ skip }) => {
    if (!available) skip();
    const { cprs } = await personReport(stack);
    const rows = await admin.query(`SELECT row_to_json(a)::text AS line FROM ${schema}.audit_log a`);
    expect(rows.rows.length).toBeGreaterThan(4);
    expect(cprs.every(cprShaped)).toBe(true);
    for (const r of rows.rows) expect(cprShaped(r.line)).toBe(false);
    const grants = await admin.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE grantee = 'kommunegraf_audit_reader' AND table_schema = $1 AND table_name = 'audit_log'`,
      [schema],
    );
    expect(grants.rows.map((r) => r.privilege_type)).toEqual(['SELECT']);
  });
});

describe('a sink that cannot be searched', () => {
  let stack: Stack;
  const written: unknown[] = [];
  beforeAll(async () => {
    const writeOnly: AuditSink = { name: 'write-only', write: async (r) => void written.push(...r), close: async () => undefined };
    stack = await testStack({ employees: 60, auditSink: writeOnly });
  });
  afterAll(() => stack?.close());

  it('answers AUDIT_LOG_NOT_QUERYABLE, and the attempt is still audited', async () => {
    const res = await post(stack.url, ACCESS_LOG, {}, await stack.headers({ scopes: ['audit:read'] }));
    expect(codes(res)).toEqual(['AUDIT_LOG_NOT_QUERYABLE']);
    expect(written).toEqual([expect.objectContaining({ category: 'audit', field: 'accessLog' })]);
  });
});
