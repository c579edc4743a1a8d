// From files to the graph, as `npm start` and a municipality run it: the sample's extracts of the day
// before its re-organisation and of the day it takes effect are put through the real ingestion, then
// the whole graph runs in extract mode on that store. A fagsystem reads the change feed and follows each
// event into the graph; the employment's placement answers as the newest extract says, and as the
// earlier one said at a registration time between the two.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Municipality } from '../../sources/model.js';
import { pgliteDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { ingestExtract, type IngestResult } from '../../sources/opus/extract/store/ingest.js';
import { migrateExtractStore } from '../../sources/opus/extract/store/migrate.js';
import { writeSampleExtracts } from '../../sources/sample/extracts.js';
import { addDays } from '../../sources/days.js';
import { post } from '../support/http.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

describe('extract files through ingestion, the feed and extract mode', () => {
  let dir: string;
  let db: SqlDatabase;
  let m: Municipality;
  let stack: Stack;
  let results: IngestResult[];
  let auth: Record<string, string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kommunegraf-e2e-'));
    m = sampleMunicipality(300);
    db = await pgliteDatabase();
    await migrateExtractStore(db);
    results = [];
    for (const file of await writeSampleExtracts(m, dir)) results.push(await ingestExtract(db, file));
    stack = await testStack({ municipality: m, extractStore: db, opusSource: 'extract' });
    auth = await stack.headers({ scopes: ['changes:read', 'employee:read', 'org:read'] });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function query<T = any>(q: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await post(stack.url, q, variables, auth);
    expect(res.body.errors, JSON.stringify(res.body.errors)).toBeUndefined();
    return res.body.data as T;
  }

  it('ingests both days, the second the next day with the re-organisation as its changes', () => {
    expect(results.map((r) => r.status)).toEqual(['ingested', 'ingested']);
    const second = results[1] as Extract<IngestResult, { status: 'ingested' }>;
    expect(second.gapDays).toBe(0);
    expect(second.events).toBeGreaterThan(0);
  });

  it("follows the second day's moves into the graph: the unit now, and the one before at an earlier registration", async () => {
    const moves = await query(
      `{ changes(first: 500, types: [EMPLOYMENT_MOVED]) { nodes { entityKey effectiveFrom registeredAt fields employment { employmentNumber employee { name } } } } }`,
    );
    const nodes = moves.changes.nodes as Array<{ entityKey: string; effectiveFrom: string; registeredAt: string; fields: string[]; employment: { employmentNumber: string; employee: { name: string } } }>;
    expect(nodes.length).toBeGreaterThan(0);
    const event = nodes[0];
    expect(event.fields).toContain('orgUnit');
    expect(event.effectiveFrom <= m.reorganisationDate).toBe(true);
    const employment = m.opus.employments.find((e) => e.employmentNumber === event.entityKey)!;
    expect(event.employment.employee.name).toBe(`${employment.person.firstName} ${employment.person.lastName}`);

    // The placements the sample has on each side of the re-organisation.
    const placementOn = (date: string) => employment.placements.find((p) => p.from <= date && (p.to === null || p.to >= date))!.orgUnitOpusId;
    const before = new Date(new Date(event.registeredAt).getTime() - 1000).toISOString();
    const asOf = m.reorganisationDate;
    const now = await query(`query($n: ID!, $d: Date) { employment(employmentNumber: $n, asOf: $d) { orgUnit { opusId } } }`, { n: event.entityKey, d: asOf });
    const then = await query(`query($n: ID!, $d: Date, $r: DateTime) { employment(employmentNumber: $n, asOf: $d, registeredAt: $r) { orgUnit { opusId } } }`, {
      n: event.entityKey,
      d: asOf,
      r: before,
    });
    expect(now.employment.orgUnit.opusId).toBe(placementOn(m.reorganisationDate));
    expect(then.employment.orgUnit.opusId).toBe(placementOn(addDays(m.reorganisationDate, -1)));
    expect(then.employment.orgUnit.opusId).not.toBe(now.employment.orgUnit.opusId);
  });
});
