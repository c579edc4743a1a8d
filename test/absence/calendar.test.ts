// The working calendar, the ferieår rule and the default period, checked against dates written out by hand.
import { describe, expect, it } from 'vitest';
import { dayOf, isoOf } from '../../sources/days.js';
import { easterSunday, isWorkday, publicHolidays, workdaysBetween } from '../../subgraphs/absence/calendar.js';
import { holidayYearStartingYear, toVacationBalance } from '../../subgraphs/absence/holidayYear.js';
import { defaultedPeriod } from '../../subgraphs/absence/period.js';
import { days, isWorkday as handWrittenWorkday } from './expected.js';

describe('the Danish working calendar', () => {
  it('finds Easter Sunday', () => {
    expect(['2019', '2023', '2024', '2025', '2026', '2027', '2038'].map((y) => easterSunday(Number(y)))).toEqual([
      '2019-04-21',
      '2023-04-09',
      '2024-03-31',
      '2025-04-20',
      '2026-04-05',
      '2027-03-28',
      '2038-04-25',
    ]);
  });

  it('keeps store bededag until 2023 and not after', () => {
    expect(publicHolidays(2023).has('2023-05-05')).toBe(true);
    expect(publicHolidays(2024).has('2024-04-26')).toBe(false);
    expect(publicHolidays(2024).size).toBe(10);
    expect(publicHolidays(2023).size).toBe(11);
  });

  it('agrees with the hand-written holidays on every day of 2024-2026', () => {
    for (const day of days('2024-01-01', '2026-12-31')) expect(isWorkday(dayOf(day)), day).toBe(handWrittenWorkday(day));
  });

  it('counts the workdays of a period, both ends included', () => {
    expect(workdaysBetween('2026-01-01', '2026-10-31')).toHaveLength(211);
    expect(workdaysBetween('2026-12-24', '2026-12-31').map(isoOf)).toEqual(['2026-12-24', '2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31']);
    expect(workdaysBetween('2026-10-31', '2026-11-01')).toEqual([]);
  });
});

describe('the ferieår', () => {
  it('runs from 1 September to 31 August', () => {
    expect(holidayYearStartingYear('2026-08-31')).toBe(2025);
    expect(holidayYearStartingYear('2026-09-01')).toBe(2026);
    expect(holidayYearStartingYear('2027-01-15')).toBe(2026);
  });

  it('reads Opus Ferieaar in either form and derives the remaining days', () => {
    expect(toVacationBalance({ holidayYear: '2025/26', earnedDays: 16.61, usedDays: 17, transferredDays: 0.2 })).toEqual({
      holidayYear: '2025/26',
      from: '2025-09-01',
      to: '2026-08-31',
      takeUntil: '2026-12-31',
      earnedDays: 16.61,
      usedDays: 17,
      transferredDays: 0.2,
      remainingDays: -0.19,
    });
    expect(toVacationBalance({ holidayYear: '2024', earnedDays: 25, usedDays: 10, transferredDays: 2 })).toMatchObject({ from: '2024-09-01', remainingDays: 17 });
  });
});

describe('the default absence period', () => {
  it('is the twelve months up to and including `to`', () => {
    expect(defaultedPeriod(undefined, '2026-10-31')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(defaultedPeriod(undefined, '2024-02-29')).toEqual({ from: '2023-03-01', to: '2024-02-29' });
  });

  it('allows five years less a day and not five years', () => {
    expect(defaultedPeriod('2021-01-01', '2025-12-31')).toEqual({ from: '2021-01-01', to: '2025-12-31' });
    expect(() => defaultedPeriod('2021-01-01', '2026-01-01')).toThrow(/at most 5 years/);
  });
});
