// The person directory's own rules, without a stack: folding, ranking, one entry per person at their
// lowest active employment, exact user name and e-mail lookups, and the bound on what a load may hold.
import { describe, expect, it } from 'vitest';
import type { OpusSource } from '../../sources/opus/OpusSource.js';
import { DirectoryIndex, fold, rankOf, readDirectory, Rank, type DirectoryRecord } from '../../subgraphs/employee/directory.js';

const record = (n: string, cpr: string, firstName: string, lastName: string, extra: Partial<DirectoryRecord> = {}): DirectoryRecord => ({
  employmentNumber: n,
  cpr,
  firstName,
  lastName,
  userName: null,
  email: null,
  orgUnitOpusId: null,
  ...extra,
});

const query = (text: string) => ({ query: fold(text), words: text.split(/[\s-]+/).filter(Boolean).map(fold) });

describe('fold', () => {
  it('transcribes and strips Danish letters, drops accents, case and hyphens', () => {
    expect(fold('Ågård-Sørensen')).toEqual({ t: 'aagaard soerensen', s: 'agard sorensen' });
    expect(fold('  René   Bæk ')).toEqual({ t: 'rene baek', s: 'rene bak' });
    expect(fold('Müller Ørsted')).toEqual({ t: 'mueller oersted', s: 'muller orsted' });
  });
});

describe('rankOf', () => {
  const index = new DirectoryIndex({
    date: '2026-12-06',
    records: [record('1', '0101010001', 'Anne Marie', 'Aagaard'), record('2', '0101010002', 'Ole', 'Sørensen-Holm')],
  });
  const [anne, ole] = index.persons;
  it('ranks exact last and full names, then prefixes of name parts, then substrings', () => {
    expect(rankOf(anne, query('ågaard').query, query('ågaard').words)).toBe(Rank.Exact);
    expect(rankOf(anne, query('Anne Marie Aagaard').query, query('Anne Marie Aagaard').words)).toBe(Rank.Exact);
    expect(rankOf(anne, query('mar aag').query, query('mar aag').words)).toBe(Rank.Prefix);
    expect(rankOf(anne, query('gaard').query, query('gaard').words)).toBe(Rank.Substring);
    expect(rankOf(anne, query('anne olsen').query, query('anne olsen').words)).toBeNull();
    expect(rankOf(ole, query('holm').query, query('holm').words)).toBe(Rank.Prefix);
    expect(rankOf(ole, query('sorensen').query, query('sorensen').words)).toBe(Rank.Prefix);
    expect(rankOf(ole, query('Sørensen-Holm').query, query('Sørensen-Holm').words)).toBe(Rank.Exact);
  });
});

describe('DirectoryIndex', () => {
  it('keeps one entry per person at their lowest employment, with every user name and e-mail, case-insensitively', () => {
    const index = new DirectoryIndex({
      date: '2026-12-06',
      records: [
        record('20', '0101010001', 'Eva', 'Lund', { userName: 'EVLU', email: 'EVLU@kommune.dk', orgUnitOpusId: '7' }),
        record('3', '0101010001', 'Eva', 'Lund', { userName: 'evlu2', orgUnitOpusId: '8' }),
        record('4', '0101010002', 'Bo', 'Lund'),
      ],
    });
    expect(index.persons.map((p) => [p.anchor, p.numbers])).toEqual([
      ['3', ['3', '20']],
      ['4', ['4']],
    ]);
    expect(index.withUserName('evlu').map((p) => p.anchor)).toEqual(['3']);
    expect(index.withUserName('EVLU2').map((p) => p.anchor)).toEqual(['3']);
    expect(index.withEmail('evlu@KOMMUNE.dk').map((p) => p.anchor)).toEqual(['3']);
    expect(index.withEmail('nobody@kommune.dk')).toEqual([]);
    expect([...index.persons[0].units].sort()).toEqual(['7', '8']);
  });
});

describe('readDirectory', () => {
  function fakeOpus(total: number, calls: string[]): OpusSource {
    const numbers = Array.from({ length: total }, (_, i) => String(1000 + i));
    return {
      listEmployments: async (_filter: unknown, after: string | null, limit: number) => {
        calls.push('list');
        const start = after === null ? 0 : numbers.indexOf(after) + 1;
        return { numbers: numbers.slice(start, start + limit), hasMore: start + limit < numbers.length };
      },
      readEmployments: async (wanted: readonly string[]) => {
        calls.push(`read ${wanted.length}`);
        return new Map(wanted.map((n) => [n, { employmentNumber: n, person: { cpr: `01010${n}0`, firstName: 'A', lastName: `B${n}`, address: {} as never }, userId: `u${n}`, communication: { workEmail: null, workPhone: null, mobilePhone: null } }]));
      },
    } as unknown as OpusSource;
  }

  it('reads every active employment a list page at a time, four areas per page', async () => {
    const calls: string[] = [];
    const read = await readDirectory(fakeOpus(2500, calls), '2026-12-06', 10_000);
    expect(read.records).toHaveLength(2500);
    expect(calls).toEqual(['list', 'read 1000', 'list', 'read 1000', 'list', 'read 500']);
  });

  it('refuses to hold more than its bound, naming the variable', async () => {
    await expect(readDirectory(fakeOpus(2500, []), '2026-12-06', 1500)).rejects.toThrow(/EMPLOYEE_DIRECTORY_MAX_EMPLOYMENTS/);
  });
});
