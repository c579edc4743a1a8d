// Where a subgraph keeps its idempotency records, and the refusal to serve writes in production
// without PostgreSQL, naming the variable to set.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { postgresDatabase, withSearchPath } from '../../sources/opus/extract/store/database.js';
import { idempotencyStoreFromEnv, idempotencyStoreKind } from '../../subgraphs/shared/idempotency/storeFromEnv.js';
import { DATABASE_URL, REDIS_URL, serviceAvailable } from '../support/services.js';

const PG = 'postgres://postgres@127.0.0.1:5432/test';

describe('the idempotency store chosen', () => {
  it('is PostgreSQL when a database is named, else Redis when REDIS_URL is set, else memory; IDEMPOTENCY_STORE overrides', () => {
    expect(idempotencyStoreKind({})).toBe('memory');
    expect(idempotencyStoreKind({ REDIS_URL })).toBe('redis');
    expect(idempotencyStoreKind({ DATABASE_URL: PG, REDIS_URL })).toBe('postgres');
    expect(idempotencyStoreKind({ IDEMPOTENCY_DATABASE_URL: PG })).toBe('postgres');
    expect(idempotencyStoreKind({ IDEMPOTENCY_STORE: 'redis', DATABASE_URL: PG, REDIS_URL })).toBe('redis');
    expect(idempotencyStoreKind({ IDEMPOTENCY_STORE: 'memory', DATABASE_URL: PG })).toBe('memory');
    expect(() => idempotencyStoreKind({ IDEMPOTENCY_STORE: 'file' })).toThrow(/IDEMPOTENCY_STORE must be postgres, redis or memory/);
  });

  it('refuses a subgraph that serves writes in production without PostgreSQL, naming the variable', async () => {
    for (const env of [{}, { REDIS_URL }, { IDEMPOTENCY_STORE: 'redis', REDIS_URL, DATABASE_URL: PG }, { IDEMPOTENCY_STORE: 'memory', DATABASE_URL: PG }]) {
      await expect(idempotencyStoreFromEnv('payroll', { ...env, NODE_ENV: 'production' }, { writes: true })).rejects.toThrow(/payroll subgraph serves writes.*IDEMPOTENCY_DATABASE_URL/);
    }
  });

  it('needs nothing for a subgraph without writes, in production too', async () => {
    const store = await idempotencyStoreFromEnv('organisation', { NODE_ENV: 'production' }, { writes: false });
    expect(store.kind).toBe('memory');
    await store.close();
  });

  it('keeps memory outside production when nothing is configured', async () => {
    const store = await idempotencyStoreFromEnv('payroll', {}, { writes: true });
    expect(store.kind).toBe('memory');
    await store.close();
  });
});

const postgres = await serviceAvailable('postgres', 'idempotency records in PostgreSQL at start');

describe.skipIf(!postgres)('PostgreSQL at start', () => {
  const inSchema = async (work: (url: string) => Promise<void>) => {
    const schema = `idem_start_${randomBytes(4).toString('hex')}`;
    const admin = postgresDatabase(DATABASE_URL, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    try {
      await work(withSearchPath(DATABASE_URL, schema));
    } finally {
      await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
      await admin.close();
    }
  };

  it('in production, refuses to start without the table and tells how to make it', () =>
    inSchema(async (url) => {
      await expect(idempotencyStoreFromEnv('payroll', { NODE_ENV: 'production', IDEMPOTENCY_DATABASE_URL: url }, { writes: true })).rejects.toThrow(/npm run idempotency:migrate/);
    }));

  it('in production, starts once the table exists (IDEMPOTENCY_PG_MIGRATE=true makes it at start)', () =>
    inSchema(async (url) => {
      const store = await idempotencyStoreFromEnv('payroll', { NODE_ENV: 'production', IDEMPOTENCY_DATABASE_URL: url, IDEMPOTENCY_PG_MIGRATE: 'true' }, { writes: true });
      expect(store.kind).toBe('postgres');
      expect((await store.claim('k', { fingerprint: 'f', updateId: 'u' }, 1_000, 60_000)).claimed).toBe(true);
      await store.close();
    }));

  it('outside production, makes the table itself', () =>
    inSchema(async (url) => {
      const stores = await Promise.all([1, 2, 3].map(() => idempotencyStoreFromEnv('employee', { DATABASE_URL: url }, { writes: true })));
      expect(stores.map((s) => s.kind)).toEqual(['postgres', 'postgres', 'postgres']);
      for (const s of stores) await s.close();
    }));
});
