// What the store factory adds for caches: an in-memory store can be bounded (the oldest entries go
// first), and on Redis every instance of one namespace sees the same entries, as replicas do, while
// namespaces stay apart and entries expire by their TTL.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { BoundedMap, createStore, type Store } from '../../platform/store.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';

const haveRedis = await serviceAvailable('redis', 'the Redis tests of the store factory');

describe('createStore in memory', () => {
  it('drops the oldest entries beyond maxEntries instead of growing without limit', async () => {
    const store = createStore('test:bounded', {}, { maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) await store.set(k, k, 60_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.keyv.getMany(['b', 'c', 'd'])).toEqual(['b', 'c', 'd']);
  });

  it('keeps every entry when no bound is given', async () => {
    const store = createStore('test:unbounded', {});
    for (let i = 0; i < 100; i++) await store.set(`k${i}`, i, 60_000);
    expect(await store.get('k0')).toBe(0);
  });

  it('BoundedMap evicts in write order, a rewritten key counting as new', () => {
    const m = new BoundedMap<string, number>(2);
    m.set('a', 1).set('b', 2).set('a', 3).set('c', 4);
    expect([...m.keys()]).toEqual(['a', 'c']);
  });
});

describe.skipIf(!haveRedis)('createStore on Redis', () => {
  const opened: Store[] = [];
  const open = (namespace: string) => {
    const s = createStore(namespace, { REDIS_URL });
    opened.push(s);
    return s;
  };
  afterAll(async () => {
    for (const s of opened) await s.close();
  });

  it('shares entries between instances of one namespace, as replicas would, and keeps namespaces apart', async () => {
    const ns = `test:store:${randomUUID()}`;
    const replicaA = open(ns);
    const replicaB = open(ns);
    const other = open(`${ns}:other`);
    await replicaA.keyv.setMany([
      { key: 'x', value: 'from A', ttl: 60_000 },
      { key: 'y', value: 'also A', ttl: 60_000 },
    ]);
    expect(await replicaB.keyv.getMany(['x', 'y', 'z'])).toEqual(['from A', 'also A', undefined]);
    expect(await other.get('x')).toBeUndefined();
  });

  it('lets Redis expire entries by their TTL', async () => {
    const store = open(`test:store:${randomUUID()}`);
    await store.set('brief', 'v', 50);
    expect(await store.get('brief')).toBe('v');
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.get('brief')).toBeUndefined();
  });
});
