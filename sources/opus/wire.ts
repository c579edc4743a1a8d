// The KMD Opus JSON gateway protocol: every wire shape, and the only place where Danish Opus field
// names meet the English domain model. Both the client (OpusHttpClient) and the simulator use it, so
// the two cannot drift apart; aligning with KMD's documentation later means editing this file only.
//
// Engangsydelser follows a public client of the real service (field names, Loebenummer as a number,
// Antal as a decimal string, dateTime start dates, Header.Status "Error" on a failed update).
// Dataservice Medarbejderoplysninger is not publicly documented; its endpoints here are modelled in
// the same gateway style, with one object per area (område) named as in OPUS_AREAS. Nor is the
// "Personoplysninger og faste tillæg" webservice (update-fixed-pay-items): its request is modelled on
// the Engangsydelser update (Header, Medarbejder, numbered lines, Meddelelse per line) and its items on
// the FasteTillaegFradrag area they are read back from. Its personal-data half (update-personal-data)
// is modelled the same way: the request carries the Persondata and Adresse elements of the read side
// (read-employee-data), only those to change, and the answer is Header and Meddelelse.
import type {
  Absence,
  AbsenceType,
  CodedPeriod,
  Communication,
  Contract,
  Employment,
  FixedPayItem,
  IsoDate,
  OneOffPayment,
  OpusOrgUnit,
  PensionScheme,
  Period,
  PersonData,
  Placement,
  Refusion,
  SalaryPlacement,
  Schedule,
  TaxData,
  VacationBalance,
  WorkingTime,
} from '../model.js';
import type {
  EmploymentAreas,
  EmploymentFilter,
  FixedPayItemLine,
  FixedPayItemUpdate,
  OneOffPaymentLine,
  OneOffPaymentUpdate,
  OpusArea,
  OpusMessage,
  PersonalDataChanges,
  PersonalDataUpdate,
} from './OpusSource.js';
import { OPUS_AREAS } from './OpusSource.js';

// ---------------------------------------------------------------- endpoints and limits

export const OPUS_ENDPOINTS = {
  readEmployeeData: 'read-employee-data',
  listEmployees: 'list-employees',
  findEmployeesByCpr: 'find-employees-by-cpr',
  updateCommunication: 'update-communication',
  readOnetimePayments: 'read-onetime-payments',
  updateOnetimePayments: 'update-onetime-payments',
  /** Personoplysninger og faste tillæg: modelled, KMD's contract is not public. */
  updateFixedPayItems: 'update-fixed-pay-items',
  /** Personoplysninger og faste tillæg, its personal-data half: modelled, KMD's contract is not public. */
  updatePersonalData: 'update-personal-data',
  readOrgUnits: 'read-org-units',
} as const;
export type OpusEndpoint = (typeof OPUS_ENDPOINTS)[keyof typeof OPUS_ENDPOINTS];
export const ALL_OPUS_ENDPOINTS: readonly OpusEndpoint[] = Object.values(OPUS_ENDPOINTS);

/** Path below the configured base URL. */
export function endpointPath(endpoint: OpusEndpoint): string {
  return `lpe/${endpoint}`;
}

/** Most employees (or CPR numbers) one multi-employee call may carry. */
export const OPUS_MAX_BATCH_SIZE = 100;
/** Most numbers one list-employees page may return; numbers are cheap, so pages can be larger than batches. */
export const OPUS_MAX_LIST_PAGE = 1000;

/** Header.Status of read endpoints. */
export const READ_STATUS = { ok: '0', notFound: '1', rejected: '2' } as const;
export const NOT_FOUND_TEXT = 'Data ikke fundet.';
/** Header.Status of update endpoints ("Error" is what the real Engangsydelser service sends). */
export const UPDATE_STATUS = { ok: 'OK', error: 'Error' } as const;

/** Opus (SAP) writes an open end date as the last representable day. */
export const OPEN_END_DATE = '9999-12-31';

/**
 * Meddelelse codes. 119, 138, 151 and 167 are the real Engangsydelser codes; the others are this
 * project's own until KMD's list is at hand.
 */
export const MESSAGE_CODES = {
  unknownClient: '100',
  invalidUpdateId: '101',
  invalidWageType: '102',
  invalidStartDate: '103',
  invalidQuantity: '104',
  invalidSequence: '105',
  noPayments: '106',
  unknownEmployee: '110',
  invalidCostCentre: '119',
  employeeLocked: '138',
  invalidPspElement: '151',
  costCentreAndPsp: '167',
  invalidEmail: '201',
  invalidPhone: '202',
  // Faste tillæg/fradrag (update-fixed-pay-items): this project's own codes, like the above.
  noFixedPayItems: '300',
  unknownFixedPayWageType: '301',
  wrongFixedPayKind: '302',
  fixedPayOverlap: '303',
  employmentNotActive: '304',
  endBeforeStart: '305',
  fixedPayItemNotFound: '306',
  invalidMonthlyAmount: '307',
  invalidFixedPayAction: '308',
  invalidEndDate: '309',
  // Personoplysninger (update-personal-data): this project's own codes, like the above.
  noPersonalData: '310',
  invalidName: '311',
  invalidStreet: '312',
  invalidPostalCode: '313',
  invalidCity: '314',
  invalidCountry: '315',
  employmentEnded: '316',
} as const;

/**
 * Longest value Opus takes per Persondata/Adresse element. KMD does not publish them; Opus Personale
 * runs on SAP HCM, whose infotypes hold these fields as Fornavn PA0002-VORNA CHAR 40, Efternavn
 * PA0002-NACHN CHAR 40, Gade PA0006-STRAS CHAR 60, By PA0006-ORT01 CHAR 40 and Postnr PA0006-PSTLZ
 * CHAR 10 (a foreign one; a Danish one is 4 digits): the bounds chosen until KMD's contract says otherwise.
 */
export const PERSONAL_DATA_MAX_LENGTH = { Fornavn: 40, Efternavn: 40, Gade: 60, By: 40, Postnr: 10 } as const;
/**
 * Land as the read side's Adresse.Land shows it: the Danish name (the sample's "Danmark"). Danish
 * postal codes are 4 digits from 1000 (København K) to 9990 (Skagen): the postnumre of Dataforsyningen's
 * register (DAWA /postnumre).
 */
export const DENMARK = 'Danmark';
export const DANISH_POSTAL_CODE = /^[1-9]\d{3}$/;
export function isDanishPostalCode(code: string): boolean {
  return DANISH_POSTAL_CODE.test(code) && Number(code) >= 1000 && Number(code) <= 9990;
}

/** Handling of a faste tillæg/fradrag line (modelled). */
export const FIXED_PAY_ACTIONS = { add: 'Opret', stop: 'Stop' } as const;
/** Art of an added line: the two lists the FasteTillaegFradrag area reads them back in. */
export const FIXED_PAY_KINDS = { supplement: 'Tillaeg', deduction: 'Fradrag' } as const;

// ---------------------------------------------------------------- common wire shapes

export interface WireRequestHeader {
  /** The kommunekode. */
  ClientID: string;
}

export interface WireUpdateRequestHeader extends WireRequestHeader {
  /** A UUID, upper case, no hyphens. Opus applies one OpdateringsID once. */
  OpdateringsID: string;
  /** "1": validate only, store nothing. */
  Kun_Valider?: '1' | '0';
}

