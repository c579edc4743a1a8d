// The release rule of statistics cells (subgraphs/shared/statistics/release.ts): worked examples, and
// a property over random trees checked from the outside. An analyst who holds every released answer
// can compute, in a nested family of sets, the count of each region the answers separate (a set minus
// the released sets inside it, and so on); every such region must hold no one or at least `minimum`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { releaseByUnit, suppressComplementary, type TreeUnit } from '../../subgraphs/shared/statistics/release.js';

const MIN = 5;

/** kommune -> forvaltning (3 own) -> skole A (40), skole B (12), and a small team (2) under B. */
const TREE: TreeUnit[] = [
  { id: 'kommune', parent: null },
  { id: 'forvaltning', parent: 'kommune' },
  { id: 'skoleA', parent: 'forvaltning' },
  { id: 'skoleB', parent: 'forvaltning' },
  { id: 'team', parent: 'skoleB' },
  { id: 'jobcenter', parent: 'kommune' },
];

describe('releaseByUnit', () => {
  it('releases every figure when every group is empty or large enough', () => {
    const r = releaseByUnit(TREE, new Map([['kommune', 5], ['forvaltning', 0], ['skoleA', 40], ['skoleB', 12], ['team', 6], ['jobcenter', 30]]), MIN);
    for (const u of TREE) {
      expect(r.own(u.id)).toBeNull();
      expect(r.subtree(u.id)).toBeNull();
    }
    expect(r.municipality()).toBeNull();
  });

  it('withholds a small group, and the smallest neighbouring figure that would reveal it by subtraction', () => {
    const r = releaseByUnit(TREE, new Map([['kommune', 0], ['forvaltning', 3], ['skoleA', 40], ['skoleB', 12], ['team', 6], ['jobcenter', 30]]), MIN);
    expect(r.own('forvaltning')).toBe('FEWER_THAN_MINIMUM');
    // The forvaltning's 3 join the block of its smaller child's subtree (skole B, 18 with its team), so
    // the forvaltning as a whole stays answerable and skole B's figures are the ones withheld...
    expect(r.subtree('forvaltning')).toBeNull();
    expect(r.subtree('skoleB')).toBe('OVERLAP');
    expect(r.own('skoleB')).toBe('OVERLAP');
    // ...since forvaltning - skole A - skole B = 3 otherwise. What is wholly inside stays.
    expect(r.subtree('team')).toBeNull();
    expect(r.subtree('skoleA')).toBeNull();
    expect(r.municipality()).toBeNull();
  });

  it('hands a small leaf group to its parent, and withholds the municipality when nothing can hold it', () => {
    const r = releaseByUnit(TREE, new Map([['skoleA', 40], ['team', 2]]), MIN);
    expect(r.subtree('team')).toBe('FEWER_THAN_MINIMUM');
    expect(r.subtree('skoleB')).toBe('FEWER_THAN_MINIMUM');
    // The 2 go up to the forvaltning, which puts them with skole A.
    expect(r.subtree('forvaltning')).toBeNull();
    expect(r.subtree('skoleA')).toBe('OVERLAP');

    const tiny = releaseByUnit(TREE, new Map([['team', 2], ['jobcenter', 1]]), MIN);
    expect(tiny.municipality()).toBe('FEWER_THAN_MINIMUM');
  });

  it('refuses a unit it was not computed for', () => {
    expect(() => releaseByUnit(TREE, new Map(), MIN).subtree('elsewhere')).toThrow(/not in the tree/);
  });

  it('leaves no region of fewer than the minimum computable from released answers (random trees)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 30 }))), { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 2, max: 6 }),
        (spec, minimum) => {
          const units: TreeUnit[] = spec.map(([p], i) => ({ id: `u${i}`, parent: i === 0 || p % 5 === 0 ? null : `u${p % i}` }));
          const counts = new Map(spec.map(([, n], i) => [`u${i}`, n]));
          const r = releaseByUnit(units, counts, minimum);
          const sets: Set<string>[] = [];
          const below = (id: string): string[] => [id, ...units.filter((u) => u.parent === id).flatMap((u) => below(u.id))];
          for (const u of units) {
            if (r.own(u.id) === null) sets.push(new Set([u.id]));
            if (r.subtree(u.id) === null) sets.push(new Set(below(u.id)));
          }
          if (r.municipality() === null) sets.push(new Set(units.map((u) => u.id)));
          // Units in the same released sets are inseparable; each class in at least one set is computable.
          const classes = new Map<string, number>();
          for (const u of units) {
            const signature = sets.map((s) => (s.has(u.id) ? 1 : 0)).join('');
            if (!signature.includes('1')) continue;
            classes.set(signature, (classes.get(signature) ?? 0) + counts.get(u.id)!);
          }
          for (const persons of classes.values()) expect(persons === 0 || persons >= minimum).toBe(true);
          // And nothing is withheld where there was nothing to protect.
          if ([...counts.values()].every((n) => n === 0 || n >= minimum)) expect(sets.length).toBe(units.length * 2 + 1);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('suppressComplementary', () => {
  const cell = (key: string, persons: number, suppressed: 'FEWER_THAN_MINIMUM' | 'OVERLAP' | null = null) => ({ key, persons, suppressed });

  it('adds the smallest other cell when one cell alone is withheld', () => {
    const out = suppressComplementary([cell('månedsløn', 40), cell('timeløn', 3, 'FEWER_THAN_MINIMUM'), cell('elev', 9), cell('tom', 0)], MIN, true);
    expect(Object.fromEntries(out)).toEqual({ månedsløn: null, timeløn: 'FEWER_THAN_MINIMUM', elev: 'COMPLEMENTARY', tom: null });
  });

  it('goes on until the withheld cells hold at least the minimum together', () => {
    const out = suppressComplementary([cell('a', 1, 'FEWER_THAN_MINIMUM'), cell('b', 1, 'FEWER_THAN_MINIMUM'), cell('c', 2, 'FEWER_THAN_MINIMUM'), cell('d', 6), cell('e', 20)], MIN, true);
    expect(Object.fromEntries(out)).toEqual({ a: 'FEWER_THAN_MINIMUM', b: 'FEWER_THAN_MINIMUM', c: 'FEWER_THAN_MINIMUM', d: 'COMPLEMENTARY', e: null });
  });

  it('needs no complement when two withheld cells already hold enough, or when the total is withheld', () => {
    const cells = [cell('a', 3, 'FEWER_THAN_MINIMUM'), cell('b', 4, 'FEWER_THAN_MINIMUM'), cell('c', 30)];
    expect(suppressComplementary(cells, MIN, true).get('c')).toBeNull();
    expect(suppressComplementary([cell('a', 3, 'FEWER_THAN_MINIMUM'), cell('c', 30)], MIN, false).get('c')).toBeNull();
  });

  it('hides a cell withheld for overlap, whatever its size', () => {
    const out = suppressComplementary([cell('a', 12, 'OVERLAP'), cell('b', 7), cell('c', 30)], MIN, true);
    expect(out.get('b')).toBe('COMPLEMENTARY');
    expect(out.get('c')).toBeNull();
  });
});
