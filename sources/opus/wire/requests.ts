// The requests of each endpoint, declared as schemas, and the client's encoding of them. The simulator
// reads them with the same schemas (simulatorRequests.ts).
import Type, { type Static, type TObject } from 'typebox';
import type { Communication, Period } from '../../model.js';
import {
  OPUS_AREAS,
  type EmploymentFilter,
  type FixedPayItemLine,
  type FixedPayItemUpdate,
  type OneOffPaymentLine,
  type OneOffPaymentUpdate,
  type OpusArea,
  type PersonalDataUpdate,
} from '../OpusSource.js';
import { FIXED_PAY_ACTIONS, FIXED_PAY_KINDS, OPEN_END_DATE } from './constants.js';
import { WireKommunikation } from './areas.js';
import { communicationToWire } from './areasToWire.js';
import { WireMedarbejder, WireRequestHeader, WireUpdateRequestHeader, WireVirkningFilter, header, updateIdToWire, virkningToWire } from './common.js';
import { Code, OptList, OptText, Text, WireDate, wireValues } from './formats.js';

const OptDate = Type.Optional(Type.Union([WireDate, Type.Literal(''), Type.Null()], { description: 'a date (YYYY-MM-DD)' }));

export const ReadEmployeeDataRequest = Type.Object({
  Header: WireRequestHeader,
  Medarbejdere: Type.Array(WireMedarbejder),
  Omraader: Type.Array(Type.Enum([...OPUS_AREAS], { description: 'a known area' })),
  VirkningFilter: Type.Optional(Type.Union([WireVirkningFilter, Type.Null()], { description: 'an object' })),
});

export const ListEmployeesRequest = Type.Object({
  Header: WireRequestHeader,
  Filter: Type.Optional(
    Type.Object({
      OrgEnheder: OptList(Code),
      AktivPaaDato: OptDate,
      /** AktivFraDato and AktivTilDato come together: active on at least one day of the period. */
      AktivFraDato: OptDate,
      AktivTilDato: OptDate,
    }),
  ),
  EfterMedarbejdernummer: OptText,
  Antal: Type.Union([Type.Integer({ minimum: 1 }), Type.String({ pattern: '^0*[1-9]\\d*$' })], { description: 'a positive integer' }),
});

export const FindEmployeesByCprRequest = Type.Object({ Header: WireRequestHeader, CPRNumre: Type.Array(Code) });

export const UpdateCommunicationRequest = Type.Object({ Header: WireUpdateRequestHeader, Medarbejder: WireMedarbejder, Kommunikation: WireKommunikation });

export const ReadOnetimePaymentsRequest = Type.Object({ Header: WireRequestHeader, Medarbejder: WireMedarbejder, VirkningFilter: Type.Optional(WireVirkningFilter) });

/** One line of update-onetime-payments, as the public client of the real service sends it. */
export const WireEngangsydelseOpdatering = Type.Object({
  /** A dateTime, as the public client of the real service sends it. */
  Startdato: Text,
  Loenart: Text,
  Loebenummer: Type.Integer(),
  Sekvensnummer: Type.Optional(Text),
  /** Decimal with a point. */
  Antal: Text,
  Afv_Omkostningssted: Type.Optional(Text),
  Afv_PSP_Element: Type.Optional(Text),
  Afsendelses_System: Text,
  Indv_Bemaerkning: Type.Optional(Text),
});
export const UpdateOnetimePaymentsRequest = Type.Object({ Header: WireUpdateRequestHeader, Medarbejder: WireMedarbejder, Engangsydelser: Type.Array(WireEngangsydelseOpdatering) });

/** One line of an update-fixed-pay-items request (modelled: KMD's contract is not public). */
export const WireFastLoenpostOpdatering = Type.Object({
  /** Line number, three digits: Opus names a failing line "Fast tillæg/fradrag Nr. 001". */
  Sekvensnummer: Text,
  /** "Opret" adds an item; "Stop" gives the item with this Loenart and Startdato the Slutdato sent. */
  Handling: Type.Enum(wireValues(FIXED_PAY_ACTIONS)),
  /** Opret only: "Tillaeg" or "Fradrag". */
  Art: Type.Optional(Type.Enum(wireValues(FIXED_PAY_KINDS))),
  Loenart: Text,
  /** Dates as in the FasteTillaegFradrag area (Periode): `9999-12-31` when open. */
  Startdato: Text,
  Slutdato: Text,
  /** Opret only: DKK per month, a decimal with a point and at most two decimals, as Engangsydelser's Antal. */
  Maanedsbeloeb: Type.Optional(Text),
  Afsendelses_System: Text,
});
export const UpdateFixedPayItemsRequest = Type.Object({ Header: WireUpdateRequestHeader, Medarbejder: WireMedarbejder, FasteTillaegFradrag: Type.Array(WireFastLoenpostOpdatering) });

