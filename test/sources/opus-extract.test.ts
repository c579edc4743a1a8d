import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employment, OpusOrgUnit, OpusSnapshot } from '../../sources/model.js';
import {
  diffExtracts,
  ExtractFormatError,
  extractFileName,
  listExtracts,
  loadOpusExtract,
  parseExtractFileName,
  readOpusExtract,
  writeOpusExtract,
  type ExtractEmployee,
  type ExtractRecord,
} from '../../sources/opus/extract/index.js';
import { extractRecordFromEmployment, orgUnitsOn, toExtractEmployee } from '../../sources/opus/extract/mapping.js';
import { generateMunicipality } from '../../sources/sample/generate.js';

const fixtures = fileURLToPath(new URL('../fixtures/opus-extract/', import.meta.url));
const fixture = (name: string) => join(fixtures, name);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'opus-extract-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(file: string, opts?: { includeProtectedAddresses?: boolean }): Promise<ExtractRecord[]> {
  const records: ExtractRecord[] = [];
  for await (const record of readOpusExtract(file, opts)) records.push(record);
  return records;
}

async function formatError(promise: Promise<unknown>): Promise<ExtractFormatError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ExtractFormatError);
  return error as ExtractFormatError;
}

// ---------------------------------------------------------------- a small hand-built snapshot

const FILE_AT = new Date('2025-03-02T02:15:30Z');

function unit(id: string, overrides: Partial<OpusOrgUnit> = {}): OpusOrgUnit {
  return {
    id,
    from: '2020-01-01',
    to: null,
    parentId: null,
    shortName: `U${id}`,
    longName: `Unit ${id}`,
    street: 'Boulevarden 13',
    zipCode: '9000',
    city: 'Aalborg',
    phoneNumber: '99312000',
    cvrNr: '29189420',
    eanNr: '5798000420526',
    seNr: '29189420',
    pNr: '1003264545',
    costCenter: '5100',
    orgType: 'AFD',
    orgTypeTxt: 'Afdeling',
    ...overrides,
  };
}

function employment(number: string, overrides: Partial<Employment> = {}, contract: Partial<Employment['contract']> = {}): Employment {
  return {
    employmentNumber: number,
    person: {
      cpr: '0101801234',
      firstName: 'Søren',
      lastName: 'Æbelø',
      address: { street: 'Åvej 1', postalCode: '9520', city: 'Skørping', country: 'DK', protected: false },
    },
    communication: { workEmail: `${number}@example.dk`, workPhone: '99312001', mobilePhone: '20000000' },
    contract: {
      employmentType: 'permanent',
      workContract: '01',
      workContractText: 'Månedslønnet',
      start: '2020-01-01',
      end: null,
      positionId: '5001',
      position: 'Lærer',
      positionShort: 'LÆR',
      agreement: { code: '47', name: 'Lærere' },
      jobId: '700',
      job: 'Undervisning',
      isManager: false,
      initialEntry: '2020-01-01',
      entryIntoGroup: '2020-01-01',
      ...contract,
    },
    workingTime: [{ from: '2020-01-01', to: null, numerator: 37, denominator: 37, weeklyHours: 37 }],
    jobFunction: [],
    activities: [],
    affiliations: [],
    dutyPlanPlacement: [],
    schedules: [],
    placements: [{ from: '2020-01-01', to: null, orgUnitOpusId: '100' }],
    absences: [],
    vacationBalances: [],
    salaryPlacement: [{ from: '2020-01-01', to: null, payGroup: '32', payGroupText: 'Lønramme 32', step: 1, scale: 'A', annualBaseSalary: 400000 }],
    fixedPayItems: [],
    pensions: [],
    tax: [],
    oneOffPayments: [],
    userId: `u${number}`,
    ...overrides,
  };
}