export interface WireReadHeader {
  Status: string;
  Tekst: string;
}

export interface WireUpdateHeader {
  Timestamp: string;
  OpdateringsID: string;
  Status: string;
}

export interface WireMeddelelse {
  Timestamp?: string;
  Kode: string | number;
  Type: string;
  Tekst: string;
}

export interface WireMedarbejder {
  Medarbejdernummer: string;
}

export interface WireVirkningFilter {
  FraDatoTid: string;
  TilDatoTid: string;
}

export interface WirePeriode {
  Startdato: string;
  /** `9999-12-31` when open. */
  Slutdato: string;
}

// ---------------------------------------------------------------- Medarbejderoplysninger areas

export interface WirePersondata {
  CPR: string;
  Fornavn: string;
  Efternavn: string;
}

export interface WireAdresse {
  Gade: string;
  Postnr: string;
  By: string;
  Land: string;
  /** Navne- og adressebeskyttelse. */
  Beskyttet: boolean;
}

export interface WireKommunikation {
  ArbejdsEmail: string | null;
  ArbejdsTelefon: string | null;
  Mobil: string | null;
}

export interface WireKontraktindhold {
  Ansaettelsesform: string;
  Arbejdskontrakt: string;
  ArbejdskontraktTekst: string;
  Startdato: string;
  Slutdato: string;
  StillingsID: string;
  Stilling: string;
  StillingKort: string;
  Overenskomst: { Kode: string; Tekst: string };
  JobID: string;
  Job: string;
  Leder: boolean;
  FoersteAnsaettelsesdato: string;
  IndtraedelsesdatoKoncern: string;
  BrugerID: string | null;
}

export interface WireArbejdstid extends WirePeriode {
  Broek: { Taeller: number; Naevner: number };
  Ugentimer: number;
}

export interface WireKodetPeriode extends WirePeriode {
  Kode: string;
  Tekst: string;
}

export interface WireMoedetidsplan extends WirePeriode {
  Navn: string;
  Dage: Array<{ Ugedag: number; Fra: string; Til: string }>;
}

export interface WireOrganisationsplacering extends WirePeriode {
  OrgEnhed: string;
}

export interface WireRefusion extends WirePeriode {
  Refusionsart: string;
  Beloeb: number;
}

export interface WireFravaer extends WirePeriode {
  Id: string;
  Fravaersart: string;
  /** Hours of a part-day absence, null for whole days. */
  DelvisTimer: number | null;
  Status: string;
  Refusioner: WireRefusion[];
}

export interface WireFeriesaldo {
  Ferieaar: string;
  OptjenteDage: number;
  AfholdteDage: number;
  OverfoerteDage: number;
}

export interface WireLoenindplacering extends WirePeriode {
  Loengruppe: string;
  Loengruppetekst: string;
  Loentrin: number;
  Skalatrin: string;
  Aarsloen: number;
}

export interface WireFastLoenpost extends WirePeriode {
  Loenart: string;
  Tekst: string;
  Maanedsbeloeb: number;
}

export interface WirePensionsordning extends WirePeriode {
  Pensionsselskab: string;
  Ordningskode: string;
  Egetbidrag_Pct: number;
  Arbejdsgiverbidrag_Pct: number;
}

export interface WireSkattekort {
  Aar: number;
  Korttype: string;
  Traekprocent: number;
  Fradrag: number;
}

/** One employee in a read-employee-data answer: only the requested areas are present. */
export interface WireMedarbejderData {
  Medarbejdernummer: string;
  Persondata?: WirePersondata;
  Adresse?: WireAdresse;
  Kommunikation?: WireKommunikation;
  Kontraktindhold?: WireKontraktindhold;
  Arbejdstid?: WireArbejdstid[];
  Arbejdsfunktion?: WireKodetPeriode[];
  Aktiviteter?: WireKodetPeriode[];
  Tilslutninger?: WireKodetPeriode[];
  Tjenesteplansindplacering?: WireKodetPeriode[];
  Moedetidsplaner?: WireMoedetidsplan[];
  Organisation?: WireOrganisationsplacering[];
  FravaerNaervaer?: { Fravaer: WireFravaer[] };
  Feriesaldo?: WireFeriesaldo[];
  Loenindplacering?: WireLoenindplacering[];
  FasteTillaegFradrag?: { Tillaeg: WireFastLoenpost[]; Fradrag: WireFastLoenpost[] };
  Pensionsordninger?: WirePensionsordning[];
  Skattedata?: { Skattekort: WireSkattekort[] };
}

// ---------------------------------------------------------------- requests and responses

export interface ReadEmployeeDataRequest {
  Header: WireRequestHeader;
  Medarbejdere: WireMedarbejder[];
  Omraader: OpusArea[];
  VirkningFilter?: WireVirkningFilter;
}
export interface ReadEmployeeDataResponse {
  Header: WireReadHeader;
  Medarbejdere: WireMedarbejderData[];
  Meddelelse?: WireMeddelelse[];
}

export interface ListEmployeesRequest {
  Header: WireRequestHeader;
  Filter: { OrgEnheder?: string[]; AktivPaaDato?: string; AktivFraDato?: string; AktivTilDato?: string };
  EfterMedarbejdernummer?: string;
  Antal: number;
}
export interface ListEmployeesResponse {
  Header: WireReadHeader;
  Medarbejdernumre: string[];
  FlereResultater: boolean;
  Meddelelse?: WireMeddelelse[];
}

export interface FindEmployeesByCprRequest {
  Header: WireRequestHeader;
  CPRNumre: string[];
}
export interface FindEmployeesByCprResponse {
  Header: WireReadHeader;
  Resultater: Array<{ CPR: string; Medarbejdernumre: string[] }>;
  Meddelelse?: WireMeddelelse[];
}

export interface UpdateCommunicationRequest {
  Header: WireUpdateRequestHeader;
  Medarbejder: WireMedarbejder;
  Kommunikation: WireKommunikation;
}
export interface UpdateCommunicationResponse {
  Header: WireUpdateHeader;
  Medarbejder?: WireMedarbejder;
  /** What Opus stored; absent when the update was rejected. */
  Kommunikation?: WireKommunikation;
  Meddelelse: WireMeddelelse[];
}

export interface ReadOnetimePaymentsRequest {
  Header: WireRequestHeader;
  Medarbejder: WireMedarbejder;
  VirkningFilter: WireVirkningFilter;
}
export interface WireEngangsydelse {
  Startdato: string;
  Objekt_id: string;
  Loenart: string;
  Loebenummer: number | string;
  Beloeb: number;
  Antal: number;
  Afv_Timeloen?: number;
  Afv_PSP_Element?: string | null;
  Indv_Bemaerkning_1?: string | null;
  Indv_Bemaerkning_2?: string | null;
}
export interface ReadOnetimePaymentsResponse {
  Header: WireReadHeader;
  Medarbejder?: WireMedarbejder;
  Engangsydelser?: WireEngangsydelse[];
  Meddelelse?: WireMeddelelse[];
}

