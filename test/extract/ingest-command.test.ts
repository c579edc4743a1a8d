// `npm run extract:ingest -- FILE...` as a process: files taken oldest first whatever the order given,
// one line per file, exit code 1 when any was refused.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceAvailable } from '../support/services.js';
import { schemaStore, tableCounts, type SchemaStore } from './support/store.js';
import { employee, extractFile, orgUnit } from './support/xml.js';

const hasPostgres = await serviceAvailable('postgres', 'the extract:ingest command on PostgreSQL');
const command = fileURLToPath(new URL('../../sources/opus/extract/store/ingestCommand.ts', import.meta.url));

describe.runIf(hasPostgres)('extract:ingest', () => {
  let store: SchemaStore;
  let dir: string;
  beforeAll(async () => {
    store = await schemaStore('extract_command');
    dir = await mkdtemp(join(tmpdir(), 'extract-command-'));
  });
  afterAll(async () => {
    await store?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const run = (...files: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', command, ...files], {
      encoding: 'utf8',
      env: { ...process.env, EXTRACT_DATABASE_URL: store.url },
    });

  it('ingests in timestamp order, reports duplicates, gaps and refusals', async () => {
    const unit = orgUnit('1', { longName: 'A' });
    const day3 = await extractFile(dir, '2025-03-03T02:00:00Z', [unit, employee('1', { firstName: 'A', orgUnit: '1' })]);
    const day1 = await extractFile(dir, '2025-03-01T02:00:00Z', [unit]);
    const bad = join(dir, 'ZLPE20250304020000_delta.xml');
    await writeFile(bad, '<kmd>\n<employee id="1" client="851" action="delete"/>\n</kmd>\n');

    const first = run(day3, bad, day1);
    expect(first.status).toBe(1);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/ZLPE20250301020000_delta\.xml: ingested 0 employees, 1 org units; 0 employment and 1 org unit versions, 1 events$/);
    expect(lines[1]).toMatch(/ZLPE20250303020000_delta\.xml: ingested 1 employees, 1 org units; .*, gap of 1 day before it$/);
    expect(lines[2]).toMatch(/^refused: .*ZLPE20250304020000_delta\.xml:2: unknown action on <employee>.*\(in <employee>\)$/);

    const again = run(day1);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/duplicate \(same content as ZLPE20250301020000_delta\.xml\), nothing changed/);
    expect(await tableCounts(store.db)).toMatchObject({ files: 2 });
  });
});
