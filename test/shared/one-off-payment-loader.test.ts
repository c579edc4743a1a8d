// The Engangsydelser read takes one employee per call: the loader must read each employment once per
// batch, never have more than ONE_OFF_READ_CONCURRENCY calls in flight, and fail only the keys whose
// call failed.
import { describe, expect, it } from 'vitest';
import type { OneOffPayment, Period } from '../../sources/model.js';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { createLoaders, MAX_ONE_OFF_READS_PER_REQUEST, ONE_OFF_READ_CONCURRENCY } from '../../subgraphs/shared/loaders.js';
import type { Sources } from '../../subgraphs/shared/sources.js';

const payment = (employmentNumber: string, startDate: string): OneOffPayment => ({ startDate, objectId: `${employmentNumber}-${startDate}`, wageType: '2440', sequence: '1', amount: 100, quantity: 1 });

/** An Opus stand-in that records each read and how many were in flight at once. */
function countingOpus(failing: Set<string>) {
  const reads: Array<{ employmentNumber: string; period: Period }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const opus = {
    maxBatchSize: 100,
    async readOneOffPayments(employmentNumber: string, period: Period) {
      reads.push({ employmentNumber, period });
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      if (failing.has(employmentNumber)) throw Object.assign(new Error('Opus is unavailable'), { code: 'SOURCE_UNAVAILABLE' });
      return [payment(employmentNumber, '2026-02-01'), payment(employmentNumber, '2026-08-01')].filter((p) => p.startDate >= period.from && (period.to === null || p.startDate <= period.to));
    },
  } as unknown as OpusSource;
  return { opus, reads, maxInFlight: () => maxInFlight };
}

describe('oneOffPayments loader', () => {
  it('reads each employment once, over the union of the periods asked, with bounded concurrency', async () => {
    const fake = countingOpus(new Set());
    const loaders = createLoaders({ opus: fake.opus, org: { maxBatchSize: 100 } } as unknown as Sources, { batching: true });
    const numbers = Array.from({ length: 30 }, (_, i) => String(100000 + i));
    const spring = { from: '2026-01-01', to: '2026-03-31' };
    const autumn = { from: '2026-07-01', to: null };
    const [springs, autumns] = await Promise.all([
      Promise.all(numbers.map((employmentNumber) => loaders.oneOffPayments.load({ employmentNumber, period: spring }))),
      Promise.all(numbers.map((employmentNumber) => loaders.oneOffPayments.load({ employmentNumber, period: autumn }))),
    ]);
    expect(fake.reads).toHaveLength(30);
    expect(fake.reads.every((r) => r.period.from === '2026-01-01' && r.period.to === null)).toBe(true);
    expect(fake.maxInFlight()).toBe(ONE_OFF_READ_CONCURRENCY);
    expect(springs.every((p) => p.map((x) => x.startDate).join() === '2026-02-01')).toBe(true);
    expect(autumns.every((p) => p.map((x) => x.startDate).join() === '2026-08-01')).toBe(true);
  });

  it('fails only the keys of the employment whose read failed', async () => {
    const fake = countingOpus(new Set(['100001']));
    const loaders = createLoaders({ opus: fake.opus, org: { maxBatchSize: 100 } } as unknown as Sources, { batching: true });
    const period = { from: '2026-01-01', to: null };
    const results = await Promise.allSettled(['100000', '100001', '100002'].map((employmentNumber) => loaders.oneOffPayments.load({ employmentNumber, period })));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'SOURCE_UNAVAILABLE' });
  });

  it('reads at most MAX_ONE_OFF_READS_PER_REQUEST employments per request and refuses the rest with BAD_USER_INPUT', async () => {
    const fake = countingOpus(new Set());
    const loaders = createLoaders({ opus: fake.opus, org: { maxBatchSize: 100 } } as unknown as Sources, { batching: true });
    const period = { from: '2026-01-01', to: null };
    const numbers = Array.from({ length: MAX_ONE_OFF_READS_PER_REQUEST + 5 }, (_, i) => String(200000 + i));
    const first = await Promise.allSettled(numbers.map((employmentNumber) => loaders.oneOffPayments.load({ employmentNumber, period })));
    expect(fake.reads).toHaveLength(MAX_ONE_OFF_READS_PER_REQUEST);
    expect(first.filter((r) => r.status === 'fulfilled')).toHaveLength(MAX_ONE_OFF_READS_PER_REQUEST);
    const refused = first.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    expect(refused[0].reason).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: MAX_ONE_OFF_READS_PER_REQUEST } });
    // An employment already read may still be asked for another period in a later batch.
    await expect(loaders.oneOffPayments.load({ employmentNumber: numbers[0], period: { from: '2026-07-01', to: null } })).resolves.toHaveLength(1);
    expect(fake.reads).toHaveLength(MAX_ONE_OFF_READS_PER_REQUEST + 1);
  });
});
