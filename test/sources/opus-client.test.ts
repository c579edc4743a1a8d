// OpusHttpClient against the Opus simulator over real HTTP: the wire mapping round-trips every area,
// batching and paging behave, updates are idempotent per OpdateringsID, Engangsydelser rejections come
// back as results, and every way the gateway can fail maps to the right typed error.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Employment, OpusOrgUnit, OpusSnapshot } from '../../sources/model.js';
import { OpusHttpClient } from '../../sources/opus/OpusHttpClient.js';
import { OPUS_AREAS } from '../../sources/opus/OpusSource.js';
import { SourceError, SourceProtocolError, SourceUnavailableError } from '../../sources/errors.js';
import { OpusBusinessError } from '../../sources/opus/errors.js';
import { startOpusSimulator, type OpusSimulator } from '../../sources/opus/simulator.js';

const KOMMUNEKODE = '0851';

function orgUnit(id: string, parentId: string | null, name: string, costCenter: string): OpusOrgUnit {
  return {
    id,
    parentId,
    from: '2015-01-01',
    to: null,
    shortName: name.slice(0, 4).toUpperCase(),
    longName: name,
    street: 'Boulevarden 13',
    zipCode: '9000',
    city: 'Aalborg',
    phoneNumber: '99311111',
    cvrNr: '29189420',
    eanNr: '5798000420526',
    seNr: '29189420',
    pNr: '1003388324',
    costCenter,
    orgType: '01',
    orgTypeTxt: 'Afdeling',
  };
}

/** An employment with every area filled; `extra` overrides per test person. */
function employment(employmentNumber: string, extra: Partial<Employment> = {}): Employment {
  return {
    employmentNumber,
    person: {
      cpr: '0101801234',
      firstName: 'Karen',
      lastName: 'Jensen',
      address: { street: 'Vestergade 1', postalCode: '9000', city: 'Aalborg', country: 'DK', protected: false },
    },
    communication: { workEmail: 'kaje@kommune.dk', workPhone: '99311234', mobilePhone: null },
    contract: {
      employmentType: 'permanent',
      workContract: '01',
      workContractText: 'Månedslønnet',
      start: '2020-01-01',
      end: null,
      positionId: '50001234',
      position: 'Socialrådgiver',
      positionShort: 'SOCR',
      agreement: { code: '46', name: 'Socialrådgivere' },
      jobId: '7001',
      job: 'Sagsbehandler',
      isManager: false,
      initialEntry: '2018-03-01',
      entryIntoGroup: '2020-01-01',
    },
    workingTime: [
      { from: '2020-01-01', to: '2023-12-31', numerator: 30, denominator: 37, weeklyHours: 30 },
      { from: '2024-01-01', to: null, numerator: 37, denominator: 37, weeklyHours: 37 },
    ],
    jobFunction: [{ from: '2020-01-01', to: null, code: 'SAG', name: 'Sagsbehandling' }],
    activities: [{ from: '2022-01-01', to: '2022-12-31', code: 'PRJ1', name: 'Digitaliseringsprojekt' }],
    affiliations: [{ from: '2020-01-01', to: null, code: 'DS', name: 'Dansk Socialrådgiverforening' }],
    dutyPlanPlacement: [{ from: '2020-01-01', to: null, code: 'DAG', name: 'Dagvagt' }],
    schedules: [
      {
        from: '2020-01-01',
        to: null,
        name: 'Normal',
        days: [
          { weekday: 1, start: '08:00', end: '15:30' },
          { weekday: 5, start: '08:00', end: '13:00' },
        ],
      },
    ],
    placements: [
      { from: '2020-01-01', to: '2024-06-30', orgUnitOpusId: '1001' },
      { from: '2024-07-01', to: null, orgUnitOpusId: '1002' },
    ],
    absences: [
      {
        id: 'F-1',
        from: '2023-02-01',
        to: '2023-02-10',
        type: 'sygdom',
        partDayHours: null,
        status: 'approved',
        refusions: [{ from: '2023-02-01', to: '2023-02-10', type: 'sygedagpenge', amount: 4120.5 }],
      },
      { id: 'F-2', from: '2024-08-05', to: '2024-08-09', type: 'ferie', partDayHours: null, status: 'approved', refusions: [] },
      { id: 'F-3', from: '2024-09-02', to: '2024-09-02', type: 'barnsSygedag', partDayHours: 3.5, status: 'requested', refusions: [] },
    ],
    vacationBalances: [{ holidayYear: '2024', earnedDays: 25, usedDays: 10, transferredDays: 2 }],
    salaryPlacement: [
      { from: '2020-01-01', to: '2023-03-31', payGroup: '0046', payGroupText: 'Socialrådgiver', step: 4, scale: '31', annualBaseSalary: 401234 },
      { from: '2023-04-01', to: null, payGroup: '0046', payGroupText: 'Socialrådgiver', step: 5, scale: '32', annualBaseSalary: 412345 },
    ],
    fixedPayItems: [
      { from: '2020-01-01', to: null, wageType: '1234', name: 'Funktionstillæg', kind: 'supplement', monthlyAmount: 1200 },
      { from: '2021-01-01', to: null, wageType: '8123', name: 'Frokostordning', kind: 'deduction', monthlyAmount: 450 },
      { from: '2022-01-01', to: null, wageType: '1240', name: 'Kvalifikationstillæg', kind: 'supplement', monthlyAmount: 800 },
    ],
    pensions: [{ from: '2020-01-01', to: null, provider: 'PKA', schemeCode: 'PKA01', employeePercent: 4.67, employerPercent: 9.33 }],
    tax: [
      { year: 2023, cardType: 'main', withholdingRate: 38, monthlyDeduction: 4200 },
      { year: 2024, cardType: 'main', withholdingRate: 37, monthlyDeduction: 4300 },
    ],
    oneOffPayments: [],
    userId: 'kaje',
    ...extra,
  };
}

