// The answers of each endpoint, declared as schemas, with the client's decoding and the simulator's
// encoding of the ones that are more than a header and a list of employees.
import Type, { type Static } from 'typebox';
import type { OneOffPayment, OpusOrgUnit } from '../../model.js';
import { checker } from './check.js';
import { WireKommunikation, WireMedarbejderData } from './areas.js';
import { WireMeddelelse, WireReadHeader, WireUpdateHeader } from './common.js';
import { Code, Flag, Num, OptList, OptText, Periode, Text, WireDate, periodFromWire, periodToWire, toCode, toDate, toFlag, toNumber, toOptText } from './formats.js';

const Meddelelser = Type.Optional(Type.Array(WireMeddelelse));

export const ReadEmployeeDataResponse = Type.Object({ Header: WireReadHeader, Medarbejdere: Type.Array(WireMedarbejderData), Meddelelse: Meddelelser });

export const ListEmployeesResponse = Type.Object({
  Header: WireReadHeader,
  Medarbejdernumre: OptList(Code),
  FlereResultater: Type.Optional(Flag),
  Meddelelse: Meddelelser,
});

export const FindEmployeesByCprResponse = Type.Object({
  Header: WireReadHeader,
  Resultater: OptList(Type.Object({ CPR: Code, Medarbejdernumre: OptList(Code) })),
  Meddelelse: Meddelelser,
});

/** One payment of a read-onetime-payments answer, as the public client of the real service reads it. */
export const WireEngangsydelse = Type.Object({
  /** A date or dateTime. */
  Startdato: WireDate,
  Objekt_id: Code,
  Loenart: Code,
  Loebenummer: Code,
  Beloeb: Num,
  Antal: Num,
  Afv_Timeloen: Type.Optional(Num),
  Afv_PSP_Element: OptText,
  Indv_Bemaerkning_1: OptText,
  Indv_Bemaerkning_2: OptText,
});
export const ReadOnetimePaymentsResponse = Type.Object({
  Header: WireReadHeader,
  Medarbejder: Type.Optional(Type.Object({ Medarbejdernummer: Code })),
  Engangsydelser: OptList(WireEngangsydelse),
  Meddelelse: Meddelelser,
});

/** The answer of every update: Header.Status "Error" and messages of Type E when nothing was stored. */
export const UpdateResponse = Type.Object({
  Header: WireUpdateHeader,
  Medarbejder: Type.Optional(Type.Object({ Medarbejdernummer: Code })),
  Meddelelse: Type.Array(WireMeddelelse),
});

export const UpdateCommunicationResponse = Type.Object({
  ...UpdateResponse.properties,
  /** What Opus stored; absent when the update was rejected. */
  Kommunikation: Type.Optional(WireKommunikation),
});

/** One Opus organisation unit (read-org-units, modelled): the fields of the extract's orgUnit. */
export const WireOrgEnhed = Type.Object({
  ...Periode,
  Id: Code,
  OverordnetId: Type.Optional(Type.Union([Code, Type.Null()], { description: 'a code (string or integer)' })),
  Kortnavn: OptText,
  Navn: Text,
  Gade: OptText,
  Postnr: OptText,
  By: OptText,
  Telefon: OptText,
  CVR: OptText,
  EAN: OptText,
  SE: OptText,
  PNr: OptText,
  Omkostningssted: OptText,
  Enhedstype: OptText,
  EnhedstypeTekst: OptText,
});
export const ReadOrgUnitsResponse = Type.Object({ Header: WireReadHeader, OrgEnheder: OptList(WireOrgEnhed), Meddelelse: Meddelelser });

/** The error body of an HTTP 4xx/5xx from the gateway (informational; clients go by the HTTP status). */
export const WireProtocolErrorBody = Type.Object({ Header: WireReadHeader });

export type ReadEmployeeDataResponse = Static<typeof ReadEmployeeDataResponse>;
export type ListEmployeesResponse = Static<typeof ListEmployeesResponse>;
export type FindEmployeesByCprResponse = Static<typeof FindEmployeesByCprResponse>;
export type WireEngangsydelse = Static<typeof WireEngangsydelse>;
export type ReadOnetimePaymentsResponse = Static<typeof ReadOnetimePaymentsResponse>;
export type UpdateOnetimePaymentsResponse = Static<typeof UpdateResponse>;
export type UpdateCommunicationResponse = Static<typeof UpdateCommunicationResponse>;
export type UpdateFixedPayItemsResponse = UpdateOnetimePaymentsResponse;
export type UpdatePersonalDataResponse = UpdateOnetimePaymentsResponse;
export type WireOrgEnhed = Static<typeof WireOrgEnhed>;
export type ReadOrgUnitsResponse = Static<typeof ReadOrgUnitsResponse>;
export type WireProtocolErrorBody = Static<typeof WireProtocolErrorBody>;

