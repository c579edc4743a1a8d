// Memory does not grow with the file: 50,000 employments (a large municipality, about 23 MB) are
// ingested by a process whose heap is capped at 48 MB, where loading the same file's records into maps
// (loadOpusExtract) runs out of memory.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../support/services.js';
import { schemaStore, tableCounts, type SchemaStore } from './support/store.js';
import { employee, extractFile, orgUnit } from './support/xml.js';

const hasPostgres = await serviceAvailable('postgres', 'the large extract ingestion on PostgreSQL');
const child = fileURLToPath(new URL('./support/ingestChild.ts', import.meta.url));
const COUNT = 50_000;

describe.runIf(hasPostgres)('a 50,000-employment extract', () => {
  let store: SchemaStore;
  let dir: string;
  beforeAll(async () => {
    store = await schemaStore('extract_large');
    dir = await mkdtemp(join(tmpdir(), 'extract-large-'));
  });
  afterAll(async () => {
    await store?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('is ingested with a 48 MB heap', { timeout: 180_000 }, async () => {
    const records = Array.from({ length: 20 }, (_, u) => orgUnit(String(u), { longName: `Enhed ${u}`, parentOrgUnit: u === 0 ? null : '0' }));
    for (let i = 0; i < COUNT; i++) {
      records.push(
        employee(String(i).padStart(8, '0'), {
          entryDate: '2020-01-01', cpr: '0101801234', firstName: 'Søren', lastName: 'Æbelø', email: 'x@example.dk',
          position: 'Lærer', positionId: '5001', job: 'Undervisning', orgUnit: String(i % 20), numerator: 37, denominator: 37,
        }),
      );
    }
    const file = await extractFile(dir, '2025-03-02T02:00:00Z', records);
    records.length = 0;
    const run = spawnSync(process.execPath, ['--max-old-space-size=48', '--import', 'tsx', child, store.url, file, String(COUNT * 2)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.replace(/^finished /, ''));
    expect(result).toMatchObject({ status: 'ingested', employees: COUNT, orgUnits: 20, employmentVersions: COUNT, orgUnitVersions: 20, events: COUNT + 20 });
    expect(await tableCounts(store.db)).toEqual({ files: 1, employments: COUNT, units: 20, events: COUNT + 20 });
  });
});
