// The process-wide hierarchy snapshot against the FK ORG simulator, on a clock the test moves: read
// once while fresh, served stale while a new one loads in the background, shared by concurrent
// callers, kept when a background refresh fails, and waited for (and its failure reported) once too old.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FkOrgSoapClient } from '../../sources/fkorg/FkOrgSoapClient.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { OrgHierarchy } from '../../subgraphs/organisation/hierarchy.js';
import { sampleMunicipality } from '../support/stack.js';

const FREMSOEG = 'organisationsystem.fremsoegobjekthierarki' as const;
let sim: FkOrgSimulator;
let client: FkOrgSoapClient;
let now: number;
let refreshErrors: unknown[];
let hierarchy: OrgHierarchy;

beforeAll(async () => {
  sim = await startFkOrgSimulator({ snapshot: sampleMunicipality(60).org });
  client = new FkOrgSoapClient({ baseUrl: sim.url, timeoutMs: 2_000 });
});
afterAll(async () => {
  await client.close();
  await sim.close();
});
beforeEach(() => {
  now = 1_000_000;
  refreshErrors = [];
  sim.setFault(FREMSOEG, null);
  hierarchy = new OrgHierarchy(client, { ttlMs: 60_000, maxStaleMs: 600_000, now: () => now, onRefreshError: (e) => refreshErrors.push(e) });
  sim.resetCalls();
});

const walks = () => sim.calls.filter((c) => c.operation === 'fremsoegobjekthierarki').length;

describe('hierarchy snapshot', () => {
  it('is read once and reused while fresh; concurrent first callers share the one walk', async () => {
    const [a, b] = await Promise.all([hierarchy.current(), hierarchy.current()]);
    expect(a).toBe(b);
    const perWalk = walks();
    expect(perWalk).toBeGreaterThan(0);
    expect(a.size).toBe(sampleMunicipality(60).org.units.length);
    now += 59_000;
    expect(await hierarchy.current()).toBe(a);
    expect(walks()).toBe(perWalk);
  });

  it('once stale, answers from the old snapshot at once and swaps in the new one when it has loaded', async () => {
    const first = await hierarchy.current();
    const perWalk = walks();
    now += 61_000;
    const stale = await hierarchy.current();
    expect(stale).toBe(first);
    // The background refresh has started; waiting for a fresh answer shows it completes.
    await expect.poll(() => walks()).toBe(2 * perWalk);
    await expect.poll(async () => (await hierarchy.current()) !== first).toBe(true);
    expect(walks()).toBe(2 * perWalk);
  });

  it('keeps the stale snapshot when the background refresh fails, and fails once it is too old', async () => {
    const first = await hierarchy.current();
    sim.setFault(FREMSOEG, { httpStatus: 503 });
    now += 61_000;
    expect(await hierarchy.current()).toBe(first);
    await expect.poll(() => refreshErrors.length).toBe(1);
    expect(await hierarchy.current()).toBe(first);

    now += 600_000;
    await expect(hierarchy.current()).rejects.toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
    sim.setFault(FREMSOEG, null);
    const fresh = await hierarchy.current();
    expect(fresh).not.toBe(first);
  });
});
