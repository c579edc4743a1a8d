// One application per idempotency key, in one process (memory) and across replicas (Redis).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Idempotency } from '../../subgraphs/shared/idempotency.js';
import { createStore, type Store } from '../../subgraphs/shared/store.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';

const request = (key: string, amount = 100) => ({ operation: 'oneOffPayments', caller: 'client-a|user-1', key, request: { employmentNumber: '100001', amount } });

function behavesIdempotently(name: string, makeStores: () => Promise<[Store, Store] | null>) {
  describe(name, () => {
    let stores: [Store, Store] | null = null;
    beforeAll(async () => {
      stores = await makeStores();
    });
    afterAll(async () => {
      for (const s of stores ?? []) await s.close();
    });

    it('runs once for concurrent and repeated calls with one key, on two replicas', async ({ skip }) => {
      if (!stores) return skip();
      const [a, b] = stores.map((s) => new Idempotency(s));
      const key = randomUUID();
      let runs = 0;
      const execute = async (updateId: string) => {
        runs++;
        await new Promise((r) => setTimeout(r, 50));
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
      if (!stores) return skip();
      const idem = new Idempotency(stores[0]);
      const key = randomUUID();
      await idem.run(request(key, 100), async () => 'ok');
      await expect(idem.run(request(key, 200), async () => 'other')).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED' } });
    });

    it('keeps callers apart: the same key from another caller is another request', async ({ skip }) => {
      if (!stores) return skip();
      const idem = new Idempotency(stores[0]);
      const key = randomUUID();
      await idem.run(request(key), async () => 'first caller');
      const other = await idem.run({ ...request(key), caller: 'client-b|user-2' }, async () => 'second caller');
      expect(other).toMatchObject({ replayed: false, result: 'second caller' });
    });

    it('resends the same OpdateringsID after an attempt with an unknown outcome', async ({ skip }) => {
      if (!stores) return skip();
      const [a, b] = stores.map((s) => new Idempotency(s));
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
      if (!stores) return skip();
      const idem = new Idempotency(stores[0], { waitMs: 200 });
      const key = randomUUID();
      let release!: () => void;
      const first = idem.run(request(key), () => new Promise<string>((r) => (release = () => r('done'))));
      await new Promise((r) => setTimeout(r, 20));
      await expect(idem.run(request(key), async () => 'again')).rejects.toMatchObject({ extensions: { code: 'IDEMPOTENT_REQUEST_IN_PROGRESS' } });
      release();
      expect(await first).toMatchObject({ result: 'done' });
      expect(await idem.run(request(key), async () => 'again')).toMatchObject({ replayed: true, result: 'done' });
    });

    it('refuses keys that are too short or contain odd characters', async ({ skip }) => {
      if (!stores) return skip();
      const idem = new Idempotency(stores[0]);
      for (const key of ['short', 'has space in it', 'ø'.repeat(10), 'x'.repeat(129)]) {
        await expect(idem.run(request(key), async () => 'x')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
      }
    });
  });
}

behavesIdempotently('in memory (one process)', async () => {
  const store = createStore(`idem-${randomUUID()}`, {});
  return [store, store];
});

behavesIdempotently('in Redis (two replicas, each with its own connection)', async () => {
  if (!(await serviceAvailable('redis', 'idempotency across replicas'))) return null;
  const namespace = `idem-test-${randomUUID()}`;
  return [createStore(namespace, { REDIS_URL }), createStore(namespace, { REDIS_URL })];
});
