// Webhook delivery of the change feed: signed batches after each subscriber's stored cursor, at least
// once, backoff on failure, dead letters after the last attempt, progress that survives a restart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { EXTRACT_STORE_DDL } from '../../sources/opus/extract/store/schema.js';
import { WEBHOOK_DDL } from '../../sources/opus/extract/store/webhookSchema.js';
import { deliverDue } from '../../subgraphs/employee/webhooks/delivery.js';
import { SIGNATURE_HEADER, verify } from '../../subgraphs/employee/webhooks/signature.js';
import { insertEvents, insertExtract, type EventRow } from '../support/extractStore.js';

interface Received {
  signature: string;
  body: string;
}

let db: SqlDatabase;
let server: Server;
let url: string;
const received: Received[] = [];
let answer = 200;

const events: EventRow[] = Array.from({ length: 7 }, (_, i) => ({
  type: i % 2 ? 'EMPLOYMENT_MOVED' : 'EMPLOYMENT_HIRED',
  entity: 'Employment',
  key: String(100001 + i),
  orgUnits: [i % 2 ? '20' : '10'],
  fields: ['orgUnit'],
}));

beforeAll(async () => {
  db = await pgliteDatabase();
  await db.exec(EXTRACT_STORE_DDL + WEBHOOK_DDL);
  await insertEvents(db, await insertExtract(db, '2026-10-31T02:00:00Z'), '2026-10-31T02:00:00Z', events);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ signature: String(req.headers[SIGNATURE_HEADER]), body });
      res.statusCode = answer;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await db?.close();
});

async function subscribe(types: string[] | null): Promise<string> {
  const { rows } = await db.query<{ id: string }>(`INSERT INTO change_subscriber (url, secret, types) VALUES ($1, 's3cret', $2) RETURNING id::text`, [url, types]);
  return rows[0].id;
}

describe('webhook delivery', () => {
  it('posts signed batches after the stored cursor, each event once, and resumes where it stopped', async () => {
    const id = await subscribe(['EMPLOYMENT_HIRED']);
    received.length = 0;
    await deliverDue(db, { batchSize: 3 });
    await deliverDue(db, { batchSize: 3 });
    await deliverDue(db, { batchSize: 3 });
    const bodies = received.map((r) => {
      expect(verify('s3cret', r.body, r.signature)).toBe(true);
      expect(verify('other', r.body, r.signature)).toBe(false);
      return JSON.parse(r.body);
    });
    expect(bodies.flatMap((b) => b.events.map((e: { entityKey: string }) => e.entityKey))).toEqual(events.filter((e) => e.type === 'EMPLOYMENT_HIRED').map((e) => e.key));
    expect(bodies[0].events[0]).toMatchObject({ type: 'EMPLOYMENT_HIRED', entity: 'Employment', registeredAt: '2026-10-31T02:00:00.000Z', cursor: expect.any(String) });
    const { rows } = await db.query<{ delivered_cursor: string }>('SELECT delivered_cursor::text FROM change_subscriber WHERE id = $1', [id]);
    expect(rows[0].delivered_cursor).toBe('7');
    await db.query('UPDATE change_subscriber SET active = false WHERE id = $1', [id]);
  });

  it('backs off exponentially while the receiver fails, then dead-letters the batch and goes on', async () => {
    const id = await subscribe(['EMPLOYMENT_MOVED']);
    received.length = 0;
    answer = 503;
    let now = new Date(Date.now() + 60_000);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const [outcome] = await deliverDue(db, { batchSize: 2, maxAttempts: 3, baseDelayMs: 1_000, now: () => now });
      expect(outcome.failed).toBe('HTTP 503');
      const { rows } = await db.query<{ next_attempt_at: Date }>('SELECT next_attempt_at FROM change_subscriber WHERE id = $1', [id]);
      waits.push(rows[0].next_attempt_at.getTime() - now.getTime());
      // Not due before its backoff has passed (after the dead letter, due at once for what follows).
      if (attempt < 3) expect(await deliverDue(db, { now: () => new Date(now.getTime() + waits.at(-1)! - 1) })).toEqual([]);
      now = rows[0].next_attempt_at;
      if (attempt === 3) expect(outcome.deadLettered).toBe(2);
    }
    expect(waits.slice(0, 2)).toEqual([1_000, 2_000]);
    const dead = await db.query<{ event_cursor: string; attempts: number }>('SELECT event_cursor::text, attempts FROM change_dead_letter WHERE subscriber_id = $1 ORDER BY event_cursor', [id]);
    expect(dead.rows).toEqual([{ event_cursor: '2', attempts: 3 }, { event_cursor: '4', attempts: 3 }]);
    // The receiver is back: delivery goes on after the dead-lettered batch.
    answer = 200;
    received.length = 0;
    await deliverDue(db, { batchSize: 2, now: () => now });
    expect(JSON.parse(received[0].body).events.map((e: { entityKey: string }) => e.entityKey)).toEqual(['100006']);
  });
});
