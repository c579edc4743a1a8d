// The hierarchy through the whole graph, with FK ORG's fremsoegobjekthierarki slower per page than a
// request's deadline: before the first snapshot the organisation subgraph and the gateway say 503 at
// /ready and a query gets SOURCE_UNAVAILABLE at once, while one walk runs however many queries come;
// after it every query answers, also while refreshes run; a failed refresh keeps the old snapshot and
// answers past the TTL carry staleData.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForReady, type Stack } from '../../gateway/stack.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const FREMSOEG = 'organisationsystem.fremsoegobjekthierarki' as const;
const DEADLINE_MS = 1_000;
// Pages slower than a request may wait, and slow enough that 20 queries are answered before the first one ends.
const PAGE_MS = 4_000;
let stack: Stack;
let auth: Record<string, string>;

beforeAll(async () => {
  stack = await testStack({
    employees: 200,
    waitForReady: false,
    fkorgFaults: { [FREMSOEG]: { latencyMs: PAGE_MS } },
    resilience: resilienceConfigFromEnv({ SOURCE_DEADLINE_MS: String(DEADLINE_MS), SUBGRAPH_TIMEOUT_MS: '5000' }),
    // Refreshed every second (half the TTL), each walk longer than a request may wait.
    snapshotEnv: { SNAPSHOT_DIR: 'off', ORG_HIERARCHY_TTL_SECONDS: '2', ORG_HIERARCHY_RETRY_BASE_MS: '100', ORG_HIERARCHY_RETRY_MAX_MS: '200' },
  });
  auth = await stack.headers({ scopes: ['org:read', 'employee:read'] });
}, 60_000);
afterAll(() => stack?.close());

const walks = () => stack.sources.fkorg.calls.filter((c) => c.operation === 'fremsoegobjekthierarki').length;
const readiness = async (url: string) => {
  const res = await fetch(new URL('/ready', url));
  return { status: res.status, body: await res.json() };
};

const ORG_QUERY = `{
  orgUnits(first: 3) {
    totalCount
    nodes { name children { name } managers { title } employments { employmentNumber } }
  }
}`;

describe('the hierarchy snapshot in the graph', () => {
  it('before the first snapshot: /ready 503, a clear error at once, and one walk however many queries come', async () => {
    expect((await readiness(stack.subgraphs.organisation.url)).status).toBe(503);
    expect((await readiness(stack.subgraphs.employee.url)).status).toBe(200);
    const gateway = await readiness(stack.url);
    expect(gateway.status).toBe(503);
    expect(gateway.body.subgraphs).toMatchObject({ organisation: false, employee: true, payroll: true });

    const answers = await Promise.all(Array.from({ length: 20 }, () => post(stack.url, ORG_QUERY, undefined, auth)));
    // At once: every answer came while the first walk was still on its first page, not after it.
    expect((await readiness(stack.subgraphs.organisation.url)).status).toBe(503);
    for (const a of answers) {
      expect(codes(a)).toEqual(['SOURCE_UNAVAILABLE']);
      expect(a.body.errors![0]).toMatchObject({ message: expect.stringMatching(/still loading/), extensions: { source: 'FK ORG' } });
    }
    // The first page of the one walk is still on its way; no query started another.
    expect(walks()).toBe(1);

    await waitForReady(stack.url, 30_000);
    expect((await readiness(stack.subgraphs.organisation.url)).status).toBe(200);
    expect((await readiness(stack.url)).body.subgraphs).toEqual({ employee: true, organisation: true, absence: true, payroll: true });
    const ok = await post(stack.url, ORG_QUERY, undefined, auth);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.orgUnits.nodes.length).toBe(3);
  });

  it('after it, no query fails while refreshes slower than the deadline run', async () => {
    const walksBefore = walks();
    const failures: unknown[] = [];
    let sent = 0;
    const until = Date.now() + 4_000;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() < until) {
          const res = await post(stack.url, ORG_QUERY, undefined, auth);
          sent++;
          if (res.body.errors) failures.push(res.body.errors);
        }
      }),
    );
    expect(sent).toBeGreaterThan(10);
    expect(failures).toEqual([]);
    expect(walks()).toBeGreaterThan(walksBefore);
  });

  it('keeps the old snapshot when refreshes fail, and answers past the TTL say stale', async () => {
    stack.sources.fkorg.setFault(FREMSOEG, { httpStatus: 503 });
    await new Promise((resolve) => setTimeout(resolve, 4_500));
    const stale = await post(stack.url, ORG_QUERY, undefined, auth);
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data.orgUnits.nodes.length).toBe(3);
    expect(stale.body.extensions?.staleData).toEqual([{ source: 'FK ORG', ageSeconds: expect.any(Number) }]);
    const metrics = await (await fetch(new URL('/metrics', stack.subgraphs.organisation.url))).text();
    expect(metrics).toMatch(/kommunegraf_snapshot_loads_total\{snapshot="fkorg-hierarchy",outcome="failed"\} [1-9]/);

    stack.sources.fkorg.clearFaults();
    stack.sources.fkorg.setFault(FREMSOEG, { latencyMs: 10 });
    await expect.poll(async () => (await post(stack.url, ORG_QUERY, undefined, auth)).body.extensions?.staleData, { timeout: 10_000 }).toBeUndefined();
  });
});
