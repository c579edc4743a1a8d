// One application per idempotency key: the same contract held by every store the records can live in,
// in one process (memory), across replicas (Redis; PostgreSQL, each replica with its own pool) and in
// the embedded PGlite. Lost attempts are simulated by an `execute` that is held open past its lease,
// as a killed process leaves its record.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgliteDatabase, postgresDatabase, withSearchPath, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { Idempotency, partUpdateId } from '../../subgraphs/shared/idempotency/idempotency.js';
import { memoryIdempotencyStore } from '../../subgraphs/shared/idempotency/memoryStore.js';
import { migrateIdempotency, postgresIdempotencyStore } from '../../subgraphs/shared/idempotency/postgresStore.js';
import type { IdempotencyStore } from '../../subgraphs/shared/idempotency/record.js';
import { redisIdempotencyStore } from '../../subgraphs/shared/idempotency/redisStore.js';
import { DATABASE_URL, REDIS_URL, serviceAvailable } from '../support/services.js';

const request = (key: string, amount = 100) => ({ operation: 'oneOffPayments', caller: 'client-a|user-1', key, request: { employmentNumber: '100001', amount } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** An `execute` that stays open until `finish` (or `fail`) is called: an attempt still running, or lost. */
function held<T>() {
  let finish!: (value: T) => void;
  let fail!: (error: Error) => void;
  const ids: string[] = [];
  const execute = (id: string) => {
    ids.push(id);
    return new Promise<T>((resolve, reject) => ((finish = resolve), (fail = reject)));
  };
  return { execute, ids, finish: (v: T) => finish(v), fail: (e: Error) => fail(e) };
}

interface Replicas {
  /** Two stores over the same records, as two replicas hold them (one store twice in memory). */
  stores: [IdempotencyStore, IdempotencyStore];
  close(): Promise<void>;
}

function behavesIdempotently(name: string, open: () => Promise<Replicas | null>) {
  describe(name, () => {
    let replicas: Replicas | null = null;
    beforeAll(async () => {
      replicas = await open();
    });
    afterAll(() => replicas?.close());
    const two = (options: ConstructorParameters<typeof Idempotency>[1] = {}) => replicas!.stores.map((s) => new Idempotency(s, options)) as [Idempotency, Idempotency];

    it('runs once for concurrent and repeated calls with one key, on two replicas', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two();
      const key = randomUUID();
      let runs = 0;
      const execute = async (updateId: string) => {
        runs++;
        await sleep(50);
        return { stored: true, updateId };
      };
      const outcomes = await Promise.all([a.run(request(key), execute), b.run(request(key), execute), a.run(request(key), execute)]);
      expect(runs).toBe(1);
      expect(new Set(outcomes.map((o) => o.updateId)).size).toBe(1);
      expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
      expect(outcomes.every((o) => o.result.updateId === outcomes[0].updateId)).toBe(true);
      const later = await b.run(request(key), execute);
      expect(later).toMatchObject({ replayed: true, result: outcomes[0].result });
      expect(runs).toBe(1);
    });

    it('refuses the same key for a different request', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two();
      const key = randomUUID();
      await a.run(request(key, 100), async () => 'ok');
      await expect(b.run(request(key, 200), async () => 'other')).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    });

    it('keeps callers apart: the same key from another caller is another request', async ({ skip }) => {
      if (!replicas) return skip();
      const [a] = two();
      const key = randomUUID();
      await a.run(request(key), async () => 'first caller');
      const other = await a.run({ ...request(key), caller: 'client-b|user-2' }, async () => 'second caller');
      expect(other).toMatchObject({ replayed: false, result: 'second caller' });
    });

    it('resends the same OpdateringsID after an attempt with an unknown outcome', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two();
      const key = randomUUID();
      const seen: string[] = [];
      await expect(
        a.run(request(key), async (id) => {
          seen.push(id);
          throw new Error('timeout');
        }),
      ).rejects.toThrow('timeout');
      const retry = await b.run(request(key), async (id) => {
        seen.push(id);
        return 'applied';
      });
      expect(retry).toMatchObject({ replayed: false, result: 'applied' });
      expect(seen).toHaveLength(2);
      expect(seen[1]).toBe(seen[0]);
    });

    it('tells a retry that arrives while the first attempt still runs to come back', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two({ waitMs: 200 });
      const key = randomUUID();
      const first = held<string>();
      const running = a.run(request(key), first.execute);
      await sleep(20);
      await expect(b.run(request(key), async () => 'again')).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENT_REQUEST_IN_PROGRESS', retryAfterSeconds: expect.any(Number) } });
      first.finish('done');
      expect(await running).toMatchObject({ result: 'done' });
      expect(await b.run(request(key), async () => 'again')).toMatchObject({ replayed: true, result: 'done' });
    });

    it('lets exactly one of ten simultaneous retries take over a lost attempt; the others get its answer', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two({ leaseMs: 300, waitMs: 5_000 });
      const key = randomUUID();
      const lost = held<string>();
      void a.run(request(key), lost.execute).catch(() => undefined);
      await sleep(400);
      const resent: string[] = [];
      const execute = async (id: string) => {
        resent.push(id);
        await sleep(100);
        return `applied ${id}`;
      };
      const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).run(request(key), execute)));
      expect(resent).toEqual([lost.ids[0]]);
      expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
      expect(new Set(outcomes.map((o) => o.result))).toEqual(new Set([`applied ${lost.ids[0]}`]));
      expect(new Set(outcomes.map((o) => o.updateId))).toEqual(new Set([lost.ids[0]]));
      lost.fail(new Error('the lost attempt'));
    });

    it('keeps the answer of the attempt that took over when the lost one finishes late', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two({ leaseMs: 300 });
      const key = randomUUID();
      const lost = held<string>();
      const late = a.run(request(key), lost.execute);
      await sleep(400);
      expect(await b.run(request(key), async () => 'fresh')).toMatchObject({ replayed: false, result: 'fresh' });
      lost.finish('stale');
      // The late attempt's caller hears what Opus said to it; the record keeps the newer answer.
      expect(await late).toMatchObject({ replayed: false, result: 'stale' });
      expect(await a.run(request(key), async () => 'again')).toMatchObject({ replayed: true, result: 'fresh' });
    });

    it('does not let a lost attempt that fails late end the lease of the attempt that took over', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two({ leaseMs: 300, waitMs: 150 });
      const key = randomUUID();
      const lost = held<string>();
      const late = a.run(request(key), lost.execute).catch((e: Error) => e.message);
      await sleep(400);
      const current = held<string>();
      const running = b.run(request(key), current.execute);
      await sleep(50);
      lost.fail(new Error('late failure'));
      expect(await late).toBe('late failure');
      // Still the newer attempt's key: a retry waits, and nothing is sent again.
      let resent = 0;
      await expect(a.run(request(key), async () => String(++resent))).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENT_REQUEST_IN_PROGRESS' } });
      expect(resent).toBe(0);
      current.finish('current');
      expect(await running).toMatchObject({ result: 'current', updateId: lost.ids[0] });
    });

    it('forgets a record after its retention: the key then starts a new write', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two({ retentionMs: 200 });
      const key = randomUUID();
      const first = await a.run(request(key, 100), async () => 'first');
      await sleep(300);
      const second = await b.run(request(key, 200), async () => 'second');
      expect(second).toMatchObject({ replayed: false, result: 'second' });
      expect(second.updateId).not.toBe(first.updateId);
    });

    it('replays structured answers as they were stored', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two();
      const key = randomUUID();
      const answer = { accepted: true, messages: [], lines: [{ sequence: 1, amount: 12.5 }], note: null };
      await a.run(request(key), async () => answer);
      expect((await b.run(request(key), async () => ({}))).result).toEqual(answer);
    });

    it('keeps a record per part under one key: a retry replays the parts done and resends the others with their derived OpdateringsID', async ({ skip }) => {
      if (!replicas) return skip();
      const [a, b] = two();
      const key = randomUUID();
      const whole = { ...request(key), operation: 'oneOffPaymentsBulk' };
      const sent: Array<[string, string]> = [];
      // One attempt of the whole: part "0" is stored, part "1" fails with an unknown outcome.
      const attempt = (replica: Idempotency, failing: Set<string>) =>
        replica.run(whole, async (requestId) => {
          const parts = await Promise.allSettled(
            ['0', '1'].map((part) =>
              replica.run({ ...whole, part, request: { part }, updateId: partUpdateId(requestId, part) }, async (id) => {
                sent.push([part, id]);
                if (failing.has(part)) throw new Error('timeout');
                return `stored ${part}`;
              }),
            ),
          );
          if (parts.some((p) => p.status === 'rejected')) throw new Error('incomplete');
          return { requestId, parts: parts.map((p) => (p as PromiseFulfilledResult<{ result: string; replayed: boolean }>).value) };
        });
      await expect(attempt(a, new Set(['1']))).rejects.toThrow('incomplete');
      const done = await attempt(b, new Set());
      expect(done.result.parts.map((p) => [p.result, p.replayed])).toEqual([['stored 0', true], ['stored 1', false]]);
      // Part 0 went once, part 1 twice under one ID, each ID derived from the request's own.
      expect(sent.map(([part]) => part).sort()).toEqual(['0', '1', '1']);
      const ids = (part: string) => [...new Set(sent.filter(([p]) => p === part).map(([, id]) => id))];
      expect(ids('1')).toEqual([partUpdateId(done.result.requestId, '1')]);
      expect(ids('0')).toEqual([partUpdateId(done.result.requestId, '0')]);
      expect(ids('0')[0]).not.toBe(ids('1')[0]);
      // A part's record is not the whole key's: the whole replays its own answer.
      expect(await a.run(whole, async () => 'again')).toMatchObject({ replayed: true, result: done.result });
    });

    it('refuses keys that are too short or contain odd characters', async ({ skip }) => {
      if (!replicas) return skip();
      const [a] = two();
      for (const key of ['short', 'has space in it', 'ø'.repeat(10), 'x'.repeat(129)]) {
        await expect(a.run(request(key), async () => 'x')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      }
    });
  });
}