export interface WireEngangsydelseOpdatering {
  /** A dateTime, as the public client of the real service sends it. */
  Startdato: string;
  Loenart: string;
  Loebenummer: number;
  Sekvensnummer?: string;
  /** Decimal with a point. */
  Antal: string;
  Afv_Omkostningssted?: string;
  Afv_PSP_Element?: string;
  Afsendelses_System: string;
  Indv_Bemaerkning?: string;
}
export interface UpdateOnetimePaymentsRequest {
  Header: WireUpdateRequestHeader;
  Medarbejder: WireMedarbejder;
  Engangsydelser: WireEngangsydelseOpdatering[];
}
export interface UpdateOnetimePaymentsResponse {
  Header: WireUpdateHeader;
  Medarbejder?: WireMedarbejder;
  Meddelelse: WireMeddelelse[];
}

/** One line of an update-fixed-pay-items request (modelled: KMD's contract is not public). */
export interface WireFastLoenpostOpdatering {
  /** Line number, three digits: Opus names a failing line "Fast tillæg/fradrag Nr. 001". */
  Sekvensnummer: string;
  /** "Opret" adds an item; "Stop" gives the item with this Loenart and Startdato the Slutdato sent. */
  Handling: (typeof FIXED_PAY_ACTIONS)[keyof typeof FIXED_PAY_ACTIONS];
  /** Opret only: "Tillaeg" or "Fradrag". */
  Art?: (typeof FIXED_PAY_KINDS)[keyof typeof FIXED_PAY_KINDS];
  Loenart: string;
  /** Dates as in the FasteTillaegFradrag area (WirePeriode): `9999-12-31` when open. */
  Startdato: string;
  Slutdato: string;
  /** Opret only: DKK per month, a decimal with a point and at most two decimals, as Engangsydelser's Antal. */
  Maanedsbeloeb?: string;
  Afsendelses_System: string;
}
export interface UpdateFixedPayItemsRequest {
  Header: WireUpdateRequestHeader;
  Medarbejder: WireMedarbejder;
  FasteTillaegFradrag: WireFastLoenpostOpdatering[];
}
/** As Engangsydelser's: Header.Status "Error" and messages of Type E when nothing was stored. */
export type UpdateFixedPayItemsResponse = UpdateOnetimePaymentsResponse;

/**
 * update-personal-data (modelled: KMD's contract is not public). Only the elements sent change; an
 * element left out keeps Opus's value. Not CPR (the person's identity, not data to edit) and not
 * Beskyttet (navne- og adressebeskyttelse comes to Opus from CPR, not from HR). Persondata belongs to
 * the person: Opus shows it on every employment of the CPR number.
 */
export interface UpdatePersonalDataRequest {
  Header: WireUpdateRequestHeader;
  Medarbejder: WireMedarbejder;
  Persondata?: Partial<Pick<WirePersondata, 'Fornavn' | 'Efternavn'>>;
  Adresse?: Partial<Pick<WireAdresse, 'Gade' | 'Postnr' | 'By' | 'Land'>>;
}
/** As Engangsydelser's: Header.Status "Error" and messages of Type E when nothing was stored. */
export type UpdatePersonalDataResponse = UpdateOnetimePaymentsResponse;

export interface ReadOrgUnitsRequest {
  Header: WireRequestHeader;
}
export interface WireOrgEnhed extends WirePeriode {
  Id: string;
  OverordnetId: string | null;
  Kortnavn: string;
  Navn: string;
  Gade: string;
  Postnr: string;
  By: string;
  Telefon: string;
  CVR: string;
  EAN: string;
  SE: string;
  PNr: string;
  Omkostningssted: string;
  Enhedstype: string;
  EnhedstypeTekst: string;
}
export interface ReadOrgUnitsResponse {
  Header: WireReadHeader;
  OrgEnheder: WireOrgEnhed[];
  Meddelelse?: WireMeddelelse[];
}

/** The error body of an HTTP 4xx/5xx from the gateway (informational; clients go by the HTTP status). */
export interface WireProtocolErrorBody {
  Header: WireReadHeader;
}

// ---------------------------------------------------------------- structural reading

/** A wire value did not have the expected shape. `path` names the field, never its value. */
export class WireShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
    this.name = 'WireShapeError';
  }
}

type Obj = Record<string, unknown>;

export function record(v: unknown, path: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WireShapeError(path, 'an object');
  return v as Obj;
}

export function text(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new WireShapeError(path, 'a string');
  return v;
}

/** Codes and keys some gateways send as numbers (Kode, Loebenummer, Status). */
export function code(v: unknown, path: string): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  throw new WireShapeError(path, 'a code (string or integer)');
}

export function optText(v: unknown, path: string): string | null {
  if (v === undefined || v === null || v === '') return null;
  return text(v, path);
}

const NUMERIC = /^-?\d+(\.\d+)?$/;

/** Finite number, or a numeric string (SAP gateways often quote amounts). */
export function number(v: unknown, path: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && NUMERIC.test(v)) return Number(v);
  throw new WireShapeError(path, 'a number');
}

export function integer(v: unknown, path: string): number {
  const n = number(v, path);
  if (!Number.isInteger(n)) throw new WireShapeError(path, 'an integer');
  return n;
}

export function optNumber(v: unknown, path: string): number | null {
  if (v === undefined || v === null || v === '') return null;
  return number(v, path);
}

export function flag(v: unknown, path: string): boolean {
  if (v === true || v === '1' || v === 'true') return true;
  if (v === false || v === '0' || v === 'false' || v === '') return false;
  throw new WireShapeError(path, 'a boolean');
}

export function list(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new WireShapeError(path, 'an array');
  return v;
}

/** Gateways commonly leave out empty arrays. */
export function optList(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  return list(v, path);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$)/;

/** A calendar date; a dateTime is cut to its date, as Opus dates carry no time of day. */
export function date(v: unknown, path: string): IsoDate {
  const s = text(v, path);
  const m = DATE.exec(s);
  if (!m) throw new WireShapeError(path, 'a date (YYYY-MM-DD)');
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) throw new WireShapeError(path, 'a date (YYYY-MM-DD)');
  return s.slice(0, 10);
}

export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && DATE.test(s);
}

export function endDate(v: unknown, path: string): IsoDate | null {
  if (v === undefined || v === null || v === '') return null;
  const d = date(v, path);
  return d === OPEN_END_DATE ? null : d;
}

function oneOf<T>(v: unknown, path: string, table: Readonly<Record<string, T>>): T {
  const key = text(v, path);
  if (!Object.prototype.hasOwnProperty.call(table, key)) throw new WireShapeError(path, `one of ${Object.keys(table).join(', ')}`);
  return table[key] as T;
}

function invert<K extends string, V extends string>(table: Record<K, V>): Record<V, K> {
  return Object.fromEntries(Object.entries(table).map(([k, v]) => [v, k])) as Record<V, K>;
}

// ---------------------------------------------------------------- code tables (domain -> wire)

