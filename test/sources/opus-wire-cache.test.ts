// The Opus simulator's wire cache (simulator/wireFragments.ts, on in the benchmark) must not change a
// byte of any answer: two simulators over copies of one municipality, one with it and one without,
// are read with the same requests over HTTP, before and after an update through the real client.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMunicipality } from '../../sources/sample/generate.js';
import { OpusHttpClient } from '../../sources/opus/OpusHttpClient.js';
import { OPUS_AREAS, type OpusArea } from '../../sources/opus/OpusSource.js';
import { startOpusSimulator, type OpusSimulator } from '../../sources/opus/simulator.js';
import { endpointPath } from '../../sources/opus/wire/constants.js';
import { readEmployeeDataRequest } from '../../sources/opus/wire/requests.js';

const municipality = generateMunicipality({ employees: 300, seed: 7, today: '2026-11-02' });
const { kommunekode } = municipality.opus;
const numbers = municipality.opus.employments.slice(0, 60).map((e) => e.employmentNumber);
let plain: OpusSimulator;
let cached: OpusSimulator;
const clients: OpusHttpClient[] = [];

beforeAll(async () => {
  plain = await startOpusSimulator({ snapshot: structuredClone(municipality.opus) });
  cached = await startOpusSimulator({ snapshot: structuredClone(municipality.opus), wireCache: true });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await plain?.close();
  await cached?.close();
});

async function read(sim: OpusSimulator, areas: readonly OpusArea[], virkning?: { from: string; to: string }): Promise<string> {
  const res = await fetch(`${sim.url}/${endpointPath('read-employee-data')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(readEmployeeDataRequest(kommunekode, [...numbers, '99999999'], areas, virkning)),
  });
  expect(res.status).toBe(200);
  return res.text();
}

const READS: Array<[OpusArea[], { from: string; to: string } | undefined]> = [
  [['Persondata', 'Organisation'], undefined],
  [['Organisation', 'Persondata'], undefined],
  [['FravaerNaervaer'], { from: '2026-11-01', to: '2026-11-30' }],
  [['FravaerNaervaer'], { from: '2026-10-01', to: '2026-10-31' }],
  [[...OPUS_AREAS], undefined],
  [[...OPUS_AREAS], { from: '2026-01-01', to: '2026-12-31' }],
];

describe('the Opus simulator with its wire cache', () => {
  it('answers every read with the same bytes as without it, the first time and again', async () => {
    for (const [areas, virkning] of READS) {
      const expected = await read(plain, areas, virkning);
      expect(JSON.parse(expected).Medarbejdere).toHaveLength(numbers.length);
      expect(await read(cached, areas, virkning)).toBe(expected);
      expect(await read(cached, areas, virkning)).toBe(expected);
    }
  });

  it('shows an update on the next read', async () => {
    const n = numbers[3];
    const communication = { workEmail: `ny-${n}@kommune.dk`, workPhone: '99310000', mobilePhone: null };
    for (const sim of [plain, cached]) {
      const client = new OpusHttpClient({ baseUrl: sim.url, kommunekode });
      clients.push(client);
      await client.updateCommunication(n, communication, randomUUID());
    }
    const after = await read(cached, [...OPUS_AREAS]);
    expect(after).toBe(await read(plain, [...OPUS_AREAS]));
    const entry = (JSON.parse(after).Medarbejdere as Array<{ Medarbejdernummer: string; Kommunikation: { ArbejdsEmail: string } }>).find((m) => m.Medarbejdernummer === n)!;
    expect(entry.Kommunikation.ArbejdsEmail).toBe(communication.workEmail);
  });
});
