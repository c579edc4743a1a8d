import { describe, expect, it } from 'vitest';
import { PersonIds } from '../../platform/personId.js';

const ids = new PersonIds(Buffer.alloc(32, 7));

describe('opaque employee ids', () => {
  it('are stable for one CPR and differ between CPRs', () => {
    expect(ids.fromCpr('0101901234')).toBe(ids.fromCpr('0101901234'));
    expect(ids.fromCpr('0101901234')).not.toBe(ids.fromCpr('0101901235'));
  });

  it('do not contain the CPR number in any readable form', () => {
    const id = ids.fromCpr('0101901234');
    expect(id).not.toContain('0101901234');
    expect(Buffer.from(id.slice(2), 'base64url').toString('latin1')).not.toContain('010190');
  });

  it('map back to the CPR only with the same key', () => {
    const id = ids.fromCpr('2512489996');
    expect(ids.toCpr(id)).toBe('2512489996');
    expect(() => new PersonIds(Buffer.alloc(32, 8)).toCpr(id)).toThrow(/not an employee id/);
  });

  it('reject tampered or foreign ids with BAD_USER_INPUT', () => {
    const id = ids.fromCpr('2512489996');
    const tampered = id.slice(0, -2) + (id.endsWith('A') ? 'BB' : 'AA');
    for (const bad of [tampered, 'p_abc', '2512489996', '']) {
      try {
        ids.toCpr(bad);
        expect.unreachable();
      } catch (error: any) {
        expect(error.extensions.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('decipher an id once, and never keep a forged one', () => {
    class Counting extends PersonIds {
      deciphered = 0;
      protected override decrypt(raw: Buffer): string {
        this.deciphered++;
        return super.decrypt(raw);
      }
    }
    const maker = new PersonIds(Buffer.alloc(32, 7));
    const id = maker.fromCpr('2512489996');
    const reader = new Counting(Buffer.alloc(32, 7));
    expect(reader.toCpr(id)).toBe('2512489996');
    expect(reader.toCpr(id)).toBe('2512489996');
    expect(reader.deciphered).toBe(1);
    // An id this instance made itself maps back without deciphering.
    expect(reader.toCpr(reader.fromCpr('0101901234'))).toBe('0101901234');
    expect(reader.deciphered).toBe(1);
    // A forged id is refused every time: a failure is not remembered.
    const tampered = id.slice(0, -2) + (id.endsWith('A') ? 'BB' : 'AA');
    for (let i = 0; i < 2; i++) expect(() => reader.toCpr(tampered)).toThrow(/not an employee id/);
    expect(reader.deciphered).toBe(3);
  });
});