// ---------------------------------------------------------------- client side

// Each answer's own part; the header and messages are read by common.ts.
const checkList = checker(Type.Pick(ListEmployeesResponse, ['Medarbejdernumre', 'FlereResultater']));
const checkCprResults = checker(Type.Pick(FindEmployeesByCprResponse, ['Resultater']));
const checkPayments = checker(Type.Pick(ReadOnetimePaymentsResponse, ['Engangsydelser']));
const checkOrgUnits = checker(Type.Pick(ReadOrgUnitsResponse, ['OrgEnheder']));

export function listEmployeesFromWire(body: unknown): { numbers: string[]; hasMore: boolean } {
  const o = checkList(body, '');
  return { numbers: (o.Medarbejdernumre ?? []).map(toCode), hasMore: o.FlereResultater === undefined ? false : toFlag(o.FlereResultater) };
}

export function cprResultsFromWire(body: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of checkCprResults(body, '').Resultater ?? []) {
    const cpr = toCode(r.CPR);
    out.set(cpr, [...(out.get(cpr) ?? []), ...(r.Medarbejdernumre ?? []).map(toCode)]);
  }
  return out;
}

export function oneOffPaymentsFromWire(body: unknown): OneOffPayment[] {
  return (checkPayments(body, '').Engangsydelser ?? []).map((p) => ({
    startDate: toDate(p.Startdato),
    objectId: toCode(p.Objekt_id),
    wageType: toCode(p.Loenart),
    sequence: toCode(p.Loebenummer),
    amount: toNumber(p.Beloeb),
    quantity: toNumber(p.Antal),
  }));
}

export function orgUnitsFromWire(body: unknown): OpusOrgUnit[] {
  return (checkOrgUnits(body, '').OrgEnheder ?? []).map((u) => ({
    ...periodFromWire(u),
    id: toCode(u.Id),
    parentId: u.OverordnetId === undefined || u.OverordnetId === null || u.OverordnetId === '' ? null : toCode(u.OverordnetId),
    shortName: toOptText(u.Kortnavn) ?? '',
    longName: u.Navn,
    street: toOptText(u.Gade) ?? '',
    zipCode: toOptText(u.Postnr) ?? '',
    city: toOptText(u.By) ?? '',
    phoneNumber: toOptText(u.Telefon) ?? '',
    cvrNr: toOptText(u.CVR) ?? '',
    eanNr: toOptText(u.EAN) ?? '',
    seNr: toOptText(u.SE) ?? '',
    pNr: toOptText(u.PNr) ?? '',
    costCenter: toOptText(u.Omkostningssted) ?? '',
    orgType: toOptText(u.Enhedstype) ?? '',
    orgTypeTxt: toOptText(u.EnhedstypeTekst) ?? '',
  }));
}

// ---------------------------------------------------------------- simulator side

export function orgUnitToWire(u: OpusOrgUnit): WireOrgEnhed {
  return {
    ...periodToWire(u),
    Id: u.id,
    OverordnetId: u.parentId,
    Kortnavn: u.shortName,
    Navn: u.longName,
    Gade: u.street,
    Postnr: u.zipCode,
    By: u.city,
    Telefon: u.phoneNumber,
    CVR: u.cvrNr,
    EAN: u.eanNr,
    SE: u.seNr,
    PNr: u.pNr,
    Omkostningssted: u.costCenter,
    Enhedstype: u.orgType,
    EnhedstypeTekst: u.orgTypeTxt,
  };
}

/** Loebenummer is numeric at the wire; a sequence that is not a plain number is sent as it is. */
export function oneOffPaymentToWire(p: OneOffPayment): WireEngangsydelse {
  const n = Number(p.sequence);
  return {
    Startdato: p.startDate,
    Objekt_id: p.objectId,
    Loenart: p.wageType,
    Loebenummer: String(n) === p.sequence ? n : p.sequence,
    Beloeb: p.amount,
    Antal: p.quantity,
    Afv_Timeloen: 0,
  };
}