const EMPLOYMENT_TYPES: Record<Contract['employmentType'], string> = {
  permanent: 'Fastansat',
  fixedTerm: 'Tidsbegraenset',
  hourly: 'Timeloennet',
  trainee: 'Elev',
};
const ABSENCE_TYPES: Record<AbsenceType, string> = {
  ferie: 'Ferie',
  feriefridage: 'Feriefridage',
  sygdom: 'Sygdom',
  barnsSygedag: 'BarnsSygedag',
  barsel: 'Barsel',
  orlov: 'Orlov',
  omsorgsdage: 'Omsorgsdage',
  seniordage: 'Seniordage',
  tjenestefri: 'Tjenestefri',
};
const ABSENCE_STATUSES: Record<Absence['status'], string> = { approved: 'Godkendt', requested: 'Anmodet', rejected: 'Afvist' };
const REFUSION_TYPES: Record<Refusion['type'], string> = {
  sygedagpenge: 'Sygedagpenge',
  barselsdagpenge: 'Barselsdagpenge',
  forsikring: 'Forsikring',
};
const TAX_CARD_TYPES: Record<TaxData['cardType'], string> = { main: 'Hovedkort', secondary: 'Bikort', free: 'Frikort' };

const EMPLOYMENT_TYPES_BACK = invert(EMPLOYMENT_TYPES);
const ABSENCE_TYPES_BACK = invert(ABSENCE_TYPES);
const ABSENCE_STATUSES_BACK = invert(ABSENCE_STATUSES);
const REFUSION_TYPES_BACK = invert(REFUSION_TYPES);
const TAX_CARD_TYPES_BACK = invert(TAX_CARD_TYPES);
/** SAP's abort (A) and exit (X) messages are errors to us. */
const MESSAGE_TYPES: Record<string, OpusMessage['type']> = { E: 'E', W: 'W', I: 'I', S: 'S', A: 'E', X: 'E' };

// ---------------------------------------------------------------- periods

export function periodToWire(p: Period): WirePeriode {
  return { Startdato: p.from, Slutdato: p.to ?? OPEN_END_DATE };
}

function periodFromWire(o: Obj, path: string): Period {
  return { from: date(o.Startdato, `${path}.Startdato`), to: endDate(o.Slutdato, `${path}.Slutdato`) };
}

/** Inclusive overlap of two periods, `to: null` meaning open. */
export function overlaps(a: Period, b: Period): boolean {
  return (b.to === null || a.from <= b.to) && (a.to === null || a.to >= b.from);
}

export function virkningToWire(p: Period): WireVirkningFilter {
  return { FraDatoTid: `${p.from}T00:00:00Z`, TilDatoTid: `${p.to ?? OPEN_END_DATE}T23:59:59Z` };
}

/** An empty bound is open, as the real client sends "" for a missing date. */
export function virkningFromWire(v: unknown, path: string): Period {
  const o = record(v, path);
  const from = o.FraDatoTid === '' || o.FraDatoTid === undefined ? '0001-01-01' : date(o.FraDatoTid, `${path}.FraDatoTid`);
  const to = endDate(o.TilDatoTid, `${path}.TilDatoTid`);
  if (to !== null && to < from) throw new WireShapeError(path, 'FraDatoTid not after TilDatoTid');
  return { from, to };
}

/**
 * Ascending Medarbejdernummer order: numerically, by comparing the numbers zero-padded to equal
 * width, so "00123" and "123" sort by value (ties broken by the raw string, to stay a total order).
 */
export function compareEmploymentNumbers(a: string, b: string): number {
  if (a === b) return 0;
  const width = Math.max(a.length, b.length);
  const pa = a.padStart(width, '0');
  const pb = b.padStart(width, '0');
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a < b ? -1 : 1;
}

// ---------------------------------------------------------------- areas: domain -> wire (simulator)

function filtered<T extends Period>(items: readonly T[], virkning: Period | null): readonly T[] {
  return virkning ? items.filter((i) => overlaps(i, virkning)) : items;
}

function codedToWire(c: CodedPeriod): WireKodetPeriode {
  return { ...periodToWire(c), Kode: c.code, Tekst: c.name };
}

function fixedPayToWire(f: FixedPayItem): WireFastLoenpost {
  return { ...periodToWire(f), Loenart: f.wageType, Tekst: f.name, Maanedsbeloeb: f.monthlyAmount };
}

export function communicationToWire(c: Communication): WireKommunikation {
  return { ArbejdsEmail: c.workEmail, ArbejdsTelefon: c.workPhone, Mobil: c.mobilePhone };
}

/**
 * One employee with the requested areas. With a virkning period, effective-dated lists keep only the
 * items overlapping it (absences too); tax cards by calendar year. Contract, person data and balances
 * are not effective-dated lists and come whole.
 */
export function employmentToWire(e: Employment, areas: ReadonlySet<OpusArea>, virkning: Period | null): WireMedarbejderData {
  const w: WireMedarbejderData = { Medarbejdernummer: e.employmentNumber };
  for (const area of areas) {
    switch (area) {
      case 'Persondata':
        w.Persondata = { CPR: e.person.cpr, Fornavn: e.person.firstName, Efternavn: e.person.lastName };
        break;
      case 'Adresse': {
        const a = e.person.address;
        w.Adresse = { Gade: a.street, Postnr: a.postalCode, By: a.city, Land: a.country, Beskyttet: a.protected };
        break;
      }
      case 'Kommunikation':
        w.Kommunikation = communicationToWire(e.communication);
        break;
      case 'Kontraktindhold': {
        const c = e.contract;
        w.Kontraktindhold = {
          Ansaettelsesform: EMPLOYMENT_TYPES[c.employmentType],
          Arbejdskontrakt: c.workContract,
          ArbejdskontraktTekst: c.workContractText,
          Startdato: c.start,
          Slutdato: c.end ?? OPEN_END_DATE,
          StillingsID: c.positionId,
          Stilling: c.position,
          StillingKort: c.positionShort,
          Overenskomst: { Kode: c.agreement.code, Tekst: c.agreement.name },
          JobID: c.jobId,
          Job: c.job,
          Leder: c.isManager,
          FoersteAnsaettelsesdato: c.initialEntry,
          IndtraedelsesdatoKoncern: c.entryIntoGroup,
          BrugerID: e.userId,
        };
        break;
      }
      case 'Arbejdstid':
        w.Arbejdstid = filtered(e.workingTime, virkning).map((t) => ({
          ...periodToWire(t),
          Broek: { Taeller: t.numerator, Naevner: t.denominator },
          Ugentimer: t.weeklyHours,
        }));
        break;
      case 'Arbejdsfunktion':
        w.Arbejdsfunktion = filtered(e.jobFunction, virkning).map(codedToWire);
        break;
      case 'Aktiviteter':
        w.Aktiviteter = filtered(e.activities, virkning).map(codedToWire);
        break;
      case 'Tilslutninger':
        w.Tilslutninger = filtered(e.affiliations, virkning).map(codedToWire);
        break;
      case 'Tjenesteplansindplacering':
        w.Tjenesteplansindplacering = filtered(e.dutyPlanPlacement, virkning).map(codedToWire);
        break;
      case 'Moedetidsplaner':
        w.Moedetidsplaner = filtered(e.schedules, virkning).map((s) => ({
          ...periodToWire(s),
          Navn: s.name,
          Dage: s.days.map((d) => ({ Ugedag: d.weekday, Fra: d.start, Til: d.end })),
        }));
        break;
      case 'Organisation':
        w.Organisation = filtered(e.placements, virkning).map((p) => ({ ...periodToWire(p), OrgEnhed: p.orgUnitOpusId }));
        break;
      case 'FravaerNaervaer':
        w.FravaerNaervaer = {
          Fravaer: filtered(e.absences, virkning).map((a) => ({
            ...periodToWire(a),
            Id: a.id,
            Fravaersart: ABSENCE_TYPES[a.type],
            DelvisTimer: a.partDayHours,
            Status: ABSENCE_STATUSES[a.status],
            Refusioner: a.refusions.map((r) => ({ ...periodToWire(r), Refusionsart: REFUSION_TYPES[r.type], Beloeb: r.amount })),
          })),
        };
        break;
      case 'Feriesaldo':
        w.Feriesaldo = e.vacationBalances.map((b) => ({
          Ferieaar: b.holidayYear,
          OptjenteDage: b.earnedDays,
          AfholdteDage: b.usedDays,
          OverfoerteDage: b.transferredDays,
        }));
        break;
      case 'Loenindplacering':
        w.Loenindplacering = filtered(e.salaryPlacement, virkning).map((s) => ({
          ...periodToWire(s),
          Loengruppe: s.payGroup,
          Loengruppetekst: s.payGroupText,
          Loentrin: s.step,
          Skalatrin: s.scale,
          Aarsloen: s.annualBaseSalary,
        }));
        break;
      case 'FasteTillaegFradrag': {
        const items = filtered(e.fixedPayItems, virkning);
        w.FasteTillaegFradrag = {
          Tillaeg: items.filter((i) => i.kind === 'supplement').map(fixedPayToWire),
          Fradrag: items.filter((i) => i.kind === 'deduction').map(fixedPayToWire),
        };
        break;
      }
      case 'Pensionsordninger':
        w.Pensionsordninger = filtered(e.pensions, virkning).map((p) => ({
          ...periodToWire(p),
          Pensionsselskab: p.provider,
          Ordningskode: p.schemeCode,
          Egetbidrag_Pct: p.employeePercent,
          Arbejdsgiverbidrag_Pct: p.employerPercent,
        }));
        break;
      case 'Skattedata': {
        const fromYear = virkning ? Number(virkning.from.slice(0, 4)) : -Infinity;
        const toYear = virkning?.to ? Number(virkning.to.slice(0, 4)) : Infinity;
        w.Skattedata = {
          Skattekort: e.tax
            .filter((t) => t.year >= fromYear && t.year <= toYear)
            .map((t) => ({ Aar: t.year, Korttype: TAX_CARD_TYPES[t.cardType], Traekprocent: t.withholdingRate, Fradrag: t.monthlyDeduction })),
        };
        break;
      }
    }
  }
  return w;
}