const snapshot: OpusSnapshot = {
  kommunekode: '851',
  orgUnits: [
    unit('100', { longName: 'Aalborg Kommune', orgType: 'KOM' }),
    // A re-organisation: the old version of 200 closed, the new one valid on the file date.
    unit('200', { parentId: '100', longName: 'Old name', to: '2025-02-28' }),
    unit('200', { parentId: '100', longName: 'Skoler & "Dagtilbud" <Øst>', from: '2025-03-01' }),
    unit('300', { parentId: '200', from: '2026-01-01', phoneNumber: '' }),
  ],
  employments: [
    employment('00001'),
    employment('00002', {
      placements: [
        { from: '2020-01-01', to: '2025-02-28', orgUnitOpusId: '100' },
        { from: '2025-03-01', to: null, orgUnitOpusId: '200' },
      ],
      workingTime: [
        { from: '2020-01-01', to: '2024-12-31', numerator: 37, denominator: 37, weeklyHours: 37 },
        { from: '2025-01-01', to: null, numerator: 30, denominator: 37, weeklyHours: 30 },
      ],
    }, { isManager: true, position: 'Skoleleder & chef' }),
    employment('00003', {}, { start: '2010-05-01', end: '2025-02-28' }),
    employment('00004', {
      person: {
        cpr: '0202901234',
        firstName: 'Maja',
        lastName: 'Østergaard',
        address: { street: 'Hemmelig Vej 1', postalCode: '9000', city: 'Aalborg', country: 'DK', protected: true },
      },
      communication: { workEmail: null, workPhone: null, mobilePhone: null },
      userId: null,
    }),
    // A future hire: nothing is valid on the file date yet, so the latest (only) versions are written.
    employment(
      '00005',
      {
        placements: [{ from: '2025-04-01', to: null, orgUnitOpusId: '300' }],
        workingTime: [{ from: '2025-04-01', to: null, numerator: 20, denominator: 37, weeklyHours: 20 }],
        salaryPlacement: [],
      },
      { start: '2025-04-01', initialEntry: '2025-04-01', entryIntoGroup: '2025-04-01' },
    ),
    // Ends on the file date: reported as leaving that day.
    employment('00006', {}, { end: '2025-03-02' }),
    // Ends the day after the file date: still employed.
    employment('00007', {}, { end: '2025-03-03' }),
  ],
};

