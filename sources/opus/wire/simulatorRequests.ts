// Simulator side: the requests read with the schemas of requests.ts. A request that does not match
// throws WireShapeError (the simulator answers HTTP 400, naming the field). Update lines are taken as
// raw strings: judging their values is Opus's business rules (simulator/*Rules.ts), not the wire's.
import Type from 'typebox';
import type { Communication, IsoDate, Period } from '../../model.js';
import type { OpusArea, PersonalDataChanges } from '../OpusSource.js';
import { checker, WireShapeError } from './check.js';
import { WireKommunikation } from './areas.js';
import { communicationFromWire } from './areasFromWire.js';
import { WireMedarbejder, WireUpdateRequestHeader, virkningFromWire } from './common.js';
import { toCode, toDate, toFlag, toOptText } from './formats.js';
import {
  FindEmployeesByCprRequest,
  ListEmployeesRequest,
  ReadEmployeeDataRequest,
  ReadOnetimePaymentsRequest,
  WireAdresseOpdatering,
  WireEngangsydelseOpdatering,
  WireFastLoenpostOpdatering,
  WirePersondataOpdatering,
  asSubmitted,
} from './requests.js';

const checkClient = checker(Type.Object({ Header: Type.Pick(WireUpdateRequestHeader, ['ClientID']) }));
const checkUpdateHeader = checker(Type.Object({ Header: WireUpdateRequestHeader }));
const checkReadEmployeeData = checker(ReadEmployeeDataRequest);
const checkListEmployees = checker(ListEmployeesRequest);
const checkFindByCpr = checker(FindEmployeesByCprRequest);
const checkCommunication = checker(Type.Object({ Medarbejder: WireMedarbejder, Kommunikation: WireKommunikation }));
const checkReadPayments = checker(ReadOnetimePaymentsRequest);
const checkPaymentLines = checker(Type.Object({ Medarbejder: WireMedarbejder, Engangsydelser: Type.Array(asSubmitted(WireEngangsydelseOpdatering)) }));
const checkFixedPayLines = checker(Type.Object({ Medarbejder: WireMedarbejder, FasteTillaegFradrag: Type.Array(asSubmitted(WireFastLoenpostOpdatering)) }));
const checkPersonalData = checker(
  Type.Object({
    Medarbejder: WireMedarbejder,
    Persondata: Type.Optional(Type.Union([asSubmitted(WirePersondataOpdatering), Type.Null()], { description: 'an object' })),
    Adresse: Type.Optional(Type.Union([asSubmitted(WireAdresseOpdatering), Type.Null()], { description: 'an object' })),
  }),
);

/** A submitted value as the text Opus's rules judge; null when left out or empty. */
const raw = (v: string | number | null | undefined): string | null => (typeof v === 'number' ? String(v) : toOptText(v));

/** The parts of a request header the gateway checks. */
export function clientIdFromWire(body: unknown): string {
  return toCode(checkClient(body, '').Header.ClientID);
}

export function decodeReadEmployeeDataRequest(body: unknown): { numbers: string[]; areas: Set<OpusArea>; virkning: Period | null } {
  const o = checkReadEmployeeData(body, '');
  return {
    numbers: o.Medarbejdere.map((m) => toCode(m.Medarbejdernummer)),
    areas: new Set(o.Omraader),
    virkning: o.VirkningFilter === undefined || o.VirkningFilter === null ? null : virkningFromWire(o.VirkningFilter, 'VirkningFilter'),
  };
}

export function decodeListEmployeesRequest(body: unknown): {
  orgUnits: string[] | null;
  activeOn: IsoDate | null;
  activeDuring: { from: IsoDate; to: IsoDate } | null;
  after: string | null;
  limit: number;
} {
  const o = checkListEmployees(body, '');
  const f = o.Filter ?? {};
  const optDate = (v: string | null | undefined) => (v === undefined || v === null || v === '' ? null : toDate(v));
  const activeFrom = optDate(f.AktivFraDato);
  const activeTo = optDate(f.AktivTilDato);
  if ((activeFrom === null) !== (activeTo === null)) throw new WireShapeError('Filter.AktivFraDato', 'AktivFraDato and AktivTilDato together');
  if (activeFrom !== null && activeTo !== null && activeTo < activeFrom) throw new WireShapeError('Filter.AktivTilDato', 'a date not before AktivFraDato');
  return {
    orgUnits: f.OrgEnheder === undefined || f.OrgEnheder === null ? null : f.OrgEnheder.map(toCode),
    activeOn: optDate(f.AktivPaaDato),
    activeDuring: activeFrom !== null && activeTo !== null ? { from: activeFrom, to: activeTo } : null,
    after: toOptText(o.EfterMedarbejdernummer),
    limit: Number(o.Antal),
  };
}