// ---------------------------------------------------------------- areas: wire -> domain (client)

/** Persondata and Adresse together make one `person`, so asking for either asks Opus for both. */
export function wireAreasFor(areas: readonly OpusArea[]): OpusArea[] {
  const set = new Set(areas);
  if (set.has('Persondata') || set.has('Adresse')) {
    set.add('Persondata');
    set.add('Adresse');
  }
  return OPUS_AREAS.filter((a) => set.has(a));
}

function codedFromWire(v: unknown, path: string): CodedPeriod {
  const o = record(v, path);
  return { ...periodFromWire(o, path), code: code(o.Kode, `${path}.Kode`), name: text(o.Tekst, `${path}.Tekst`) };
}

function codedList(v: unknown, path: string): CodedPeriod[] {
  return optList(v, path).map((x, i) => codedFromWire(x, `${path}[${i}]`));
}

function personFromWire(pd: unknown, ad: unknown, path: string): PersonData {
  const p = record(pd, `${path}.Persondata`);
  const a = record(ad, `${path}.Adresse`);
  return {
    cpr: text(p.CPR, `${path}.Persondata.CPR`),
    firstName: text(p.Fornavn, `${path}.Persondata.Fornavn`),
    lastName: text(p.Efternavn, `${path}.Persondata.Efternavn`),
    address: {
      street: text(a.Gade, `${path}.Adresse.Gade`),
      postalCode: code(a.Postnr, `${path}.Adresse.Postnr`),
      city: text(a.By, `${path}.Adresse.By`),
      country: text(a.Land, `${path}.Adresse.Land`),
      protected: flag(a.Beskyttet, `${path}.Adresse.Beskyttet`),
    },
  };
}

export function communicationFromWire(v: unknown, path: string): Communication {
  const c = record(v, path);
  return {
    workEmail: optText(c.ArbejdsEmail, `${path}.ArbejdsEmail`),
    workPhone: optText(c.ArbejdsTelefon, `${path}.ArbejdsTelefon`),
    mobilePhone: optText(c.Mobil, `${path}.Mobil`),
  };
}

function contractFromWire(v: unknown, path: string): { contract: Contract; userId: string | null } {
  const c = record(v, path);
  const agreement = record(c.Overenskomst, `${path}.Overenskomst`);
  return {
    contract: {
      employmentType: oneOf(c.Ansaettelsesform, `${path}.Ansaettelsesform`, EMPLOYMENT_TYPES_BACK),
      workContract: code(c.Arbejdskontrakt, `${path}.Arbejdskontrakt`),
      workContractText: text(c.ArbejdskontraktTekst, `${path}.ArbejdskontraktTekst`),
      start: date(c.Startdato, `${path}.Startdato`),
      end: endDate(c.Slutdato, `${path}.Slutdato`),
      positionId: code(c.StillingsID, `${path}.StillingsID`),
      position: text(c.Stilling, `${path}.Stilling`),
      positionShort: text(c.StillingKort, `${path}.StillingKort`),
      agreement: { code: code(agreement.Kode, `${path}.Overenskomst.Kode`), name: text(agreement.Tekst, `${path}.Overenskomst.Tekst`) },
      jobId: code(c.JobID, `${path}.JobID`),
      job: text(c.Job, `${path}.Job`),
      isManager: flag(c.Leder, `${path}.Leder`),
      initialEntry: date(c.FoersteAnsaettelsesdato, `${path}.FoersteAnsaettelsesdato`),
      entryIntoGroup: date(c.IndtraedelsesdatoKoncern, `${path}.IndtraedelsesdatoKoncern`),
    },
    userId: optText(c.BrugerID, `${path}.BrugerID`),
  };
}

function workingTimeFromWire(v: unknown, path: string): WorkingTime {
  const o = record(v, path);
  const b = record(o.Broek, `${path}.Broek`);
  return {
    ...periodFromWire(o, path),
    numerator: number(b.Taeller, `${path}.Broek.Taeller`),
    denominator: number(b.Naevner, `${path}.Broek.Naevner`),
    weeklyHours: number(o.Ugentimer, `${path}.Ugentimer`),
  };
}

function scheduleFromWire(v: unknown, path: string): Schedule {
  const o = record(v, path);
  return {
    ...periodFromWire(o, path),
    name: text(o.Navn, `${path}.Navn`),
    days: optList(o.Dage, `${path}.Dage`).map((d, i) => {
      const p = `${path}.Dage[${i}]`;
      const day = record(d, p);
      const weekday = integer(day.Ugedag, `${p}.Ugedag`);
      if (weekday < 1 || weekday > 7) throw new WireShapeError(`${p}.Ugedag`, 'a weekday 1-7');
      return { weekday: weekday as Schedule['days'][number]['weekday'], start: text(day.Fra, `${p}.Fra`), end: text(day.Til, `${p}.Til`) };
    }),
  };
}

