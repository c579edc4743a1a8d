// The explorer's CSV download: bytes Excel with Danish settings opens right.
import { describe, expect, it } from 'vitest';
import { csvFileName, toCsv } from '../../gateway/explorer/results/csv.js';
import { toTable } from '../../gateway/explorer/results/flatten.js';

describe('explorer CSV', () => {
  it('starts with a BOM, separates with ";", ends lines with CRLF and writes the column paths first', () => {
    const csv = toCsv(toTable([{ unit: { name: 'Skole' }, headcount: { value: 12, suppressed: null } }]));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1)).toBe('unit.name;headcount.value\r\nSkole;12\r\n');
    // The BOM is the UTF-8 one once encoded.
    expect([...new TextEncoder().encode(csv).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('keeps Danish letters, writes decimals with a comma, null as empty and a suppressed figure with its reason', () => {
    const csv = toCsv(
      toTable([
        { name: 'Ærøskøbing Børnehus', fte: 10.25, turnover: 0.125, headcount: { value: 11, suppressed: null } },
        { name: 'Åbyhøj Skole', fte: null, turnover: -0.5, headcount: { value: null, suppressed: 'FEWER_THAN_MINIMUM' } },
      ]),
    );
    expect(csv.slice(1).split('\r\n')).toEqual([
      'name;fte;turnover;headcount.value',
      'Ærøskøbing Børnehus;10,25;0,125;11',
      'Åbyhøj Skole;;-0,5;suppressed: FEWER_THAN_MINIMUM',
      '',
    ]);
  });

  it('quotes fields holding the separator, quotes or line breaks, and only those', () => {
    const csv = toCsv({
      columns: ['a;b', 'plain'],
      rows: [
        ['x;y', 'he said "hej"'],
        ['line\r\nbreak', 'one, two'],
        ['new\nline', true],
      ],
    });
    expect(csv.slice(1).split('\r\n').slice(0, 3)).toEqual(['"a;b";plain', '"x;y";"he said ""hej"""', '"line']);
    expect(csv).toContain('"line\r\nbreak";one, two\r\n"new\nline";true\r\n');
  });

  it('keeps text that Excel would run as a formula as text', () => {
    expect(toCsv({ columns: ['name', 'n'], rows: [['=HYPERLINK("x")', -3]] }).slice(1)).toBe('name;n\r\n"\'=HYPERLINK(""x"")";-3\r\n');
  });

  it('names the file after the operation and the list', () => {
    expect(csvFileName('Headcount', 'orgUnit.children[].workforceStatistics')).toBe('Headcount-orgUnit.children.workforceStatistics.csv');
    expect(csvFileName(null, 'orgUnits.nodes')).toBe('result-orgUnits.nodes.csv');
  });
});