function snapshot(): OpusSnapshot {
  return {
    kommunekode: KOMMUNEKODE,
    orgUnits: [orgUnit('1000', null, 'Aalborg Kommune', '100000'), orgUnit('1001', '1000', 'Familieafdelingen', '100100'), orgUnit('1002', '1000', 'Jobcenter', '100200')],
    employments: [
      employment('00001001'),
      employment('00001002', {
        person: {
          cpr: '0202851111',
          firstName: 'Ole',
          lastName: 'Hansen',
          address: { street: 'Hemmelig 2', postalCode: '9200', city: 'Aalborg SV', country: 'DK', protected: true },
        },
        placements: [{ from: '2021-05-01', to: null, orgUnitOpusId: '1002' }],
        contract: { ...employment('x').contract, employmentType: 'fixedTerm', start: '2021-05-01', end: '2024-12-31', isManager: true },
        oneOffPayments: [{ startDate: '2024-03-01', objectId: '000000000099', wageType: '0720', sequence: '1', amount: 379.5, quantity: 100 }],
        userId: null,
      }),
      // A second employment of the first person.
      employment('00001003', {
        contract: { ...employment('x').contract, employmentType: 'hourly', start: '2023-01-01' },
        placements: [{ from: '2023-01-01', to: null, orgUnitOpusId: '1001' }],
      }),
      employment('00001004', {
        person: { ...employment('x').person, cpr: '0303903333', firstName: 'Mette' },
        contract: { ...employment('x').contract, employmentType: 'trainee', start: '2019-08-01', end: '2022-07-31' },
        placements: [{ from: '2019-08-01', to: '2022-07-31', orgUnitOpusId: '1001' }],
      }),
    ],
  };
}

/** Minimal employments numbered 1..n without padding, so numeric and text order differ. */
function manyEmployments(n: number): OpusSnapshot {
  const base = employment('x');
  return {
    kommunekode: KOMMUNEKODE,
    orgUnits: [orgUnit('1001', null, 'Enhed', '100100')],
    employments: Array.from({ length: n }, (_, i) => ({
      ...base,
      employmentNumber: String(i + 1),
      person: { ...base.person, cpr: `01018${String(i).padStart(5, '0')}` },
      placements: [{ from: '2020-01-01', to: null, orgUnitOpusId: i % 2 === 0 ? '1001' : '1002' }],
    })),
  };
}

