// Danish identifiers: the CPR century table and calendar rules (without modulus 11), CVR modulus 11,
// GS1 check digits, KLE shapes, phone normalisation, and error messages that say what was wrong.
import { describe, expect, it } from 'vitest';
import {
  IdentifierError,
  cprBirthDate,
  cprCenturyDigits,
  cprGender,
  cvrIsValid,
  gs1CheckDigit,
  isValidCpr,
  isValidCvr,
  isValidEan,
  isValidEmail,
  isValidIsoDate,
  isValidKle,
  isValidKommunekode,
  isValidPNumber,
  isValidPhone,
  isValidSe,
  makeCvr,
  makeEan,
  parseCpr,
  parseCvr,
  parseEan,
  parseEmail,
  parseIsoDate,
  parseKle,
  parseKommunekode,
  parsePhone,
} from '../../sources/identifiers.js';

function errorOf(fn: () => unknown): IdentifierError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IdentifierError) return error;
    throw error;
  }
  throw new Error('expected an IdentifierError');
}

describe('CPR', () => {
  it.each([
    ['0101001234', '1900-01-01'],
    ['3112993999', '1999-12-31'],
    ['0101364000', '2036-01-01'],
    ['0101374000', '1937-01-01'],
    ['0101579000', '1957-01-01'],
    ['0101365000', '2036-01-01'],
    ['0101575000', '2057-01-01'],
    ['0101585000', '1858-01-01'],
    ['0101998999', '1899-01-01'],
    ['0101009999', '2000-01-01'],
    ['0101369000', '2036-01-01'],
    ['0101379000', '1937-01-01'],
  ])('%s was born %s (century from the 7th digit)', (cpr, birth) => {
    expect(isValidCpr(cpr)).toBe(true);
    expect(cprBirthDate(cpr)).toBe(birth);
  });

  it('accepts numbers that fail modulus 11, as issued since 2007', () => {
    // 0101001234 fails modulus 11 (weights 4,3,2,7,6,5,4,3,2,1 sum to 42).
    expect(isValidCpr('0101001234')).toBe(true);
  });

  it('handles 29 February by the century the 7th digit gives', () => {
    expect(isValidCpr('2902004000')).toBe(true); // 2000: leap year (divisible by 400)
    expect(cprBirthDate('2902004000')).toBe('2000-02-29');
    expect(isValidCpr('2902001000')).toBe(false); // 1900: not a leap year
    expect(isValidCpr('2902964000')).toBe(true); // 4 with 96: 1996, a leap year
  });

  it('knows 1896 is a leap year and 1897 is not', () => {
    expect(cprBirthDate('2902966000')).toBe('1896-02-29');
    expect(isValidCpr('2902975000')).toBe(false);
  });

  it('rejects impossible dates and wrong shapes', () => {
    expect(isValidCpr('3202001234')).toBe(false);
    expect(isValidCpr('0013001234')).toBe(false);
    expect(isValidCpr('3104001234')).toBe(false);
    expect(isValidCpr('000100123')).toBe(false);
    expect(isValidCpr('01010012345')).toBe(false);
    expect(isValidCpr('01010O1234')).toBe(false);
    expect(isValidCpr('')).toBe(false);
  });

  it('explains what is wrong', () => {
    const short = errorOf(() => parseCpr('010100123'));
    expect(short.kind).toBe('cpr');
    expect(short.message).toBe('CPR must be 10 digits (DDMMYYSSSS), got 9');
    expect(errorOf(() => parseCpr('3202001234')).message).toMatch(/valid birth date/);
    expect(errorOf(() => parseCpr('01010O1234')).message).toMatch(/digits only/);
  });

  it('normalises the usual DDMMYY-SSSS form and surrounding whitespace', () => {
    expect(parseCpr(' 010100-1234 ')).toBe('0101001234');
  });

  it('reads gender from the last digit', () => {
    expect(cprGender('0101001234')).toBe('female');
    expect(cprGender('0101001235')).toBe('male');
  });

  it('lists the 7th digits for a birth year', () => {
    expect(cprCenturyDigits(1920)).toEqual([0, 1, 2, 3]);
    expect(cprCenturyDigits(1950)).toEqual([0, 1, 2, 3, 4, 9]);
    expect(cprCenturyDigits(1980)).toEqual([0, 1, 2, 3, 4, 9]);
    expect(cprCenturyDigits(2005)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(cprCenturyDigits(2050)).toEqual([5, 6, 7, 8]);
    expect(cprCenturyDigits(1870)).toEqual([5, 6, 7, 8]);
    expect(cprCenturyDigits(1850)).toEqual([]);
  });
});

describe('CVR', () => {
  it.each(['29189846', '25052943', '55133018'])('%s is valid', (cvr) => {
    expect(isValidCvr(cvr)).toBe(true);
  });

  it('rejects a wrong check digit, a leading 0 and wrong lengths', () => {
    expect(isValidCvr('29189847')).toBe(false);
    expect(isValidCvr('02918984')).toBe(false);
    expect(isValidCvr('2918984')).toBe(false);
    expect(cvrIsValid('29189846')).toBe(true);
    expect(cvrIsValid('29189847')).toBe(false);
    expect(errorOf(() => parseCvr('29189847')).message).toMatch(/modulus 11/);
    expect(errorOf(() => parseCvr('1234567')).message).toBe('CVR must be 8 digits (NNNNNNNN), got 7');
  });

  it('makes valid numbers from any 7-digit prefix', () => {
    for (let p = 1_000_000; p < 1_000_500; p++) {
      const cvr = makeCvr(String(p));
      expect(parseCvr(cvr)).toBe(cvr);
      expect(cvr.slice(0, 6)).toBe(String(p).slice(0, 6));
    }
    expect(() => makeCvr('0123456')).toThrow(IdentifierError);
  });
});

describe('SE, P-number, kommunekode', () => {
  it('checks the lengths', () => {
    expect(isValidSe('12345678')).toBe(true);
    expect(isValidSe('1234567')).toBe(false);
    expect(isValidPNumber('1012345678')).toBe(true);
    expect(isValidPNumber('101234567')).toBe(false);
    expect(isValidKommunekode('851')).toBe(true);
    expect(isValidKommunekode('0851')).toBe(true);
    expect(isValidKommunekode('85')).toBe(false);
    expect(isValidKommunekode('08510')).toBe(false);
    expect(parseKommunekode(' 0999 ')).toBe('0999');
  });
});

describe('EAN / GLN', () => {
  it('computes GS1 check digits', () => {
    expect(gs1CheckDigit('579800000000')).toBe('1');
    expect(gs1CheckDigit('400638133393')).toBe('1');
    expect(makeEan('579800000000')).toBe('5798000000001');
  });

  it('validates 13 digits with the right check digit', () => {
    expect(isValidEan('5798000000001')).toBe(true);
    expect(isValidEan('4006381333931')).toBe(true);
    expect(isValidEan('4006381333932')).toBe(false);
    expect(isValidEan('400638133393')).toBe(false);
    expect(errorOf(() => parseEan('4006381333932')).message).toMatch(/check digit must be 1/);
  });
});

describe('KLE', () => {
  it('accepts one to six 2-digit groups, including local extensions', () => {
    for (const kle of ['00', '17.01', '17.01.02', '27.24.10.01', '81.05.01.02.03.04']) expect(isValidKle(kle)).toBe(true);
    expect(parseKle('28.10')).toBe('28.10');
  });

  it('rejects other shapes', () => {
    for (const kle of ['', '1', '17.1', '17..01', '17.01.', '17.01.02.03.04.05.06', 'ab.cd', '170102']) expect(isValidKle(kle)).toBe(false);
  });
});

describe('phone', () => {
  it('normalises to +45 and eight digits', () => {
    expect(parsePhone('87 55 10 00')).toBe('+4587551000');
    expect(parsePhone('+45 87551000')).toBe('+4587551000');
    expect(parsePhone('004587551000')).toBe('+4587551000');
    expect(parsePhone('8755-1000')).toBe('+4587551000');
  });

  it('rejects wrong lengths and other countries', () => {
    expect(isValidPhone('8755100')).toBe(false);
    expect(isValidPhone('+46 87551000')).toBe(false);
    expect(isValidPhone('+45 875510001')).toBe(false);
    expect(isValidPhone('phone')).toBe(false);
  });
});

describe('email', () => {
  it('accepts ordinary addresses and lower-cases the domain', () => {
    expect(parseEmail('ABC@Eksempel.DK')).toBe('ABC@eksempel.dk');
    expect(isValidEmail('anne.marie+hr@sub.eksempel.dk')).toBe(true);
    expect(isValidEmail('jørgen@kommune.dk')).toBe(true);
  });

  it('rejects the obviously wrong', () => {
    for (const e of ['', 'abc', 'abc@', '@eksempel.dk', 'a b@eksempel.dk', 'abc@eksempel', 'abc@@eksempel.dk', 'abc@-x.dk']) {
      expect(isValidEmail(e)).toBe(false);
    }
  });
});

describe('ISO date', () => {
  it('accepts real calendar dates', () => {
    for (const d of ['2026-11-01', '2024-02-29', '2000-02-29', '1999-12-31']) expect(parseIsoDate(d)).toBe(d);
  });

  it('rejects impossible dates and other shapes', () => {
    for (const d of ['2026-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '2026-1-01', '01-11-2026', '2026-11-01T00:00:00Z', '']) {
      expect(isValidIsoDate(d), d).toBe(false);
    }
    expect(errorOf(() => parseIsoDate('2026-02-29')).message).toBe('Date must be a real calendar date, got "2026-02-29"');
    expect(errorOf(() => parseIsoDate('1/11/2026')).kind).toBe('isoDate');
  });
});

describe('non-strings', () => {
  it('say so rather than crash', () => {
    expect(isValidCpr(undefined as unknown as string)).toBe(false);
    expect(errorOf(() => parseCpr(null as unknown as string)).message).toBe('CPR must be a string, got null');
  });
});
