// A subgraph instance is killed (SIGKILL) while writes are in flight through both replicas. Clients
// retry failed writes with the same key on the other gateway, as the README tells them to. Afterwards
// every write a client saw succeed is stored exactly once and whole, every write converged, and the
// replica that lost its subgraph still answers what its other subgraphs serve. Twice: with the
// idempotency records in a shared Redis, and in the production configuration (the killed subgraph
// runs with NODE_ENV=production, the records in PostgreSQL, REDIS_URL unset everywhere).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDatabase, withSearchPath, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { migrateIdempotency } from '../../subgraphs/shared/idempotency/postgresStore.js';
import { codes, post } from '../support/http.js';
import { DATABASE_URL, REDIS_URL, serviceAvailable } from '../support/services.js';
import { sampleMunicipality } from '../support/stack.js';
import { startReplicas, type ReplicaSet } from './replicas.js';
import { exactlyOnceViolations, write, type WriteKind, type WriteOutcome } from './writers.js';

const LEASE_MS = 2_000;
const WRITES_PER_CLIENT = 8;

const redis = await serviceAvailable('redis', 'losing a subgraph instance under write load');
const postgres = await serviceAvailable('postgres', 'losing a subgraph instance under write load, records in PostgreSQL');

describe('with idempotency records in Redis', () => {
  let set: ReplicaSet | undefined;
  beforeAll(async () => {
    if (!redis) return;
    // Replica 0's payroll subgraph runs in a process of its own, to be killed.
    set = await startReplicas({ municipality: sampleMunicipality(60), redisUrl: REDIS_URL, idempotencyLeaseMs: LEASE_MS, childSubgraphs: [['payroll'], []] });
  }, 120_000);
  afterAll(() => set?.close());

  it.skipIf(!redis)('killing a payroll instance mid-write loses no write a client saw succeed, applies none twice, and every retried write converges', { timeout: 120_000 }, () =>
    killPayrollMidWrite(set!),
  );
});

