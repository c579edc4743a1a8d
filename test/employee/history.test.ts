// Kontraktindhold and Kommunikation over time, through the gateway: the Dataservice gives them as they
// stand now, so their history is what the daily Opus extracts registered (the extract store, here an
// embedded PGlite). The sample's two extract files (the day before its re-organisation and the day of
// it) are ingested as `npm start` does; two later registrations change one employment's position and
// contact details.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { addDays } from '../../sources/days.js';
import type { Employment, Municipality } from '../../sources/model.js';
import { pgliteDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { ingestExtract } from '../../sources/opus/extract/store/ingest.js';
import { migrateExtractStore } from '../../sources/opus/extract/store/migrate.js';
import type { ExtractEmployee } from '../../sources/opus/extract/types.js';
import { writeSampleExtracts } from '../../sources/sample/extracts.js';
import { counting, registerChange } from '../extract/extractModeStore.js';
import { codes, post } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

let stack: Stack;
let store: SqlDatabase;
let db: SqlDatabase & { statements: string[] };
let dir: string;
let m: Municipality;
let auth: Record<string, string>;
/** The employment whose terms and contact details change, as each extract showed it. */
let x: Employment;
let first: ExtractEmployee;
let promoted: ExtractEmployee;
let rephoned: ExtractEmployee;
let firstAt: string;
/** Third registration: position and e-mail changed, dated by lastChanged. */
const PROMOTED_AT = '2026-10-20T03:00:00.000Z';
const PROMOTED_ON = '2026-10-15';
/** Fourth: the work phone changed, the record without lastChanged (dated by the extract's day). */
const REPHONED_AT = '2026-10-27T03:00:00.000Z';

const historyReads = () => db.statements.filter((s) => s.includes('opus_employment_version')).length;

beforeAll(async () => {
  m = sampleMunicipality(120);
  // Active and open-ended, moved by the re-organisation (so the sample's second file changes its
  // record, in a field of neither area), and not protected.
  x = m.opus.employments.find((e) => {
    const [p, q] = e.placements;
    return q && q.from === m.reorganisationDate && p.orgUnitOpusId !== q.orgUnitOpusId && e.contract.end === null && !e.person.address.protected;
  })!;
  store = await pgliteDatabase();
  await migrateExtractStore(store);
  dir = await mkdtemp(join(tmpdir(), 'history-'));
  const files = await writeSampleExtracts(m, dir);
  for (const file of files) expect((await ingestExtract(store, file)).status).toBe('ingested');
  const rows = await store.query<{ record: ExtractEmployee; registered_from: Date }>(
    `SELECT record, registered_from FROM opus_employment_version WHERE employment_number = $1 ORDER BY registered_from`,
    [x.employmentNumber],
  );
  expect(rows.rows).toHaveLength(2); // the move registered a second version
  first = rows.rows[0].record;
  firstAt = new Date(rows.rows[0].registered_from).toISOString();
  const current = rows.rows[1].record;
  promoted = { ...current, lastChanged: PROMOTED_ON, position: 'Specialkonsulent', positionShort: 'Spec.kons.', email: 'ny.adresse@kommune.dk' };
  await registerChange(store, promoted, PROMOTED_AT);
  rephoned = { ...promoted, lastChanged: null, workPhone: '87654321' };
  await registerChange(store, rephoned, REPHONED_AT);
  // The Dataservice holds what the last extract says.
  x.contract.position = promoted.position!;
  x.contract.positionShort = promoted.positionShort!;
  x.communication.workEmail = promoted.email;
  x.communication.workPhone = rephoned.workPhone;
  db = counting(store);
  stack = await testStack({ municipality: m, extractStore: db });
  auth = await stack.headers({ scopes: ['employee:read'] });
}, 120_000);

afterAll(async () => {
  await stack?.close();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const CONTRACT_FIELDS = 'position positionShort positionId workContract start end isManager validFrom validTo registeredAt';
const ask = (query: string, variables: Record<string, unknown> = {}, headers = auth) => post(stack.url, query, variables, headers);

function contractOf(r: ExtractEmployee, validFrom: string, validTo: string | null, registeredAt: string) {
  return {
    position: r.position,
    positionShort: r.positionShort,
    positionId: r.positionId,
    workContract: r.workContract,
    start: r.entryDate,
    end: r.leaveDate,
    isManager: r.isManager,
    validFrom,
    validTo,
    registeredAt,
  };
}

describe('Employment.contractHistory', () => {
  it('gives each version of the terms oldest first, dated by lastChanged, a move of the employment being no new version', async () => {
    const res = await ask(`query C($n: ID!) { employment(employmentNumber: $n) { contract { position validFrom registeredAt } contractHistory { ${CONTRACT_FIELDS} } } }`, { n: x.employmentNumber });
    expect(res.body.errors).toBeUndefined();
    const e = res.body.data.employment;
    expect(e.contractHistory).toEqual([
      contractOf(first, first.lastChanged!, addDays(PROMOTED_ON, -1), firstAt),
      contractOf(promoted, PROMOTED_ON, null, PROMOTED_AT),
    ]);
    // The current terms come from the Dataservice and agree with the last version; they carry no period.
    expect(e.contract).toEqual({ position: 'Specialkonsulent', validFrom: null, registeredAt: null });
  });

  it('keeps only the versions overlapping [from, to], either bound open', async () => {
    const q = `query C($n: ID!, $from: Date, $to: Date) { employment(employmentNumber: $n) { contractHistory(from: $from, to: $to) { position validFrom } } }`;
    const positions = async (from?: string, to?: string) => {
      const res = await ask(q, { n: x.employmentNumber, from, to });
      expect(res.body.errors).toBeUndefined();
      return res.body.data.employment.contractHistory.map((c: { position: string }) => c.position);
    };
    expect(await positions(undefined, addDays(PROMOTED_ON, -1))).toEqual([first.position]);
    expect(await positions(PROMOTED_ON)).toEqual(['Specialkonsulent']);
    expect(await positions(addDays(PROMOTED_ON, -1), PROMOTED_ON)).toEqual([first.position, 'Specialkonsulent']);
    expect(await positions(addDays(first.lastChanged!, -30), addDays(first.lastChanged!, -1))).toEqual([]);
  });

  it('answers employmentType and agreement, which the extract lacks, with SOURCE_NOT_AVAILABLE naming it', async () => {
    const res = await ask(`query C($n: ID!) { employment(employmentNumber: $n) { contractHistory { position employmentType agreement { code } } } }`, { n: x.employmentNumber });
    expect(res.body.data.employment.contractHistory).toEqual([
      { position: first.position, employmentType: null, agreement: null },
      { position: 'Specialkonsulent', employmentType: null, agreement: null },
    ]);
    expect(new Set(codes(res))).toEqual(new Set(['SOURCE_NOT_AVAILABLE']));
    expect(res.body.errors!.map((e) => e.path!.join('.')).sort()).toEqual(
      ['employment.contractHistory.0.agreement', 'employment.contractHistory.0.employmentType', 'employment.contractHistory.1.agreement', 'employment.contractHistory.1.employmentType'],
    );
    expect(res.body.errors![0].message).toContain('OPUS_SOURCE=extract');
  });
});

describe('Employment.communicationHistory', () => {
  it('gives each version of the work e-mail and phone, a change without lastChanged dated by its extract’s day', async () => {
    const res = await ask(
      `query K($n: ID!) { employment(employmentNumber: $n) { communication { workEmail workPhone } communicationHistory { workEmail workPhone validFrom validTo registeredAt } } }`,
      { n: x.employmentNumber },
    );
    expect(res.body.errors).toBeUndefined();
    const e = res.body.data.employment;
    expect(e.communicationHistory).toEqual([
      { workEmail: first.email, workPhone: first.workPhone, validFrom: first.lastChanged, validTo: addDays(PROMOTED_ON, -1), registeredAt: firstAt },
      { workEmail: 'ny.adresse@kommune.dk', workPhone: first.workPhone, validFrom: PROMOTED_ON, validTo: '2026-10-26', registeredAt: PROMOTED_AT },
      { workEmail: 'ny.adresse@kommune.dk', workPhone: '87654321', validFrom: '2026-10-27', validTo: null, registeredAt: REPHONED_AT },
    ]);
    expect(e.communication).toEqual({ workEmail: 'ny.adresse@kommune.dk', workPhone: '87654321' });
  });

  it('answers mobilePhone, which the extract lacks, with SOURCE_NOT_AVAILABLE', async () => {
    const res = await ask(`query K($n: ID!) { employment(employmentNumber: $n) { communicationHistory(from: "2026-10-27") { workPhone mobilePhone } } }`, { n: x.employmentNumber });
    expect(res.body.data.employment.communicationHistory).toEqual([{ workPhone: '87654321', mobilePhone: null }]);
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE']);
  });
});

describe('bounds, batching and access', () => {
  it('refuses `from` after `to` with BAD_USER_INPUT naming `from`, reading nothing from the store', async () => {
    const before = historyReads();
    const res = await ask(`query C($n: ID!) { employment(employmentNumber: $n) { contractHistory(from: "2026-10-10", to: "2026-10-01") { position } communicationHistory(from: "2026-10-10", to: "2026-10-01") { workEmail } } }`, {
      n: x.employmentNumber,
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(res.body.errors!.map((e) => e.extensions?.argument)).toEqual(['from', 'from']);
    expect(historyReads()).toBe(before);
  });

  it('reads the history of every employment of a plan step, both areas, in one store query', async () => {
    const numbers = m.opus.employments.slice(0, 40).map((e) => e.employmentNumber);
    const before = historyReads();
    const res = await ask(`query B($ns: [ID!]!) { employmentsByNumber(employmentNumbers: $ns) { employmentNumber contractHistory { position } communicationHistory { workEmail } } }`, { ns: [...numbers, x.employmentNumber] });
    expect(res.body.errors).toBeUndefined();
    expect(historyReads() - before).toBe(1);
    const nodes = res.body.data.employmentsByNumber;
    expect(nodes.at(-1).contractHistory).toHaveLength(2);
    // Every sample employment was in both files; one version each unless something changed.
    for (const node of nodes.slice(0, -1)) expect(node.contractHistory.length).toBeGreaterThanOrEqual(1);
  });

  it('needs employee:read: without it the employment is null with FORBIDDEN and the store is not read', async () => {
    const before = historyReads();
    const res = await ask(`query C($n: ID!) { employment(employmentNumber: $n) { contractHistory { position } communicationHistory { workEmail } } }`, { n: x.employmentNumber }, await stack.headers({ scopes: ['org:read', 'absence:read'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data?.employment ?? null).toBeNull();
    expect(historyReads()).toBe(before);
  });
});

describe('without an extract store', () => {
  let plain: Stack;
  beforeAll(async () => {
    plain = await testStack({ employees: 20 });
  }, 120_000);
  afterAll(() => plain?.close());

  it('answers SOURCE_NOT_AVAILABLE naming EXTRACT_DATABASE_URL, and the rest of the query', async () => {
    const n = plain.municipality.opus.employments[0].employmentNumber;
    const res = await post(plain.url, `query C($n: ID!) { employment(employmentNumber: $n) { employmentNumber contractHistory { position } communicationHistory { workEmail } } }`, { n }, await plain.headers({ scopes: ['employee:read'] }));
    expect(res.body.data.employment).toEqual({ employmentNumber: n, contractHistory: null, communicationHistory: null });
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE', 'SOURCE_NOT_AVAILABLE']);
    expect(res.body.errors![0].message).toContain('EXTRACT_DATABASE_URL');
  });
});