const UPDATE_ID = () => crypto.randomUUID();

let sim: OpusSimulator;
let big: OpusSimulator;
let client: OpusHttpClient;
const clients: OpusHttpClient[] = [];

function newClient(url: string, extra: Partial<ConstructorParameters<typeof OpusHttpClient>[0]> = {}): OpusHttpClient {
  const c = new OpusHttpClient({ baseUrl: url, kommunekode: KOMMUNEKODE, timeoutMs: 5_000, ...extra });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sim = await startOpusSimulator({ snapshot: snapshot(), lockedEmployments: ['00001004'] });
  big = await startOpusSimulator({ snapshot: manyEmployments(250) });
  client = newClient(sim.url);
});

afterEach(() => {
  for (const endpoint of ['*', 'read-employee-data', 'read-org-units', 'list-employees'] as const) sim.setFault(endpoint, null);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await Promise.all([sim?.close(), big?.close()]);
});

describe('read-employee-data', () => {
  it('round-trips every area of one employment', async () => {
    const got = await client.readEmployments(['00001001'], OPUS_AREAS);
    const { oneOffPayments: _notAnArea, ...expected } = employment('00001001');
    expect(got.get('00001001')).toEqual(expected);
  });

  it('reads several employments with only the areas asked, leaving unknown numbers out', async () => {
    const got = await client.readEmployments(['00001002', '99999999', '00001001', '00001002'], ['Persondata', 'Kommunikation']);
    expect([...got.keys()]).toEqual(['00001002', '00001001']);
    const ole = got.get('00001002')!;
    // Persondata alone: the name and CPR number, no home address.
    const { address, ...persondata } = snapshot().employments[1].person;
    expect(ole.person).toEqual(persondata);
    expect(ole.communication).toEqual({ workEmail: 'kaje@kommune.dk', workPhone: '99311234', mobilePhone: null });
    expect(Object.keys(ole).sort()).toEqual(['communication', 'employmentNumber', 'person']);
    // Adresse completes the person, and is asked for with Persondata even when named alone.
    const withAddress = await client.readEmployments(['00001002'], ['Adresse']);
    expect(withAddress.get('00001002')!.person).toEqual({ ...persondata, address });
    expect(address.protected).toBe(true);
  });

  it('answers an empty map when none is known', async () => {
    expect((await client.readEmployments(['424242'], ['Kontraktindhold'])).size).toBe(0);
  });

  it('filters effective-dated areas by the virkning period', async () => {
    const got = (await client.readEmployments(['00001001'], ['Arbejdstid', 'Organisation', 'FravaerNaervaer', 'Skattedata', 'Loenindplacering', 'Aktiviteter'], { from: '2024-08-01', to: '2024-08-31' })).get('00001001')!;
    expect(got.workingTime?.map((w) => w.from)).toEqual(['2024-01-01']);
    expect(got.placements).toEqual([{ from: '2024-07-01', to: null, orgUnitOpusId: '1002' }]);
    expect(got.absences?.map((a) => a.id)).toEqual(['F-2']);
    expect(got.tax?.map((t) => t.year)).toEqual([2024]);
    expect(got.salaryPlacement?.map((s) => s.step)).toEqual([5]);
    expect(got.activities).toEqual([]);
  });

  it('keeps an absence that only partly overlaps the period', async () => {
    const got = (await client.readEmployments(['00001001'], ['FravaerNaervaer'], { from: '2023-02-10', to: null })).get('00001001')!;
    expect(got.absences?.map((a) => a.id)).toEqual(['F-1', 'F-2', 'F-3']);
  });
});