/** The Persondata and Adresse elements of the read side that update-personal-data can change. */
export const WirePersondataOpdatering = Type.Object({ Fornavn: Type.Optional(Text), Efternavn: Type.Optional(Text) });
export const WireAdresseOpdatering = Type.Object({ Gade: Type.Optional(Text), Postnr: Type.Optional(Text), By: Type.Optional(Text), Land: Type.Optional(Text) });

/**
 * update-personal-data (modelled: KMD's contract is not public). Only the elements sent change; an
 * element left out keeps Opus's value. Not CPR (the person's identity, not data to edit) and not
 * Beskyttet (navne- og adressebeskyttelse comes to Opus from CPR, not from HR). Persondata belongs to
 * the person: Opus shows it on every employment of the CPR number.
 */
export const UpdatePersonalDataRequest = Type.Object({
  Header: WireUpdateRequestHeader,
  Medarbejder: WireMedarbejder,
  Persondata: Type.Optional(WirePersondataOpdatering),
  Adresse: Type.Optional(WireAdresseOpdatering),
});

export const ReadOrgUnitsRequest = Type.Object({ Header: WireRequestHeader });

/**
 * The lines of an update as the simulator takes them: every field of the declared line, each a string
 * or number or left out, because judging the values is Opus's business rules, not the wire's.
 */
export function asSubmitted<P extends TObject>(line: P) {
  const Raw = Type.Optional(Type.Union([Type.String(), Type.Number(), Type.Null()], { description: 'a string' }));
  return Type.Object(Object.fromEntries(Object.keys(line.properties).map((k) => [k, Raw])) as Record<keyof P['properties'], typeof Raw>);
}

export type ReadEmployeeDataRequest = Static<typeof ReadEmployeeDataRequest>;
export type ListEmployeesRequest = Static<typeof ListEmployeesRequest>;
export type FindEmployeesByCprRequest = Static<typeof FindEmployeesByCprRequest>;
export type UpdateCommunicationRequest = Static<typeof UpdateCommunicationRequest>;
export type ReadOnetimePaymentsRequest = Static<typeof ReadOnetimePaymentsRequest>;
export type WireEngangsydelseOpdatering = Static<typeof WireEngangsydelseOpdatering>;
export type UpdateOnetimePaymentsRequest = Static<typeof UpdateOnetimePaymentsRequest>;
export type WireFastLoenpostOpdatering = Static<typeof WireFastLoenpostOpdatering>;
export type UpdateFixedPayItemsRequest = Static<typeof UpdateFixedPayItemsRequest>;
export type UpdatePersonalDataRequest = Static<typeof UpdatePersonalDataRequest>;
export type ReadOrgUnitsRequest = Static<typeof ReadOrgUnitsRequest>;

// ---------------------------------------------------------------- client side

export function readEmployeeDataRequest(clientId: string, numbers: readonly string[], areas: readonly OpusArea[], virkning?: Period): ReadEmployeeDataRequest {
  return {
    Header: header(clientId),
    Medarbejdere: numbers.map((n) => ({ Medarbejdernummer: n })),
    Omraader: [...areas],
    ...(virkning ? { VirkningFilter: virkningToWire(virkning) } : {}),
  };
}

export function listEmployeesRequest(clientId: string, filter: EmploymentFilter, after: string | null, limit: number): ListEmployeesRequest {
  const f: NonNullable<ListEmployeesRequest['Filter']> = {};
  if (filter.orgUnitOpusIds) f.OrgEnheder = [...filter.orgUnitOpusIds];
  if (filter.activeOn) f.AktivPaaDato = filter.activeOn;
  if (filter.activeDuring) {
    f.AktivFraDato = filter.activeDuring.from;
    f.AktivTilDato = filter.activeDuring.to;
  }
  return { Header: header(clientId), Filter: f, ...(after !== null ? { EfterMedarbejdernummer: after } : {}), Antal: limit };
}

export function updateCommunicationRequest(clientId: string, employmentNumber: string, c: Communication, updateId: string): UpdateCommunicationRequest {
  return {
    Header: { ClientID: clientId, OpdateringsID: updateIdToWire(updateId) },
    Medarbejder: { Medarbejdernummer: employmentNumber },
    Kommunikation: communicationToWire(c),
  };
}

