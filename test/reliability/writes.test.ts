// Writes through two gateway replicas sharing Redis, proven against what Opus applied and stores: a
// multi-line one-off payment is one Opus update (all lines or none), a refused or failed write changes
// nothing and is reported with Opus's own message, and a retry with the same key after any failure
// (refusal, Opus down, answer lost) converges on one application, through either replica.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Employment } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';
import { sampleMunicipality } from '../support/stack.js';
import { paymentLine, SUBMIT } from '../payroll/submit.js';
import { startReplicas, type ReplicaSet } from './replicas.js';

const PAYMENTS = 'update-onetime-payments';
const COMMUNICATION = 'update-communication';

let set: ReplicaSet | undefined;
let auth: Record<string, string>;
let a: string;
let b: string;
const redis = await serviceAvailable('redis', 'writes through replicas sharing Redis');

beforeAll(async () => {
  if (!redis) return;
  // The Opus client gives up after 1.5 s, so a slow Opus can apply a write whose answer is lost.
  set = await startReplicas({ municipality: sampleMunicipality(60), redisUrl: REDIS_URL, opusTimeoutMs: 1_500, sourceEnv: { SOURCE_DEADLINE_MS: '5000' } });
  auth = await set.headers({ scopes: ['payments:write', 'communication:write', 'employee:read'] });
  [a, b] = set.replicas.map((r) => r.url);
});
afterEach(() => {
  set?.sources.opus.setFault(PAYMENTS, null);
  set?.sources.opus.setFault(COMMUNICATION, null);
  set?.sources.opus.lockedEmployments.clear();
});
afterAll(() => set?.close());

let next = 0;
/** An employment of its own for each test, as Opus holds it now (updates change it in place). */
function employment(): Employment {
  const e = set!.municipality.opus.employments.filter((x) => x.contract.end === null)[next++];
  return set!.sources.opus.snapshot.employments.find((x) => x.employmentNumber === e.employmentNumber)!;
}

const UPDATE = /* GraphQL */ `
  mutation Update($n: ID!, $k: String!, $input: CommunicationInput!) {
    updateCommunication(employmentNumber: $n, idempotencyKey: $k, input: $input) { replayed communication { workEmail workPhone } }
  }
`;

const until = async (what: string, done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!done()) throw new Error(`gave up waiting until ${what}`);
};

describe.skipIf(!redis)('one-off payments', () => {
  it('are one Opus update per submission: all lines stored, or none when one line is refused', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const costCentre = set!.municipality.opus.orgUnits.find((u) => u.costCenter)!.costCenter;
    const lines = [paymentLine({ wageType: '2471' }), paymentLine({ wageType: '2471', sequence: 2, costCentre: '0000000000' }), paymentLine({ wageType: '2471', sequence: 3 })];
    const [stored, applied] = [e.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.resetCalls();

    const refused = await post(a, SUBMIT, { n: e.employmentNumber, p: lines, k: randomUUID() }, auth);
    expect(refused.body.errors).toBeUndefined();
    expect(refused.body.data.submitOneOffPayments).toMatchObject({ accepted: false, stored: false, replayed: false });
    // Opus's own code and text, on the line it concerns.
    expect(refused.body.data.submitOneOffPayments.messages).toEqual([
      { code: 'INVALID_COST_CENTRE', opusCode: '119', severity: 'ERROR', text: 'Engangsydelse Nr. 002: Angiv gyldigt omkostningssted.', line: 2 },
    ]);
    expect(e.oneOffPayments.length).toBe(stored);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied);

    lines[1] = paymentLine({ wageType: '2471', sequence: 2, costCentre });
    const accepted = await post(b, SUBMIT, { n: e.employmentNumber, p: lines, k: randomUUID() }, auth);
    expect(accepted.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true });
    expect(e.oneOffPayments.length).toBe(stored + 3);
    expect(e.oneOffPayments.slice(-3).map((p) => p.sequence)).toEqual(['1', '2', '3']);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied + 1);
    // Two submissions, two Opus updates: never one call per line.
    expect(opus.calls.filter((c) => c.endpoint === PAYMENTS)).toHaveLength(2);
  });

  it('refused by Opus (employee locked) change nothing, keep the key, and store once when retried through the other replica', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const key = randomUUID();
    const vars = { n: e.employmentNumber, p: [paymentLine({ wageType: '2472' }), paymentLine({ wageType: '2472', sequence: 2 })], k: key };
    const [stored, applied] = [e.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.lockedEmployments.add(e.employmentNumber);
    opus.resetCalls();

    const refused = await post(a, SUBMIT, vars, auth);
    expect(refused.body.data.submitOneOffPayments).toMatchObject({ accepted: false, stored: false });
    expect(refused.body.data.submitOneOffPayments.messages).toEqual([{ code: 'EMPLOYEE_LOCKED', opusCode: '138', severity: 'ERROR', text: 'Medarbejderen er låst.', line: null }]);
    expect(e.oneOffPayments.length).toBe(stored);

    opus.lockedEmployments.delete(e.employmentNumber);
    const retry = await post(b, SUBMIT, vars, auth);
    expect(retry.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: false });
    const again = await post(a, SUBMIT, vars, auth);
    expect(again.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: true });
    const sent = opus.calls.filter((c) => c.endpoint === PAYMENTS);
    expect(sent).toHaveLength(2);
    expect(sent[1].updateId).toBe(sent[0].updateId);
    expect(e.oneOffPayments.length).toBe(stored + 2);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied + 1);
  });

  it('failing because Opus is down change nothing, are not resent by the subgraph, and store once when the client retries', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const vars = { n: e.employmentNumber, p: [paymentLine({ wageType: '2473' })], k: randomUUID() };
    const [stored, applied] = [e.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.setFault(PAYMENTS, { status: 503 });
    opus.resetCalls();

    const failed = await post(a, SUBMIT, vars, auth);
    expect(codes(failed)).toEqual(['SOURCE_UNAVAILABLE']);
    expect(failed.body.errors![0].extensions).toMatchObject({ source: 'KMD Opus' });
    // Writes are never retried behind the client's back.
    expect(opus.calls.filter((c) => c.endpoint === PAYMENTS)).toHaveLength(1);
    expect(e.oneOffPayments.length).toBe(stored);

    opus.setFault(PAYMENTS, null);
    const retry = await post(b, SUBMIT, vars, auth);
    expect(retry.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true });
    expect(e.oneOffPayments.length).toBe(stored + 1);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied + 1);
  });

  it('whose answer was lost (Opus stored it after the call timed out) store once when retried through the other replica', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const vars = { n: e.employmentNumber, p: [paymentLine({ wageType: '2474' }), paymentLine({ wageType: '2474', sequence: 2 })], k: randomUUID() };
    const [stored, applied] = [e.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.setFault(PAYMENTS, { latencyMs: 2_000 });
    opus.resetCalls();

    const lost = await post(a, SUBMIT, vars, auth);
    expect(codes(lost)).toEqual(['SOURCE_TIMEOUT']);
    await until('Opus stored the first attempt', () => opus.appliedUpdates.oneOffPayments === applied + 1);
    opus.setFault(PAYMENTS, null);

    const retry = await post(b, SUBMIT, vars, auth);
    expect(retry.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true });
    const sent = opus.calls.filter((c) => c.endpoint === PAYMENTS);
    expect(sent).toHaveLength(2);
    expect(sent[1].updateId).toBe(sent[0].updateId);
    expect(e.oneOffPayments.length).toBe(stored + 2);
    expect(opus.appliedUpdates.oneOffPayments).toBe(applied + 1);
  });
});

