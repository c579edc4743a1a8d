// Files the store refuses store nothing, and the error names the file, line and element; a process
// killed half way through a file leaves nothing of it, and the file is then ingested exactly once.
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ExtractFormatError } from '../../sources/opus/extract/errors.js';
import { ingestExtract } from '../../sources/opus/extract/store/ingest.js';
import { serviceAvailable } from '../support/services.js';
import { schemaStore, tableCounts, type SchemaStore } from './support/store.js';
import { employee, extractFile, orgUnit } from './support/xml.js';

const hasPostgres = await serviceAvailable('postgres', 'the extract store refusals on PostgreSQL');
const fixtures = fileURLToPath(new URL('../fixtures/opus-extract/', import.meta.url));
const child = fileURLToPath(new URL('./support/ingestChild.ts', import.meta.url));

describe.runIf(hasPostgres)('refused files', () => {
  let store: SchemaStore;
  let dir: string;
  let good: string;
  let baseline: Record<string, number>;

  beforeAll(async () => {
    store = await schemaStore('extract_refusals');
    dir = await mkdtemp(join(tmpdir(), 'extract-refusals-'));
  });
  afterAll(async () => {
    await store?.drop();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await store.reset();
    good = await extractFile(join(dir, 'good'), '2025-03-01T02:00:00Z', [orgUnit('1', { longName: 'A' }), employee('1', { firstName: 'Anna', orgUnit: '1' })]);
    await ingestExtract(store.db, good);
    baseline = await tableCounts(store.db);
  });

  /** A fixture or text under the next day's extract name. */
  async function nextDay(source: { fixture: string } | { text: string | Buffer }): Promise<string> {
    const path = join(dir, 'ZLPE20250302020000_delta.xml');
    if ('fixture' in source) await copyFile(join(fixtures, source.fixture), path);
    else await writeFile(path, source.text);
    return path;
  }

  async function refusal(file: string): Promise<ExtractFormatError> {
    const error = await ingestExtract(store.db, file).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ExtractFormatError);
    expect(await tableCounts(store.db)).toEqual(baseline);
    const e = error as ExtractFormatError;
    expect(e.file).toBe(file);
    expect(e.message.startsWith(`${file}:${e.line}: `)).toBe(true);
    return e;
  }

  it('malformed XML', async () => {
    expect(await refusal(await nextDay({ fixture: 'malformed.xml' }))).toMatchObject({ line: 7, element: 'employee' });
  });

  it('a truncated file', async () => {
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n${orgUnit('1', { longName: 'A' })}${employee('1', { firstName: 'Anna', orgUnit: '1' })}`;
    const e = await refusal(await nextDay({ text: text.slice(0, text.lastIndexOf('</firstName>')) }));
    expect(e).toMatchObject({ element: 'firstName', line: 7 });
    expect(e.reason).toMatch(/unclosed tag/);
  });

  it('latin1 bytes in a file that does not declare its encoding', async () => {
    const e = await refusal(await nextDay({ fixture: 'latin1-undeclared.xml' }));
    expect(e.line).toBe(4);
    expect(e.reason).toMatch(/UTF-8/);
    expect(e.element).toBe('firstName');
  });

  it('an unknown action, after earlier batches were written', async () => {
    const records = [orgUnit('1', { longName: 'A' })];
    for (let i = 0; i < 50; i++) records.push(employee(String(100 + i), { firstName: 'X', orgUnit: '1' }));
    records.push(employee('999', { firstName: 'Y' }, { action: 'delete' }));
    const file = await extractFile(dir, '2025-03-02T02:00:00Z', records);
    // Batches of 10: forty-odd versions and events were written before the bad record.
    const e = await ingestExtract(store.db, file, { batchSize: 10 }).catch((x: unknown) => x as ExtractFormatError);
    expect(e).toBeInstanceOf(ExtractFormatError);
    expect(e).toMatchObject({ element: 'employee', line: 2 + 3 + 50 * 4 + 1 });
    expect(await tableCounts(store.db)).toEqual(baseline);
  });

  it('a duplicate employee id in another batch', async () => {
    const records = [employee('1', { firstName: 'A' }), employee('2', { firstName: 'B' }), employee('3', { firstName: 'C' }), employee('1', { firstName: 'D' })];
    const file = await extractFile(dir, '2025-03-02T02:00:00Z', records);
    const e = await ingestExtract(store.db, file, { batchSize: 2 }).catch((x: unknown) => x as ExtractFormatError);
    expect(e).toMatchObject({ name: 'ExtractFormatError', line: 12, element: 'employee', reason: 'duplicate employee id' });
    expect(await tableCounts(store.db)).toEqual(baseline);
  });

  it('two ingests of one file at once: one stores it, the other finds it a duplicate', async () => {
    const file = await extractFile(dir, '2025-03-02T02:00:00Z', [orgUnit('1', { longName: 'B' }), employee('1', { firstName: 'Anna', orgUnit: '1' })]);
    const results = await Promise.all([ingestExtract(store.db, file), ingestExtract(store.db, file)]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'ingested']);
    expect(await tableCounts(store.db)).toMatchObject({ files: 2 });
  });

  it('a file not named like an extract', async () => {
    const path = join(dir, 'export.xml');
    await copyFile(good, path);
    await expect(ingestExtract(store.db, path)).rejects.toMatchObject({ name: 'ExtractRefusedError', file: path });
  });

  it('after a process killed mid-file: nothing stored, then the file is ingested exactly once', async () => {
    const count = 20_000;
    const records = [orgUnit('1', { longName: 'A' })];
    for (let i = 0; i < count; i++) records.push(employee(String(i).padStart(8, '0'), { entryDate: '2020-01-01', firstName: 'Søren', orgUnit: '1', numerator: 37 }));
    const file = await extractFile(join(dir, 'large'), '2025-03-02T02:00:00Z', records);

    const proc = spawn(process.execPath, ['--import', 'tsx', child, store.url, file, '5000'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_code, signal) => resolve(signal)));
    const held = await new Promise<string>((resolve, reject) => {
      let out = '';
      proc.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('holding') || out.includes('finished')) resolve(out);
      });
      proc.once('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    expect(held).toMatch(/^holding 5000/);
    // Its earlier batches are written but not committed: nobody else sees them.
    expect(await tableCounts(store.db)).toEqual(baseline);
    proc.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(await tableCounts(store.db)).toEqual(baseline);

    const first = await ingestExtract(store.db, file);
    expect(first).toMatchObject({ status: 'ingested', employees: count, orgUnits: 1, employmentVersions: count + 1, events: count + 1 });
    expect(await ingestExtract(store.db, file)).toMatchObject({ status: 'duplicate' });
    const after = await tableCounts(store.db);
    // The first day's employment '1' was annulled (not in the large file): one more version and event.
    expect(after).toEqual({ files: 2, employments: baseline.employments! + count + 1, units: baseline.units, events: baseline.events! + count + 1 });
  });
});
