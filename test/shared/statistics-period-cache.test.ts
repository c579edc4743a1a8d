// The per-period cache of the workforce statistics: one load per period while fresh, shared by
// concurrent askers, a failed load not kept, entries expiring after the TTL and bounded in number.
import { describe, expect, it } from 'vitest';
import { PeriodCache } from '../../subgraphs/shared/statistics/periodCache.js';

const period = (month: number) => ({ from: `2026-${String(month).padStart(2, '0')}-01`, to: `2026-${String(month).padStart(2, '0')}-28` });

describe('the statistics period cache', () => {
  it('loads a period once while fresh, for concurrent and later askers alike', async () => {
    let now = 0;
    const cache = new PeriodCache<number>(1000, 4, () => now);
    let loads = 0;
    const load = async () => ++loads;
    expect(await Promise.all([cache.get(period(1), load), cache.get(period(1), load)])).toEqual([1, 1]);
    now = 999;
    expect(await cache.get(period(1), load)).toBe(1);
    now = 1000;
    expect(await cache.get(period(1), load)).toBe(2);
  });

  it('keeps no failed load, and at most its number of periods', async () => {
    const cache = new PeriodCache<string>(60_000, 2, () => 0);
    await expect(cache.get(period(1), () => Promise.reject(new Error('Opus down')))).rejects.toThrow('Opus down');
    expect(await cache.get(period(1), async () => 'read again')).toBe('read again');
    await cache.get(period(2), async () => 'two');
    await cache.get(period(3), async () => 'three');
    // The oldest went to make room.
    expect(await cache.get(period(1), async () => 'read a third time')).toBe('read a third time');
    expect(await cache.get(period(3), async () => 'not read')).toBe('three');
  });
});