function placementFromWire(v: unknown, path: string): Placement {
  const o = record(v, path);
  return { ...periodFromWire(o, path), orgUnitOpusId: code(o.OrgEnhed, `${path}.OrgEnhed`) };
}

function absenceFromWire(v: unknown, path: string): Absence {
  const o = record(v, path);
  return {
    ...periodFromWire(o, path),
    id: code(o.Id, `${path}.Id`),
    type: oneOf(o.Fravaersart, `${path}.Fravaersart`, ABSENCE_TYPES_BACK),
    partDayHours: optNumber(o.DelvisTimer, `${path}.DelvisTimer`),
    status: oneOf(o.Status, `${path}.Status`, ABSENCE_STATUSES_BACK),
    refusions: optList(o.Refusioner, `${path}.Refusioner`).map((r, i) => {
      const p = `${path}.Refusioner[${i}]`;
      const ro = record(r, p);
      return { ...periodFromWire(ro, p), type: oneOf(ro.Refusionsart, `${p}.Refusionsart`, REFUSION_TYPES_BACK), amount: number(ro.Beloeb, `${p}.Beloeb`) };
    }),
  };
}

/** Ferieaar: the calendar year the ferieår starts in, alone ("2025") or with the next ("2025/26"). */
const FERIEAAR = /^(\d{4})(?:\/(\d{2}))?$/;

function holidayYearFromWire(v: unknown, path: string): string {
  const year = code(v, path);
  const m = FERIEAAR.exec(year);
  if (!m || (m[2] !== undefined && Number(m[2]) !== (Number(m[1]) + 1) % 100)) throw new WireShapeError(path, 'a ferieår written YYYY or YYYY/YY');
  return year;
}

function balanceFromWire(v: unknown, path: string): VacationBalance {
  const o = record(v, path);
  return {
    holidayYear: holidayYearFromWire(o.Ferieaar, `${path}.Ferieaar`),
    earnedDays: number(o.OptjenteDage, `${path}.OptjenteDage`),
    usedDays: number(o.AfholdteDage, `${path}.AfholdteDage`),
    transferredDays: number(o.OverfoerteDage, `${path}.OverfoerteDage`),
  };
}

function salaryFromWire(v: unknown, path: string): SalaryPlacement {
  const o = record(v, path);
  return {
    ...periodFromWire(o, path),
    payGroup: code(o.Loengruppe, `${path}.Loengruppe`),
    payGroupText: text(o.Loengruppetekst, `${path}.Loengruppetekst`),
    step: number(o.Loentrin, `${path}.Loentrin`),
    scale: code(o.Skalatrin, `${path}.Skalatrin`),
    annualBaseSalary: number(o.Aarsloen, `${path}.Aarsloen`),
  };
}

function fixedPayFromWire(v: unknown, path: string, kind: FixedPayItem['kind']): FixedPayItem {
  const o = record(v, path);
  return {
    ...periodFromWire(o, path),
    wageType: code(o.Loenart, `${path}.Loenart`),
    name: text(o.Tekst, `${path}.Tekst`),
    kind,
    monthlyAmount: number(o.Maanedsbeloeb, `${path}.Maanedsbeloeb`),
  };
}

function pensionFromWire(v: unknown, path: string): PensionScheme {
  const o = record(v, path);
  return {
    ...periodFromWire(o, path),
    provider: text(o.Pensionsselskab, `${path}.Pensionsselskab`),
    schemeCode: code(o.Ordningskode, `${path}.Ordningskode`),
    employeePercent: number(o.Egetbidrag_Pct, `${path}.Egetbidrag_Pct`),
    employerPercent: number(o.Arbejdsgiverbidrag_Pct, `${path}.Arbejdsgiverbidrag_Pct`),
  };
}

function taxFromWire(v: unknown, path: string): TaxData {
  const o = record(v, path);
  return {
    year: integer(o.Aar, `${path}.Aar`),
    cardType: oneOf(o.Korttype, `${path}.Korttype`, TAX_CARD_TYPES_BACK),
    withholdingRate: number(o.Traekprocent, `${path}.Traekprocent`),
    monthlyDeduction: number(o.Fradrag, `${path}.Fradrag`),
  };
}

function mapList<T>(v: unknown, path: string, one: (x: unknown, p: string) => T): T[] {
  return optList(v, path).map((x, i) => one(x, `${path}[${i}]`));
}

/** One employee of a read-employee-data answer, with exactly the fields of the requested areas. */
export function employmentFromWire(v: unknown, path: string, areas: readonly OpusArea[]): EmploymentAreas {
  const o = record(v, path);
  const e: EmploymentAreas = { employmentNumber: code(o.Medarbejdernummer, `${path}.Medarbejdernummer`) };
  for (const area of areas) {
    const p = `${path}.${area}`;
    switch (area) {
      case 'Persondata':
      case 'Adresse':
        e.person ??= personFromWire(o.Persondata, o.Adresse, path);
        break;
      case 'Kommunikation':
        e.communication = communicationFromWire(o.Kommunikation, p);
        break;
      case 'Kontraktindhold': {
        const { contract, userId } = contractFromWire(o.Kontraktindhold, p);
        e.contract = contract;
        e.userId = userId;
        break;
      }
      case 'Arbejdstid':
        e.workingTime = mapList(o.Arbejdstid, p, workingTimeFromWire);
        break;
      case 'Arbejdsfunktion':
        e.jobFunction = codedList(o.Arbejdsfunktion, p);
        break;
      case 'Aktiviteter':
        e.activities = codedList(o.Aktiviteter, p);
        break;
      case 'Tilslutninger':
        e.affiliations = codedList(o.Tilslutninger, p);
        break;
      case 'Tjenesteplansindplacering':
        e.dutyPlanPlacement = codedList(o.Tjenesteplansindplacering, p);
        break;
      case 'Moedetidsplaner':
        e.schedules = mapList(o.Moedetidsplaner, p, scheduleFromWire);
        break;
      case 'Organisation':
        e.placements = mapList(o.Organisation, p, placementFromWire);
        break;
      case 'FravaerNaervaer': {
        const fn = o.FravaerNaervaer === undefined || o.FravaerNaervaer === null ? {} : record(o.FravaerNaervaer, p);
        e.absences = mapList(fn.Fravaer, `${p}.Fravaer`, absenceFromWire);
        break;
      }
      case 'Feriesaldo':
        e.vacationBalances = mapList(o.Feriesaldo, p, balanceFromWire);
        break;
      case 'Loenindplacering':
        e.salaryPlacement = mapList(o.Loenindplacering, p, salaryFromWire);
        break;
      case 'FasteTillaegFradrag': {
        const f = o.FasteTillaegFradrag === undefined || o.FasteTillaegFradrag === null ? {} : record(o.FasteTillaegFradrag, p);
        e.fixedPayItems = [
          ...mapList(f.Tillaeg, `${p}.Tillaeg`, (x, q) => fixedPayFromWire(x, q, 'supplement')),
          ...mapList(f.Fradrag, `${p}.Fradrag`, (x, q) => fixedPayFromWire(x, q, 'deduction')),
        ].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        break;
      }
      case 'Pensionsordninger':
        e.pensions = mapList(o.Pensionsordninger, p, pensionFromWire);
        break;
      case 'Skattedata': {
        const s = o.Skattedata === undefined || o.Skattedata === null ? {} : record(o.Skattedata, p);
        e.tax = mapList(s.Skattekort, `${p}.Skattekort`, taxFromWire);
        break;
      }
    }
  }
  return e;
}

