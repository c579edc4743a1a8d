// The hierarchy index's name order and name search, against the rule written out plainly: Danish
// collation of the name on the date, then id; units that did not exist on the date last, by id.
import { describe, expect, it } from 'vitest';
import type { OrgUnitRecord } from '../../sources/fkorg/OrgSource.js';
import type { OrgUnitVersion } from '../../sources/model.js';
import { danishCollator, HierarchyIndex } from '../../subgraphs/organisation/hierarchyIndex.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { selectUnits } from '../../subgraphs/organisation/unitFilter.js';

const TYPE = { id: 'c0000000-0000-4000-8000-000000000001', key: 'afdeling', name: 'Afdeling' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function unit(n: number, versions: Array<Omit<OrgUnitVersion, 'unitType' | 'shortName' | 'parentId'> & { parentId?: string | null }>): OrgUnitRecord {
  return {
    id: id(n),
    opusId: String(1000 + n),
    versions: versions.map((v) => ({ shortName: v.name.slice(0, 4), unitType: TYPE, ...v, parentId: v.parentId ?? (n === 1 ? null : id(1)) })),
    addressRefs: [],
    kle: [],
    costCenter: '',
  };
}

const units = [
  unit(1, [{ from: '2000-01-01', to: null, name: 'Kommunen' }]),
  unit(2, [{ from: '2000-01-01', to: null, name: 'Ørkenvej' }]),
  unit(3, [{ from: '2000-01-01', to: null, name: 'Zoneafdelingen' }]),
  unit(4, [{ from: '2000-01-01', to: null, name: 'Ærø Skole' }]),
  unit(5, [{ from: '2000-01-01', to: null, name: 'Ålykke' }]),
  // Renamed: "Æbleskolen" until 2023, "Bøgeskolen" after.
  unit(6, [
    { from: '2000-01-01', to: '2022-12-31', name: 'Æbleskolen' },
    { from: '2023-01-01', to: null, name: 'Bøgeskolen' },
  ]),
  // Two units of one name: id decides.
  unit(8, [{ from: '2000-01-01', to: null, name: 'Bøgeskolen' }]),
  // Closed at the end of 2020.
  unit(7, [{ from: '2000-01-01', to: '2020-12-31', name: 'Aalborgvej' }]),
];
const index = new HierarchyIndex({ organisations: [], units, functions: [], interestGroups: [], itSystems: [] });

/** The order written out: name on the date by Danish rules, then id; units gone that day last, by id. */
function expectedOrder(ids: string[], date: string): string[] {
  const name = (i: string) => versionOn(units.find((u) => u.id === i)!.versions, date)?.name;
  return [...ids].sort((a, b) => {
    const [na, nb] = [name(a), name(b)];
    if (na === undefined || nb === undefined) return na === nb ? a.localeCompare(b) : na === undefined ? 1 : -1;
    return danishCollator.compare(na, nb) || a.localeCompare(b);
  });
}

describe('hierarchy index', () => {
  const all = units.map((u) => u.id);

  it('orders by the name on the date, Danish rules (æ, ø, å after z), then id, and units gone that day last', () => {
    for (const date of ['2019-06-01', '2022-06-01', '2024-06-01']) {
      expect(index.sortByName([...all].reverse(), date)).toEqual(expectedOrder(all, date));
    }
    // Spelled out for one date, so the rule itself is pinned and not only its two writings.
    expect(index.sortByName([...all], '2024-06-01').map((i) => versionOn(units.find((u) => u.id === i)!.versions, '2024-06-01')?.name ?? `gone ${i}`)).toEqual([
      'Bøgeskolen',
      'Bøgeskolen',
      'Kommunen',
      'Zoneafdelingen',
      'Ærø Skole',
      'Ørkenvej',
      'Ålykke',
      `gone ${id(7)}`,
    ]);
    expect(index.sortByName([id(8), id(6)], '2024-06-01')).toEqual([id(6), id(8)]);
  });

  it('lists the units of a date in name order, each date on its own', () => {
    expect(index.unitsOn('2019-06-01').map((u) => u.id)).toEqual(expectedOrder(all, '2019-06-01'));
    expect(index.unitsOn('2024-06-01').map((u) => u.id)).not.toContain(id(7));
    expect(index.unitsOn('2019-06-01').map((u) => u.id)).toContain(id(7));
  });

  it('searches the name each unit had on the date, in any case', () => {
    const names = (date: string, name: string) => selectUnits(index, { name: name.toLocaleLowerCase('da') }, date).map((i) => versionOn(units.find((u) => u.id === i)!.versions, date)!.name);
    expect(names('2021-06-01', 'ÆBLE')).toEqual(['Æbleskolen']);
    expect(names('2024-06-01', 'æble')).toEqual([]);
    expect(names('2024-06-01', 'bØGE')).toEqual(['Bøgeskolen', 'Bøgeskolen']);
    expect(names('2024-06-01', 'skole')).toEqual(['Bøgeskolen', 'Bøgeskolen', 'Ærø Skole']);
  });
});
