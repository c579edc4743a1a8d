// GDPR-grade audit through the gateway: health data (sickness, barsel) is audited per employment read,
// a CPR lookup is audited whether or not it matches (the number as a keyed hash), no CPR-shaped value
// a caller sends reaches the log verbatim, and the DPO's access report answers "who read my data".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import type { Absence, AbsenceType, Employment, Municipality } from '../../sources/model.js';
import { cprHasher } from '../../platform/audit/cprHash.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { CPR_SHAPED } from '../../platform/logging.js';
import { codes, post } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';
import { SUBMIT, paymentLine } from '../payroll/submit.js';

const cprShaped = (text: string) => new RegExp(CPR_SHAPED.source).test(text);

const absence = (e: Employment, type: AbsenceType, n: number): Absence => ({
  id: `${e.employmentNumber}8${n}`,
  type,
  from: '2026-03-02',
  to: '2026-03-06',
  partDayHours: null,
  status: 'approved',
  refusions: [],
});

const ABSENCES = /* GraphQL */ `
  query TeamAbsences($ns: [ID!]!, $types: [AbsenceType!]) {
    employmentsByNumber(employmentNumbers: $ns) { employmentNumber absences(from: "2026-01-01", to: "2026-10-31", types: $types) { type } }
  }
`;