// ---------------------------------------------------------------- headers and messages

export interface ReadHeader {
  status: string;
  text: string | null;
}

export function readHeaderFromWire(body: Obj): ReadHeader {
  const h = record(body.Header, 'Header');
  return { status: code(h.Status, 'Header.Status'), text: optText(h.Tekst, 'Header.Tekst') };
}

export interface UpdateHeader {
  status: string;
  timestamp: string;
  updateId: string;
}

export function updateHeaderFromWire(body: Obj): UpdateHeader {
  const h = record(body.Header, 'Header');
  return {
    status: code(h.Status, 'Header.Status'),
    timestamp: text(h.Timestamp, 'Header.Timestamp'),
    updateId: text(h.OpdateringsID, 'Header.OpdateringsID'),
  };
}

export function messagesFromWire(body: Obj): OpusMessage[] {
  const raw = body.Meddelelse;
  // A single message may arrive as an object rather than a one-element array.
  const items = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? [raw] : optList(raw, 'Meddelelse');
  return items.map((m, i) => {
    const p = `Meddelelse[${i}]`;
    const o = record(m, p);
    return { code: code(o.Kode, `${p}.Kode`), type: oneOf(o.Type, `${p}.Type`, MESSAGE_TYPES), text: optText(o.Tekst, `${p}.Tekst`) ?? '' };
  });
}

export function messageToWire(m: OpusMessage, timestamp?: string): WireMeddelelse {
  return { ...(timestamp ? { Timestamp: timestamp } : {}), Kode: m.code, Type: m.type, Tekst: m.text };
}

// ---------------------------------------------------------------- requests (client side)

export function header(clientId: string): WireRequestHeader {
  return { ClientID: clientId };
}

/** OpdateringsID: a UUID, upper case without hyphens, as KMD expects it. */
export function updateIdToWire(updateId: string): string {
  const hex = updateId.replace(/-/g, '').toUpperCase();
  if (!/^[0-9A-F]{32}$/.test(hex)) throw new RangeError('updateId must be a UUID');
  return hex;
}

export function readEmployeeDataRequest(clientId: string, numbers: readonly string[], areas: readonly OpusArea[], virkning?: Period): ReadEmployeeDataRequest {
  return {
    Header: header(clientId),
    Medarbejdere: numbers.map((n) => ({ Medarbejdernummer: n })),
    Omraader: [...areas],
    ...(virkning ? { VirkningFilter: virkningToWire(virkning) } : {}),
  };
}

