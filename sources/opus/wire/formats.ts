// The scalar formats of the Opus wire, declared as schemas, and the plain conversions to the domain
// model that follow a successful check. SAP gateways are lenient in what they send: codes and keys
// may come as numbers, amounts as numeric strings, flags as "1"/"0", empty optional fields as "" or
// null; each format below accepts exactly those spellings.
import Type, { type Static, type TSchema } from 'typebox';
import type { IsoDate, Period } from '../../model.js';
import { OPEN_END_DATE } from './constants.js';

/** Codes and keys some gateways send as numbers (Kode, Loebenummer, Status). */
export const Code = Type.Union([Type.String(), Type.Integer()], { description: 'a code (string or integer)' });
/** A code that must not be empty (Medarbejdernummer in a request). */
export const NonEmptyCode = Type.Union([Type.String({ minLength: 1 }), Type.Integer()], { description: 'a non-empty number' });
export const Text = Type.String();
/** Text left out, null or "" when there is none. */
export const OptText = Type.Optional(Type.Union([Type.String(), Type.Null()]));

const NUMERIC = '^-?\\d+(\\.\\d+)?$';
/** A finite number, or a numeric string (SAP gateways often quote amounts). */
export const Num = Type.Union([Type.Number(), Type.String({ pattern: NUMERIC })], { description: 'a number' });
export const OptNum = Type.Optional(Type.Union([Num, Type.Literal(''), Type.Null()]));
export const Int = Type.Union([Type.Integer(), Type.String({ pattern: '^-?\\d+$' })], { description: 'an integer' });

/** true/false, or the "1"/"0" and "true"/"false" strings ("" is false). */
export const Flag = Type.Union([Type.Boolean(), Type.Enum(['1', '0', 'true', 'false', ''])], { description: 'a boolean' });

/** A calendar date, or a dateTime (cut to its date, as Opus dates carry no time of day). */
const DATE = '^\\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])(?:$|T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?$)';
const DATE_RE = new RegExp(DATE);
export const WireDate = Type.String({ pattern: DATE, description: 'a date (YYYY-MM-DD)' });
/** An end date: `9999-12-31`, left out, null or "" when open. */
export const EndDate = Type.Optional(Type.Union([WireDate, Type.Literal(''), Type.Null()], { description: 'a date (YYYY-MM-DD)' }));

/** A list gateways commonly leave out (or send as null) when it is empty. */
export function OptList<S extends TSchema>(item: S) {
  return Type.Optional(Type.Union([Type.Array(item), Type.Null()], { description: 'an array' }));
}

/** The wire values of a code table (domain -> wire), for its schema. */
export function wireValues<T extends Record<string, string>>(table: T): Array<T[keyof T]> {
  return Object.values(table) as Array<T[keyof T]>;
}

/** A code table read backwards (wire -> domain). */
export function invert<K extends string, V extends string>(table: Record<K, V>): Record<V, K> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<V, K>;
}

// Conversions of checked values: no checks left to do, only the spelling to normalise.

export function toCode(v: string | number): string {
  return typeof v === 'string' ? v : String(v);
}

export function toNumber(v: string | number): number {
  return typeof v === 'number' ? v : Number(v);
}

export function toOptNumber(v: string | number | null | undefined): number | null {
  return v === undefined || v === null || v === '' ? null : toNumber(v);
}

export function toOptText(v: string | null | undefined): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

export function toFlag(v: boolean | string): boolean {
  return v === true || v === '1' || v === 'true';
}

export function toDate(v: string): IsoDate {
  return v.length === 10 ? v : v.slice(0, 10);
}

export function toEndDate(v: string | null | undefined): IsoDate | null {
  if (v === undefined || v === null || v === '') return null;
  const d = toDate(v);
  return d === OPEN_END_DATE ? null : d;
}

export function isIsoDate(s: string): boolean {
  return s.length === 10 && DATE_RE.test(s);
}

// ---------------------------------------------------------------- periods

/** Startdato and Slutdato, as every effective-dated item carries them. */
export const Periode = { Startdato: WireDate, Slutdato: EndDate };
export const WirePeriode = Type.Object(Periode);
export type WirePeriode = Static<typeof WirePeriode>;

export function periodToWire(p: Period): { Startdato: string; Slutdato: string } {
  return { Startdato: p.from, Slutdato: p.to ?? OPEN_END_DATE };
}

export function periodFromWire(o: { Startdato: string; Slutdato?: string | null }): Period {
  return { from: toDate(o.Startdato), to: toEndDate(o.Slutdato) };
}

/** Inclusive overlap of two periods, `to: null` meaning open. */
export function overlaps(a: Period, b: Period): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || a.to >= b.from);
}
