// Stale-if-error through createSources against the real simulators, on both stores: a failed read is
// answered from the copy an earlier read left (per record, so batches may differ), with its age noted
// in the request; never beyond the max age, never for a business rejection. On Redis the copies are
// shared by replicas, encrypted, and stored under keys that reveal nothing. (FK ORG's hierarchy is not
// among them: the organisation subgraph persists its snapshot itself, test/organisation/hierarchy-persistence.test.ts.)
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '@keyv/redis';
import { startEmbeddedSources, type EmbeddedSources } from '../../sources/embedded.js';
import type { Municipality } from '../../sources/model.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { currentRequestScope, runInRequestScope, staleDataOf, type StaleData } from '../../platform/resilience/requestScope.js';
import { createSources, type Sources } from '../../subgraphs/shared/sources.js';
import { OpusOrgTree, opusOrgTreeOptions } from '../../subgraphs/shared/opusOrgTree.js';
import { silentLogger } from '../../platform/logging.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';
import { sampleMunicipality } from '../support/stack.js';

let m: Municipality;
let embedded: EmbeddedSources;
const opened: Sources[] = [];

beforeAll(async () => {
  m = sampleMunicipality(40);
  embedded = await startEmbeddedSources({ municipality: m });
});
afterEach(async () => {
  embedded.opus.clearFaults();
  embedded.fkorg.clearFaults();
  await Promise.all(opened.splice(0).map((s) => s.close()));
  embedded.opus.resetCalls();
  embedded.fkorg.resetCalls();
});
afterAll(() => embedded?.close());

/** Runs `fn` as one subgraph request would, and returns what it noted as stale. */
async function inRequest<T>(fn: () => Promise<T>): Promise<{ value: T; stale: StaleData[] }> {
  return runInRequestScope(async () => {
    const value = await fn();
    return { value, stale: staleDataOf(currentRequestScope()) };
  });
}

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error & { code: string });
const opusCalls = (endpoint: string) => embedded.opus.calls.filter((c) => c.endpoint === endpoint).length;

const haveRedis = await serviceAvailable('redis', 'the stale-if-error tests on Redis');

const stores: Array<[string, string | undefined]> = [
  ['memory', undefined],
  ['Redis', REDIS_URL],
];

