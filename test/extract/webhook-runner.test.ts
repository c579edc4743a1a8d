// The webhook delivery loop as a deployment runs it: rounds on a timer, and several runners (replicas,
// or `npm run changes:webhooks` beside the subgraphs) over one PostgreSQL posting every event once, since
// a round runs only under an advisory lock; a subscriber registered "from now" gets only later events.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { migrateWebhooks, startWebhookDelivery } from '../../subgraphs/employee/webhooks/runner.js';
import { insertEvents, insertExtract, schemaStore, type EventRow, type SchemaStore } from '../support/extractStore.js';
import { serviceAvailable } from '../support/services.js';

const hasPostgres = await serviceAvailable('postgres', 'the webhook runner over PostgreSQL');

const events = (n: number, from: number): EventRow[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'EMPLOYMENT_HIRED', entity: 'Employment', key: String(from + i), orgUnits: ['10'], fields: ['entryDate'] }));

describe.runIf(hasPostgres)('the webhook delivery loop over PostgreSQL', () => {
  let store: SchemaStore;
  let dbs: SqlDatabase[] = [];
  let server: Server;
  let url: string;
  const keys: string[] = [];

  beforeAll(async () => {
    store = await schemaStore('webhook_runner');
    const db = store.open();
    dbs.push(db);
    await migrateWebhooks(db);
    await insertEvents(db, await insertExtract(db, '2026-10-31T02:00:00Z'), '2026-10-31T02:00:00Z', events(40, 100001));
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        // A slow receiver: rounds of two runners would overlap without the lock.
        setTimeout(() => {
          keys.push(...(JSON.parse(body) as { events: Array<{ entityKey: string }> }).events.map((e) => e.entityKey));
          res.end();
        }, 50);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    for (const db of dbs) await db.close();
    await store?.drop();
  });

  it('posts each event once however many runners share the store', async () => {
    await dbs[0].query(`INSERT INTO change_subscriber (url, secret) VALUES ($1, 'a-shared-secret-1234')`, [url]);
    // Two "processes": their own pools, rounds started together, again and again.
    dbs.push(store.open());
    const runners = dbs.map((db) => startWebhookDelivery(db, { intervalMs: 0, batchSize: 5 }));
    const skipped: number[] = [];
    // 40 events, 5 a batch: 8 rounds, each with a 50 ms POST inside the lock, so each pair overlaps.
    for (let i = 0; i < 8; i++) {
      const rounds = await Promise.all(runners.map((r) => r.round()));
      skipped.push(rounds.filter((outcomes) => outcomes.length === 0).length);
    }
    await Promise.all(runners.map((r) => r.close()));
    expect(keys).toEqual(events(40, 100001).map((e) => e.key));
    // In every pair of simultaneous rounds one found the lock taken.
    expect(skipped.every((n) => n === 1)).toBe(true);
  });

  it('runs rounds on its timer until closed', async () => {
    keys.length = 0;
    const db = dbs[0];
    await insertEvents(db, await insertExtract(db, '2026-11-01T02:00:00Z'), '2026-11-01T02:00:00Z', events(3, 200001));
    let rounds = 0;
    const runner = startWebhookDelivery(db, { intervalMs: 20, onRound: () => rounds++ });
    await expect.poll(() => keys.length).toBe(3);
    await runner.close();
    const after = rounds;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(rounds).toBe(after);
    expect(keys).toEqual(['200001', '200002', '200003']);
  });
});