const ACCESS_LOG = /* GraphQL */ `
  query AccessLog($filter: AccessLogFilter, $first: Int, $after: String) {
    accessLog(filter: $filter, first: $first, after: $after) {
      nodes { at subject clientId clientKind operationName subgraph kind category entityType field entityIds outcome }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

/** Employments of distinct persons, active through 2026, with a salary placement. */
function distinctEmployments(m: Municipality, count: number): Employment[] {
  const seen = new Set<string>();
  const picked: Employment[] = [];
  for (const e of m.opus.employments) {
    if (seen.has(e.person.cpr) || !versionOn(e.salaryPlacement, '2026-10-01') || (e.contract.end && e.contract.end < '2026-12-31') || e.contract.start > '2026-01-01') continue;
    seen.add(e.person.cpr);
    picked.push(e);
    if (picked.length === count) break;
  }
  return picked;
}

describe('special categories, CPR lookups and the access report', () => {
  let stack: Stack;
  const sink = memoryAuditSink();
  const m = sampleMunicipality(120);
  const [sick, maternity, vacation, child, person] = distinctEmployments(m, 5);
  sick.absences = [absence(sick, 'sygdom', 1)];
  maternity.absences = [absence(maternity, 'barsel', 1)];
  vacation.absences = [absence(vacation, 'ferie', 1)];
  child.absences = [absence(child, 'ferie', 1), absence(child, 'barnsSygedag', 2)];
  const health = () => sink.records.filter((r) => r.category === 'health');

  beforeAll(async () => {
    stack = await testStack({ municipality: m, auditSink: sink });
  });
  afterAll(() => stack?.close());

  it('audits every employment whose sickness or barsel is read, as health data, and no vacation-only read', async () => {
    sink.records.length = 0;
    const ns = [sick, maternity, vacation, child].map((e) => e.employmentNumber);
    const res = await post(stack.url, ABSENCES, { ns }, await stack.headers({ subject: 'hr-partner-3' }));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employmentsByNumber.map((e: any) => e.absences.map((a: any) => a.type))).toEqual([['SYGDOM'], ['BARSEL'], ['FERIE'], ['FERIE', 'BARNS_SYGEDAG']]);
    expect(health()).toHaveLength(1);
    expect(health()[0]).toMatchObject({ kind: 'read', subgraph: 'absence', entityType: 'Employment', field: 'absences', subject: 'hr-partner-3', operationName: 'TeamAbsences' });
    expect([...health()[0].entityIds].sort()).toEqual([sick, maternity, child].map((e) => e.employmentNumber).sort());

    sink.records.length = 0;
    const vacationOnly = await post(stack.url, ABSENCES, { ns: [vacation.employmentNumber] }, await stack.headers());
    expect(vacationOnly.body.data.employmentsByNumber[0].absences).toEqual([{ type: 'FERIE' }]);
    expect(health()).toEqual([]);
    // Asking only for vacation of a sick person returns nothing sensitive and is not a health read.
    const onlyFerie = await post(stack.url, ABSENCES, { ns: [sick.employmentNumber], types: ['FERIE'] }, await stack.headers());
    expect(onlyFerie.body.data.employmentsByNumber[0].absences).toEqual([]);
    expect(health()).toEqual([]);
  });

  it('audits asking for sickness even when there was none', async () => {
    sink.records.length = 0;
    const res = await post(stack.url, ABSENCES, { ns: [vacation.employmentNumber], types: ['SYGDOM'] }, await stack.headers());
    expect(res.body.data.employmentsByNumber[0].absences).toEqual([]);
    expect(health()).toHaveLength(1);
    expect(health()[0].entityIds).toEqual([vacation.employmentNumber]);
  });

  it('audits a CPR lookup that matches no one, with the keyed hash and never the number', async () => {
    sink.records.length = 0;
    const unknown = '3112991234';
    expect(m.opus.employments.some((e) => e.person.cpr === unknown)).toBe(false);
    const res = await post(stack.url, 'query Find($c: [String!]!) { employeesByCpr(cprs: $c) { id } }', { c: [unknown, sick.person.cpr] }, await stack.headers({ subject: 'caseworker-1' }));
    expect(res.body.errors).toBeUndefined();
    const [none, found] = res.body.data.employeesByCpr;
    expect(none).toBeNull();
    expect(found.id).toMatch(/^p_/);
    const lookups = sink.records.filter((r) => r.category === 'cpr-lookup');
    expect(lookups).toHaveLength(1);
    const hash = cprHasher().hash(unknown);
    expect(hash).not.toContain(unknown);
    expect(lookups[0]).toMatchObject({ kind: 'read', subject: 'caseworker-1', field: 'employeesByCpr', entityType: 'Employee' });
    expect(lookups[0].entityIds).toEqual(expect.arrayContaining([hash, cprHasher().hash(sick.person.cpr), found.id]));
    expect(lookups[0].arguments).toEqual({
      searched: [
        { cprHash: hash, matched: null },
        { cprHash: cprHasher().hash(sick.person.cpr), matched: found.id },
      ],
    });
    expect(JSON.stringify(sink.records)).not.toContain(unknown);
    expect(JSON.stringify(sink.records)).not.toContain(sick.person.cpr);
  });

  it("answers a person's access report: who read their salary and CPR number, and who looked them up", async () => {
    const reader = await stack.headers({ subject: 'payroll-clerk-9', clientId: 'loen-portal' });
    const read = await post(
      stack.url,
      'query PersonSalary($n: ID!) { employment(employmentNumber: $n) { salaryPlacement { step } employee { id cpr } } }',
      { n: person.employmentNumber },
      reader,
    );
    expect(read.body.errors).toBeUndefined();
    const personId = read.body.data.employment.employee.id;
    const lookup = await post(stack.url, 'query Lookup($c: [String!]!) { employeesByCpr(cprs: $c) { id } }', { c: [person.person.cpr] }, await stack.headers({ subject: 'caseworker-2', clientId: 'sag-system' }));
    expect(lookup.body.data.employeesByCpr).toEqual([{ id: personId }]);

    const dpo = await stack.headers({ subject: 'dpo', clientId: 'dpo-tool', scopes: ['audit:read'] });
    const report = await post(stack.url, ACCESS_LOG, { filter: { personId } }, dpo);
    expect(report.body.errors).toBeUndefined();
    const entries = report.body.data.accessLog.nodes;
    const seen = (subject: string, category: string) => entries.some((e: any) => e.subject === subject && e.category === category);
    expect(seen('payroll-clerk-9', 'salary')).toBe(true);
    expect(seen('payroll-clerk-9', 'cpr')).toBe(true);
    expect(seen('caseworker-2', 'cpr-lookup')).toBe(true);
    expect(entries.find((e: any) => e.category === 'salary')).toMatchObject({ clientId: 'loen-portal', operationName: 'PersonSalary', subgraph: 'payroll', kind: 'read', entityType: 'Employment', field: 'salaryPlacement' });
    expect(entries.find((e: any) => e.category === 'salary').entityIds).toContain(person.employmentNumber);
    // Nobody else's reads, newest first.
    expect(entries.every((e: any) => e.entityIds.includes(personId) || e.entityIds.includes(person.employmentNumber) || e.entityIds.includes(cprHasher().hash(person.person.cpr)))).toBe(true);
    const times = entries.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    // The same report by CPR number (hashed server-side), and by subject.
    const byCpr = await post(stack.url, ACCESS_LOG, { filter: { cpr: person.person.cpr } }, dpo);
    expect(byCpr.body.data.accessLog.nodes.map((e: any) => e.subject)).toEqual(expect.arrayContaining(['payroll-clerk-9', 'caseworker-2']));
    const bySubject = await post(stack.url, ACCESS_LOG, { filter: { subject: 'caseworker-2', personId } }, dpo);
    expect(bySubject.body.data.accessLog.nodes.map((e: any) => e.category)).toEqual(['cpr-lookup']);
  });

  it('pages newest first with cursors that never skip or repeat a record', async () => {
    const lookup = async (cpr: string) => post(stack.url, '{ employeesByCpr(cprs: ["' + cpr + '"]) { id } }', undefined, await stack.headers({ subject: 'pager' }));
    for (const e of [sick, maternity, vacation, child, person]) expect((await lookup(e.person.cpr)).body.errors).toBeUndefined();
    const dpo = await stack.headers({ scopes: ['audit:read'] });
    const all = await post(stack.url, ACCESS_LOG, { filter: { subject: 'pager' }, first: 500 }, dpo);
    const whole = all.body.data.accessLog.nodes;
    expect(whole).toHaveLength(5);
    // Newest first: the last lookup (of `person`) leads.
    expect(whole[0].entityIds).toContain(cprHasher().hash(person.person.cpr));
    const paged: unknown[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages++) {
      const page: any = await post(stack.url, ACCESS_LOG, { filter: { subject: 'pager' }, first: 2, after }, dpo);
      paged.push(...page.body.data.accessLog.nodes);
      if (!page.body.data.accessLog.pageInfo.hasNextPage) {
        expect(pages).toBe(3);
        break;
      }
      after = page.body.data.accessLog.pageInfo.endCursor;
    }
    expect(paged).toEqual(whole);
  });

  it('refuses the report to a token without audit:read', async () => {
    const res = await post(stack.url, ACCESS_LOG, {}, await stack.headers({ scopes: ALL_SCOPES.filter((s) => s !== 'audit:read') }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data?.accessLog ?? null).toBeNull();
  });

  it('audits reading the access report, with the CPR filter hashed', async () => {
    sink.records.length = 0;
    const res = await post(stack.url, ACCESS_LOG, { filter: { cpr: sick.person.cpr, client: 'loen-portal' } }, await stack.headers({ subject: 'dpo', scopes: ['audit:read'] }));
    expect(res.body.errors).toBeUndefined();
    const own = sink.records.filter((r) => r.category === 'audit');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ kind: 'read', subject: 'dpo', field: 'accessLog', subgraph: 'employee', operationName: 'AccessLog' });
    expect(own[0].arguments).toEqual({ filter: { cprHash: cprHasher().hash(sick.person.cpr), client: 'loen-portal' } });
    expect(own[0].entityIds).toEqual(expect.arrayContaining([sick.employmentNumber, cprHasher().hash(sick.person.cpr)]));
    expect(JSON.stringify(sink.records)).not.toContain(sick.person.cpr);
  });

  it('keeps no CPR-shaped caller text: subject, client, operation name, request id, mutation arguments', async () => {
    sink.records.length = 0;
    const sub = '0101901234';
    const azp = '020285-4321';
    const requestId = '1512774321';
    const remark = `Overtid, jf. aftale med 1103821234`;
    const key = `key-2304951234-a`;
    for (const text of [sub, azp, requestId, remark, key, 'Q_0711691234']) expect(cprShaped(text)).toBe(true);
    const headers = { ...(await stack.headers({ subject: sub, clientId: azp })), 'x-request-id': requestId };
    const read = await post(stack.url, 'query Q_0711691234($n: ID!) { employment(employmentNumber: $n) { salaryPlacement { step } } }', { n: person.employmentNumber }, headers);
    expect(read.body.errors).toBeUndefined();
    const submitted = await post(stack.url, SUBMIT, { n: person.employmentNumber, p: [paymentLine({ remark, wageType: '2440' })], k: key }, headers);
    expect(submitted.body.errors).toBeUndefined();

    expect(sink.records.map((r) => r.kind).sort()).toEqual(['mutation', 'mutation', 'read']);
    expect(cprShaped(JSON.stringify(sink.records))).toBe(false);
    for (const r of sink.records) {
      // The DPO finds a CPR-shaped subject by hashing it.
      expect(r.subject).toBe(cprHasher().hash(sub));
      expect(r.clientId).toBe(cprHasher().hash(azp));
      expect(r.requestId).toBe(cprHasher().hash(requestId));
    }
    expect(sink.records.find((r) => r.kind === 'read')!.operationName).toBe(`Q_${cprHasher().hash('0711691234')}`);
    const mutation = sink.records.find((r) => r.kind === 'mutation')!;
    // Structure kept, free text replaced, CPR-shaped codes hashed.
    expect(mutation.arguments).toMatchObject({
      employmentNumber: person.employmentNumber,
      idempotencyKey: `key-${cprHasher().hash('2304951234')}-a`,
      payments: [{ wageType: '2440', sequence: 1, quantity: 7.5, startDate: '2026-12-01', remark: `[text ${remark.length} chars]` }],
    });
    const report = await post(stack.url, ACCESS_LOG, { filter: { subject: sub } }, await stack.headers({ scopes: ['audit:read'] }));
    expect(report.body.data.accessLog.nodes.length).toBe(3);
  });
});
