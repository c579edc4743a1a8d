// The simulator's Persondata/Adresse rules (sources/opus/simulator/personalDataRules.ts) and the
// Danish country names (sources/countries.ts) on their own: every broken rule is reported, the
// address is judged as it would be after the update, and judging never changes the employment.
import { describe, expect, it } from 'vitest';
import type { Employment } from '../../sources/model.js';
import { danishCountryName, isDanishCountryName } from '../../sources/countries.js';
import { applyPersonalData } from '../../sources/opus/simulator/personalDataRules.js';

const person = { cpr: '0101901234', firstName: 'Anne', lastName: 'Hansen', address: { street: 'Vestergade 1', postalCode: '8000', city: 'Aarhus C', country: 'Danmark', protected: true } };
const employment = { employmentNumber: '1001', contract: { start: '2020-01-01', end: null }, person } as unknown as Employment;
const ended = { ...employment, contract: { start: '2020-01-01', end: '2026-06-30' } } as unknown as Employment;
const codes = (o: ReturnType<typeof applyPersonalData>) => (o.ok ? [] : o.messages.map((m) => m.code));

describe('Persondata/Adresse rules', () => {
  it('answers the person as it would be, keeping CPR number and protection', () => {
    const before = structuredClone(person);
    const o = applyPersonalData({ lastName: 'Berg', postalCode: '5000' }, employment, '2026-11-01');
    expect(o).toEqual({ ok: true, person: { ...person, lastName: 'Berg', address: { ...person.address, postalCode: '5000' } } });
    expect(person).toEqual(before);
  });

  it('reports every broken rule at once', () => {
    const o = applyPersonalData({ firstName: '', lastName: 'x'.repeat(41), street: ' padded', city: 'y'.repeat(41), postalCode: '0999' }, ended, '2026-11-01');
    expect(codes(o)).toEqual(['316', '311', '311', '312', '314', '313']);
    expect(codes(applyPersonalData({ country: 'Atlantis' }, employment, '2026-11-01'))).toEqual(['315']);
    expect(codes(applyPersonalData({}, employment, '2026-11-01'))).toEqual(['310']);
  });

  it('judges the postal code against the country it would have', () => {
    // A foreign postal code is fine abroad, and a move home with it kept is not.
    expect(codes(applyPersonalData({ country: 'Sverige', postalCode: '211 22' }, employment, '2026-11-01'))).toEqual([]);
    const abroad = { ...employment, person: { ...person, address: { ...person.address, country: 'Sverige', postalCode: '211 22' } } } as unknown as Employment;
    expect(codes(applyPersonalData({ country: 'Danmark' }, abroad, '2026-11-01'))).toEqual(['313']);
    expect(codes(applyPersonalData({ postalCode: '9990' }, employment, '2026-11-01'))).toEqual([]);
    expect(codes(applyPersonalData({ postalCode: '9991' }, employment, '2026-11-01'))).toEqual(['313']);
  });
});

describe('Danish country names', () => {
  it('takes an alpha-2 code or a Danish name in any case and gives the Danish name', () => {
    expect(['DK', 'dk', 'Danmark', 'DANMARK'].map(danishCountryName)).toEqual(['Danmark', 'Danmark', 'Danmark', 'Danmark']);
    expect(danishCountryName('DE')).toBe('Tyskland');
    expect(['ZZ', 'EU', 'XK', 'Atlantis', ''].map(danishCountryName)).toEqual([null, null, null, null, null]);
    expect(isDanishCountryName('Danmark')).toBe(true);
    expect(isDanishCountryName('DK')).toBe(false);
    expect(isDanishCountryName('danmark')).toBe(false);
  });
});
