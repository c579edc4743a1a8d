import { describe, expect, it } from 'vitest';
import { ValuePool } from '../../sources/fkorg/valuePool.js';

describe('the value pool of a hierarchy walk', () => {
  const page = (n: number) => ({
    functions: Array.from({ length: n }, (_, i) => ({
      id: `f${i}`,
      from: '2020-01-01',
      to: null,
      functionType: { id: 'c1', key: 'Leder', name: 'Leder' },
      userIds: [`u${i}`],
      unitIds: ['unit-1'],
    })),
    units: [{ id: 'unit-1', versions: [{ from: '2020-01-01', to: null, unitType: { id: 'c2', key: 'afdeling', name: 'Afdeling' } }], kle: [] }],
  });

  it('keeps every value as it was', () => {
    const pool = new ValuePool();
    for (let p = 0; p < 3; p++) expect(pool.share(page(5))).toEqual(page(5));
  });

  it('makes one object of a class across pages, and keeps other objects apart', () => {
    const pool = new ValuePool();
    const first = pool.share(page(2));
    const second = pool.share(page(2));
    expect(second.functions[1].functionType).toBe(first.functions[0].functionType);
    expect(second.units[0].versions[0].unitType).toBe(first.units[0].versions[0].unitType);
    expect(second.functions[0].functionType).not.toBe(first.units[0].versions[0].unitType);
    expect(second.functions[0]).not.toBe(first.functions[0]);
  });
});