describe('writeOpusExtract -> readOpusExtract', () => {
  let file: string;
  let records: ExtractRecord[];
  const employee = (id: string) => records.flatMap((r) => (r.kind === 'employee' && r.employee.id === id ? [r.employee] : []))[0]!;

  beforeAll(async () => {
    file = await writeOpusExtract(snapshot, join(dir, 'roundtrip'), FILE_AT);
    records = await collect(file, { includeProtectedAddresses: true });
  });

  it('names the file after the UTC timestamp and leaves no partial file', async () => {
    expect(file.endsWith('ZLPE20250302021530_delta.xml')).toBe(true);
    expect(await readdir(join(dir, 'roundtrip'))).toEqual(['ZLPE20250302021530_delta.xml']);
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n')).toBe(true);
    expect(text).toContain('<longName>Skoler &amp; "Dagtilbud" &lt;Øst&gt;</longName>');
    expect(text).toContain('<address protected="true">Hemmelig Vej 1</address>');
  });

  it('reads back exactly what the mapping produced', () => {
    const date = '2025-03-02';
    expect(records.filter((r) => r.kind === 'orgUnit').map((r) => r.kind === 'orgUnit' && r.orgUnit)).toEqual(orgUnitsOn(snapshot, date));
    expect(records.filter((r) => r.kind === 'employee').map((r) => r.kind === 'employee' && r.employee)).toEqual(
      snapshot.employments.map((e) => toExtractEmployee(e, '851', date)),
    );
  });

  it('writes one org unit per id, the version valid on the file date', () => {
    const units = records.flatMap((r) => (r.kind === 'orgUnit' ? [r.orgUnit] : []));
    expect(units.map((u) => u.id)).toEqual(['100', '200', '300']);
    expect(units[1]).toMatchObject({ longName: 'Skoler & "Dagtilbud" <Øst>', startDate: '2025-03-01', endDate: null, parentOrgUnit: '100', client: '851' });
    expect(units[2]).toMatchObject({ startDate: '2026-01-01', phoneNumber: null, lastChanged: '2025-03-02' });
  });

  it('writes contract, person, communication and the placement, working time and salary valid on the file date', () => {
    expect(employee('00002')).toEqual({
      id: '00002',
      client: '851',
      lastChanged: '2025-03-01',
      action: null,
      entryDate: '2020-01-01',
      leaveDate: null,
      cpr: '0101801234',
      firstName: 'Søren',
      lastName: 'Æbelø',
      address: 'Åvej 1',
      protectedAddress: false,
      postalCode: '9520',
      city: 'Skørping',
      country: 'DK',
      workPhone: '99312001',
      email: '00002@example.dk',
      workContract: '01',
      workContractText: 'Månedslønnet',
      positionId: '5001',
      position: 'Skoleleder & chef',
      positionShort: 'LÆR',
      jobId: '700',
      job: 'Undervisning',
      isManager: true,
      superiorLevel: null,
      subordinateLevel: null,
      orgUnit: '200',
      userId: 'u00002',
      payGradeText: 'Lønramme 32',
      numerator: 30,
      denominator: 37,
      initialEntry: '2020-01-01',
      entryIntoGroup: '2020-01-01',
    } satisfies ExtractEmployee);
  });

  it('marks employments ended on or before the file date as leave', () => {
    expect(employee('00003')).toMatchObject({ action: 'leave', leaveDate: '2025-02-28', lastChanged: '2025-02-28' });
    expect(employee('00006')).toMatchObject({ action: 'leave', leaveDate: '2025-03-02', lastChanged: '2025-03-02' });
    expect(employee('00007')).toMatchObject({ action: null, leaveDate: '2025-03-03' });
    expect(employee('00001').action).toBeNull();
  });

  it('falls back to the latest version when none is valid yet', () => {
    expect(employee('00005')).toMatchObject({ orgUnit: '300', numerator: 20, payGradeText: null, entryDate: '2025-04-01', lastChanged: '2025-03-02', action: null });
  });

  it('leaves out absent values', () => {
    expect(employee('00004')).toMatchObject({ email: null, workPhone: null, userId: null, protectedAddress: true, address: 'Hemmelig Vej 1' });
  });

  it('hides protected addresses unless asked to include them', async () => {
    const hidden = (await collect(file)).flatMap((r) => (r.kind === 'employee' ? [r.employee] : []));
    expect(hidden.find((e) => e.id === '00004')).toMatchObject({ address: null, postalCode: null, city: null, country: null, protectedAddress: true, lastName: 'Østergaard' });
    expect(hidden.find((e) => e.id === '00001')).toMatchObject({ address: 'Åvej 1', protectedAddress: false });
  });
});

