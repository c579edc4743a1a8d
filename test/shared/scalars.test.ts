import { describe, expect, it } from 'vitest';
import { DateScalar, isIsoDate } from '../../platform/scalars.js';

describe('Date scalar', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('24-01-01')).toBe(false);
    expect(isIsoDate('2024-01-01T00:00:00Z')).toBe(false);
  });

  it('rejects invalid input with BAD_USER_INPUT', () => {
    try {
      DateScalar.parseValue('2023-02-29');
      expect.unreachable();
    } catch (error: any) {
      expect(error.extensions.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/YYYY-MM-DD/);
    }
  });
});
