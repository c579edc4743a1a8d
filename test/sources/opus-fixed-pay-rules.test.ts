// The simulator's faste tillæg/fradrag rules (sources/opus/simulator/fixedPayRules.ts) on their own:
// lines are judged in order against what the lines before them left, every broken rule of every line
// is reported, and the employment is never changed by judging.
import { describe, expect, it } from 'vitest';
import type { Employment, FixedPayItem } from '../../sources/model.js';
import { applyFixedPayLines, catalogueOf } from '../../sources/opus/simulator/fixedPayRules.js';
import type { SubmittedFixedPayLine } from '../../sources/opus/wire.js';

const existing: FixedPayItem = { wageType: '1130', name: 'Kvalifikationstillæg', kind: 'supplement', monthlyAmount: 800, from: '2024-03-01', to: null };
const employment = {
  employmentNumber: '1001',
  contract: { start: '2020-01-01', end: null },
  fixedPayItems: [existing, { wageType: '8740', name: 'Sundhedsordning', kind: 'deduction', monthlyAmount: 99, from: '2024-01-01', to: null }],
} as unknown as Employment;
const catalogue = catalogueOf([employment]);

let n = 0;
const line = (extra: Partial<SubmittedFixedPayLine>): SubmittedFixedPayLine => ({
  sequenceNumber: String(++n).padStart(3, '0'),
  action: 'Opret',
  kind: 'Tillaeg',
  wageType: '1130',
  startDate: '2027-01-01',
  endDate: '9999-12-31',
  monthlyAmount: '900',
  sendingSystem: 'TEST',
  ...extra,
});
const judge = (...lines: SubmittedFixedPayLine[]) => {
  n = 0;
  return applyFixedPayLines(lines, employment, catalogue);
};
const codesOf = (outcome: ReturnType<typeof judge>) => (outcome.ok ? [] : outcome.messages.map((m) => `${m.text.slice(0, 28)} ${m.code}`));

describe('faste tillæg/fradrag rules', () => {
  it('a stop followed by its successor is accepted, and judging changes nothing on the employment', () => {
    const before = structuredClone(employment.fixedPayItems);
    const outcome = judge(line({ action: 'Stop', kind: null, monthlyAmount: null, startDate: '2024-03-01', endDate: '2026-12-31' }), line({}));
    expect(outcome).toEqual({
      ok: true,
      items: expect.arrayContaining([
        { ...existing, to: '2026-12-31' },
        { wageType: '1130', name: 'Kvalifikationstillæg', kind: 'supplement', monthlyAmount: 900, from: '2027-01-01', to: null },
      ]),
    });
    expect(employment.fixedPayItems).toEqual(before);
  });

  it('the same item added without the stop overlaps; two new lines of one lønart may not overlap each other either', () => {
    expect(codesOf(judge(line({})))).toEqual(['Fast tillæg/fradrag Nr. 001: 303']);
    expect(codesOf(judge(line({ wageType: '8740', kind: 'Fradrag', startDate: '2023-01-01', endDate: '2023-06-30' }), line({ wageType: '8740', kind: 'Fradrag', startDate: '2023-06-01', endDate: '2023-12-31' })))).toEqual([
      'Fast tillæg/fradrag Nr. 002: 303',
    ]);
  });

  it('reports every broken rule of every line', () => {
    const outcome = judge(
      line({ wageType: '12' }),
      line({ wageType: '8740', kind: 'Tillaeg', startDate: '2019-01-01', endDate: '2019-12-31' }),
      line({ wageType: '1999', startDate: '2027-02-01', endDate: '2027-01-31', monthlyAmount: '1.005' }),
      line({ action: 'Stop', wageType: '1130', startDate: '2025-01-01', endDate: '2026-12-31' }),
      line({ action: 'Slet' }),
    );
    expect(codesOf(outcome)).toEqual([
      'Fast tillæg/fradrag Nr. 001: 102',
      'Fast tillæg/fradrag Nr. 002: 302',
      'Fast tillæg/fradrag Nr. 002: 304',
      'Fast tillæg/fradrag Nr. 003: 301',
      'Fast tillæg/fradrag Nr. 003: 305',
      'Fast tillæg/fradrag Nr. 003: 307',
      'Fast tillæg/fradrag Nr. 004: 306',
      'Fast tillæg/fradrag Nr. 005: 308',
    ]);
  });

  it('an empty update is refused', () => {
    expect(judge()).toEqual({ ok: false, messages: [expect.objectContaining({ code: '300', type: 'E' })] });
  });
});