describe.each(stores)('stale-if-error in %s', (kind, redisUrl) => {
  const skip = kind === 'Redis' && !haveRedis;
  // A key of its own per run: other runs sharing the Redis can neither read nor shadow these copies.
  const cacheKey = randomBytes(32).toString('base64');
  let clock = Date.now();
  const advance = (ms: number) => (clock += ms);

  function sources(env: Record<string, string> = {}): Sources {
    const s = createSources(
      {
        ...embedded.config,
        resilience: resilienceConfigFromEnv({
          STALE_IF_ERROR_SECONDS: '600',
          CACHE_KEY: cacheKey,
          SOURCE_RETRY_ATTEMPTS: '1',
          SOURCE_BREAKER_FAILURES: '100',
          ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
          ...env,
        }),
      },
      undefined,
      { log: () => undefined, now: () => clock },
    );
    opened.push(s);
    return s;
  }

  it.skipIf(skip)('answers a failed read from the copy of an earlier one and notes its age in the request', async () => {
    const s = sources();
    const numbers = m.opus.employments.slice(0, 2).map((e) => e.employmentNumber);
    const fresh = await inRequest(() => s.opus.readEmployments(numbers, ['Persondata', 'Kontraktindhold']));
    expect(fresh.stale).toEqual([]);
    await s.caches.opus.idle();

    advance(90_000);
    embedded.opus.setFault('read-employee-data', { status: 503 });
    const served = await inRequest(() => s.opus.readEmployments(numbers, ['Persondata', 'Kontraktindhold']));
    expect([...served.value.entries()]).toEqual([...fresh.value.entries()]);
    expect(served.stale).toEqual([{ source: 'KMD Opus', ageSeconds: 90 }]);
    expect(opusCalls('read-employee-data')).toBe(2);
  });

  it.skipIf(skip)('keeps one copy per employment, so a batch with other members is answered, and remembers unknown numbers', async () => {
    const s = sources();
    const [a, b, c, d] = m.opus.employments.slice(0, 4).map((e) => e.employmentNumber);
    await s.opus.readEmployments([a, b], ['Persondata']);
    await s.opus.readEmployments([c, '99999999'], ['Persondata']);
    await s.caches.opus.idle();

    embedded.opus.setFault('read-employee-data', { status: 503 });
    const mixed = await s.opus.readEmployments([c, a, '99999999'], ['Persondata']);
    expect([...mixed.keys()]).toEqual([c, a]);
    expect(mixed.get(a)?.person?.cpr).toBe(m.opus.employments[0].person.cpr);
    // d was never read: no copy for it, so the whole read fails rather than calling d unknown.
    expect((await failure(s.opus.readEmployments([a, d], ['Persondata']))).code).toBe('SOURCE_UNAVAILABLE');
    // Other areas are another source call: no copy either.
    expect((await failure(s.opus.readEmployments([a], ['Loenindplacering']))).code).toBe('SOURCE_UNAVAILABLE');
  });

  it.skipIf(skip)('never serves a copy older than STALE_IF_ERROR_SECONDS', async () => {
    const s = sources();
    await s.opus.readOrgUnits();
    await s.caches.opus.idle();
    advance(601_000);
    embedded.opus.setFault('read-org-units', { status: 503 });
    expect((await failure(s.opus.readOrgUnits())).code).toBe('SOURCE_UNAVAILABLE');
  });

  it.skipIf(skip)('answers FK ORG reads from copies too, also while the breaker is open and without calling FK ORG', async () => {
    const s = sources({ SOURCE_BREAKER_FAILURES: '1' });
    const ids = m.org.units.slice(0, 3).map((u) => u.id);
    const units = await s.org.units(ids);
    await s.caches.fkorg.idle();

    embedded.fkorg.setFault('*', { httpStatus: 503 });
    const first = await inRequest(() => s.org.units(ids));
    expect([...first.value.values()]).toEqual([...units.values()]);
    expect(first.stale.map((x) => x.source)).toEqual(['FK ORG']);
    expect(s.breakers.fkorg.state).toBe('open');

    const callsWhileOpen = embedded.fkorg.calls.length;
    const second = await inRequest(() => s.org.units(ids));
    expect([...second.value.values()]).toEqual([...units.values()]);
    expect(second.stale.map((x) => x.source)).toEqual(['FK ORG']);
    expect(embedded.fkorg.calls.length).toBe(callsWhileOpen);
  });

  it.skipIf(skip)('marks every request answered from an org tree read from a copy past its TTL, not only the first', async () => {
    const s = sources();
    await s.opus.readOrgUnits();
    await s.caches.opus.idle();
    embedded.opus.setFault('read-org-units', { status: 503 });
    let later = 0;
    const tree = new OpusOrgTree(s.opus, { ...opusOrgTreeOptions({}, silentLogger), now: () => Date.now() + later });
    tree.snapshot.start();
    await tree.snapshot.whenReady();
    // Ten minutes on, the tree read from the copy is past its TTL (5 minutes) and Opus still fails.
    later = 600_000;
    const unit = m.opus.orgUnits[4];
    const first = await inRequest(() => tree.has(unit.id));
    const second = await inRequest(() => tree.has(unit.id));
    await tree.snapshot.close();
    expect([first.value, second.value]).toEqual([true, true]);
    expect(first.stale.map((x) => x.source)).toEqual(['KMD Opus']);
    expect(second.stale.map((x) => x.source)).toEqual(['KMD Opus']);
  });

  it.skipIf(skip)('does not answer a business rejection from a copy: the rejection is the source current answer', async () => {
    const s = sources();
    const id = m.org.units[0].id;
    await s.org.units([id]);
    await s.caches.fkorg.idle();
    embedded.fkorg.setFault('*', { status: 40 });
    expect((await failure(s.org.units([id]))).code).toBe('SOURCE_REJECTED');
  });

  it.skipIf(skip)('keeps nothing and serves nothing when STALE_IF_ERROR_SECONDS is 0', async () => {
    const s = sources({ STALE_IF_ERROR_SECONDS: '0' });
    await s.opus.readOrgUnits();
    embedded.opus.setFault('read-org-units', { status: 503 });
    expect((await failure(s.opus.readOrgUnits())).code).toBe('SOURCE_UNAVAILABLE');
  });

  if (kind !== 'Redis') return;

  it.skipIf(skip)('shares copies between replicas on Redis; a replica with another CACHE_KEY cannot read them', async () => {
    const replicaA = sources();
    const replicaB = sources();
    const stranger = sources({ CACHE_KEY: randomBytes(32).toString('base64') });
    const number = m.opus.employments[5].employmentNumber;
    const fresh = await replicaA.opus.readEmployments([number], ['Kontraktindhold']);
    await replicaA.caches.opus.idle();
    embedded.opus.setFault('read-employee-data', { status: 503 });
    expect([...(await replicaB.opus.readEmployments([number], ['Kontraktindhold'])).entries()]).toEqual([...fresh.entries()]);
    expect((await failure(stranger.opus.readEmployments([number], ['Kontraktindhold']))).code).toBe('SOURCE_UNAVAILABLE');
  });

  it.skipIf(skip)('stores copies encrypted, under keys that show no CPR number, name or employment number', async () => {
    const s = sources();
    const e = m.opus.employments[7];
    await s.opus.findEmploymentsByCpr([e.person.cpr]);
    await s.opus.readEmployments([e.employmentNumber], ['Persondata', 'Loenindplacering']);
    await s.caches.opus.idle();

    const redis = createClient({ url: redisUrl });
    await redis.connect();
    try {
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: 'kommunegraf:stale:opus:*', COUNT: 1000 })) keys.push(...(Array.isArray(batch) ? batch : [batch]));
      expect(keys.length).toBeGreaterThanOrEqual(2);
      const values = await redis.mGet(keys);
      const everything = keys.join('\n') + (values as Array<string | null>).join('\n');
      for (const secret of [e.person.cpr, e.person.firstName, e.person.lastName, e.employmentNumber]) expect(everything).not.toContain(secret);
    } finally {
      await redis.quit();
    }
  });
});