describe('readOpusExtract on hand-written files', () => {
  it('decodes an ISO-8859-1 file and ignores unknown elements', async () => {
    const extract = await loadOpusExtract(fixture('latin1.xml'), { includeProtectedAddresses: false });
    expect(extract.timestamp).toBeNull();
    expect([...extract.orgUnits.values()]).toEqual([
      {
        id: '1001',
        client: '851',
        lastChanged: '2024-01-01',
        startDate: '2020-01-01',
        endDate: null,
        parentOrgUnit: null,
        shortName: 'SKOLE',
        longName: 'Skørping Skole & SFO',
        street: 'Æblehaven 2',
        zipCode: '9520',
        city: 'Skørping',
        phoneNumber: null,
        cvrNr: null,
        eanNr: null,
        seNr: null,
        pNr: null,
        costCenter: '5100',
        orgType: 'INST',
        orgTypeTxt: 'Institution',
      },
    ]);
    const soren = extract.employees.get('00012345')!;
    expect(soren).toMatchObject({ firstName: 'Søren Åge', lastName: 'Bækgaard', address: 'Åstrupvej 7', position: 'Lærer', payGradeText: 'Lønramme 32', lastChanged: '2025-02-28' });
    expect(soren).not.toHaveProperty('favouriteColour');
    expect(extract.employees.get('00012346')).toMatchObject({ lastName: 'Østergaard', address: null, city: null, protectedAddress: true, isManager: true, numerator: 32.5 });
    expect(extract.employees.get('00012347')).toMatchObject({ action: 'leave', leaveDate: '2025-02-28', isManager: false, cpr: null });
  });

  it('discloses a protected address when asked', async () => {
    const extract = await loadOpusExtract(fixture('latin1.xml'), { includeProtectedAddresses: true });
    expect(extract.employees.get('00012346')).toMatchObject({ address: 'Hemmelig Vej 1', postalCode: '9000', city: 'Aalborg', protectedAddress: true });
  });

  it('reports malformed XML with the file name and line', async () => {
    const error = await formatError(collect(fixture('malformed.xml')));
    expect(error.line).toBe(7);
    expect(error.file).toBe(fixture('malformed.xml'));
    expect(error.message).toContain('malformed.xml:7:');
  });

  it('reports a record without client with its line', async () => {
    const error = await formatError(collect(fixture('missing-client.xml')));
    expect(error.line).toBe(5);
    expect(error.reason).toBe('<employee> without a client attribute');
  });

  it('reports an invalid date without echoing the value', async () => {
    const error = await formatError(collect(fixture('bad-date.xml')));
    expect(error.line).toBe(5);
    expect(error.message).not.toContain('2025-02-30');
  });

  it('refuses latin1 bytes in a file that does not declare its encoding', async () => {
    const error = await formatError(collect(fixture('latin1-undeclared.xml')));
    expect(error.line).toBe(4);
    expect(error.reason).toMatch(/UTF-8/);
  });

  it('rejects another root element, an unknown action and duplicate ids', async () => {
    const write = async (name: string, xml: string) => {
      await writeFile(join(dir, name), xml);
      return join(dir, name);
    };
    expect((await formatError(collect(await write('root.xml', '<other/>')))).reason).toMatch(/root element/);
    expect((await formatError(collect(await write('empty.xml', '')))).line).toBe(1);
    const action = await write('action.xml', '<kmd>\n<employee id="1" client="851" action="delete"/>\n</kmd>');
    expect((await formatError(collect(action))).line).toBe(2);
    const dup = await write('dup.xml', '<kmd>\n<employee id="1" client="851"/>\n<employee id="1" client="851"/>\n</kmd>');
    expect((await formatError(loadOpusExtract(dup))).line).toBe(3);
  });
});

describe('diffExtracts', () => {
  it('finds new, changed, leaving and cancelled employees and org unit changes', async () => {
    const [first, second] = await listExtracts(fixture('diff'));
    const yesterday = await loadOpusExtract(first!.path);
    const today = await loadOpusExtract(second!.path);
    expect(today.timestamp).toEqual(new Date('2025-03-02T02:00:00Z'));

    const diff = diffExtracts(yesterday, today);
    expect(diff.newEmployees.map((e) => e.id)).toEqual(['E6']);
    expect(diff.changedEmployees.map((c) => [c.after.id, c.changedFields])).toEqual([['E2', ['position', 'isManager', 'orgUnit']]]);
    expect(diff.changedEmployees[0]!.before.position).toBe('Lærer');
    expect(diff.leftEmployees.map((e) => [e.id, e.leaveDate])).toEqual([['E3', '2025-03-01']]);
    // E5 had already left yesterday: dropping out of the file is not a cancellation.
    expect(diff.cancelledEmployees.map((e) => e.id)).toEqual(['E4']);

    expect(diff.newOrgUnits.map((u) => u.id)).toEqual(['400']);
    expect(diff.changedOrgUnits.map((c) => [c.after.id, c.changedFields])).toEqual([['200', ['parentOrgUnit', 'longName']]]);
    expect(diff.removedOrgUnits.map((u) => u.id)).toEqual(['300']);
  });

  it('finds nothing between a file and itself', async () => {
    const extract = await loadOpusExtract(fixture('latin1.xml'));
    const diff = diffExtracts(extract, extract);
    expect(Object.values(diff).every((list) => list.length === 0)).toBe(true);
  });
});

