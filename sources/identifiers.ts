// Danish public identifiers: validation, normalisation and construction.
// `isValidX` never throws; `parseX` returns the normalised value or throws an `IdentifierError` whose
// message says what was wrong, so callers can pass it straight to a client as a validation error.

export type IdentifierKind = 'cpr' | 'cvr' | 'se' | 'pNumber' | 'ean' | 'kle' | 'kommunekode' | 'phone' | 'email' | 'isoDate';

export class IdentifierError extends Error {
  constructor(
    readonly kind: IdentifierKind,
    message: string,
  ) {
    super(message);
    this.name = 'IdentifierError';
  }
}

type Gender = 'female' | 'male';

// Whitespace is tolerated around identifiers because they are often copied from letters and forms.
function clean(s: unknown, kind: IdentifierKind, label: string): string {
  if (typeof s !== 'string') throw new IdentifierError(kind, `${label} must be a string, got ${s === null ? 'null' : typeof s}`);
  return s.trim();
}

function digits(s: string, length: number, kind: IdentifierKind, label: string, shape: string): void {
  if (!/^\d*$/.test(s)) throw new IdentifierError(kind, `${label} must contain digits only (${shape}), got "${s}"`);
  if (s.length !== length) throw new IdentifierError(kind, `${label} must be ${length} digits (${shape}), got ${s.length}`);
}

function validator<T>(parse: (s: string) => T): (s: string) => boolean {
  return (s) => {
    try {
      parse(s);
      return true;
    } catch (error) {
      if (error instanceof IdentifierError) return false;
      throw error;
    }
  };
}

// ---------------------------------------------------------------- CPR

/**
 * The century of a CPR number from its 7th digit and two-digit year, per the CPR office's table.
 * A hyphen after the date (`DDMMYY-SSSS`) is accepted, as CPR numbers are usually written that way.
 */
