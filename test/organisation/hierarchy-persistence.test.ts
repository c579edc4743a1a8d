// The last good hierarchy snapshot outlives the process, in a file under SNAPSHOT_DIR and in Redis at
// REDIS_URL: a restarted hierarchy is ready and answers before any FK ORG walk completes, marked stale
// by its age; another format or another FK ORG is never served; names are not readable at rest.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@keyv/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { HIERARCHY_FORMAT, hierarchyOptionsFromEnv, OrgHierarchy } from '../../subgraphs/organisation/hierarchy.js';
import { silentLogger } from '../../platform/logging.js';
import { snapshotPersistence } from '../../subgraphs/shared/snapshotStore.js';
import { currentRequestScope, runInRequestScope, staleDataOf } from '../../platform/resilience/requestScope.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';
import { sampleMunicipality } from '../support/stack.js';

const FREMSOEG = 'organisationsystem.fremsoegobjekthierarki' as const;
const m = sampleMunicipality(60);
let sim: FkOrgSimulator;
let client: FkOrgSoapClient;
let dir: string;
const redis = await serviceAvailable('redis', 'the persisted hierarchy snapshot in Redis');

beforeAll(async () => {
  sim = await startFkOrgSimulator({ snapshot: m.org });
  // Walks held up by the simulator end after 2 s, so closing it does not wait long.
  client = new FkOrgSoapClient({ baseUrl: sim.url, timeoutMs: 2_000 });
  dir = await mkdtemp(join(tmpdir(), 'hierarchy-snapshots-'));
});
afterAll(async () => {
  await client.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

/** The client, counting completed walks. */
function counting(inner: OrgSource) {
  const c = { completed: 0 };
  const source = Object.create(inner) as OrgSource;
  source.hierarchy = async () => {
    try {
      return await inner.hierarchy();
    } finally {
      c.completed++;
    }
  };
  return { source, c };
}

function inRequest(h: OrgHierarchy) {
  return runInRequestScope(async () => {
    const index = await h.current();
    return { index, stale: staleDataOf(currentRequestScope()) };
  });
}

/** A subgraph process's hierarchy, as hierarchyOptionsFromEnv configures it. */
function hierarchy(source: OrgSource, env: Record<string, string>, options: { baseUrl?: string; organisationUuids?: string[]; now?: () => number } = {}) {
  const org = { baseUrl: options.baseUrl ?? sim.url, maxBatchSize: 100, timeoutMs: 30_000, organisationUuids: options.organisationUuids };
  return new OrgHierarchy(source, { ...hierarchyOptionsFromEnv({ ORG_HIERARCHY_TTL_SECONDS: '60', ...env }, org, silentLogger), now: options.now }).start();
}

const stores = [
  { kind: 'file', skip: false, env: () => ({ SNAPSHOT_DIR: dir }) },
  { kind: 'Redis', skip: !redis, env: () => ({ REDIS_URL }) },
] as const;

describe.each(stores)('the persisted hierarchy snapshot ($kind)', ({ skip, env }) => {
  it.skipIf(skip)('lets a restarted hierarchy answer before any FK ORG walk completes, stale by its age', async () => {
    sim.clearFaults();
    const before = hierarchy(client, env());
    await before.whenReady();
    const original = (await inRequest(before)).index;
    // Persisted right after the load.
    const persisted = snapshotPersistence({ kind: 'fkorg-hierarchy', format: HIERARCHY_FORMAT, source: `${sim.url} ` }, 86_400_000, env());
    await expect.poll(async () => (await persisted!.load()) !== undefined).toBe(true);
    await persisted!.close();
    await before.close();

    // The restart: FK ORG's walk never completes now, and the clock is ten minutes on (TTL 60 s).
    sim.setFault(FREMSOEG, { timeout: true });
    const { source, c } = counting(client);
    const restarted = hierarchy(source, env(), { now: () => Date.now() + 600_000 });
    try {
      await restarted.whenReady();
      const { index, stale } = await inRequest(restarted);
      expect(c.completed).toBe(0);
      expect(index.size).toBe(original.size);
      expect(index.size).toBe(m.org.units.length);
      expect(index.idForOpusId(m.org.units[3].opusId)).toBe(m.org.units[3].id);
      expect(stale).toEqual([{ source: 'FK ORG', ageSeconds: expect.any(Number) }]);
      expect(stale[0].ageSeconds).toBeGreaterThanOrEqual(600);
    } finally {
      await restarted.close();
      sim.clearFaults();
    }
  });

  it.skipIf(skip)('serves no snapshot of another FK ORG, another organisation or another format', async () => {
    sim.setFault(FREMSOEG, { timeout: true });
    const others = [
      hierarchy(client, env(), { baseUrl: 'https://organisation.example.invalid' }),
      hierarchy(client, env(), { organisationUuids: ['6a0f5c4e-0000-4000-8000-000000000001'] }),
    ];
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (const h of others) {
        expect(h.ready).toBe(false);
        await expect(inRequest(h)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
      }
    } finally {
      await Promise.all(others.map((h) => h.close()));
      sim.clearFaults();
    }
    const sameFkOrg = (format: number) => snapshotPersistence({ kind: 'fkorg-hierarchy', format, source: `${sim.url} ` }, 86_400_000, env())!;
    const [current, next] = [sameFkOrg(HIERARCHY_FORMAT), sameFkOrg(HIERARCHY_FORMAT + 1)];
    expect(await current.load()).toBeDefined();
    expect(await next.load()).toBeUndefined();
    await Promise.all([current.close(), next.close()]);
  });
});

describe('what is kept at rest', () => {
  const name = m.org.units[5].versions[0].name;

  it('is a sealed file whose name and content reveal no unit name or FK ORG address', async () => {
    const files = await readdir(dir);
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f).toMatch(new RegExp(`^fkorg-hierarchy-v${HIERARCHY_FORMAT}-[A-Za-z0-9_-]+\\.bin$`));
      const raw = await readFile(join(dir, f));
      expect(raw.includes(Buffer.from(name))).toBe(false);
      expect(raw.includes(Buffer.from('127.0.0.1'))).toBe(false);
    }
  });

  it.skipIf(!redis)('is a sealed Redis value under a key that reveals nothing', async () => {
    const r = createClient({ url: REDIS_URL });
    await r.connect();
    try {
      const keys = await r.keys(`kommunegraf:snapshot*fkorg-hierarchy-v${HIERARCHY_FORMAT}-*`);
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) {
        expect(k).not.toContain('127.0.0.1');
        expect(await r.get(k)).not.toContain(name);
      }
    } finally {
      await r.quit();
    }
  });
});
