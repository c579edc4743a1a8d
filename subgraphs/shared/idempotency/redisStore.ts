// Idempotency records in Redis, shared by replicas: one hash per key, and every step one Lua script,
// which Redis runs without interleaving any other command, timed by Redis's own clock. Durable only as
// far as the Redis persistence is (README: "Writes"), which is why production keeps them in PostgreSQL.
import KeyvRedis, { createKeyv } from '@keyv/redis';
import type { IdempotencyRecord, IdempotencyStore } from './record.js';

// Milliseconds on Redis's clock, and a number written as an integer (Lua's tostring would round it).
const NOW = `local t = redis.call('TIME') local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const int = (expr: string) => `string.format('%.0f', ${expr})`;

const CLAIM = `${NOW}
if redis.call('EXISTS', KEYS[1]) == 1 then return {0, redis.call('HGETALL', KEYS[1])} end
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'updateId', ARGV[2], 'state', 'pending', 'attempt', '1', 'leaseUntil', ${int('now + tonumber(ARGV[3])')})
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return {1, redis.call('HGETALL', KEYS[1])}`;

const TAKEOVER = `${NOW}
if redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return false end
if tonumber(redis.call('HGET', KEYS[1], 'leaseUntil')) > now then return false end
redis.call('HINCRBY', KEYS[1], 'attempt', 1)
redis.call('HSET', KEYS[1], 'leaseUntil', ${int('now + tonumber(ARGV[1])')})
return redis.call('HGETALL', KEYS[1])`;

const COMPLETE = `${NOW}
if redis.call('HGET', KEYS[1], 'state') ~= 'pending' or redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'done', 'result', ARGV[2], 'leaseUntil', ${int('now')})
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1`;

const RELEASE = `${NOW}
if redis.call('HGET', KEYS[1], 'state') ~= 'pending' or redis.call('HGET', KEYS[1], 'attempt') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'leaseUntil', ${int('now')})
return 1`;

function fromHash(flat: unknown): IdempotencyRecord | undefined {
  if (!Array.isArray(flat) || flat.length === 0) return undefined;
  const h: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) h[String(flat[i])] = String(flat[i + 1]);
  return {
    fingerprint: h.fingerprint,
    updateId: h.updateId,
    state: h.state === 'done' ? 'done' : 'pending',
    attempt: Number(h.attempt),
    leaseUntil: Number(h.leaseUntil),
    ...(h.result !== undefined ? { result: JSON.parse(h.result) } : {}),
  };
}

/** Records under `kommunegraf:idempotency:<namespace>:` in the Redis at `url`. */
export function redisIdempotencyStore(url: string, namespace: string): IdempotencyStore {
  // keyv's Redis adapter only for its connection handling (timeouts, errors), as store.ts connects.
  const keyv = createKeyv(url, { throwOnConnectError: true, throwOnErrors: true, connectionTimeout: 5_000 });
  const adapter = keyv.store as KeyvRedis<unknown>;
  type Eval = { eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown> };
  const prefix = `kommunegraf:idempotency:${namespace}:`;
  const run = async (script: string, key: string, args: Array<string | number>) => {
    const client = (await adapter.getClient()) as unknown as Eval;
    return client.eval(script, { keys: [prefix + key], arguments: args.map(String) });
  };
  return {
    kind: 'redis',
    async claim(key, init, leaseMs, retentionMs) {
      const [claimed, flat] = (await run(CLAIM, key, [init.fingerprint, init.updateId, leaseMs, retentionMs])) as [number, unknown];
      return { claimed: claimed === 1, record: fromHash(flat) };
    },
    takeover: async (key, leaseMs) => fromHash(await run(TAKEOVER, key, [leaseMs])),
    complete: async (key, attempt, result, retentionMs) => (await run(COMPLETE, key, [attempt, JSON.stringify(result ?? null), retentionMs])) === 1,
    release: async (key, attempt) => (await run(RELEASE, key, [attempt])) === 1,
    close: () => keyv.disconnect(),
  };
}