describe('batching', () => {
  it('splits 250 numbers into exactly three calls of at most 100', async () => {
    const seen: number[] = [];
    const c = newClient(big.url, { maxBatchSize: 100, onCall: (endpoint, size) => endpoint === 'read-employee-data' && seen.push(size) });
    big.resetCalls();
    const numbers = Array.from({ length: 250 }, (_, i) => String(i + 1));
    const got = await c.readEmployments([...numbers, ...numbers.slice(0, 10)], ['Persondata']);
    expect(got.size).toBe(250);
    expect(seen.sort((a, b) => b - a)).toEqual([100, 100, 50]);
    expect(big.calls.map((call) => call.batchSize).sort((a, b) => b - a)).toEqual([100, 100, 50]);
  });

  it('is refused by a gateway with a smaller limit (HTTP 413 -> protocol error)', async () => {
    const strict = await startOpusSimulator({ snapshot: manyEmployments(60), maxBatchSize: 50 });
    try {
      const c = newClient(strict.url, { maxBatchSize: 100 });
      const err = await c.readEmployments(Array.from({ length: 60 }, (_, i) => String(i + 1)), ['Persondata']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceProtocolError);
      expect(err).toMatchObject({ code: 'SOURCE_PROTOCOL_ERROR', httpStatus: 413 });
    } finally {
      await strict.close();
    }
  });

  it('rejects a client batch size above the gateway limit up front', () => {
    expect(() => new OpusHttpClient({ baseUrl: big.url, kommunekode: KOMMUNEKODE, maxBatchSize: 101 })).toThrow(RangeError);
  });
});

describe('list-employees', () => {
  it('walks every number in numeric order without gaps or repeats', async () => {
    const c = newClient(big.url);
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 100; guard++) {
      const page: { numbers: string[]; hasMore: boolean } = await c.listEmployments({}, after, 7);
      seen.push(...page.numbers);
      if (!page.hasMore) break;
      expect(page.numbers).toHaveLength(7);
      after = page.numbers[page.numbers.length - 1];
    }
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => String(i + 1)));
  });

  it('fills a limit above one gateway page with several calls', async () => {
    const calls: number[] = [];
    const c = newClient(big.url, { onCall: (endpoint, size) => endpoint === 'list-employees' && calls.push(size) });
    const page = await c.listEmployments({}, '10', 5000);
    expect(page.numbers).toHaveLength(240);
    expect(page.hasMore).toBe(false);
    expect(calls).toEqual([1000]);
  });

  it('filters by org unit and active date', async () => {
    expect(await client.listEmployments({ orgUnitOpusIds: ['1001'], activeOn: '2024-01-15' }, null, 10)).toEqual({ numbers: ['00001001', '00001003'], hasMore: false });
    expect(await client.listEmployments({ orgUnitOpusIds: ['1001'], activeOn: '2024-08-15' }, null, 10)).toEqual({ numbers: ['00001003'], hasMore: false });
    expect(await client.listEmployments({ activeOn: '2021-06-01' }, null, 2)).toEqual({ numbers: ['00001001', '00001002'], hasMore: true });
    expect(await client.listEmployments({ orgUnitOpusIds: [] }, null, 10)).toEqual({ numbers: [], hasMore: false });
  });

  it('filters by a period: active and placed in the units on at least one day of it', async () => {
    const during = (from: string, to: string, orgUnitOpusIds?: string[]) => client.listEmployments({ orgUnitOpusIds, activeDuring: { from, to } }, null, 10);
    // 00001001 moved from 1001 to 1002 on 2024-07-01; 00001003 joined 1001 on 2023-01-01.
    expect(await during('2024-06-01', '2024-08-31', ['1001'])).toEqual({ numbers: ['00001001', '00001003'], hasMore: false });
    expect(await during('2024-07-01', '2024-12-31', ['1001'])).toEqual({ numbers: ['00001003'], hasMore: false });
    // 00001004's last day is the first day of the period.
    expect(await during('2022-07-31', '2022-12-31', ['1001'])).toEqual({ numbers: ['00001001', '00001004'], hasMore: false });
    // 00001002 left on 2024-12-31.
    expect(await during('2025-01-01', '2025-12-31')).toEqual({ numbers: ['00001001', '00001003'], hasMore: false });
  });
});

