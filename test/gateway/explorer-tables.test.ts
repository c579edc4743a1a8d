// The explorer's Table and Chart views: which lists an answer holds, their columns, what the chart draws.
import { describe, expect, it } from 'vitest';
import { chartData, defaultLabelColumn, numericColumns, textColumns } from '../../gateway/explorer/results/chartData.js';
import { findObjectLists, largestList, toTable } from '../../gateway/explorer/results/flatten.js';

const answer = {
  orgUnit: {
    name: 'Kommunen',
    workforceStatistics: {
      headcount: { value: 120, suppressed: null },
      byAgreement: [
        { key: '47', label: 'Lærere', headcount: { value: 40, suppressed: null } },
        { key: '11', label: 'HK', headcount: { value: null, suppressed: 'FEWER_THAN_MINIMUM' } },
      ],
    },
    children: [
      { name: 'Skolen', tags: ['a', 'b'], employments: [{ id: 1 }, { id: 2 }], workforceStatistics: { headcount: { value: 30, suppressed: null } } },
      { name: 'Børnehuset', tags: [], employments: [], workforceStatistics: { headcount: { value: null, suppressed: 'COMPLEMENTARY' } } },
      { name: 'Rådhuset', tags: null, employments: [{ id: 3 }], workforceStatistics: null },
    ],
  },
};

describe('explorer tables', () => {
  it('finds every list of objects by its path, lists in lists together, and picks the largest', () => {
    const lists = findObjectLists(answer);
    expect(lists.map((l) => [l.path, l.rows.length])).toEqual([
      ['orgUnit.workforceStatistics.byAgreement', 2],
      ['orgUnit.children', 3],
      ['orgUnit.children[].employments', 3],
    ]);
    // The first of the lists with the most rows.
    expect(largestList(lists)?.path).toBe('orgUnit.children');
    expect(findObjectLists({ orgUnit: { name: 'x', codes: ['a'] } })).toEqual([]);
    expect(findObjectLists(null)).toEqual([]);
  });

  it('flattens nested objects to dotted columns, counts nested lists of objects, joins lists of scalars', () => {
    const table = toTable(answer.orgUnit.children);
    expect(table.columns).toEqual(['name', 'tags', 'employments', 'workforceStatistics.headcount.value']);
    expect(table.rows).toEqual([
      ['Skolen', 'a, b', 2, 30],
      ['Børnehuset', '', 0, { suppressed: 'COMPLEMENTARY' }],
      ['Rådhuset', null, 1, null],
    ]);
  });

  it('keeps a column for an object that is null everywhere, and a suppressed flag given as true with a reason', () => {
    const table = toTable([
      { unit: null, n: { value: null, suppressed: true, reason: 'FEWER_THAN_MINIMUM' } },
      { unit: null, n: { value: 7, suppressed: false, reason: null } },
    ]);
    expect(table.columns).toEqual(['unit', 'n.value', 'n.reason']);
    expect(table.rows).toEqual([
      [null, { suppressed: 'FEWER_THAN_MINIMUM' }, 'FEWER_THAN_MINIMUM'],
      [null, 7, null],
    ]);
  });

  it('leads the rows of a nested list with the text fields of the item each came from, and labels their bars with it', () => {
    const units = {
      orgUnit: {
        children: [
          { id: 'u1', name: 'Skolen', workforceStatistics: { from: '2026-01-01', byAgreement: [
            { key: '47', label: 'Lærere', headcount: { value: 12, suppressed: null } },
            { key: '11', label: 'HK', headcount: { value: null, suppressed: 'FEWER_THAN_MINIMUM' } },
          ] } },
          { id: 'u2', name: 'Rådhuset', workforceStatistics: { from: '2026-01-01', byAgreement: [{ key: '11', label: 'HK', headcount: { value: 30, suppressed: null } }] } },
        ],
      },
    };
    const lists = findObjectLists(units);
    expect(lists.map((l) => l.path)).toEqual(['orgUnit.children', 'orgUnit.children[].workforceStatistics.byAgreement']);
    // The largest list is the agreements of all units together.
    const agreements = largestList(lists)!;
    expect(agreements.context[0]).toEqual({ 'orgUnit.children[].name': 'Skolen', 'orgUnit.children[].workforceStatistics.from': '2026-01-01' });
    const table = toTable(agreements.rows, agreements.context);
    expect(table.columns).toEqual(['orgUnit.children[].name', 'orgUnit.children[].workforceStatistics.from', 'key', 'label', 'headcount.value']);
    expect(table.rows).toEqual([
      ['Skolen', '2026-01-01', '47', 'Lærere', 12],
      ['Skolen', '2026-01-01', '11', 'HK', { suppressed: 'FEWER_THAN_MINIMUM' }],
      ['Rådhuset', '2026-01-01', '11', 'HK', 30],
    ]);
    // The row's own label over the unit's name; the unit's name goes in front of it.
    const label = defaultLabelColumn(textColumns(table));
    expect(label).toBe('label');
    const data = chartData(table, label, ['headcount.value']);
    expect(data.labels).toEqual(['Skolen – Lærere', 'Skolen – HK', 'Rådhuset – HK']);
    expect(data.gaps).toEqual(['suppressed: Skolen – HK – headcount.value (FEWER_THAN_MINIMUM)']);
    // A top-level list has no context.
    expect(toTable(lists[0].rows, lists[0].context).columns[0]).toBe('id');
  });

  it('charts numeric columns labelled by the first text column, withheld and missing figures as listed gaps', () => {
    const table = toTable(answer.orgUnit.children);
    expect(numericColumns(table)).toEqual(['employments', 'workforceStatistics.headcount.value']);
    expect(textColumns(table)).toEqual(['name', 'tags']);
    // A name or label labels the bars, else the first text column that is not an id.
    expect(defaultLabelColumn(['id', 'unit.id', 'unit.name', 'key'])).toBe('unit.name');
    expect(defaultLabelColumn(['key', 'label'])).toBe('label');
    expect(defaultLabelColumn(['id', 'type', 'code'])).toBe('type');
    expect(defaultLabelColumn(['id'])).toBe('id');
    const data = chartData(table, defaultLabelColumn(textColumns(table)), ['workforceStatistics.headcount.value']);
    expect(data.labels).toEqual(['Skolen', 'Børnehuset', 'Rådhuset']);
    expect(data.series).toEqual([{ column: 'workforceStatistics.headcount.value', values: [30, null, null] }]);
    expect(data.gaps).toEqual([
      'suppressed: Børnehuset – workforceStatistics.headcount.value (COMPLEMENTARY)',
      'no value: Rådhuset – workforceStatistics.headcount.value',
    ]);
  });
});
