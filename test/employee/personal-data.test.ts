// CPR numbers and protected addresses: who may see them, what the audit log then says, and that a
// lookup of many CPR numbers stays one Opus call per 100.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { personIds } from '../../platform/personId.js';
import { cprHasher } from '../../platform/audit/cprHash.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const sink = memoryAuditSink();
let stack: Stack;
let persons: Employment[];
beforeAll(async () => {
  stack = await testStack({ employees: 300, auditSink: sink });
  const seen = new Set<string>();
  persons = stack.municipality.opus.employments.filter((e) => !seen.has(e.person.cpr) && seen.add(e.person.cpr));
});
afterAll(() => stack?.close());

const idOf = (e: Employment) => personIds().fromCpr(e.person.cpr);

describe('lookup by CPR', () => {
  const LOOKUP = 'query FindByCpr($cprs: [String!]!) { employeesByCpr(cprs: $cprs) { id name } }';

  it('finds 150 persons in the order asked with two CPR calls and two reads, and audits every person found', async () => {
    const wanted = persons.slice(0, 150);
    // One unknown number and one written with a hyphen.
    const cprs = [...wanted.map((e) => e.person.cpr), '0101900000'];
    cprs[3] = `${cprs[3].slice(0, 6)}-${cprs[3].slice(6)}`;
    stack.sources.opus.resetCalls();
    sink.records.length = 0;
    const res = await post(stack.url, LOOKUP, { cprs }, await stack.headers({ scopes: ['employee:read', 'employee:cpr'], subject: 'hr-7' }));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employeesByCpr).toEqual([...wanted.map((e) => ({ id: idOf(e), name: `${e.person.firstName} ${e.person.lastName}` })), null]);
    const calls = stack.sources.opus.calls;
    expect(calls.filter((c) => c.endpoint === 'find-employees-by-cpr').map((c) => c.batchSize).sort()).toEqual([100, 51].sort());
    expect(calls.filter((c) => c.endpoint === 'read-employee-data').map((c) => c.batchSize).sort()).toEqual([100, 50].sort());
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ kind: 'read', category: 'cpr-lookup', subgraph: 'employee', entityType: 'Employee', field: 'employeesByCpr', subject: 'hr-7', operationName: 'FindByCpr' });
    // Every number searched as its keyed hash (the unknown one too), and every person found.
    const hashes = cprs.map((c) => cprHasher().hash(c));
    expect([...sink.records[0].entityIds].sort()).toEqual([...hashes, ...wanted.map(idOf)].sort());
    expect(JSON.stringify(sink.records)).not.toContain(wanted[0].person.cpr);
    expect(JSON.stringify(sink.records)).not.toContain('0101900000');
  });

  it('needs employee:cpr, and refuses malformed numbers without repeating them', async () => {
    const cpr = persons[0].person.cpr;
    const without = await post(stack.url, LOOKUP, { cprs: [cpr] }, await stack.headers({ scopes: ['employee:read'] }));
    expect(codes(without)).toEqual(['FORBIDDEN']);
    const bad = await post(stack.url, LOOKUP, { cprs: [cpr, '3213991234'] }, await stack.headers({ scopes: ['employee:read', 'employee:cpr'] }));
    expect(bad.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'cprs[1]']]);
    expect(JSON.stringify(bad.body)).not.toContain('3213991234');
  });
});

describe('Employee.cpr', () => {
  it('is given with employee:cpr and audited with the person’s opaque id, never the number', async () => {
    const e = persons[1];
    sink.records.length = 0;
    const q = 'query Cpr($n: ID!) { employment(employmentNumber: $n) { employee { id cpr } } }';
    const res = await post(stack.url, q, { n: e.employmentNumber }, await stack.headers({ scopes: ['employee:read', 'employee:cpr'] }));
    expect(res.body.data.employment.employee).toEqual({ id: idOf(e), cpr: e.person.cpr });
    expect(sink.records).toEqual([expect.objectContaining({ category: 'cpr', entityType: 'Employee', field: 'cpr', entityIds: [idOf(e)] })]);

    sink.records.length = 0;
    const denied = await post(stack.url, q, { n: e.employmentNumber }, await stack.headers({ scopes: ['employee:read'] }));
    expect(denied.body.data.employment.employee).toEqual({ id: idOf(e), cpr: null });
    expect(codes(denied)).toEqual(['FORBIDDEN']);
    expect(sink.records).toEqual([]);
  });
});

describe('protected addresses (navne- og adressebeskyttelse)', () => {
  const ADDRESS = 'query HomeAddress($n: ID!) { employment(employmentNumber: $n) { employee { id address { protected street postalCode city country } } } }';
  const protectedOne = () => persons.find((e) => e.person.address.protected)!;

  it('shows only `protected: true` without employee:protected-address, and audits nothing', async () => {
    sink.records.length = 0;
    const res = await post(stack.url, ADDRESS, { n: protectedOne().employmentNumber }, await stack.headers({ scopes: ['employee:read'] }));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.employee.address).toEqual({ protected: true, street: null, postalCode: null, city: null, country: null });
    expect(sink.records).toEqual([]);
  });

  it('shows it with employee:protected-address and audits the disclosure', async () => {
    const e = protectedOne();
    sink.records.length = 0;
    const res = await post(stack.url, ADDRESS, { n: e.employmentNumber }, await stack.headers({ scopes: ['employee:read', 'employee:protected-address'], subject: 'case-worker-3' }));
    const { street, postalCode, city, country } = e.person.address;
    expect(res.body.data.employment.employee.address).toEqual({ protected: true, street, postalCode, city, country });
    expect(sink.records).toHaveLength(1);
    expect(sink.records[0]).toMatchObject({ kind: 'read', category: 'protected-address', entityType: 'Employee', field: 'address', entityIds: [idOf(e)], subject: 'case-worker-3', operationName: 'HomeAddress' });
  });

  it('audits nothing for an unprotected address, whatever the scopes', async () => {
    sink.records.length = 0;
    const e = persons.find((x) => !x.person.address.protected)!;
    const res = await post(stack.url, ADDRESS, { n: e.employmentNumber }, await stack.headers({ scopes: ['employee:read', 'employee:protected-address'] }));
    expect(res.body.data.employment.employee.address.street).toBe(e.person.address.street);
    expect(sink.records).toEqual([]);
  });
});