/** Antal as the decimal string the service expects: a point, at most two decimals, no exponent. */
export function quantityToWire(q: number): string {
  if (!Number.isFinite(q)) throw new RangeError('quantity must be a finite number');
  return (Math.round(q * 100) / 100).toFixed(2).replace(/\.?0+$/, '') || '0';
}

function sequenceToWire(s: string): number {
  const n = Number(s);
  if (!/^\d+$/.test(s) || !Number.isSafeInteger(n)) throw new RangeError('sequence (Loebenummer) must be a whole number');
  return n;
}

function paymentLineToWire(l: OneOffPaymentLine, index: number): WireEngangsydelseOpdatering {
  const w: WireEngangsydelseOpdatering = {
    Startdato: `${l.startDate}T00:00:00Z`,
    Loenart: l.wageType,
    Loebenummer: sequenceToWire(l.sequence),
    // Opus names failing lines by Sekvensnummer in its messages, so every line gets one.
    Sekvensnummer: l.sequenceNumber ?? String(index + 1),
    Antal: quantityToWire(l.quantity),
    Afsendelses_System: l.sendingSystem,
  };
  if (l.costCenter) w.Afv_Omkostningssted = l.costCenter;
  if (l.pspElement) w.Afv_PSP_Element = l.pspElement;
  if (l.remark) w.Indv_Bemaerkning = l.remark;
  return w;
}

export function updateOnetimePaymentsRequest(clientId: string, u: OneOffPaymentUpdate): UpdateOnetimePaymentsRequest {
  return {
    Header: { ClientID: clientId, OpdateringsID: updateIdToWire(u.updateId), Kun_Valider: u.validateOnly ? '1' : '0' },
    Medarbejder: { Medarbejdernummer: u.employmentNumber },
    Engangsydelser: u.payments.map(paymentLineToWire),
  };
}

export function fixedPayLineLabel(sequenceNumber: string): string {
  return `Fast tillæg/fradrag Nr. ${sequenceNumber.padStart(3, '0')}`;
}

function fixedPayLineToWire(l: FixedPayItemLine): WireFastLoenpostOpdatering {
  const common = { Sekvensnummer: l.sequenceNumber.padStart(3, '0'), Loenart: l.wageType, Startdato: l.from, Afsendelses_System: l.sendingSystem };
  if (l.action === 'stop') return { ...common, Handling: FIXED_PAY_ACTIONS.stop, Slutdato: l.to };
  return { ...common, Handling: FIXED_PAY_ACTIONS.add, Art: FIXED_PAY_KINDS[l.kind], Slutdato: l.to ?? OPEN_END_DATE, Maanedsbeloeb: quantityToWire(l.monthlyAmount) };
}

export function updateFixedPayItemsRequest(clientId: string, u: FixedPayItemUpdate): UpdateFixedPayItemsRequest {
  return {
    Header: { ClientID: clientId, OpdateringsID: updateIdToWire(u.updateId), Kun_Valider: u.validateOnly ? '1' : '0' },
    Medarbejder: { Medarbejdernummer: u.employmentNumber },
    FasteTillaegFradrag: u.items.map(fixedPayLineToWire),
  };
}

export function updatePersonalDataRequest(clientId: string, u: PersonalDataUpdate): UpdatePersonalDataRequest {
  const c = u.changes;
  const persondata: NonNullable<UpdatePersonalDataRequest['Persondata']> = {};
  if (c.firstName !== undefined) persondata.Fornavn = c.firstName;
  if (c.lastName !== undefined) persondata.Efternavn = c.lastName;
  const adresse: NonNullable<UpdatePersonalDataRequest['Adresse']> = {};
  if (c.street !== undefined) adresse.Gade = c.street;
  if (c.postalCode !== undefined) adresse.Postnr = c.postalCode;
  if (c.city !== undefined) adresse.By = c.city;
  if (c.country !== undefined) adresse.Land = c.country;
  return {
    Header: { ClientID: clientId, OpdateringsID: updateIdToWire(u.updateId), Kun_Valider: u.validateOnly ? '1' : '0' },
    Medarbejder: { Medarbejdernummer: u.employmentNumber },
    ...(Object.keys(persondata).length > 0 ? { Persondata: persondata } : {}),
    ...(Object.keys(adresse).length > 0 ? { Adresse: adresse } : {}),
  };
}

export function readOnetimePaymentsRequest(clientId: string, employmentNumber: string, period: Period): ReadOnetimePaymentsRequest {
  return { Header: header(clientId), Medarbejder: { Medarbejdernummer: employmentNumber }, VirkningFilter: virkningToWire(period) };
}
