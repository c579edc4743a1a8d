// Where a subgraph keeps its idempotency records (README: "Writes"): IDEMPOTENCY_STORE, else
// PostgreSQL when a database is named, else Redis when REDIS_URL is set, else memory. A subgraph that
// serves writes refuses to start in production without PostgreSQL: records in memory vanish with the
// process, and Redis may lose the newest ones on a restart, and either lets a retry resend a payment
// under a new OpdateringsID.
import { postgresDatabase } from '../../../sources/opus/extract/store/database.js';
import { memoryIdempotencyStore } from './memoryStore.js';
import { migrateIdempotency, postgresIdempotencyStore } from './postgresStore.js';
import type { IdempotencyStore } from './record.js';
import { redisIdempotencyStore } from './redisStore.js';
import type { Env } from '../../../platform/env.js';

export type IdempotencyStoreKind = IdempotencyStore['kind'];

const KINDS: readonly IdempotencyStoreKind[] = ['postgres', 'redis', 'memory'];

/** IDEMPOTENCY_DATABASE_URL, else DATABASE_URL. */
export const idempotencyDatabaseUrl = (env: Env): string | undefined => env.IDEMPOTENCY_DATABASE_URL || env.DATABASE_URL || undefined;

export function idempotencyStoreKind(env: Env): IdempotencyStoreKind {
  const chosen = env.IDEMPOTENCY_STORE;
  if (chosen) {
    if (!KINDS.includes(chosen as IdempotencyStoreKind)) throw new Error(`IDEMPOTENCY_STORE must be postgres, redis or memory, got "${chosen}"`);
    return chosen as IdempotencyStoreKind;
  }
  return idempotencyDatabaseUrl(env) ? 'postgres' : env.REDIS_URL ? 'redis' : 'memory';
}

/**
 * The store of subgraph `name`. `writes`: it serves mutations, so its records decide whether a retry
 * sends a payment again; one that does not gets an (unused) memory store.
 */
export async function idempotencyStoreFromEnv(name: string, env: Env, options: { writes: boolean }): Promise<IdempotencyStore> {
  if (!options.writes) return memoryIdempotencyStore();
  const kind = idempotencyStoreKind(env);
  if (kind !== 'postgres' && env.NODE_ENV === 'production') {
    throw new Error(
      `The ${name} subgraph serves writes, and NODE_ENV=production keeps their idempotency records in PostgreSQL: set IDEMPOTENCY_DATABASE_URL (or DATABASE_URL)` +
        ` and run \`npm run idempotency:migrate\` (IDEMPOTENCY_STORE=${kind} would let a retry after a restart send a payment twice)`,
    );
  }
  if (kind === 'memory') return memoryIdempotencyStore();
  if (kind === 'redis') {
    const url = env.REDIS_URL;
    if (!url) throw new Error('IDEMPOTENCY_STORE=redis needs REDIS_URL');
    if (!/^rediss?:\/\//.test(url)) throw new Error(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
    return redisIdempotencyStore(url, name);
  }
  const url = idempotencyDatabaseUrl(env);
  if (!url) throw new Error('IDEMPOTENCY_STORE=postgres needs IDEMPOTENCY_DATABASE_URL or DATABASE_URL');
  const db = postgresDatabase(url, { max: 4 });
  try {
    // Production runs the migration as a deploy step (the service role needs no DDL rights); elsewhere
    // the table is created at start unless IDEMPOTENCY_PG_MIGRATE=false.
    const migrate = env.IDEMPOTENCY_PG_MIGRATE ? env.IDEMPOTENCY_PG_MIGRATE === 'true' : env.NODE_ENV !== 'production';
    if (migrate) await migrateIdempotency(db);
    // Fails at start, not at the first write, when the table is missing or not writable.
    await db.query('SELECT 1 FROM idempotency_record LIMIT 0');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new Error(`Idempotency records in PostgreSQL (IDEMPOTENCY_DATABASE_URL or DATABASE_URL) are not usable: ${(error as Error).message}; run \`npm run idempotency:migrate\``);
  }
  return postgresIdempotencyStore(db, { ownsDatabase: true });
}