export function listEmployeesRequest(clientId: string, filter: EmploymentFilter, after: string | null, limit: number): ListEmployeesRequest {
  const f: ListEmployeesRequest['Filter'] = {};
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

// ---------------------------------------------------------------- responses (client side)

export function listEmployeesFromWire(body: Obj): { numbers: string[]; hasMore: boolean } {
  return {
    numbers: optList(body.Medarbejdernumre, 'Medarbejdernumre').map((n, i) => code(n, `Medarbejdernumre[${i}]`)),
    hasMore: body.FlereResultater === undefined ? false : flag(body.FlereResultater, 'FlereResultater'),
  };
}

export function cprResultsFromWire(body: Obj): Map<string, string[]> {
  const out = new Map<string, string[]>();
  optList(body.Resultater, 'Resultater').forEach((r, i) => {
    const p = `Resultater[${i}]`;
    const o = record(r, p);
    const numbers = optList(o.Medarbejdernumre, `${p}.Medarbejdernumre`).map((n, j) => code(n, `${p}.Medarbejdernumre[${j}]`));
    const cpr = code(o.CPR, `${p}.CPR`);
    out.set(cpr, [...(out.get(cpr) ?? []), ...numbers]);
  });
  return out;
}

export function oneOffPaymentFromWire(v: unknown, path: string): OneOffPayment {
  const o = record(v, path);
  return {
    startDate: date(o.Startdato, `${path}.Startdato`),
    objectId: code(o.Objekt_id, `${path}.Objekt_id`),
    wageType: code(o.Loenart, `${path}.Loenart`),
    sequence: code(o.Loebenummer, `${path}.Loebenummer`),
    amount: number(o.Beloeb, `${path}.Beloeb`),
    quantity: number(o.Antal, `${path}.Antal`),
  };
}

export function oneOffPaymentsFromWire(body: Obj): OneOffPayment[] {
  return mapList(body.Engangsydelser, 'Engangsydelser', oneOffPaymentFromWire);
}

export function orgUnitFromWire(v: unknown, path: string): OpusOrgUnit {
  const o = record(v, path);
  const t = (k: string) => optText(o[k], `${path}.${k}`) ?? '';
  return {
    ...periodFromWire(o, path),
    id: code(o.Id, `${path}.Id`),
    parentId: o.OverordnetId === undefined || o.OverordnetId === null || o.OverordnetId === '' ? null : code(o.OverordnetId, `${path}.OverordnetId`),
    shortName: t('Kortnavn'),
    longName: text(o.Navn, `${path}.Navn`),
    street: t('Gade'),
    zipCode: t('Postnr'),
    city: t('By'),
    phoneNumber: t('Telefon'),
    cvrNr: t('CVR'),
    eanNr: t('EAN'),
    seNr: t('SE'),
    pNr: t('PNr'),
    costCenter: t('Omkostningssted'),
    orgType: t('Enhedstype'),
    orgTypeTxt: t('EnhedstypeTekst'),
  };
}

export function orgUnitsFromWire(body: Obj): OpusOrgUnit[] {
  return mapList(body.OrgEnheder, 'OrgEnheder', orgUnitFromWire);
}

// ---------------------------------------------------------------- simulator side: responses

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

// ---------------------------------------------------------------- simulator side: requests

/** The parts of a request header the gateway checks. */
export function clientIdFromWire(body: Obj): string {
  return code(record(body.Header, 'Header').ClientID, 'Header.ClientID');
}

function medarbejdernummer(v: unknown, path: string): string {
  const n = code(record(v, path).Medarbejdernummer, `${path}.Medarbejdernummer`);
  if (n === '') throw new WireShapeError(`${path}.Medarbejdernummer`, 'a non-empty number');
  return n;
}

export function decodeReadEmployeeDataRequest(body: Obj): { numbers: string[]; areas: Set<OpusArea>; virkning: Period | null } {
  const areaNames = new Set<string>(OPUS_AREAS);
  const areas = new Set<OpusArea>();
  list(body.Omraader, 'Omraader').forEach((a, i) => {
    const name = text(a, `Omraader[${i}]`);
    if (!areaNames.has(name)) throw new WireShapeError(`Omraader[${i}]`, 'a known area');
    areas.add(name as OpusArea);
  });
  return {
    numbers: list(body.Medarbejdere, 'Medarbejdere').map((m, i) => medarbejdernummer(m, `Medarbejdere[${i}]`)),
    areas,
    virkning: body.VirkningFilter === undefined || body.VirkningFilter === null ? null : virkningFromWire(body.VirkningFilter, 'VirkningFilter'),
  };
}

export function decodeListEmployeesRequest(body: Obj): {
  orgUnits: string[] | null;
  activeOn: IsoDate | null;
  activeDuring: { from: IsoDate; to: IsoDate } | null;
  after: string | null;
  limit: number;
} {
  const f = body.Filter === undefined ? {} : record(body.Filter, 'Filter');
  const limit = integer(body.Antal, 'Antal');
  if (limit < 1) throw new WireShapeError('Antal', 'a positive integer');
  const optDate = (v: unknown, path: string) => (v === undefined || v === null || v === '' ? null : date(v, path));
  const activeFrom = optDate(f.AktivFraDato, 'Filter.AktivFraDato');
  const activeTo = optDate(f.AktivTilDato, 'Filter.AktivTilDato');
  if ((activeFrom === null) !== (activeTo === null)) throw new WireShapeError('Filter.AktivFraDato', 'AktivFraDato and AktivTilDato together');
  if (activeFrom !== null && activeTo !== null && activeTo < activeFrom) throw new WireShapeError('Filter.AktivTilDato', 'a date not before AktivFraDato');
  return {
    orgUnits: f.OrgEnheder === undefined || f.OrgEnheder === null ? null : list(f.OrgEnheder, 'Filter.OrgEnheder').map((u, i) => code(u, `Filter.OrgEnheder[${i}]`)),
    activeOn: optDate(f.AktivPaaDato, 'Filter.AktivPaaDato'),
    activeDuring: activeFrom !== null && activeTo !== null ? { from: activeFrom, to: activeTo } : null,
    after: optText(body.EfterMedarbejdernummer, 'EfterMedarbejdernummer'),
    limit,
  };
}

export function decodeFindEmployeesByCprRequest(body: Obj): string[] {
  return list(body.CPRNumre, 'CPRNumre').map((c, i) => code(c, `CPRNumre[${i}]`));
}

export interface DecodedUpdateHeader {
  clientId: string;
  updateId: string;
  validateOnly: boolean;
}

export function decodeUpdateHeader(body: Obj): DecodedUpdateHeader {
  const h = record(body.Header, 'Header');
  return {
    clientId: code(h.ClientID, 'Header.ClientID'),
    updateId: text(h.OpdateringsID, 'Header.OpdateringsID'),
    validateOnly: h.Kun_Valider === undefined || h.Kun_Valider === null ? false : flag(h.Kun_Valider, 'Header.Kun_Valider'),
  };
}

export function decodeUpdateCommunicationRequest(body: Obj): { employmentNumber: string; communication: Communication } {
  return {
    employmentNumber: medarbejdernummer(body.Medarbejder, 'Medarbejder'),
    communication: communicationFromWire(body.Kommunikation, 'Kommunikation'),
  };
}

export function decodeReadOnetimePaymentsRequest(body: Obj): { employmentNumber: string; period: Period } {
  return {
    employmentNumber: medarbejdernummer(body.Medarbejder, 'Medarbejder'),
    period: body.VirkningFilter === undefined ? { from: '0001-01-01', to: null } : virkningFromWire(body.VirkningFilter, 'VirkningFilter'),
  };
}

/** One submitted line, kept as raw strings: judging them is Opus's business rules, not the wire's. */
export interface SubmittedPaymentLine {
  startDate: string;
  wageType: string;
  sequence: string;
  sequenceNumber: string | null;
  quantity: string;
  costCenter: string | null;
  pspElement: string | null;
  sendingSystem: string | null;
  remark: string | null;
}

export function decodeUpdateOnetimePaymentsRequest(body: Obj): { employmentNumber: string; lines: SubmittedPaymentLine[] } {
  return {
    employmentNumber: medarbejdernummer(body.Medarbejder, 'Medarbejder'),
    lines: list(body.Engangsydelser, 'Engangsydelser').map((v, i) => {
      const p = `Engangsydelser[${i}]`;
      const o = record(v, p);
      const asText = (k: string) => (typeof o[k] === 'number' ? String(o[k]) : optText(o[k], `${p}.${k}`));
      return {
        startDate: asText('Startdato') ?? '',
        wageType: asText('Loenart') ?? '',
        sequence: asText('Loebenummer') ?? '',
        sequenceNumber: asText('Sekvensnummer'),
        quantity: asText('Antal') ?? '',
        costCenter: asText('Afv_Omkostningssted'),
        pspElement: asText('Afv_PSP_Element'),
        sendingSystem: asText('Afsendelses_System'),
        remark: asText('Indv_Bemaerkning'),
      };
    }),
  };
}

/** One submitted faste tillæg/fradrag line, kept as raw strings: judging them is Opus's business rules (simulator/fixedPayRules.ts). */
export interface SubmittedFixedPayLine {
  sequenceNumber: string;
  action: string;
  kind: string | null;
  wageType: string;
  startDate: string;
  endDate: string;
  monthlyAmount: string | null;
  sendingSystem: string | null;
}

export function decodeUpdateFixedPayItemsRequest(body: Obj): { employmentNumber: string; lines: SubmittedFixedPayLine[] } {
  return {
    employmentNumber: medarbejdernummer(body.Medarbejder, 'Medarbejder'),
    lines: list(body.FasteTillaegFradrag, 'FasteTillaegFradrag').map((v, i) => {
      const p = `FasteTillaegFradrag[${i}]`;
      const o = record(v, p);
      const asText = (k: string) => (typeof o[k] === 'number' ? String(o[k]) : optText(o[k], `${p}.${k}`));
      return {
        sequenceNumber: asText('Sekvensnummer') ?? String(i + 1),
        action: asText('Handling') ?? '',
        kind: asText('Art'),
        wageType: asText('Loenart') ?? '',
        startDate: asText('Startdato') ?? '',
        endDate: asText('Slutdato') ?? '',
        monthlyAmount: asText('Maanedsbeloeb'),
        sendingSystem: asText('Afsendelses_System'),
      };
    }),
  };
}

/** The elements an update-personal-data request sends, as raw strings: judging them is Opus's rules (simulator/personalDataRules.ts). */
export function decodeUpdatePersonalDataRequest(body: Obj): { employmentNumber: string; changes: PersonalDataChanges } {
  const changes: PersonalDataChanges = {};
  const take = (area: 'Persondata' | 'Adresse', fields: ReadonlyArray<[string, keyof PersonalDataChanges]>) => {
    const v = body[area];
    if (v === undefined || v === null) return;
    const o = record(v, area);
    for (const [wire, domain] of fields) if (o[wire] !== undefined) changes[domain] = typeof o[wire] === 'number' ? String(o[wire]) : text(o[wire], `${area}.${wire}`);
  };
  take('Persondata', [['Fornavn', 'firstName'], ['Efternavn', 'lastName']]);
  take('Adresse', [['Gade', 'street'], ['Postnr', 'postalCode'], ['By', 'city'], ['Land', 'country']]);
  return { employmentNumber: medarbejdernummer(body.Medarbejder, 'Medarbejder'), changes };
}