describe.skipIf(!redis)('communication updates', () => {
  it('refused by Opus change nothing and say so with Opus’s message and codes; the retry after the cause is gone applies once', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const before = structuredClone(e.communication);
    const vars = { n: e.employmentNumber, k: randomUUID(), input: { workEmail: 'locked.test@kommune.dk', workPhone: '+45 87 65 43 21' } };
    const applied = opus.appliedUpdates.communication;
    opus.lockedEmployments.add(e.employmentNumber);

    const refused = await post(a, UPDATE, vars, auth);
    expect(codes(refused)).toEqual(['SOURCE_REJECTED']);
    expect(refused.body.errors![0].message).toContain('Medarbejderen er låst.');
    expect(refused.body.errors![0].extensions).toMatchObject({ source: 'KMD Opus', opusMessages: [{ code: '138', type: 'E', text: 'Medarbejderen er låst.' }] });
    expect(e.communication).toEqual(before);
    expect(opus.appliedUpdates.communication).toBe(applied);

    opus.lockedEmployments.delete(e.employmentNumber);
    const retry = await post(b, UPDATE, vars, auth);
    expect(retry.body.data.updateCommunication).toEqual({ replayed: false, communication: { workEmail: 'locked.test@kommune.dk', workPhone: '87654321' } });
    expect((await post(a, UPDATE, vars, auth)).body.data.updateCommunication.replayed).toBe(true);
    expect(e.communication).toMatchObject({ workEmail: 'locked.test@kommune.dk', workPhone: '87654321', mobilePhone: before.mobilePhone });
    expect(opus.appliedUpdates.communication).toBe(applied + 1);
  });

  it('whose answer was lost are applied once when the client retries through the other replica', async () => {
    const opus = set!.sources.opus;
    const e = employment();
    const vars = { n: e.employmentNumber, k: randomUUID(), input: { mobilePhone: '22 33 44 55' } };
    const applied = opus.appliedUpdates.communication;
    opus.setFault(COMMUNICATION, { latencyMs: 2_000 });
    opus.resetCalls();

    expect(codes(await post(a, UPDATE, vars, auth))).toEqual(['SOURCE_TIMEOUT']);
    await until('Opus applied the first attempt', () => opus.appliedUpdates.communication === applied + 1);
    opus.setFault(COMMUNICATION, null);

    const retry = await post(b, UPDATE, vars, auth);
    expect(retry.body.errors).toBeUndefined();
    expect(e.communication.mobilePhone).toBe('22334455');
    const sent = opus.calls.filter((c) => c.endpoint === COMMUNICATION);
    expect(sent).toHaveLength(2);
    expect(sent[1].updateId).toBe(sent[0].updateId);
    expect(opus.appliedUpdates.communication).toBe(applied + 1);
  });
});
