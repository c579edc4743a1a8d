// A sequence of daily extracts through the store: the versions each record gets and the exact events
// of each file. Covers what OS2mo's Opus importer handles: new and changed records, action="leave",
// leavers dropping out, cancelled (vanished) employments, new, moved, renamed, closed and vanished
// units, re-hires, one CPR in two employments, protected addresses. Runs on PostgreSQL and on PGlite.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { ingestExtract, type IngestResult } from '../../sources/opus/extract/store/ingest.js';
import { serviceAvailable } from '../support/services.js';
import { employmentVersions, eventsOf, orgUnitVersions, pgliteStore, schemaStore, tableCounts, type SchemaStore } from './support/store.js';
import { employee, extractFile, orgUnit } from './support/xml.js';

const hasPostgres = await serviceAvailable('postgres', 'the extract store history on PostgreSQL');

const root = orgUnit('100', { startDate: '2020-01-01', longName: 'Aalborg Kommune', orgType: 'KOM' });
const unit300 = { startDate: '2020-01-01', parentOrgUnit: '100', longName: 'Gammel afdeling' };
const e1 = { entryDate: '2020-01-01', cpr: '0101801234', firstName: 'Anna', lastName: 'Andersen', email: 'aa@example.dk', position: 'Lærer', isManager: false, orgUnit: '200', numerator: 37, denominator: 37, productionNumber: '7' };
const e2 = { entryDate: '2021-01-01', cpr: '0303803333', firstName: 'Bo', lastName: 'Berg', position: 'Lærer', isManager: false, orgUnit: '200' };
const e3 = { entryDate: '2015-01-01', cpr: '0404804444', firstName: 'Carl', lastName: 'Carlsen', orgUnit: '300' };
const e4 = { entryDate: '2025-04-01', cpr: '0505805555', firstName: 'Dorte', lastName: 'Dahl', orgUnit: '200' };
const e5 = { entryDate: '2021-03-01', cpr: '0202901234', firstName: 'Maja', lastName: 'Østergaard', postalCode: '9000', city: 'Aalborg', orgUnit: '300' };

function days(dir: string) {
  return {
    day1: () =>
      extractFile(dir, '2025-03-01T02:00:00Z', [
        root,
        orgUnit('200', { startDate: '2020-01-01', parentOrgUnit: '100', longName: 'Skoler' }),
        orgUnit('300', unit300),
        employee('E1', e1),
        employee('E2', e2),
        employee('E3', e3),
        employee('E4', e4, { lastChanged: '2025-02-28' }),
        employee('E5', e5, { protectedAddress: 'Hemmelig Vej 1' }),
      ]),
    day2: () =>
      extractFile(dir, '2025-03-02T02:00:00Z', [
        root,
        orgUnit('400', { startDate: '2025-03-02', parentOrgUnit: '100', longName: 'Børn og Unge' }, '2025-03-02'),
        orgUnit('200', { startDate: '2020-01-01', parentOrgUnit: '400', longName: 'Skoleafdelingen' }, '2025-03-02'),
        orgUnit('300', unit300),
        employee('E1', e1, { lastChanged: '2025-03-02' }), // only lastChanged: no change
        employee('E2', { ...e2, position: 'Skoleleder', isManager: true, orgUnit: '400' }, { lastChanged: '2025-03-02' }),
        employee('E3', { ...e3, leaveDate: '2025-03-01' }, { lastChanged: '2025-03-01', action: 'leave' }),
        employee('E5', { ...e5, lastName: 'Holm' }, { lastChanged: '2025-03-02', protectedAddress: 'Hemmelig Vej 2' }),
        // The same person as E1 in a second employment, starting later.
        employee('E6', { ...e1, entryDate: '2025-03-15', position: 'Vikar', orgUnit: '400', productionNumber: undefined }, { lastChanged: '2025-03-02' }),
      ]),
    day3: () =>
      extractFile(dir, '2025-03-03T02:00:00Z', [
        root,
        orgUnit('400', { startDate: '2025-03-02', parentOrgUnit: '100', longName: 'Børn og Unge' }, '2025-03-02'),
        orgUnit('200', { startDate: '2020-01-01', parentOrgUnit: '400', longName: 'Skoleafdelingen' }, '2025-03-02'),
        orgUnit('300', { ...unit300, endDate: '2025-03-31' }, '2025-03-03'),
        employee('E1', { ...e1, numerator: 30, email: 'anna@example.dk' }, { lastChanged: '2025-03-03' }),
        employee('E2', { ...e2, position: 'Skoleleder', isManager: true, orgUnit: '400' }, { lastChanged: '2025-03-02' }),
        // E3 left yesterday and drops out: no change. E4 comes back after its annulment.
        employee('E4', e4, { lastChanged: '2025-03-03' }),
        employee('E5', { ...e5, lastName: 'Holm' }, { lastChanged: '2025-03-02', protectedAddress: 'Hemmelig Vej 2' }),
        employee('E6', { ...e1, entryDate: '2025-03-15', position: 'Vikar', orgUnit: '400', productionNumber: undefined }, { lastChanged: '2025-03-02' }),
      ]),
    // 2025-03-04 never arrives.
    day5: () =>
      extractFile(dir, '2025-03-05T02:00:00Z', [
        root,
        orgUnit('200', { startDate: '2020-01-01', parentOrgUnit: '100', longName: 'Skoleafdelingen' }, '2025-03-05'),
        orgUnit('300', { ...unit300, endDate: '2025-03-31' }, '2025-03-03'),
        employee('E1', { ...e1, numerator: 30, email: 'anna@example.dk', productionNumber: '8' }, { lastChanged: '2025-03-05' }),
        employee('E2', { ...e2, position: 'Skoleleder', isManager: true, orgUnit: '200' }, { lastChanged: '2025-03-05' }),
        // E3 re-hired on its old number.
        employee('E3', { ...e3, entryDate: '2025-04-01' }, { lastChanged: '2025-03-05' }),
        employee('E4', e4, { lastChanged: '2025-03-03' }),
        employee('E5', { ...e5, lastName: 'Holm' }, { lastChanged: '2025-03-02', protectedAddress: 'Hemmelig Vej 2' }),
        employee('E6', { ...e1, entryDate: '2025-03-15', position: 'Vikar', orgUnit: '200', productionNumber: undefined }, { lastChanged: '2025-03-05' }),
      ]),
  };
}