describe('partUpdateId', () => {
  it('derives the same UUID for the same request ID and part, another for another part or request', () => {
    const request = randomUUID();
    const id = partUpdateId(request, '0.100001');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(partUpdateId(request.toUpperCase(), '0.100001')).toBe(id);
    expect(partUpdateId(request, '1.100002')).not.toBe(id);
    expect(partUpdateId(randomUUID(), '0.100001')).not.toBe(id);
  });
});

behavesIdempotently('in memory (one process)', async () => {
  const store = memoryIdempotencyStore();
  return { stores: [store, store], close: () => store.close() };
});

behavesIdempotently('in Redis (two replicas, each with its own connection)', async () => {
  if (!(await serviceAvailable('redis', 'idempotency records in Redis'))) return null;
  const namespace = `test-${randomUUID()}`;
  const stores: [IdempotencyStore, IdempotencyStore] = [redisIdempotencyStore(REDIS_URL, namespace), redisIdempotencyStore(REDIS_URL, namespace)];
  return { stores, close: async () => void (await Promise.all(stores.map((s) => s.close()))) };
});

behavesIdempotently('in PostgreSQL (two replicas, each with its own pool)', async () => {
  if (!(await serviceAvailable('postgres', 'idempotency records in PostgreSQL'))) return null;
  // A schema of this file's own, dropped afterwards.
  const schema = `idem_${randomBytes(4).toString('hex')}`;
  const admin = postgresDatabase(DATABASE_URL, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const dbs: SqlDatabase[] = [postgresDatabase(withSearchPath(DATABASE_URL, schema)), postgresDatabase(withSearchPath(DATABASE_URL, schema))];
  await migrateIdempotency(dbs[0]);
  // Run twice: the migration is idempotent.
  await migrateIdempotency(dbs[1]);
  return {
    stores: [postgresIdempotencyStore(dbs[0], { ownsDatabase: true }), postgresIdempotencyStore(dbs[1], { ownsDatabase: true })],
    close: async () => {
      for (const db of dbs) await db.close();
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    },
  };
});

behavesIdempotently('in the embedded PGlite (npm start without services), the same SQL', async () => {
  const db = await pgliteDatabase();
  await migrateIdempotency(db);
  const store = postgresIdempotencyStore(db);
  return { stores: [store, store], close: () => db.close() };
});
