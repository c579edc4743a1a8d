// The process-wide hierarchy snapshot against the FK ORG simulator: loaded in the background from
// start(), never by a request; requests before the first snapshot fail at once with SOURCE_UNAVAILABLE;
// one load at a time whatever asks; refreshed on its timer and swapped in when loaded; a failed or
// too slow load keeps the old snapshot, is logged, counted and retried, and answers past the TTL say
// they are stale.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import type { OrgSource } from '../../sources/fkorg/OrgSource.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { OrgHierarchy, type HierarchyOptions } from '../../subgraphs/organisation/hierarchy.js';
import { registry } from '../../platform/metrics.js';
import { currentRequestScope, runInRequestScope, staleDataOf } from '../../platform/resilience/requestScope.js';
import { sampleMunicipality } from '../support/stack.js';

const FREMSOEG = 'organisationsystem.fremsoegobjekthierarki' as const;
const UNITS = sampleMunicipality(60).org.units.length;
let sim: FkOrgSimulator;
let client: FkOrgSoapClient;
let perWalk: number;
let warnings: string[];
const opened: OrgHierarchy[] = [];

beforeAll(async () => {
  sim = await startFkOrgSimulator({ snapshot: sampleMunicipality(60).org });
  // Small pages, so one walk is several calls and a slow page shows in the middle of a walk.
  client = new FkOrgSoapClient({ baseUrl: sim.url, timeoutMs: 5_000, hierarchyPageSize: 50 });
  await client.hierarchy();
  perWalk = walks();
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => {
  warnings = [];
  sim.clearFaults();
  sim.resetCalls();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

const walks = () => sim.calls.filter((c) => c.operation === 'fremsoegobjekthierarki').length;

/** The client, counting hierarchy loads running at once and completed. */
function counting(inner: OrgSource) {
  const c = { running: 0, most: 0, completed: 0 };
  const source = Object.create(inner) as OrgSource;
  source.hierarchy = async (options) => {
    c.most = Math.max(c.most, ++c.running);
    try {
      return await inner.hierarchy(options);
    } finally {
      c.running--;
      c.completed++;
    }
  };
  return { source, c };
}

function start(source: OrgSource, options: Partial<HierarchyOptions> = {}) {
  const h = new OrgHierarchy(source, {
    name: 'fkorg-hierarchy-test',
    source: 'FK ORG',
    what: 'The organisation from FK ORG',
    ttlMs: 60_000,
    loadTimeoutMs: 60_000,
    retry: { baseDelayMs: 20, maxDelayMs: 100 },
    log: { info: () => undefined, warn: (_o: object, msg: string) => void warnings.push(msg) },
    ...options,
  });
  opened.push(h);
  return h.start();
}

/** `current()` as one request: its value and what it noted as stale. */
function inRequest(h: OrgHierarchy) {
  return runInRequestScope(async () => {
    const index = await h.current();
    return { index, stale: staleDataOf(currentRequestScope()) };
  });
}

async function failedLoads(): Promise<number> {
  const metric = await registry.getSingleMetric('kommunegraf_snapshot_loads_total')!.get();
  return metric.values.find((v) => v.labels.snapshot === 'fkorg-hierarchy-test' && v.labels.outcome === 'failed')?.value ?? 0;
}

describe('hierarchy snapshot', () => {
  it('is loaded once from start(); requests before it fail at once with SOURCE_UNAVAILABLE and start nothing', async () => {
    sim.setFault(FREMSOEG, { latencyMs: 300 });
    const { source, c } = counting(client);
    const h = start(source);
    const early = await Promise.allSettled(Array.from({ length: 20 }, () => inRequest(h)));
    expect(h.ready).toBe(false);
    for (const r of early) expect(r).toMatchObject({ status: 'rejected', reason: { code: 'SOURCE_UNAVAILABLE', source: 'FK ORG' } });
    expect((early[0] as PromiseRejectedResult).reason.clientMessage).toMatch(/still loading/);

    await h.whenReady();
    const answers = await Promise.all(Array.from({ length: 20 }, () => inRequest(h)));
    expect(new Set(answers.map((a) => a.index)).size).toBe(1);
    expect(answers[0].index.size).toBe(UNITS);
    expect(answers.every((a) => a.stale.length === 0)).toBe(true);
    expect(c.completed).toBe(1);
    expect(c.most).toBe(1);
    expect(walks()).toBe(perWalk);
  });

  it('refreshes on its timer (half the TTL), one load at a time, and swaps the new snapshot in', async () => {
    sim.setFault(FREMSOEG, { latencyMs: 20 });
    const { source, c } = counting(client);
    const h = start(source, { ttlMs: 200 });
    await h.whenReady();
    const first = (await inRequest(h)).index;
    await expect.poll(() => c.completed, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect((await inRequest(h)).index).not.toBe(first);
    expect(c.most).toBe(1);
    // Walks never overlap: every call belongs to a whole walk, the one in progress aside.
    expect(walks()).toBeLessThanOrEqual((c.completed + 1) * perWalk);
  });

  it('keeps the old snapshot when a refresh fails, retries with backoff, counts and logs it, and answers past the TTL say stale', async () => {
    const { source, c } = counting(client);
    const h = start(source, { ttlMs: 1_000 });
    await h.whenReady();
    const loadedAt = Date.now();
    const first = (await inRequest(h)).index;
    const failedBefore = await failedLoads();

    sim.setFault(FREMSOEG, { httpStatus: 503 });
    // Due after half the TTL, then retried after 10-20, 20-40, ... ms.
    await expect.poll(() => warnings.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
    expect(warnings[0]).toMatch(/load failed/);
    expect(await failedLoads()).toBeGreaterThanOrEqual(failedBefore + 3);
    expect(c.most).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, loadedAt + 1_100 - Date.now())));
    const stale = await inRequest(h);
    expect(stale.index).toBe(first);
    expect(stale.stale).toEqual([{ source: 'FK ORG', ageSeconds: expect.any(Number) }]);
    expect(stale.stale[0].ageSeconds).toBeGreaterThanOrEqual(1);

    sim.clearFaults();
    await expect.poll(async () => (await inRequest(h)).index !== first, { timeout: 10_000 }).toBe(true);
    expect((await inRequest(h)).stale).toEqual([]);
  });

  it('counts a walk past the load bound as failed and starts the next only after it has ended', async () => {
    // The first walk outlives the bound: it goes on 50 ms after it is told to stop (the simulator's
    // latency applies to every call, not a number of them). The bound is generous for the second,
    // which must finish within it even on a busy machine.
    let late = 1;
    const signals: Array<AbortSignal | undefined> = [];
    const slowFirst = Object.create(client) as OrgSource;
    slowFirst.hierarchy = async (options) => {
      signals.push(options?.signal);
      if (late-- > 0) {
        await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve, { once: true }));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return client.hierarchy();
    };
    const { source, c } = counting(slowFirst);
    const h = start(source, { loadTimeoutMs: 1_000 });
    // The warning comes when the bound has passed: wait longer than the bound for it.
    await expect.poll(() => warnings.length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
    expect(h.ready).toBe(false);
    await h.whenReady();
    expect(c.most).toBe(1);
    expect(c.completed).toBe(2);
    // The late walk was told to stop; the one after it was not.
    expect(signals.map((s) => s?.aborted)).toEqual([true, false]);
  });

  it('is past its maximum age answered by no request', async () => {
    let now = Date.now();
    const h = start(client, { ttlMs: 60_000, maxStaleMs: 120_000, now: () => now });
    await h.whenReady();
    sim.setFault(FREMSOEG, { httpStatus: 503 });
    now += 121_000;
    await expect(inRequest(h)).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE', clientMessage: expect.stringMatching(/too long/) });
  });
});
