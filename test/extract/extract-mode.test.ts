// Extract mode (OPUS_SOURCE=extract) through the gateway over HTTP: the employee subgraph and its
// neighbours read Opus from the extract store in PostgreSQL (a schema of this file's own), not from
// the Dataservice simulator. Fields equal the stored records; what the extract lacks is
// SOURCE_NOT_AVAILABLE; registeredAt picks the registration, asOf the valid time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, Municipality } from '../../sources/model.js';
import { pgliteDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { EXTRACT_STORE_DDL } from '../../sources/opus/extract/store/schema.js';
import type { ExtractEmployee } from '../../sources/opus/extract/types.js';
import { cprBirthDate } from '../../sources/identifiers.js';
import { codes, post } from '../support/http.js';
import { serviceAvailable } from '../support/services.js';
import { sampleMunicipality, testStack } from '../support/stack.js';
import { counting, insertMunicipality, isActive, registerChange } from './extractModeStore.js';
import { schemaStore, type SchemaStore } from '../support/extractStore.js';

const FIRST = '2026-10-01T02:00:00.000Z';
const CHANGED = '2026-10-31T02:00:00.000Z';
const BETWEEN = '2026-10-15T12:00:00.000Z';

const available = await serviceAvailable('postgres', 'extract mode against PostgreSQL');

interface Fixture {
  m: Municipality;
  records: Map<string, ExtractEmployee>;
  /** An active, unprotected employment as the first extract had it, and as the later one changed it. */
  changed: { before: ExtractEmployee; after: ExtractEmployee };
  /** Registered in the first extract, gone (annulled) in the later one. */
  annulled: ExtractEmployee;
  protectedOne: ExtractEmployee;
  leaver: Employment;
}

/** The sample in the store: everything registered at FIRST, one change and one annulment at CHANGED. */
async function fill(db: SqlDatabase, m: Municipality): Promise<Fixture> {
  const today = m.today;
  const active = m.opus.employments.filter((e) => isActive(e, today) && !e.person.address.protected);
  // One person's every employment protected, so whichever is read for Persondata says so.
  const protectedCpr = active[2].person.cpr;
  for (const e of m.opus.employments) if (e.person.cpr === protectedCpr) e.person.address.protected = true;
  const records = await insertMunicipality(db, m, FIRST);
  const before = records.get(active[0].employmentNumber)!;
  const otherUnit = m.opus.orgUnits.find((u) => u.id !== before.orgUnit)!.id;
  const after: ExtractEmployee = { ...before, position: 'Specialkonsulent', workPhone: '87654321', orgUnit: otherUnit, numerator: 20 };
  await registerChange(db, after, CHANGED);
  const annulled = records.get(active[1].employmentNumber)!;
  await registerChange(db, annulled, CHANGED, 'annulled');
  const leaver = m.opus.employments.find((e) => e.contract.end !== null && e.contract.end < today)!;
  return { m, records, changed: { before, after }, annulled, protectedOne: records.get(active[2].employmentNumber)!, leaver };
}

const EMPLOYMENT = `query Employment($n: ID!, $asOf: Date, $at: DateTime) { employment(employmentNumber: $n, asOf: $asOf, registeredAt: $at) {
  employmentNumber validFrom validTo active userId
  contract { workContract workContractText start end positionId position positionShort jobId job isManager initialEntry entryIntoGroup }
  communication { workEmail workPhone }
  workingTime { numerator denominator validFrom validTo }
  orgUnit { opusId }
  employee { firstName lastName name birthDate gender address { protected street postalCode city country } } } }`;

/** What the graph must answer for a stored record, field by field. */
function expected(r: ExtractEmployee, asOf: string) {
  const active = r.entryDate! <= asOf && (r.leaveDate === null || r.leaveDate >= asOf);
  return {
    employmentNumber: r.id,
    validFrom: r.entryDate,
    validTo: r.leaveDate,
    active,
    userId: r.userId,
    contract: {
      workContract: r.workContract,
      workContractText: r.workContractText,
      start: r.entryDate,
      end: r.leaveDate,
      positionId: r.positionId,
      position: r.position,
      positionShort: r.positionShort,
      jobId: r.jobId,
      job: r.job,
      isManager: r.isManager,
      initialEntry: r.initialEntry,
      entryIntoGroup: r.entryIntoGroup,
    },
    communication: { workEmail: r.email, workPhone: r.workPhone },
    workingTime: active ? { numerator: r.numerator, denominator: r.denominator, validFrom: r.entryDate, validTo: r.leaveDate } : null,
    orgUnit: active ? { opusId: r.orgUnit } : null,
    employee: {
      firstName: r.firstName,
      lastName: r.lastName,
      name: `${r.firstName} ${r.lastName}`,
      birthDate: cprBirthDate(r.cpr!),
      gender: Number(r.cpr![9]) % 2 === 0 ? 'FEMALE' : 'MALE',
      address: { protected: false, street: r.address, postalCode: r.postalCode, city: r.city, country: r.country },
    },
  };
}

/** The tests every store runs: PostgreSQL below, PGlite at the end. */
function extractModeSuite(open: () => Promise<{ db: SqlDatabase; close(): Promise<void> }>) {
  let stack: Stack;
  let store: { db: SqlDatabase; close(): Promise<void> };
  let db: SqlDatabase & { statements: string[] };
  let f: Fixture;
  let auth: Record<string, string>;
  let asOf: string;

  beforeAll(async () => {
    store = await open();
    const m = sampleMunicipality(80);
    f = await fill(store.db, m);
    db = counting(store.db);
    stack = await testStack({ municipality: m, opusSource: 'extract', extractStore: db });
    auth = await stack.headers({ scopes: ['employee:read', 'payroll:read', 'absence:read'] });
    asOf = m.today;
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await store?.close();
  });

  const ask = (query: string, variables: Record<string, unknown>, headers = auth) => post(stack.url, query, variables, headers);

  it('serves every extract field of an employment as the stored record says it', async () => {
    const r = f.records.get(f.m.opus.employments.find((e) => isActive(e, asOf) && f.records.get(e.employmentNumber) !== f.changed.before && !f.records.get(e.employmentNumber)!.protectedAddress && e.employmentNumber !== f.annulled.id)!.employmentNumber)!;
    const res = await ask(EMPLOYMENT, { n: r.id, asOf });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment).toEqual(expected(r, asOf));
  });

  it('answers a field only the Dataservice has with SOURCE_NOT_AVAILABLE naming the mode, and null, never a value', async () => {
    const r = f.changed.after;
    const res = await ask(
      `query Gaps($n: ID!) { employment(employmentNumber: $n) {
        contract { position employmentType agreement { code } } workingTime(asOf: "${asOf}") { numerator weeklyHours }
        communication { workEmail mobilePhone } activities { code } schedules { name } absences { type } salaryPlacement { payGroup } } }`,
      { n: r.id },
    );
    const e = res.body.data.employment;
    expect(e.contract).toEqual({ position: r.position, employmentType: null, agreement: null });
    expect(e.workingTime).toEqual({ numerator: r.numerator, weeklyHours: null });
    expect(e.communication).toEqual({ workEmail: r.email, mobilePhone: null });
    for (const field of ['activities', 'schedules', 'absences', 'salaryPlacement']) expect(e[field]).toBeNull();
    const errors = res.body.errors ?? [];
    const paths = errors.map((x) => x.path!.join('.')).sort();
    expect(paths).toEqual(
      [
        'employment.contract.employmentType',
        'employment.contract.agreement',
        'employment.workingTime.weeklyHours',
        'employment.communication.mobilePhone',
        'employment.activities',
        'employment.schedules',
        'employment.absences',
        'employment.salaryPlacement',
      ].sort(),
    );
    for (const error of errors) {
      expect(error.extensions?.code).toBe('SOURCE_NOT_AVAILABLE');
      expect(error.message).toContain('OPUS_SOURCE=extract');
    }
  });

  it('refuses writes and one-off payments the extract cannot hold, naming the mode', async () => {
    const headers = await stack.headers({ scopes: ['communication:write', 'employee:read'] });
    const res = await ask(
      `mutation W($n: ID!) { updateCommunication(employmentNumber: $n, input: { workPhone: "12345678" }, idempotencyKey: "extract-mode-write-1") { communication { workPhone } } }`,
      { n: f.changed.after.id },
      headers,
    );
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE']);
    expect(res.body.errors![0].message).toContain('OPUS_SOURCE=extract');
    expect(res.body.data?.updateCommunication ?? null).toBeNull();
  });

  it('refuses faste tillæg/fradrag writes, naming the mode, with nothing to replay', async () => {
    const headers = await stack.headers({ scopes: ['fixed-pay:write'] });
    const res = await ask(
      `mutation F($n: ID!) { submitFixedPayItems(employmentNumber: $n, items: [{ action: ADD, kind: SUPPLEMENT, wageType: "1130", validFrom: "2027-01-01", monthlyAmount: 100 }], idempotencyKey: "extract-mode-fixed-1") { stored } }`,
      { n: f.changed.after.id },
      headers,
    );
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE']);
    expect(res.body.errors![0].message).toContain('OPUS_SOURCE=extract');
    expect(res.body.data?.submitFixedPayItems ?? null).toBeNull();
  });

  it('hides a protected address without employee:protected-address and shows the stored one with it', async () => {
    const r = f.protectedOne;
    const q = `query P($n: ID!) { employment(employmentNumber: $n) { employee { address { protected street postalCode city country } } } }`;
    const hidden = await ask(q, { n: r.id });
    expect(hidden.body.errors).toBeUndefined();
    expect(hidden.body.data.employment.employee.address).toEqual({ protected: true, street: null, postalCode: null, city: null, country: null });
    const shown = await ask(q, { n: r.id }, await stack.headers({ scopes: ['employee:read', 'employee:protected-address'] }));
    expect(shown.body.data.employment.employee.address).toEqual({ protected: true, street: r.address, postalCode: r.postalCode, city: r.city, country: r.country });
  });

  it('contractHistory and communicationHistory give both registrations, the change dated by its extract’s day (lastChanged did not move)', async () => {
    const { before, after } = f.changed;
    const res = await ask(
      `query H($n: ID!) { employment(employmentNumber: $n) { contractHistory { position validFrom validTo registeredAt } communicationHistory { workPhone validFrom validTo registeredAt } } }`,
      { n: before.id },
    );
    expect(res.body.errors).toBeUndefined();
    const changedOn = CHANGED.slice(0, 10);
    const dayBefore = '2026-10-30';
    const from = before.lastChanged! > before.entryDate! ? before.lastChanged! : before.entryDate!;
    expect(res.body.data.employment.contractHistory).toEqual([
      { position: before.position, validFrom: from, validTo: dayBefore, registeredAt: FIRST },
      { position: after.position, validFrom: changedOn, validTo: after.leaveDate, registeredAt: CHANGED },
    ]);
    expect(res.body.data.employment.communicationHistory).toEqual([
      { workPhone: before.workPhone, validFrom: from, validTo: dayBefore, registeredAt: FIRST },
      { workPhone: '87654321', validFrom: changedOn, validTo: after.leaveDate, registeredAt: CHANGED },
    ]);
  });

  it('registeredAt before a change gives the old record, after it (and by default) the new one', async () => {
    const { before, after } = f.changed;
    const old = await ask(EMPLOYMENT, { n: before.id, asOf, at: BETWEEN });
    expect(old.body.errors).toBeUndefined();
    expect(old.body.data.employment).toEqual(expected(before, asOf));
    const now = await ask(EMPLOYMENT, { n: before.id, asOf, at: CHANGED });
    expect(now.body.data.employment).toEqual(expected(after, asOf));
    const current = await ask(EMPLOYMENT, { n: before.id, asOf });
    expect(current.body.data.employment).toEqual(expected(after, asOf));
    // A field may ask for its own registration; the unit list follows the registration too.
    const fields = await ask(
      `query F($n: ID!, $asOf: Date, $at: DateTime, $u: [ID!]) { employment(employmentNumber: $n, asOf: $asOf) { workingTime(registeredAt: $at) { numerator } orgUnit(registeredAt: $at) { opusId } }
         employments(filter: { orgUnitOpusIds: $u, activeOn: $asOf, registeredAt: $at }, first: 500) { nodes { employmentNumber } } }`,
      { n: before.id, asOf, at: BETWEEN, u: [before.orgUnit] },
    );
    expect(fields.body.errors).toBeUndefined();
    expect(fields.body.data.employment).toEqual({ workingTime: { numerator: before.numerator }, orgUnit: { opusId: before.orgUnit } });
    expect(fields.body.data.employments.nodes.map((n: { employmentNumber: string }) => n.employmentNumber)).toContain(before.id);
  });

  it('an employment annulled by a later extract is gone now and there at an earlier registeredAt', async () => {
    const gone = await ask(EMPLOYMENT, { n: f.annulled.id, asOf });
    expect(codes(gone)).toEqual(['NOT_FOUND']);
    const then = await ask(EMPLOYMENT, { n: f.annulled.id, asOf, at: BETWEEN });
    expect(then.body.data.employment).toEqual(expected(f.annulled, asOf));
  });

  it('asOf is valid time: before entry and after leave the employment is inactive, unplaced and has no working time', async () => {
    const leaver = f.records.get(f.leaver.employmentNumber)!;
    for (const date of [dayBefore(leaver.entryDate!), dayAfter(leaver.leaveDate!)]) {
      const res = await ask(`query V($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) { active workingTime { numerator } orgUnit { opusId } } }`, { n: leaver.id, asOf: date });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.employment).toEqual({ active: false, workingTime: null, orgUnit: null });
    }
    const during = await ask(`query V($n: ID!, $asOf: Date) { employment(employmentNumber: $n, asOf: $asOf) { active orgUnit { opusId } } }`, { n: leaver.id, asOf: leaver.leaveDate });
    expect(during.body.data.employment).toEqual({ active: true, orgUnit: { opusId: leaver.orgUnit } });
    const listed = async (activeOn: string) =>
      (await ask(`query L($d: Date) { employments(filter: { activeOn: $d }, first: 500) { nodes { employmentNumber } } }`, { d: activeOn })).body.data.employments.nodes.map(
        (n: { employmentNumber: string }) => n.employmentNumber,
      );
    expect(await listed(leaver.leaveDate!)).toContain(leaver.id);
    expect(await listed(dayAfter(leaver.leaveDate!))).not.toContain(leaver.id);
  });

  it('costs one SQL query per loader per plan step, the lookup of many employments by = ANY($1)', async () => {
    const numbers = [...f.records.keys()].slice(0, 40);
    db.statements.length = 0;
    const res = await ask(
      `query Many($ns: [ID!]!, $asOf: Date) { employmentsByNumber(employmentNumbers: $ns, asOf: $asOf) { contract { position } communication { workEmail } workingTime { numerator } employee { name } } }`,
      { ns: numbers, asOf },
    );
    expect(res.body.errors).toBeUndefined();
    expect(db.statements).toHaveLength(1);
    expect(db.statements[0]).toContain('employment_number = ANY($1::text[])');

    // Persons by CPR, then their employments: one query for the persons, one for all their employments.
    db.statements.length = 0;
    const cprs = [...new Set([...f.records.values()].slice(0, 30).map((r) => r.cpr!))];
    const persons = await ask(
      `query P($c: [String!]!, $asOf: Date) { employeesByCpr(cprs: $c, asOf: $asOf) { employments { contract { position } } } }`,
      { c: cprs, asOf },
      await stack.headers({ scopes: ['employee:read', 'employee:cpr'] }),
    );
    expect(persons.body.errors).toBeUndefined();
    expect(db.statements.filter((s) => s.includes('cpr = ANY'))).toHaveLength(1);
    expect(db.statements.filter((s) => s.includes('employment_number = ANY'))).toHaveLength(1);
    expect(db.statements).toHaveLength(2);
  });

  it('pages employments with one list query and one read per page', async () => {
    let after: string | null = null;
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      db.statements.length = 0;
      const res: Awaited<ReturnType<typeof ask>> = await ask(
        `query Page($after: String, $asOf: Date) { employments(first: 10, after: $after, filter: { activeOn: $asOf }) { nodes { employmentNumber contract { position } } pageInfo { endCursor hasNextPage } } }`,
        { after, asOf },
      );
      expect(res.body.errors).toBeUndefined();
      expect(db.statements).toHaveLength(2);
      seen.push(...res.body.data.employments.nodes.map((n: { employmentNumber: string }) => n.employmentNumber));
      after = res.body.data.employments.pageInfo.endCursor;
    }
    const activeNow = f.m.opus.employments
      .filter((e) => isActive(e, asOf) && e.employmentNumber !== f.annulled.id)
      .map((e) => e.employmentNumber)
      .sort((a, b) => Number(a) - Number(b));
    expect(seen).toEqual(activeNow.slice(0, 30));
  });
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!available)('extract mode on PostgreSQL', () => {
  let schema: SchemaStore;
  extractModeSuite(async () => {
    schema = await schemaStore('extract_mode');
    return { db: schema.db, close: () => schema.drop() };
  });
});

describe('extract mode on embedded PGlite', () => {
  extractModeSuite(async () => {
    const db = await pgliteDatabase();
    await db.exec(EXTRACT_STORE_DDL);
    return { db, close: () => db.close() };
  });
});

describe('registeredAt with the Dataservice', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await testStack({ employees: 20 });
  }, 120_000);
  afterAll(() => stack?.close());

  it('is SOURCE_NOT_AVAILABLE naming OPUS_SOURCE=dataservice, with no data made up', async () => {
    const n = stack.municipality.opus.employments[0].employmentNumber;
    const res = await post(stack.url, `query R($n: ID!) { employment(employmentNumber: $n, registeredAt: "${BETWEEN}") { employmentNumber } }`, { n }, await stack.headers());
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE']);
    expect(res.body.errors![0].message).toContain('OPUS_SOURCE=dataservice');
    expect(res.body.data?.employment ?? null).toBeNull();
  });
});
