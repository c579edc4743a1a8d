// The statistics' long walks give the event loop a turn (subgraphs/shared/statistics/yielding.ts), so a
// cold question does not hold the subgraph's other requests for its whole computation.
import { describe, expect, it } from 'vitest';
import { eachYielding, pieces } from '../../subgraphs/shared/statistics/yielding.js';

describe('eachYielding', () => {
  it('lets other work run between items once a slice has passed, and visits every item in order', async () => {
    let clock = 0;
    const seen: string[] = [];
    // Work waiting when the walk starts; each item "takes" 4 ms on the clock, so with slices of 10 ms
    // the walk lets it in after the third.
    setImmediate(() => seen.push('other'));
    await eachYielding([1, 2, 3, 4, 5, 6, 7], (n) => {
      clock += 4;
      seen.push(`item ${n}`);
    }, { sliceMs: 10, now: () => clock });
    expect(seen).toEqual(['item 1', 'item 2', 'item 3', 'other', 'item 4', 'item 5', 'item 6', 'item 7']);
  });

  it('does not give up its turn while within the slice', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('other'));
    await eachYielding([1, 2, 3], (n) => seen.push(`item ${n}`), { sliceMs: 10, now: () => 0 });
    seen.push('done');
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual(['item 1', 'item 2', 'item 3', 'done', 'other']);
  });
});

describe('pieces', () => {
  it('cuts a list into consecutive pieces', () => {
    expect([...pieces([1, 2, 3, 4, 5], 2)]).toEqual([[1, 2], [3, 4], [5]]);
    expect([...pieces([], 2)]).toEqual([]);
  });
});