function cprCentury(seventh: number, yy: number): number {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

interface CprParts {
  cpr: string;
  year: number;
  month: number;
  day: number;
}

function cprParts(input: string): CprParts {
  const raw = clean(input, 'cpr', 'CPR');
  const cpr = /^\d{6}-\d{4}$/.test(raw) ? raw.slice(0, 6) + raw.slice(7) : raw;
  digits(cpr, 10, 'cpr', 'CPR', 'DDMMYYSSSS');
  const day = Number(cpr.slice(0, 2));
  const month = Number(cpr.slice(2, 4));
  const yy = Number(cpr.slice(4, 6));
  const year = cprCentury(Number(cpr[6]), yy) + yy;
  if (!isCalendarDate(year, month, day)) {
    throw new IdentifierError('cpr', `CPR must start with a valid birth date (DDMMYY), got ${cpr.slice(0, 6)} (${year}-${pad2(month)}-${pad2(day)})`);
  }
  return { cpr, year, month, day };
}

/** Modulus 11 is deliberately not checked: the CPR office has issued numbers without it since 2007. */
export function parseCpr(s: string): string {
  return cprParts(s).cpr;
}

export const isValidCpr = validator(parseCpr);

/** Birth date as an ISO date (`YYYY-MM-DD`). */
export function cprBirthDate(cpr: string): string {
  const p = cprParts(cpr);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** Legal gender as the CPR number encodes it: last digit even = female, odd = male. */
export function cprGender(cpr: string): Gender {
  const p = cprParts(cpr);
  return Number(p.cpr[9]) % 2 === 0 ? 'female' : 'male';
}

/** The 7th digits that give `year` its century under the CPR office's table (empty outside 1858-2057). */
export function cprCenturyDigits(year: number): number[] {
  const yy = year % 100;
  const result: number[] = [];
  for (let d = 0; d <= 9; d++) if (cprCentury(d, yy) + yy === year) result.push(d);
  return result;
}

// ---------------------------------------------------------------- CVR, SE, P-nummer

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];

function cvrSum(eightDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(eightDigits[i]) * CVR_WEIGHTS[i];
  return sum;
}

export function parseCvr(s: string): string {
  const cvr = clean(s, 'cvr', 'CVR').replace(/\s+/g, '');
  digits(cvr, 8, 'cvr', 'CVR', 'NNNNNNNN');
  if (cvr[0] === '0') throw new IdentifierError('cvr', `CVR must not start with 0, got "${cvr}"`);
  if (cvrSum(cvr) % 11 !== 0) throw new IdentifierError('cvr', `CVR fails the modulus 11 check, got "${cvr}"`);
  return cvr;
}

export const isValidCvr = validator(parseCvr);

/** Same as `isValidCvr`; reads better where a condition is about a CVR number already in hand. */
export function cvrIsValid(cvr: string): boolean {
  return isValidCvr(cvr);
}

/**
 * A valid CVR number from 7 leading digits (first digit 1-9). Some prefixes have no valid check
 * digit (the remainder would need "10"); for those the 7th digit is stepped until one exists.
 */
export function makeCvr(prefix7: string): string {
  if (!/^[1-9]\d{6}$/.test(prefix7)) throw new IdentifierError('cvr', `CVR prefix must be 7 digits not starting with 0, got "${prefix7}"`);
  const head = prefix7.slice(0, 6);
  const start = Number(prefix7[6]);
  for (let step = 0; step < 10; step++) {
    const candidate = head + String((start + step) % 10);
    const remainder = cvrSum(candidate + '0') % 11;
    // The last weight is 1, so the check digit is whatever brings the sum to a multiple of 11.
    const check = (11 - remainder) % 11;
    if (check <= 9) return candidate + String(check);
  }
  throw new IdentifierError('cvr', `no valid CVR number starts with "${head}"`);
}

export function parseSe(s: string): string {
  const se = clean(s, 'se', 'SE number').replace(/\s+/g, '');
  digits(se, 8, 'se', 'SE number', 'NNNNNNNN');
  return se;
}

export const isValidSe = validator(parseSe);

export function parsePNumber(s: string): string {
  const p = clean(s, 'pNumber', 'P-number').replace(/\s+/g, '');
  digits(p, 10, 'pNumber', 'P-number', 'NNNNNNNNNN');
  return p;
}

export const isValidPNumber = validator(parsePNumber);

// ---------------------------------------------------------------- EAN / GLN

/** GS1 check digit for the first 12 digits of an EAN-13/GLN (weights 1,3,1,3... from the left). */
export function gs1CheckDigit(first12: string): string {
  if (!/^\d{12}$/.test(first12)) throw new IdentifierError('ean', `EAN prefix must be 12 digits, got "${first12}"`);
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

export function parseEan(s: string): string {
  const ean = clean(s, 'ean', 'EAN').replace(/\s+/g, '');
  digits(ean, 13, 'ean', 'EAN', '13 digits');
  const expected = gs1CheckDigit(ean.slice(0, 12));
  if (ean[12] !== expected) throw new IdentifierError('ean', `EAN check digit must be ${expected}, got "${ean}"`);
  return ean;
}

export const isValidEan = validator(parseEan);

export function makeEan(prefix12: string): string {
  return prefix12 + gs1CheckDigit(prefix12);
}

// ---------------------------------------------------------------- KLE, kommunekode

/** KLE numbers are dot-separated 2-digit groups; local extensions go beyond `NN.NN.NN`, so no list is checked. */
export function parseKle(s: string): string {
  const kle = clean(s, 'kle', 'KLE number');
  if (!/^\d{2}(\.\d{2}){0,5}$/.test(kle)) {
    throw new IdentifierError('kle', `KLE number must be 1 to 6 dot-separated 2-digit groups (e.g. 17.01.02), got "${kle}"`);
  }
  return kle;
}

export const isValidKle = validator(parseKle);

export function parseKommunekode(s: string): string {
  const code = clean(s, 'kommunekode', 'Kommunekode');
  if (!/^\d{3,4}$/.test(code)) throw new IdentifierError('kommunekode', `Kommunekode must be 3 or 4 digits, got "${code}"`);
  return code;
}

export const isValidKommunekode = validator(parseKommunekode);

// ---------------------------------------------------------------- phone, email

/** Danish phone numbers: 8 digits, optionally with +45 or 0045 and spaces; normalised to `+45XXXXXXXX`. */
export function parsePhone(s: string): string {
  const raw = clean(s, 'phone', 'Phone number');
  const compact = raw.replace(/[\s-]+/g, '');
  const local = compact.startsWith('+45') ? compact.slice(3) : compact.startsWith('0045') ? compact.slice(4) : compact;
  if (!/^\d{8}$/.test(local)) {
    throw new IdentifierError('phone', `Phone number must be 8 digits, optionally prefixed with +45 or 0045, got "${raw}"`);
  }
  return `+45${local}`;
}

export const isValidPhone = validator(parsePhone);

// Pragmatic rather than RFC 5322: one @, no spaces, a dotted domain with a 2+ letter top level.
const EMAIL = /^[^\s@"(),:;<>[\\\]]+@[a-z0-9æøå](?:[a-z0-9æøå-]*[a-z0-9æøå])?(?:\.[a-z0-9æøå](?:[a-z0-9æøå-]*[a-z0-9æøå])?)*\.[a-z]{2,}$/i;

/** The domain is lower-cased (it is case-insensitive); the local part is kept as given. */
export function parseEmail(s: string): string {
  const raw = clean(s, 'email', 'Email address');
  if (raw.length > 254 || !EMAIL.test(raw)) throw new IdentifierError('email', `Email address is not valid, got "${raw}"`);
  const at = raw.lastIndexOf('@');
  return raw.slice(0, at) + '@' + raw.slice(at + 1).toLowerCase();
}

export const isValidEmail = validator(parseEmail);

// ---------------------------------------------------------------- ISO date

/** A calendar date written `YYYY-MM-DD`, as Opus and FK ORG effective dates are compared as strings. */
export function parseIsoDate(s: string): string {
  const iso = clean(s, 'isoDate', 'Date');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new IdentifierError('isoDate', `Date must be written YYYY-MM-DD, got "${iso}"`);
  if (!isCalendarDate(Number(m[1]), Number(m[2]), Number(m[3]))) throw new IdentifierError('isoDate', `Date must be a real calendar date, got "${iso}"`);
  return iso;
}

export const isValidIsoDate = validator(parseIsoDate);

// ---------------------------------------------------------------- helpers

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}
