// today() keeps its date for the rest of the UTC hour, which is right because Copenhagen's date
// changes only on whole UTC hours: midnight in winter (23:00 UTC) and summer (22:00 UTC), and across
// both daylight-saving changes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { today } from '../../platform/today.js';

afterEach(() => vi.useRealTimers());

const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
  return today();
};

describe('today', () => {
  it('turns at Copenhagen midnight in winter and in summer, to the millisecond', () => {
    expect(at('2026-12-06T22:59:59.999Z')).toBe('2026-12-06');
    expect(at('2026-12-06T23:00:00.000Z')).toBe('2026-12-07');
    expect(at('2026-07-01T21:59:59.999Z')).toBe('2026-07-01');
    expect(at('2026-07-01T22:00:00.000Z')).toBe('2026-07-02');
  });

  it('is right on the days daylight saving time starts and ends', () => {
    expect(at('2026-03-29T00:59:59.999Z')).toBe('2026-03-29');
    expect(at('2026-03-29T22:00:00.000Z')).toBe('2026-03-30');
    expect(at('2026-10-25T21:59:59.999Z')).toBe('2026-10-25');
    expect(at('2026-10-25T23:00:00.000Z')).toBe('2026-10-26');
  });

  it('follows a clock set back', () => {
    expect(at('2026-12-07T10:00:00.000Z')).toBe('2026-12-07');
    expect(at('2026-12-01T10:30:00.000Z')).toBe('2026-12-01');
  });

  it('agrees with formatting the clock every time, hour by hour over a year', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' });
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2027-01-01T00:00:00Z'); t += 3_600_000) {
      for (const offset of [0, 3_599_999]) expect(at(new Date(t + offset).toISOString())).toBe(fmt.format(new Date(t + offset)));
    }
  });
});