describe('find-employees-by-cpr', () => {
  it('finds every employment of a person and answers empty lists for the rest', async () => {
    const got = await client.findEmploymentsByCpr(['0101801234', '0202851111', '1111111111', 'not-a-cpr']);
    expect(Object.fromEntries(got)).toEqual({
      '0101801234': ['00001001', '00001003'],
      '0202851111': ['00001002'],
      '1111111111': [],
      'not-a-cpr': [],
    });
  });
});

describe('update-communication', () => {
  it('stores the new values once per OpdateringsID', async () => {
    const updateId = UPDATE_ID();
    const wanted = { workEmail: 'ny@kommune.dk', workPhone: '+45 99 31 00 00', mobilePhone: '20304050' };
    expect(await client.updateCommunication('00001003', wanted, updateId)).toEqual(wanted);
    const again = await client.updateCommunication('00001003', { workEmail: 'andet@kommune.dk', workPhone: null, mobilePhone: null }, updateId);
    expect(again).toEqual(wanted);
    expect(sim.appliedUpdates.communication).toBe(1);
    expect((await client.readEmployments(['00001003'], ['Kommunikation'])).get('00001003')?.communication).toEqual(wanted);
  });

  it('throws the rejection with Opus messages', async () => {
    const err = await client.updateCommunication('00001003', { workEmail: 'ikke en mail', workPhone: null, mobilePhone: null }, UPDATE_ID()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpusBusinessError);
    expect(err).toMatchObject({ code: 'SOURCE_REJECTED', messages: [{ code: '201', type: 'E' }] });
    expect(sim.appliedUpdates.communication).toBe(1);
  });
});

describe('Engangsydelser', () => {
  const line = { startDate: '2024-05-01', wageType: '0720', sequence: '1', quantity: 42.5, sendingSystem: 'kommunegraf' };

  it('reads "Data ikke fundet." as no payments, and existing ones by period', async () => {
    expect(await client.readOneOffPayments('00001001', { from: '2024-01-01', to: '2024-12-31' })).toEqual([]);
    expect(await client.readOneOffPayments('00001002', { from: '2024-01-01', to: '2024-12-31' })).toEqual([
      { startDate: '2024-03-01', objectId: '000000000099', wageType: '0720', sequence: '1', amount: 379.5, quantity: 100 },
    ]);
    expect(await client.readOneOffPayments('00001002', { from: '2024-04-01', to: null })).toEqual([]);
  });

  it.each([
    ['119', '00001001', { costCenter: '999999' }],
    ['138', '00001004', { costCenter: '100100' }],
    ['151', '00001001', { pspElement: 'XG-123' }],
    ['167', '00001001', { costCenter: '100100', pspElement: 'XG-1234567890-12345' }],
  ])('returns error %s as a rejected result and stores nothing', async (code, employmentNumber, extra) => {
    const before = sim.appliedUpdates.oneOffPayments;
    const result = await client.updateOneOffPayments({ employmentNumber, updateId: UPDATE_ID(), validateOnly: false, payments: [{ ...line, ...extra }] });
    expect(result.accepted).toBe(false);
    expect(result.status).toBe('Error');
    expect(result.messages).toContainEqual(expect.objectContaining({ code, type: 'E' }));
    expect(sim.appliedUpdates.oneOffPayments).toBe(before);
    expect(await client.readOneOffPayments(employmentNumber, { from: '2024-01-01', to: null })).toEqual([]);
  });

  it('names the failing line and rejects a Lønart that is not 4 digits', async () => {
    const result = await client.updateOneOffPayments({
      employmentNumber: '00001001',
      updateId: UPDATE_ID(),
      validateOnly: false,
      payments: [line, { ...line, wageType: '72', sequenceNumber: '2' }],
    });
    expect(result.accepted).toBe(false);
    expect(result.messages).toEqual([expect.objectContaining({ code: '102', text: expect.stringMatching(/^Engangsydelse Nr\. 002/) })]);
  });

  it('validates only when asked, storing nothing', async () => {
    const before = sim.appliedUpdates.oneOffPayments;
    const result = await client.updateOneOffPayments({ employmentNumber: '00001001', updateId: UPDATE_ID(), validateOnly: true, payments: [{ ...line, costCenter: '100200' }] });
    expect(result.accepted).toBe(true);
    expect(sim.appliedUpdates.oneOffPayments).toBe(before);
    expect(await client.readOneOffPayments('00001001', { from: '2024-01-01', to: null })).toEqual([]);
  });

  it('stores once for a repeated OpdateringsID and returns the first answer', async () => {
    const before = sim.appliedUpdates.oneOffPayments;
    const update = { employmentNumber: '00001001', updateId: UPDATE_ID(), validateOnly: false, payments: [{ ...line, pspElement: 'XG-1234567890-12345' }] };
    const first = await client.updateOneOffPayments(update);
    const second = await client.updateOneOffPayments(update);
    expect(first.accepted).toBe(true);
    expect(second).toEqual(first);
    expect(sim.appliedUpdates.oneOffPayments).toBe(before + 1);
    const stored = await client.readOneOffPayments('00001001', { from: '2024-05-01', to: '2024-05-31' });
    expect(stored).toEqual([expect.objectContaining({ startDate: '2024-05-01', wageType: '0720', sequence: '1', quantity: 42.5 })]);
  });
});

