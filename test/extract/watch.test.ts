// The drop folder: only complete extract files, in timestamp order, each once; refused files are not
// retried until they change; a restarted watcher does not ingest again. Polls are driven by the test.
import { appendFile, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchExtractDir, type WatchOutcome } from '../../sources/opus/extract/store/watch.js';
import { serviceAvailable } from '../support/services.js';
import { schemaStore, tableCounts, type SchemaStore } from './support/store.js';
import { employee, extractFile, orgUnit } from './support/xml.js';

const hasPostgres = await serviceAvailable('postgres', 'the extract drop folder on PostgreSQL');

/** "name: ingested|duplicate|refused|failed" per outcome. */
const summary = (outcomes: WatchOutcome[]) =>
  outcomes.map((o) => `${basename(o.file)}: ${'result' in o ? o.result.status : 'refused' in o ? 'refused' : 'failed'}`);

const records = (n: number) => [orgUnit('1', { longName: 'A' }), ...Array.from({ length: n }, (_, i) => employee(String(i), { firstName: 'X', orgUnit: '1' }))];

describe.runIf(hasPostgres)('watchExtractDir', () => {
  let store: SchemaStore;
  let dir: string;
  let staging: string;

  beforeAll(async () => {
    store = await schemaStore('extract_watch');
    dir = await mkdtemp(join(tmpdir(), 'extract-drop-'));
    staging = await mkdtemp(join(tmpdir(), 'extract-staging-'));
  });
  afterAll(async () => {
    await store?.drop();
    await rm(dir, { recursive: true, force: true });
    await rm(staging, { recursive: true, force: true });
  });

  it('ingests complete files in timestamp order, each once, and keeps going after a refusal', async () => {
    const seen: WatchOutcome[] = [];
    const watcher = watchExtractDir(store.db, dir, { onResult: (o) => seen.push(o) });

    // Two days at once, newer first, plus an upload still under its temporary name and a stranger.
    const day2 = await extractFile(staging, '2025-03-02T02:00:00Z', records(3));
    await rename(day2, join(dir, basename(day2)));
    await rename(await extractFile(staging, '2025-03-01T02:00:00Z', records(2)), join(dir, 'ZLPE20250301020000_delta.xml'));
    const day3 = await extractFile(staging, '2025-03-03T02:00:00Z', records(4));
    await rename(day3, join(dir, `${basename(day3)}.part`));
    await writeFile(join(dir, 'README.txt'), 'not an extract');

    expect(await watcher.poll()).toEqual([]); // first sight: not known to be complete yet
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250301020000_delta.xml: ingested', 'ZLPE20250302020000_delta.xml: ingested']);
    expect(await watcher.poll()).toEqual([]);

    // The upload completes under its final name.
    await rename(join(dir, `${basename(day3)}.part`), join(dir, basename(day3)));
    expect(await watcher.poll()).toEqual([]);
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250303020000_delta.xml: ingested']);

    // A file still growing under its final name waits, and so does a newer one behind it.
    const day4 = join(dir, 'ZLPE20250304020000_delta.xml');
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n${records(5).join('')}</kmd>\n`;
    await writeFile(day4, text.slice(0, 100));
    await rename(await extractFile(staging, '2025-03-05T02:00:00Z', records(6)), join(dir, 'ZLPE20250305020000_delta.xml'));
    expect(await watcher.poll()).toEqual([]);
    await appendFile(day4, text.slice(100));
    expect(await watcher.poll()).toEqual([]);
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250304020000_delta.xml: ingested', 'ZLPE20250305020000_delta.xml: ingested']);

    // A malformed file is refused once, not retried, and taken when it is replaced.
    const day6 = join(dir, 'ZLPE20250306020000_delta.xml');
    await writeFile(day6, '<kmd>\n<employee id="1" client="851">\n</kmd>\n');
    await watcher.poll();
    const refused = await watcher.poll();
    expect(summary(refused)).toEqual(['ZLPE20250306020000_delta.xml: refused']);
    expect('refused' in refused[0]! && refused[0].refused.message).toContain('ZLPE20250306020000_delta.xml:3');
    expect(await watcher.poll()).toEqual([]);
    await writeFile(day6, `<?xml version="1.0" encoding="UTF-8"?>\n<kmd>\n${records(7).join('')}</kmd>\n`);
    await watcher.poll();
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250306020000_delta.xml: ingested']);

    // An older file arriving late is refused.
    await rename(await extractFile(staging, '2025-02-28T02:00:00Z', records(1)), join(dir, 'ZLPE20250228020000_delta.xml'));
    await watcher.poll();
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250228020000_delta.xml: refused']);

    await watcher.close();
    expect(summary(seen)).toHaveLength(8);
    expect((await tableCounts(store.db)).files).toBe(6);
    await rm(join(dir, 'ZLPE20250228020000_delta.xml'));
  });

  it('retries a file after a database failure, and a restarted watcher ingests nothing again', async () => {
    const before = await tableCounts(store.db);
    let failures = 1;
    const flaky = {
      ...store.db,
      transaction: <T>(work: Parameters<typeof store.db.transaction<T>>[0]) =>
        failures-- > 0 ? Promise.reject(new Error('connection terminated')) : store.db.transaction(work),
    };
    const watcher = watchExtractDir(flaky, dir);
    await rename(await extractFile(staging, '2025-03-07T02:00:00Z', records(8)), join(dir, 'ZLPE20250307020000_delta.xml'));
    await watcher.poll();
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250307020000_delta.xml: failed']);
    expect(summary(await watcher.poll())).toEqual(['ZLPE20250307020000_delta.xml: ingested']);
    await watcher.close();

    const restarted = watchExtractDir(store.db, dir);
    await restarted.poll();
    // Stored files are known by name and not read again.
    expect(await restarted.poll()).toEqual([]);
    expect(await restarted.poll()).toEqual([]);
    await restarted.close();
    expect(await tableCounts(store.db)).toMatchObject({ files: before.files + 1 });
  });
});
