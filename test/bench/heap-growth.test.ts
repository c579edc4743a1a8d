import { describe, expect, it } from 'vitest';
import { heapGrowth, type MemorySample } from '../../bench/scenarios/scale.js';

const slices = (...heaps: number[]): MemorySample[] => heaps.map((h, i) => ({ afterRequests: (i + 1) * 2000, rssMiB: 0, heapUsedMiB: h }));

describe('heap growth under load', () => {
  it('takes the lower of each pair of slices (one can end with more requests in flight)', () => {
    expect(heapGrowth(slices(63.5, 65.4, 59.8, 71.5, 121))).toBe(8);
  });

  it('shows a leak, which raises every later slice', () => {
    expect(heapGrowth(slices(60, 80, 100, 120, 140))).toBe(60);
  });

  it('is zero without enough slices to compare', () => {
    expect(heapGrowth(slices(60))).toBe(0);
  });
});