describe('extract file names', () => {
  it('parses the UTC timestamp and rejects anything else', () => {
    expect(parseExtractFileName('ZLPE20250302021530_delta.xml')).toEqual(new Date('2025-03-02T02:15:30Z'));
    expect(parseExtractFileName('/data/in/ZLPE20241231235959_delta.xml')).toEqual(new Date('2024-12-31T23:59:59Z'));
    expect(parseExtractFileName('ZLPE20250230000000_delta.xml')).toBeNull();
    expect(parseExtractFileName('ZLPE20251301000000_delta.xml')).toBeNull();
    expect(parseExtractFileName('ZLPE2025030202153_delta.xml')).toBeNull();
    expect(parseExtractFileName('ZLPE20250302021530_delta.xml.partial')).toBeNull();
    expect(parseExtractFileName('zlpe20250302021530_delta.xml')).toBeNull();
    expect(extractFileName(new Date('2025-03-02T02:15:30.999Z'))).toBe('ZLPE20250302021530_delta.xml');
  });

  it('lists extracts oldest first and skips other files', async () => {
    const listing = join(dir, 'listing');
    await writeOpusExtract({ kommunekode: '851', orgUnits: [], employments: [] }, listing, new Date('2025-03-02T00:00:00Z'));
    await writeOpusExtract({ kommunekode: '851', orgUnits: [], employments: [] }, listing, new Date('2024-12-31T23:00:00Z'));
    await writeFile(join(listing, 'README.txt'), 'not an extract');
    expect((await listExtracts(listing)).map((f) => f.name)).toEqual(['ZLPE20241231230000_delta.xml', 'ZLPE20250302000000_delta.xml']);
  });
});

describe('large files', () => {
  it('writes and reads 20,000 employments as a stream', async () => {
    const count = 20_000;
    const template = employment('0');
    const large: OpusSnapshot = {
      kommunekode: '851',
      orgUnits: Array.from({ length: 50 }, (_, i) => unit(String(1000 + i))),
      employments: Array.from({ length: count }, (_, i) => ({
        ...template,
        employmentNumber: String(i).padStart(8, '0'),
        contract: { ...template.contract, end: i % 10 === 0 ? '2024-12-31' : null },
        placements: [{ from: '2020-01-01', to: null, orgUnitOpusId: String(1000 + (i % 50)) }],
      })),
    };
    const file = await writeOpusExtract(large, join(dir, 'large'), FILE_AT);

    let employees = 0;
    let leavers = 0;
    let units = 0;
    let last: ExtractEmployee | null = null;
    for await (const record of readOpusExtract(file)) {
      if (record.kind === 'orgUnit') units++;
      else {
        employees++;
        if (record.employee.action === 'leave') leavers++;
        last = record.employee;
      }
    }
    expect({ units, employees, leavers }).toEqual({ units: 50, employees: count, leavers: count / 10 });
    expect(last).toMatchObject({ id: '00019999', orgUnit: '1049', firstName: 'Søren' });

    // Stopping early must release the file (the loop's return closes the stream).
    for await (const record of readOpusExtract(file)) {
      expect(record.kind).toBe('orgUnit');
      break;
    }
  });
});

describe('sample cli', () => {
  const cli = fileURLToPath(new URL('../../sources/sample/cli.ts', import.meta.url));
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { encoding: 'utf8' });

  it.each([['--employees', '0'], ['--employees', '200001'], ['--employees', '2.5'], ['--seed', 'x'], ['--today', '2025-13-01'], ['--unknown']])(
    'exits with 2 on %s %s',
    (...args) => {
      const result = run(...args.filter((a): a is string => typeof a === 'string'));
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('Usage: npm run generate');
    },
  );
});

describe('with the sample generator', () => {
  it('generate 200 -> write -> read preserves the counts', async () => {
    const municipality = generateMunicipality({ employees: 200, seed: 7, today: '2026-11-01' });
    const file = await writeOpusExtract(municipality.opus, join(dir, 'sample'), new Date(`${municipality.today}T03:00:00Z`));
    const extract = await loadOpusExtract(file, { includeProtectedAddresses: true });

    expect(extract.employees.size).toBe(municipality.opus.employments.length);
    expect(extract.orgUnits.size).toBe(new Set(municipality.opus.orgUnits.map((u) => u.id)).size);
    const leavers = municipality.opus.employments.filter((e) => e.contract.end !== null && e.contract.end <= municipality.today).length;
    expect([...extract.employees.values()].filter((e) => e.action === 'leave').length).toBe(leavers);
    for (const e of municipality.opus.employments) {
      expect({ kind: 'employee', employee: extract.employees.get(e.employmentNumber) }).toEqual(
        extractRecordFromEmployment(e, municipality.opus.kommunekode, municipality.today),
      );
    }
  });
});