export function decodeFindEmployeesByCprRequest(body: unknown): string[] {
  return checkFindByCpr(body, '').CPRNumre.map(toCode);
}

export interface DecodedUpdateHeader {
  clientId: string;
  updateId: string;
  validateOnly: boolean;
}

export function decodeUpdateHeader(body: unknown): DecodedUpdateHeader {
  const h = checkUpdateHeader(body, '').Header;
  return {
    clientId: toCode(h.ClientID),
    updateId: h.OpdateringsID,
    validateOnly: h.Kun_Valider === undefined || h.Kun_Valider === null ? false : toFlag(h.Kun_Valider),
  };
}

export function decodeUpdateCommunicationRequest(body: unknown): { employmentNumber: string; communication: Communication } {
  const o = checkCommunication(body, '');
  return { employmentNumber: toCode(o.Medarbejder.Medarbejdernummer), communication: communicationFromWire(o.Kommunikation, 'Kommunikation') };
}

export function decodeReadOnetimePaymentsRequest(body: unknown): { employmentNumber: string; period: Period } {
  const o = checkReadPayments(body, '');
  return {
    employmentNumber: toCode(o.Medarbejder.Medarbejdernummer),
    period: o.VirkningFilter === undefined ? { from: '0001-01-01', to: null } : virkningFromWire(o.VirkningFilter, 'VirkningFilter'),
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

export function decodeUpdateOnetimePaymentsRequest(body: unknown): { employmentNumber: string; lines: SubmittedPaymentLine[] } {
  const o = checkPaymentLines(body, '');
  return {
    employmentNumber: toCode(o.Medarbejder.Medarbejdernummer),
    lines: o.Engangsydelser.map((l) => ({
      startDate: raw(l.Startdato) ?? '',
      wageType: raw(l.Loenart) ?? '',
      sequence: raw(l.Loebenummer) ?? '',
      sequenceNumber: raw(l.Sekvensnummer),
      quantity: raw(l.Antal) ?? '',
      costCenter: raw(l.Afv_Omkostningssted),
      pspElement: raw(l.Afv_PSP_Element),
      sendingSystem: raw(l.Afsendelses_System),
      remark: raw(l.Indv_Bemaerkning),
    })),
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

export function decodeUpdateFixedPayItemsRequest(body: unknown): { employmentNumber: string; lines: SubmittedFixedPayLine[] } {
  const o = checkFixedPayLines(body, '');
  return {
    employmentNumber: toCode(o.Medarbejder.Medarbejdernummer),
    lines: o.FasteTillaegFradrag.map((l, i) => ({
      sequenceNumber: raw(l.Sekvensnummer) ?? String(i + 1),
      action: raw(l.Handling) ?? '',
      kind: raw(l.Art),
      wageType: raw(l.Loenart) ?? '',
      startDate: raw(l.Startdato) ?? '',
      endDate: raw(l.Slutdato) ?? '',
      monthlyAmount: raw(l.Maanedsbeloeb),
      sendingSystem: raw(l.Afsendelses_System),
    })),
  };
}

/** The elements an update-personal-data request sends, as raw strings: judging them is Opus's rules (simulator/personalDataRules.ts). */
export function decodeUpdatePersonalDataRequest(body: unknown): { employmentNumber: string; changes: PersonalDataChanges } {
  const o = checkPersonalData(body, '');
  const changes: PersonalDataChanges = {};
  const take = (v: string | number | null | undefined, domain: keyof PersonalDataChanges) => {
    if (v !== undefined && v !== null) changes[domain] = String(v);
  };
  take(o.Persondata?.Fornavn, 'firstName');
  take(o.Persondata?.Efternavn, 'lastName');
  take(o.Adresse?.Gade, 'street');
  take(o.Adresse?.Postnr, 'postalCode');
  take(o.Adresse?.By, 'city');
  take(o.Adresse?.Land, 'country');
  return { employmentNumber: toCode(o.Medarbejder.Medarbejdernummer), changes };
}