const ev = (type: string, key: string, effectiveFrom: string, orgUnits: string[], fields: string[] = []) => ({ type, key, effectiveFrom, orgUnits, fields });

const backends: [string, boolean, () => Promise<{ db: SqlDatabase; done: () => Promise<void> }>][] = [
  [
    'PostgreSQL',
    hasPostgres,
    async () => {
      const store: SchemaStore = await schemaStore('extract_history');
      return { db: store.db, done: store.drop };
    },
  ],
  [
    'PGlite',
    true,
    async () => {
      const db = await pgliteStore();
      return { db, done: () => db.close() };
    },
  ],
];

describe.each(backends)('extract history on %s', (_name, available, open) => {
  let db: SqlDatabase;
  let done: () => Promise<void>;
  let dir: string;
  let files: ReturnType<typeof days>;
  const results: Record<string, IngestResult> = {};
  const name = (r: IngestResult) => basename(r.file);

  beforeAll(async () => {
    if (!available) return;
    ({ db, done } = await open());
    dir = await mkdtemp(join(tmpdir(), 'extract-history-'));
    files = days(dir);
  });
  afterAll(async () => {
    await done?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.runIf(available)('day 1, into an empty store: every record is new', async () => {
    const r = (results.day1 = await ingestExtract(db, await files.day1(), { batchSize: 2 }));
    expect(r).toMatchObject({ status: 'ingested', employees: 5, orgUnits: 3, employmentVersions: 5, orgUnitVersions: 3, events: 8, gapDays: null });
    expect(await eventsOf(db, name(r))).toEqual([
      ev('EMPLOYMENT_HIRED', 'E1', '2020-01-01', ['200']),
      ev('EMPLOYMENT_HIRED', 'E2', '2021-01-01', ['200']),
      ev('EMPLOYMENT_HIRED', 'E3', '2015-01-01', ['300']),
      ev('EMPLOYMENT_HIRED', 'E4', '2025-04-01', ['200']),
      ev('EMPLOYMENT_HIRED', 'E5', '2021-03-01', ['300']),
      ev('ORG_UNIT_CREATED', '100', '2020-01-01', ['100']),
      ev('ORG_UNIT_CREATED', '200', '2020-01-01', ['200', '100']),
      ev('ORG_UNIT_CREATED', '300', '2020-01-01', ['300', '100']),
    ]);
    const [v1] = await employmentVersions(db, 'E1');
    expect(v1).toMatchObject({ registeredFrom: '2025-03-01', registeredTo: null, validFrom: '2020-01-01', validTo: null, status: 'active', orgUnit: '200' });
    // Unknown elements are kept with the record, under the file's names.
    expect(v1!.record).toMatchObject({ firstName: 'Anna', numerator: 37, extra: { productionNumber: '7' } });
  });

  it.runIf(available)('day 2: moves, promotion, leave, cancellation, rename, a new unit, one CPR in two employments', async () => {
    const r = (results.day2 = await ingestExtract(db, await files.day2(), { batchSize: 2 }));
    expect(r).toMatchObject({ status: 'ingested', employees: 5, orgUnits: 4, employmentVersions: 5, orgUnitVersions: 2, gapDays: 0 });
    expect(await eventsOf(db, name(r))).toEqual([
      ev('EMPLOYMENT_MANAGER_CHANGED', 'E2', '2025-03-02', ['400'], ['isManager']),
      ev('EMPLOYMENT_MOVED', 'E2', '2025-03-02', ['200', '400'], ['orgUnit']),
      ev('EMPLOYMENT_POSITION_CHANGED', 'E2', '2025-03-02', ['400'], ['position']),
      ev('EMPLOYMENT_LEFT', 'E3', '2025-03-01', ['300'], ['action', 'leaveDate']),
      ev('EMPLOYMENT_CANCELLED', 'E4', '2025-03-02', ['200']),
      ev('EMPLOYMENT_NAME_CHANGED', 'E5', '2025-03-02', ['300'], ['lastName']),
      ev('EMPLOYMENT_HIRED', 'E6', '2025-03-15', ['400']),
      ev('ORG_UNIT_MOVED', '200', '2025-03-02', ['200', '100', '400'], ['parentOrgUnit']),
      ev('ORG_UNIT_RENAMED', '200', '2025-03-02', ['200', '400'], ['longName']),
      ev('ORG_UNIT_CREATED', '400', '2025-03-02', ['400', '100']),
    ]);
    expect(await employmentVersions(db, 'E1')).toHaveLength(1);
    expect(await employmentVersions(db, 'E3')).toMatchObject([
      { registeredFrom: '2025-03-01', registeredTo: '2025-03-02', status: 'active', validTo: null },
      { registeredFrom: '2025-03-02', registeredTo: null, status: 'left', validFrom: '2015-01-01', validTo: '2025-03-01' },
    ]);
    expect(await employmentVersions(db, 'E4')).toMatchObject([
      { registeredFrom: '2025-03-01', registeredTo: '2025-03-02', status: 'active' },
      { registeredFrom: '2025-03-02', registeredTo: null, status: 'annulled', validFrom: '2025-04-01', record: { firstName: 'Dorte' } },
    ]);
    const { rows } = await db.query<{ k: string }>(`SELECT DISTINCT employment_number AS k FROM opus_employment_version WHERE cpr = '0101801234' ORDER BY 1`);
    expect(rows.map((x) => x.k)).toEqual(['E1', 'E6']);
    expect((await orgUnitVersions(db, '200')).map((v) => [v.registeredTo, v.orgUnit, v.record.longName])).toEqual([
      ['2025-03-02', '100', 'Skoler'],
      [null, '400', 'Skoleafdelingen'],
    ]);
  });

  it.runIf(available)('never stores a protected address', async () => {
    for (const v of await employmentVersions(db, 'E5')) {
      expect(v.record).toMatchObject({ protectedAddress: true, address: null, postalCode: null, city: null });
    }
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM opus_employment_version WHERE record::text LIKE '%Hemmelig%'`);
    expect(Number(rows[0]!.n)).toBe(0);
  });

  it.runIf(available)('day 3: a leaver drops out quietly, a unit closes ahead, working time and contact change, a cancelled employment returns', async () => {
    const r = (results.day3 = await ingestExtract(db, await files.day3()));
    expect(r).toMatchObject({ status: 'ingested', employmentVersions: 2, orgUnitVersions: 1, gapDays: 0 });
    expect(await eventsOf(db, name(r))).toEqual([
      ev('EMPLOYMENT_CONTACT_CHANGED', 'E1', '2025-03-03', ['200'], ['email']),
      ev('EMPLOYMENT_WORKING_TIME_CHANGED', 'E1', '2025-03-03', ['200'], ['numerator']),
      ev('EMPLOYMENT_HIRED', 'E4', '2025-04-01', ['200']),
      ev('ORG_UNIT_CLOSED', '300', '2025-03-31', ['300', '100'], ['endDate']),
    ]);
    expect((await employmentVersions(db, 'E3')).map((v) => v.status)).toEqual(['active', 'left']);
    expect((await employmentVersions(db, 'E4')).map((v) => [v.status, v.registeredTo])).toEqual([
      ['active', '2025-03-02'],
      ['annulled', '2025-03-03'],
      ['active', null],
    ]);
    expect((await orgUnitVersions(db, '300')).at(-1)).toMatchObject({ validTo: '2025-03-31', status: 'active' });
  });

  it.runIf(available)('day 5, after a missing day: gap reported, re-hire on the old number, a unit vanishes, unknown element changes quietly', async () => {
    const r = (results.day5 = await ingestExtract(db, await files.day5()));
    expect(r).toMatchObject({ status: 'ingested', gapDays: 1, employmentVersions: 4, orgUnitVersions: 2 });
    const { rows } = await db.query<{ gap: number }>(`SELECT gap_days AS gap FROM opus_extract_file WHERE file_name = $1`, [name(r)]);
    expect(rows[0]!.gap).toBe(1);
    expect(await eventsOf(db, name(r))).toEqual([
      ev('EMPLOYMENT_MOVED', 'E2', '2025-03-05', ['400', '200'], ['orgUnit']),
      ev('EMPLOYMENT_HIRED', 'E3', '2025-04-01', ['300'], ['action', 'entryDate', 'leaveDate']),
      ev('EMPLOYMENT_MOVED', 'E6', '2025-03-05', ['400', '200'], ['orgUnit']),
      ev('ORG_UNIT_MOVED', '200', '2025-03-05', ['200', '400', '100'], ['parentOrgUnit']),
      ev('ORG_UNIT_CLOSED', '400', '2025-03-05', ['400', '100']),
    ]);
    expect((await employmentVersions(db, 'E1')).at(-1)!.record).toMatchObject({ extra: { productionNumber: '8' } });
    expect((await employmentVersions(db, 'E3')).map((v) => [v.status, v.validFrom])).toEqual([
      ['active', '2015-01-01'],
      ['left', '2015-01-01'],
      ['active', '2025-04-01'],
    ]);
    expect((await orgUnitVersions(db, '400')).map((v) => v.status)).toEqual(['active', 'annulled']);
  });

  it.runIf(available)('a replayed file changes nothing and says so; an older or equally old file is refused', async () => {
    const before = await tableCounts(db);
    const again = await ingestExtract(db, results.day2!.file);
    expect(again).toMatchObject({ status: 'duplicate', sameAs: name(results.day2!) });
    await expect(ingestExtract(db, await files.day3())).resolves.toMatchObject({ status: 'duplicate' });
    // Same timestamp, other content; an older day that never came.
    const sameTime = await extractFile(join(dir, 'other'), '2025-03-05T02:00:00Z', [root]);
    await expect(ingestExtract(db, sameTime)).rejects.toThrow(/not newer than the newest extract stored/);
    const older = await extractFile(dir, '2025-03-04T02:00:00Z', [root]);
    await expect(ingestExtract(db, older)).rejects.toMatchObject({ name: 'ExtractRefusedError', file: older });
    expect(await tableCounts(db)).toEqual(before);
  });

  it.runIf(available)('cursors follow (entity, key, type) within a file and files in order', async () => {
    const { rows } = await db.query<{ extract_id: string; entity: string; entity_key: string; type: string }>(
      `SELECT extract_id, entity, entity_key, type FROM opus_change_event ORDER BY cursor`,
    );
    const keys = rows.map((r) => [Number(r.extract_id), r.entity, r.entity_key, r.type].join('\u0000'));
    expect(keys).toEqual([...keys].sort((a, b) => Number(a.split('\u0000')[0]) - Number(b.split('\u0000')[0]) || (a < b ? -1 : a > b ? 1 : 0)));
  });
});
