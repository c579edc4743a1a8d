// VersionWalk answers an ascending walk over days with fewer lookups than versionOn per day; it must
// give versionOn's answer on every day, whatever the versions: gaps, overlaps (the first in the list
// wins), open ends, a version ending before it starts, and days skipped by the walk.
import { describe, expect, it } from 'vitest';
import type { Period } from '../../sources/model.js';
import { VersionWalk, versionOn } from '../../subgraphs/shared/dates.js';

/** A small deterministic generator (mulberry32), so a failure names its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

describe('VersionWalk', () => {
  it('gives versionOn answer on every day of a walk, for many kinds of version lists', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const r = random(seed);
      const versions: Array<Period & { n: number }> = Array.from({ length: Math.floor(r() * 6) }, (_, n) => {
        const from = Math.floor(r() * 60);
        const to = r() < 0.25 ? null : from + Math.floor(r() * 30) - (r() < 0.1 ? 5 : 0);
        return { n, from: day(from), to: to === null ? null : day(to) };
      });
      const walk = new VersionWalk(versions);
      for (let d = -3; d < 100; d += r() < 0.3 ? 1 + Math.floor(r() * 7) : 1) {
        expect(walk.on(day(d)), `seed ${seed}, ${day(d)}`).toBe(versionOn(versions, day(d)));
      }
    }
  });

  it('looks up again only where a version starts or has ended', () => {
    const versions = [
      { from: '2026-01-01', to: '2026-01-10' },
      { from: '2026-01-11', to: null },
    ];
    let reads = 0;
    const counted = new Proxy(versions, {
      get(target, key, receiver) {
        if (key === 'find') reads++;
        return Reflect.get(target, key, receiver);
      },
    });
    const walk = new VersionWalk(counted);
    for (let d = 0; d < 31; d++) walk.on(day(d));
    // 2026-01-01, then 2026-01-11; nothing changes after that.
    expect(reads).toBe(2);
  });
});