describe('read-org-units', () => {
  it('round-trips the Opus organisation', async () => {
    expect(await client.readOrgUnits()).toEqual(snapshot().orgUnits);
  });
});

describe('failures', () => {
  it('maps invalid JSON and a wrong shape to protocol errors', async () => {
    sim.setFault('read-org-units', { malformed: 'json' });
    await expect(client.readOrgUnits()).rejects.toMatchObject({ code: 'SOURCE_PROTOCOL_ERROR' });
    sim.setFault('*', { malformed: 'shape' });
    for (const call of [
      () => client.readEmployments(['00001001'], ['Persondata']),
      () => client.listEmployments({}, null, 5),
      () => client.findEmploymentsByCpr(['0101801234']),
      () => client.readOrgUnits(),
      () => client.readOneOffPayments('00001001', { from: '2024-01-01', to: null }),
      () => client.updateCommunication('00001001', { workEmail: null, workPhone: null, mobilePhone: null }, UPDATE_ID()),
      () => client.updateOneOffPayments({ employmentNumber: '00001001', updateId: UPDATE_ID(), validateOnly: true, payments: [] }),
    ]) {
      const err = await call().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceProtocolError);
    }
  });

  it('maps a missing field deep in an area to a protocol error naming it', async () => {
    const broken = await startOpusSimulator({ snapshot: { ...snapshot(), employments: [{ ...employment('1'), contract: { ...employment('1').contract, position: 7 as unknown as string } }] } });
    try {
      const err = await newClient(broken.url).readEmployments(['1'], ['Kontraktindhold']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceProtocolError);
      expect((err as Error).message).toContain('Medarbejdere[0].Kontraktindhold.Stilling');
    } finally {
      await broken.close();
    }
  });

  it('maps 503 to a retryable unavailable error', async () => {
    sim.setFault('read-employee-data', { status: 503 });
    const err = await client.readEmployments(['00001001'], ['Persondata']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err).toMatchObject({ code: 'SOURCE_UNAVAILABLE', retryable: true, httpStatus: 503 });
  });

  it('gives up with SOURCE_TIMEOUT within the configured timeout', async () => {
    sim.setFault('list-employees', { timeout: true });
    const c = newClient(sim.url, { timeoutMs: 300 });
    const started = performance.now();
    const err = await c.listEmployments({}, null, 5).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toBeInstanceOf(SourceUnavailableError);
    expect(err).toMatchObject({ code: 'SOURCE_TIMEOUT' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('maps a refused connection to unavailable', async () => {
    const gone = await startOpusSimulator({ snapshot: snapshot() });
    await gone.close();
    const err = await newClient(gone.url).readOrgUnits().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
  });

  it('is rejected with another municipality\'s ClientID', async () => {
    const other = newClient(sim.url, { kommunekode: '0101' });
    const err = await other.readEmployments(['00001001'], ['Persondata']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpusBusinessError);
    expect(err).toMatchObject({ code: 'SOURCE_REJECTED', status: '2', messages: [{ code: '100', type: 'E' }] });
    const result = await other.updateOneOffPayments({ employmentNumber: '00001001', updateId: UPDATE_ID(), validateOnly: false, payments: [line()] });
    expect(result).toMatchObject({ accepted: false, messages: [{ code: '100' }] });
    function line() {
      return { startDate: '2024-05-01', wageType: '0720', sequence: '1', quantity: 1, sendingSystem: 'kommunegraf' };
    }
  });

  it('every error carries a stable code and names no personal data', async () => {
    sim.setFault('*', { status: 500 });
    const err = (await client.findEmploymentsByCpr(['0101801234']).catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('SOURCE_UNAVAILABLE');
    expect(err.message).not.toContain('0101801234');
  });
});

describe('simulator latency', () => {
  // The simulator stands for a source that answers `latencyMs` after a call arrives, its own work
  // included: a read is prepared from the state it arrived to, an update is applied at the end.
  let slow: OpusSimulator;
  let slowClient: OpusHttpClient;
  beforeAll(async () => {
    slow = await startOpusSimulator({ snapshot: snapshot(), latencyMs: 400 });
    slowClient = newClient(slow.url);
  });
  afterAll(() => slow?.close());
  const arrived = async (endpoint: string) => {
    for (let i = 0; i < 200 && !slow.calls.some((c) => c.endpoint === endpoint); i++) await new Promise((r) => setTimeout(r, 5));
    expect(slow.calls.map((c) => c.endpoint)).toContain(endpoint);
  };

  it('answers a read no sooner than the latency, from the state at its arrival', async () => {
    const person = slow.snapshot.employments.find((e) => e.employmentNumber === '00001002')!.person;
    const t0 = performance.now();
    const read = slowClient.readEmployments(['00001002'], ['Persondata']);
    await arrived('read-employee-data');
    const before = person.firstName;
    person.firstName = 'Ændret';
    const got = await read;
    expect(performance.now() - t0).toBeGreaterThanOrEqual(400 - 5);
    expect(got.get('00001002')?.person?.firstName).toBe(before);
    expect((await slowClient.readEmployments(['00001002'], ['Persondata'])).get('00001002')?.person?.firstName).toBe('Ændret');
  });

  it('applies an update only when the latency is over', async () => {
    const update = slowClient.updateCommunication('00001001', { workEmail: 'sen@kommune.dk', workPhone: null, mobilePhone: null }, UPDATE_ID());
    await arrived('update-communication');
    expect(slow.appliedUpdates.communication).toBe(0);
    await update;
    expect(slow.appliedUpdates.communication).toBe(1);
  });
});

describe('simulator HTTP protocol', () => {
  const post = (path: string, body: string, contentType = 'application/json') =>
    fetch(`${sim.url}${path}`, { method: 'POST', headers: { 'content-type': contentType }, body });

  it('answers 404, 405, 415 and 400 for what it cannot serve', async () => {
    expect((await post('/lpe/no-such-thing', '{}')).status).toBe(404);
    expect((await fetch(`${sim.url}/lpe/read-org-units`)).status).toBe(405);
    expect((await post('/lpe/read-org-units', '{}', 'text/plain')).status).toBe(415);
    expect((await post('/lpe/read-org-units', '{not json')).status).toBe(400);
    expect((await post('/lpe/read-employee-data', JSON.stringify({ Header: { ClientID: KOMMUNEKODE }, Medarbejdere: 'x' }))).status).toBe(400);
  });
});
