// Two replicas of the graph (each its own gateway and four subgraphs) sharing Redis: what one replica
// registered, recorded or cached, the other knows, over HTTP as clients meet it.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Employment } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';
import { sampleMunicipality } from '../support/stack.js';
import { paymentLine, SUBMIT } from '../payroll/submit.js';
import { startReplicas, type ReplicaSet } from './replicas.js';

let set: ReplicaSet | undefined;
let auth: Record<string, string>;
let a: string;
let b: string;
const redis = await serviceAvailable('redis', 'replicas sharing Redis');

beforeAll(async () => {
  if (!redis) return;
  set = await startReplicas({ municipality: sampleMunicipality(60), redisUrl: REDIS_URL });
  auth = await set.headers();
  [a, b] = set.replicas.map((r) => r.url);
});
afterAll(() => set?.close());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const active = () => set!.municipality.opus.employments.filter((e) => e.contract.end === null);

const UPDATE = /* GraphQL */ `
  mutation Update($n: ID!, $k: String!, $email: String) {
    updateCommunication(employmentNumber: $n, idempotencyKey: $k, input: { workEmail: $email }) { replayed communication { workEmail } }
  }
`;

describe.skipIf(!redis)('two replicas sharing Redis', () => {
  it('run by its hash on one gateway an operation registered (APQ) on the other', async () => {
    const unit = set!.municipality.org.units[0].id;
    const query = `{ orgUnit(id: "${unit}") { name } } # ${randomUUID()}`;
    const byHash = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } };
    const send = (url: string, body: object) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(body) }).then((r) => r.json());
    expect((await send(b, byHash)).errors?.[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await send(a, { query, ...byHash });
    expect(registered.errors).toBeUndefined();
    // Apollo writes the registration after answering; it lands in Redis within moments.
    let onB: any;
    for (let i = 0; i < 20 && !onB?.data; i++) {
      if (i) await new Promise((r) => setTimeout(r, 50));
      onB = await send(b, byHash);
    }
    expect(onB).toEqual(registered);
  });

  it('replay through one replica a communication update the other applied, without applying it again', async () => {
    const opus = set!.sources.opus;
    const e = active()[0];
    const key = randomUUID();
    const vars = { n: e.employmentNumber, k: key, email: `replica.${key.slice(0, 8)}@kommune.dk` };
    const applied = opus.appliedUpdates.communication;
    opus.resetCalls();
    const first = await post(a, UPDATE, vars, auth);
    expect(first.body.data.updateCommunication).toEqual({ replayed: false, communication: { workEmail: vars.email } });
    const again = await post(b, UPDATE, vars, auth);
    expect(again.body.data.updateCommunication).toEqual({ replayed: true, communication: { workEmail: vars.email } });
    expect(opus.appliedUpdates.communication).toBe(applied + 1);
    expect(opus.calls.filter((c) => c.endpoint === 'update-communication')).toHaveLength(1);
    // The same key for another change is refused on either replica.
    expect(codes(await post(b, UPDATE, { ...vars, email: 'other@kommune.dk' }, auth))).toEqual(['IDEMPOTENCY_KEY_REUSED']);
  });

  it('apply once a payment sent to both replicas at the same moment, and answer both alike', async () => {
    const opus = set!.sources.opus;
    const e: Employment = active()[1];
    const key = randomUUID();
    const stored = e.oneOffPayments.length;
    const applied = opus.appliedUpdates.oneOffPayments;
    const vars = { n: e.employmentNumber, p: [paymentLine({ wageType: '2461' }), paymentLine({ wageType: '2461', sequence: 2 })], k: key };
    const answers = await Promise.all([post(a, SUBMIT, vars, auth), post(b, SUBMIT, vars, auth), post(a, SUBMIT, vars, auth)]);
    for (const answer of answers) expect(answer.body.errors).toBeUndefined();
    const results = answers.map((r) => r.body.data.submitOneOffPayments);
    expect(new Set(results.map((r) => r.updateId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.accepted && r.stored)).toBe(true);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied + 1);
    const live = opus.snapshot.employments.find((x) => x.employmentNumber === e.employmentNumber)!;
    expect(live.oneOffPayments.length).toBe(stored + 2);
  });

  it('answer through one replica from the copy the other cached, while Opus is down, saying how old it is', async () => {
    const opus = set!.sources.opus;
    const e = active()[2];
    const query = 'query($n: ID!) { employment(employmentNumber: $n) { employmentNumber contract { position } } }';
    const fresh = await post(a, query, { n: e.employmentNumber }, auth);
    expect(fresh.body.errors).toBeUndefined();
    expect(fresh.body.extensions?.staleData).toBeUndefined();
    // The copy is written after the answer; give it a moment to land in Redis.
    await new Promise((r) => setTimeout(r, 200));
    opus.setFault('read-employee-data', { status: 503 });
    try {
      opus.resetCalls();
      const stale = await post(b, query, { n: e.employmentNumber }, auth);
      expect(stale.body.errors).toBeUndefined();
      expect(stale.body.data).toEqual(fresh.body.data);
      expect(stale.body.extensions?.staleData).toEqual([{ source: 'KMD Opus', ageSeconds: expect.any(Number) }]);
      // Opus was asked (and retried) before the copy was served.
      expect(opus.calls.filter((c) => c.endpoint === 'read-employee-data').length).toBeGreaterThan(1);
      // Data nobody cached is not invented: it fails with the source's code.
      const other = active()[3];
      const uncached = await post(b, query, { n: other.employmentNumber }, auth);
      expect(codes(uncached)).toEqual(['SOURCE_UNAVAILABLE']);
    } finally {
      opus.setFault('read-employee-data', null);
    }
  });
});