describe('in production: idempotency records in PostgreSQL, no Redis', () => {
  let set: ReplicaSet | undefined;
  let admin: SqlDatabase | undefined;
  let records: SqlDatabase | undefined;
  const schema = `idem_loss_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    if (!postgres) return;
    // A schema of this file's own, with the table the deploy step (`npm run idempotency:migrate`) makes.
    admin = postgresDatabase(DATABASE_URL, { max: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    const url = withSearchPath(DATABASE_URL, schema);
    records = postgresDatabase(url, { max: 1 });
    await migrateIdempotency(records);
    set = await startReplicas({
      municipality: sampleMunicipality(60),
      idempotencyDatabaseUrl: url,
      production: true,
      idempotencyLeaseMs: LEASE_MS,
      childSubgraphs: [['payroll'], []],
    });
  }, 120_000);
  afterAll(async () => {
    await set?.close();
    await records?.close();
    await admin?.exec(`DROP SCHEMA ${schema} CASCADE`);
    await admin?.close();
  });

  it.skipIf(!postgres)('killing a payroll instance mid-write loses no write a client saw succeed, applies none twice, and every retried write converges', { timeout: 120_000 }, async () => {
    const succeeded = await killPayrollMidWrite(set!);
    // The answers the retries converged on were kept in PostgreSQL, where the killed process could not lose them.
    const { rows } = await records!.query<{ done: string }>(`SELECT count(*) AS done FROM idempotency_record WHERE state = 'done'`);
    expect(Number(rows[0].done)).toBe(succeeded);
  });
});

/** The scenario; returns how many writes succeeded (all of them). */
async function killPayrollMidWrite(set: ReplicaSet): Promise<number> {
  const { replicas, sources } = set;
  const opus = sources.opus;
  const [a, b] = replicas.map((r) => r.url);
  const headers = await set.headers({ scopes: ['payments:write', 'communication:write', 'employee:read', 'payroll:read'] });
  const employments = set.municipality.opus.employments.filter((e) => e.contract.end === null).map((e) => e.employmentNumber);
  // Opus takes a moment per update, so writes are in flight when the subgraph dies.
  opus.setFault('update-onetime-payments', { latencyMs: 150 });
  opus.setFault('update-communication', { latencyMs: 50 });
  opus.resetCalls();
  const before = { ...opus.appliedUpdates };

  const outcomes: WriteOutcome[] = [];
  // Four payment clients and two communication clients, half starting on each replica.
  const clients: Array<{ kind: WriteKind; home: 0 | 1 }> = [
    { kind: 'payment', home: 0 },
    { kind: 'payment', home: 0 },
    { kind: 'payment', home: 1 },
    { kind: 'payment', home: 1 },
    { kind: 'communication', home: 0 },
    { kind: 'communication', home: 1 },
  ];
  const running = clients.map(async ({ kind, home }, i) => {
    const urls = home === 0 ? [a, b] : [b, a];
    for (let n = 0; n < WRITES_PER_CLIENT; n++) {
      outcomes.push(
        await write(kind, employments[i], {
          urls,
          headers,
          timeoutMs: 30_000,
        }),
      );
    }
  });

  // Kill once payments have gone through the doomed instance, at a moment when Opus is working on
  // an update it sent: the clients homed on replica 0 write employments 0 and 1, and until
  // something fails, only through it.
  const stored = (n: string) => opus.snapshot.employments.find((e) => e.employmentNumber === n)!.oneOffPayments.filter((p) => p.wageType === '2481').length / 2;
  const sentFromA = () => [employments[0], employments[1]].some((n) => opus.calls.filter((c) => c.endpoint === 'update-onetime-payments' && c.employmentNumber === n).length > stored(n));
  const ready = () => opus.appliedUpdates.oneOffPayments - before.oneOffPayments >= 3 && sentFromA();
  for (let i = 0; i < 1_000 && !ready(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(ready()).toBe(true);
  const killedAt = Date.now();
  await replicas[0].children.payroll!.kill();
  await Promise.all(running);

  // Some payment attempts were cut off by the kill, and their clients saw it.
  const cutOff = outcomes.flatMap((o) => o.attempts.filter((t) => t.url === a && t.startedAt < killedAt && t.endedAt >= killedAt && t.codes.length > 0));
  expect(cutOff.length).toBeGreaterThan(0);
  expect(new Set(cutOff.flatMap((t) => t.codes))).toEqual(new Set(['SUBGRAPH_UNAVAILABLE']));
  // Every failure a client met was one it can act on: a retry with the same key.
  const seen = new Set(outcomes.flatMap((o) => o.attempts.flatMap((t) => t.codes)));
  for (const code of seen) expect(['SUBGRAPH_UNAVAILABLE', 'IDEMPOTENT_REQUEST_IN_PROGRESS']).toContain(code);

  // Opus finished the update the dead instance had sent; the client's retry, once the key's lease
  // ran out, resent it under the same OpdateringsID, and Opus answered it without applying it again.
  const sends = new Map<string, number>();
  for (const c of opus.calls.filter((x) => x.endpoint === 'update-onetime-payments')) sends.set(c.updateId!, (sends.get(c.updateId!) ?? 0) + 1);
  expect([...sends.values()].filter((count) => count > 1).length).toBeGreaterThan(0);

  expect(outcomes).toHaveLength(clients.length * WRITES_PER_CLIENT);
  expect(outcomes.filter((o) => !o.succeeded).map((o) => o.attempts)).toEqual([]);
  expect(exactlyOnceViolations(outcomes, opus, before)).toEqual([]);
  expect(opus.appliedUpdates.oneOffPayments - before.oneOffPayments).toBe(4 * WRITES_PER_CLIENT);

  // The replica that lost its payroll subgraph still answers the rest, and says what it cannot.
  const n = employments[0];
  const partial = await post(a, 'query($n: ID!) { employment(employmentNumber: $n) { employmentNumber salaryPlacement { payGroup } } }', { n }, headers);
  expect(partial.body.data).toEqual({ employment: { employmentNumber: n, salaryPlacement: null } });
  expect(codes(partial)).toEqual(['SUBGRAPH_UNAVAILABLE']);
  expect((await fetch(a.replace(/\/graphql$/, '/health'))).status).toBe(200);
  return outcomes.filter((o) => o.succeeded).length;
}
