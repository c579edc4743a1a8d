// Opus's effective-dated tree as the statistics count it (subgraphs/shared/opusOrgTree.ts): on every
// day of a period, the units counted for a unit and its subtree are those below it by the parent links
// valid that day. Checked day by day against that rule written out plainly, on a tree that changes.
import { describe, expect, it } from 'vitest';
import type { IsoDate, OpusOrgUnit } from '../../sources/model.js';
import { addDays } from '../../sources/days.js';
import { OpusTreeIndex } from '../../subgraphs/shared/opusOrgTree.js';
import { Random } from '../../sources/sample/random.js';

function unit(id: string, parentId: string | null, from: IsoDate, to: IsoDate | null): OpusOrgUnit {
  return { id, parentId, from, to, shortName: id, longName: id, street: '', zipCode: '', city: '', phoneNumber: '', cvrNr: '', eanNr: '' } as OpusOrgUnit;
}

/** A tree of 60 units under "1" that moves units and opens and closes some through 2025 and 2026. */
function changingTree(seed: number): OpusOrgUnit[] {
  const rng = new Random(seed);
  const units: OpusOrgUnit[] = [unit('1', null, '2000-01-01', null)];
  for (let n = 2; n <= 60; n++) {
    const id = String(n);
    const parent = () => String(1 + Math.floor(rng.next() * (n - 1)));
    let from: IsoDate = rng.next() < 0.8 ? '2000-01-01' : `2025-${String(1 + Math.floor(rng.next() * 12)).padStart(2, '0')}-15`;
    // Up to two moves, each a new version from the day after the last ends.
    for (let moves = Math.floor(rng.next() * 3); moves > 0; moves--) {
      const to = addDays(from, 30 + Math.floor(rng.next() * 200));
      units.push(unit(id, parent(), from, to));
      from = addDays(to, 1);
    }
    units.push(unit(id, parent(), from, rng.next() < 0.1 ? addDays(from, 90) : null));
  }
  return units;
}

/** The rule: the root and everything below it by the links valid on `day`. */
function subtreeByRule(units: OpusOrgUnit[], root: string, day: IsoDate): Set<string> {
  const valid = units.filter((u) => u.from <= day && (u.to === null || day <= u.to));
  const out = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const u of valid) if (u.parentId && out.has(u.parentId) && !out.has(u.id)) (out.add(u.id), (grew = true));
  }
  return out;
}

describe('Opus org tree', () => {
  it('counts, on every day of a period, the units below the root by that day\'s links, whichever days it was asked first', () => {
    for (const seed of [1, 2, 3]) {
      const units = changingTree(seed);
      const index = new OpusTreeIndex(units);
      for (const [from, to] of [['2025-01-01', '2025-12-31'], ['2025-06-10', '2026-03-01'], ['2026-01-01', '2026-01-01']] as const) {
        const starts = [from, ...index.changesWithin({ from, to })];
        for (const root of ['1', '2', '7']) {
          for (let day: IsoDate = from, i = 0; day <= to; day = addDays(day, 1)) {
            while (i + 1 < starts.length && starts[i + 1] <= day) i++;
            // The stretch the day falls in is counted by its first day's tree: the same as the day's own.
            expect([...index.subtreeOn(root, starts[i])].sort(), `${seed} ${root} ${day}`).toEqual([...subtreeByRule(units, root, day)].sort());
          }
        }
      }
    }
  });

  it('finds the changes inside a period only: the days a version begins or the day after one ends', () => {
    const index = new OpusTreeIndex([unit('1', null, '2000-01-01', null), unit('2', '1', '2000-01-01', '2025-03-31'), unit('2', '1', '2025-04-01', null), unit('3', '2', '2025-06-01', '2025-06-30')]);
    expect(index.changesWithin({ from: '2025-01-01', to: '2025-12-31' })).toEqual(['2025-04-01', '2025-06-01', '2025-07-01']);
    expect(index.changesWithin({ from: '2025-04-01', to: '2025-06-01' })).toEqual(['2025-06-01']);
    expect(index.changesWithin({ from: '2025-07-02', to: '2025-12-31' })).toEqual([]);
  });
});
