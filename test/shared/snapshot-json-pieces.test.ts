import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../subgraphs/shared/snapshotStore.js';

describe('a persisted snapshot written in pieces', () => {
  it('joins to exactly what JSON.stringify writes, undefined and toJSON included', () => {
    const values: unknown[] = [
      { kind: 'k', at: 1, read: { units: [{ id: 'a', to: null, gone: undefined }, undefined], when: new Date(0), text: 'æ"\n' } },
      [],
      {},
      [[[['deep']]]],
      { read: { functions: Array.from({ length: 20_000 }, (_, i) => ({ id: `f${i}`, userIds: [`u${i}`] })) } },
    ];
    for (const value of values) expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value));
  });

  it('never holds a large snapshot as one string', () => {
    const read = { units: Array.from({ length: 50_000 }, (_, i) => ({ id: `unit-${i}`, name: 'Skolen ved Åen' })) };
    const pieces = [...jsonPieces({ read })];
    expect(pieces.length).toBeGreaterThan(20);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(2 * 65_536);
  });
});
