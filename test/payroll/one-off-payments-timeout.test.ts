// A payment whose answer comes too late must still be stored once: when the gateway gives up on the
// payroll subgraph while Opus is still working, and when the subgraph gives up on Opus after Opus has
// already stored it. In both cases the client retries with the same idempotency key.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { paymentLine, SUBMIT } from './submit.js';

const ENDPOINT = 'update-onetime-payments';

function harness(options: Parameters<typeof testStack>[0]) {
  const h = {} as { stack: Stack; auth: Record<string, string>; employment: Employment };
  beforeAll(async () => {
    h.stack = await testStack({ employees: 60, ...options });
    h.auth = await h.stack.headers({ scopes: ['payments:write'] });
    h.employment = h.stack.municipality.opus.employments.find((e) => e.contract.end === null)!;
  });
  afterEach(() => h.stack.sources.opus.setFault(ENDPOINT, null));
  afterAll(() => h.stack?.close());
  return h;
}

const until = async (what: string, done: () => boolean, attempts = 100) => {
  for (let i = 0; i < attempts && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!done()) throw new Error(`gave up waiting until ${what}`);
};

describe('the gateway times out while Opus is still storing the payment', () => {
  // Opus answers after 3 s; the gateway waits 1 s for the payroll subgraph, the subgraph 10 s for Opus.
  const h = harness({ gateway: { subgraphTimeoutMs: 1_000 } });

  it('a client retrying with the same key gets the first answer, and Opus stored the payment once', async () => {
    const { stack, employment } = h;
    const opus = stack.sources.opus;
    const submit = () => post(stack.url, SUBMIT, { n: employment.employmentNumber, p: [paymentLine({ wageType: '2450' })], k: key }, h.auth);
    const key = randomUUID();
    const [storedBefore, appliedBefore] = [employment.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.resetCalls();
    opus.setFault(ENDPOINT, { latencyMs: 3_000 });

    const first = await submit();
    expect(first.body.data?.submitOneOffPayments ?? null).toBeNull();
    // The outcome is unknown to the client, which the code says: retry with the same key.
    expect(codes(first)).toEqual(['SUBGRAPH_TIMEOUT']);
    expect(opus.appliedUpdates.oneOffPayments).toBe(appliedBefore);

    // Retries while the first attempt is in flight wait for it and send nothing; they may time out too.
    let answer: GraphQLResponse | undefined;
    const failures: string[] = [];
    for (let i = 0; i < 30 && !answer; i++) {
      const res = await submit();
      if (res.body.data?.submitOneOffPayments) answer = res;
      else failures.push(...codes(res));
    }
    expect(answer, `retries failed with ${failures.join(', ')}`).toBeDefined();
    expect(answer!.body.data!.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: true });
    expect(opus.calls.filter((c) => c.endpoint === ENDPOINT)).toHaveLength(1);
    expect(opus.appliedUpdates.oneOffPayments).toBe(appliedBefore + 1);
    expect(employment.oneOffPayments.length).toBe(storedBefore + 1);
  });
});

describe('the subgraph times out on Opus after Opus stored the payment', () => {
  // Opus answers after 1.5 s; the subgraph's Opus client waits 1 s.
  const h = harness({ opusTimeoutMs: 1_000 });

  it('the retry resends the same OpdateringsID, which Opus applies only once', async () => {
    const { stack, employment } = h;
    const opus = stack.sources.opus;
    const key = randomUUID();
    const submit = () => post(stack.url, SUBMIT, { n: employment.employmentNumber, p: [paymentLine({ wageType: '2451' })], k: key }, h.auth);
    const [storedBefore, appliedBefore] = [employment.oneOffPayments.length, opus.appliedUpdates.oneOffPayments];
    opus.resetCalls();
    opus.setFault(ENDPOINT, { latencyMs: 1_500 });

    const first = await submit();
    expect(codes(first)).toEqual(['SOURCE_TIMEOUT']);
    // Opus finishes the update after the client stopped listening.
    await until('Opus applied the first attempt', () => opus.appliedUpdates.oneOffPayments === appliedBefore + 1);
    opus.setFault(ENDPOINT, null);

    const retry = await submit();
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: false });
    const sent = opus.calls.filter((c) => c.endpoint === ENDPOINT);
    expect(sent).toHaveLength(2);
    expect(sent[1].updateId).toBe(sent[0].updateId);
    expect(retry.body.data.submitOneOffPayments.updateId).toBe(sent[0].updateId);
    expect(opus.appliedUpdates.oneOffPayments).toBe(appliedBefore + 1);
    expect(employment.oneOffPayments.length).toBe(storedBefore + 1);
  });
});
