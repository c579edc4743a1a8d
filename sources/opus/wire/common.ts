// The parts every Opus gateway message shares, as the public client of Engangsydelser shows them:
// Header (ClientID in requests; Status and Tekst, or Timestamp, OpdateringsID and Status in answers),
// Medarbejder, VirkningFilter and Meddelelse.
import Type, { type Static } from 'typebox';
import type { Period } from '../../model.js';
import type { OpusMessage } from '../OpusSource.js';
import { OPEN_END_DATE } from './constants.js';
import { checker, WireShapeError } from './check.js';
import { Code, EndDate, Flag, NonEmptyCode, OptText, Text, WireDate, toCode, toDate, toEndDate, toOptText } from './formats.js';

export const WireRequestHeader = Type.Object({
  /** The kommunekode. */
  ClientID: Code,
});

export const WireUpdateRequestHeader = Type.Object({
  ClientID: Code,
  /** A UUID, upper case, no hyphens. Opus applies one OpdateringsID once. */
  OpdateringsID: Text,
  /** "1": validate only, store nothing. */
  Kun_Valider: Type.Optional(Type.Union([Flag, Type.Null()], { description: 'a boolean' })),
});

export const WireReadHeader = Type.Object({ Status: Code, Tekst: OptText });

export const WireUpdateHeader = Type.Object({ Timestamp: Text, OpdateringsID: Text, Status: Code });

/** SAP's abort (A) and exit (X) messages are errors to us. */
const MESSAGE_TYPES = { E: 'E', W: 'W', I: 'I', S: 'S', A: 'E', X: 'E' } as const satisfies Record<string, OpusMessage['type']>;

export const WireMeddelelse = Type.Object({
  Timestamp: Type.Optional(Text),
  Kode: Code,
  Type: Type.Enum(Object.keys(MESSAGE_TYPES) as Array<keyof typeof MESSAGE_TYPES>),
  Tekst: OptText,
});

/** In a request: the employment the call is about. */
export const WireMedarbejder = Type.Object({ Medarbejdernummer: NonEmptyCode });

/** An empty bound is open, as the real client sends "" for a missing date. */
export const WireVirkningFilter = Type.Object({ FraDatoTid: Type.Optional(Type.Union([WireDate, Type.Literal('')], { description: 'a date (YYYY-MM-DD)' })), TilDatoTid: EndDate });

export type WireRequestHeader = Static<typeof WireRequestHeader>;
export type WireUpdateRequestHeader = Static<typeof WireUpdateRequestHeader>;
export type WireReadHeader = Static<typeof WireReadHeader>;
export type WireUpdateHeader = Static<typeof WireUpdateHeader>;
export type WireMeddelelse = Static<typeof WireMeddelelse>;
export type WireMedarbejder = Static<typeof WireMedarbejder>;
export type WireVirkningFilter = Static<typeof WireVirkningFilter>;

// ---------------------------------------------------------------- headers and messages (client side)

const checkReadHeader = checker(Type.Object({ Header: WireReadHeader }));
const checkUpdateHeader = checker(Type.Object({ Header: WireUpdateHeader }));
// A single message may arrive as an object rather than a one-element array.
const checkMessages = checker(Type.Object({ Meddelelse: Type.Optional(Type.Union([Type.Array(WireMeddelelse), WireMeddelelse, Type.Null()], { description: 'an array' })) }));

export interface ReadHeader {
  status: string;
  text: string | null;
}

export function readHeaderFromWire(body: unknown): ReadHeader {
  const h = checkReadHeader(body, '').Header;
  return { status: toCode(h.Status), text: toOptText(h.Tekst) };
}

export interface UpdateHeader {
  status: string;
  timestamp: string;
  updateId: string;
}

export function updateHeaderFromWire(body: unknown): UpdateHeader {
  const h = checkUpdateHeader(body, '').Header;
  return { status: toCode(h.Status), timestamp: h.Timestamp, updateId: h.OpdateringsID };
}

export function messagesFromWire(body: unknown): OpusMessage[] {
  const raw = checkMessages(body, '').Meddelelse;
  const items = raw === undefined || raw === null ? [] : Array.isArray(raw) ? raw : [raw];
  return items.map((m) => ({ code: toCode(m.Kode), type: MESSAGE_TYPES[m.Type], text: toOptText(m.Tekst) ?? '' }));
}

export function messageToWire(m: OpusMessage, timestamp?: string): WireMeddelelse {
  return { ...(timestamp ? { Timestamp: timestamp } : {}), Kode: m.code, Type: m.type, Tekst: m.text };
}

// ---------------------------------------------------------------- request parts

export function header(clientId: string): WireRequestHeader {
  return { ClientID: clientId };
}

/** OpdateringsID: a UUID, upper case without hyphens, as KMD expects it. */
export function updateIdToWire(updateId: string): string {
  const hex = updateId.replace(/-/g, '').toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(hex)) throw new RangeError('updateId must be a UUID');
  return hex;
}

export function virkningToWire(p: Period): WireVirkningFilter {
  return { FraDatoTid: `${p.from}T00:00:00Z`, TilDatoTid: `${p.to ?? OPEN_END_DATE}T23:59:59Z` };
}

/** A checked VirkningFilter as a period; a missing start is the beginning of time. */
export function virkningFromWire(o: WireVirkningFilter, path: string): Period {
  const from = o.FraDatoTid === undefined || o.FraDatoTid === '' ? '0001-01-01' : toDate(o.FraDatoTid);
  const to = toEndDate(o.TilDatoTid);
  if (to !== null && to < from) throw new WireShapeError(path, 'FraDatoTid not after TilDatoTid');
  return { from, to };
}
