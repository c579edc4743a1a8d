// What each gateway endpoint of the simulator answers. Business outcomes (unknown ClientID, nothing
// found, rejected updates) are HTTP 200 with Header.Status, as the real gateway does; only requests it
// cannot read or will not take (bad shape, oversize batch) become HTTP 4xx, thrown as HttpFailure.
import type { Employment, OneOffPayment } from '../../model.js';
import type { OpusMessage } from '../OpusSource.js';
import {
  MESSAGE_CODES,
  NOT_FOUND_TEXT,
  OPUS_ENDPOINTS,
  OPUS_MAX_LIST_PAGE,
  READ_STATUS,
  UPDATE_STATUS,
  WireShapeError,
  clientIdFromWire,
  communicationToWire,
  decodeFindEmployeesByCprRequest,
  decodeListEmployeesRequest,
  decodeReadEmployeeDataRequest,
  decodeReadOnetimePaymentsRequest,
  decodeUpdateCommunicationRequest,
  decodeUpdateFixedPayItemsRequest,
  decodeUpdateHeader,
  decodeUpdateOnetimePaymentsRequest,
  decodeUpdatePersonalDataRequest,
  employmentToWire,
  messageToWire,
  oneOffPaymentToWire,
  orgUnitToWire,
  overlaps,
  type FindEmployeesByCprResponse,
  type ListEmployeesResponse,
  type OpusEndpoint,
  type ReadEmployeeDataResponse,
  type ReadOnetimePaymentsResponse,
  type ReadOrgUnitsResponse,
  type UpdateCommunicationResponse,
  type UpdateFixedPayItemsResponse,
  type UpdateOnetimePaymentsResponse,
  type UpdatePersonalDataResponse,
} from '../wire.js';
import type { OpusData } from './OpusData.js';
import { JsonText, type WireFragments } from './wireFragments.js';
import { validatePaymentLines } from './onetimePaymentRules.js';
import { applyFixedPayLines, type FixedPayWageType } from './fixedPayRules.js';
import { applyPersonalData } from './personalDataRules.js';

/** A request the gateway refuses at the HTTP level. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SimulatorState {
  data: OpusData;
  maxBatchSize: number;
  lockedEmployments: Set<string>;
  pspPattern: RegExp;
  /** DKK per unit of Antal by Lønart, for the Beloeb of stored one-off payments (default 1). */
  wageTypeRates: Readonly<Record<string, number>>;
  /** Responses of applied updates by OpdateringsID: a repeat gets the first answer back. */
  appliedCommunication: Map<string, UpdateCommunicationResponse>;
  appliedPayments: Map<string, UpdateOnetimePaymentsResponse>;
  appliedFixedPay: Map<string, UpdateFixedPayItemsResponse>;
  appliedPersonalData: Map<string, UpdatePersonalDataResponse>;
  appliedUpdates: { communication: number; oneOffPayments: number; fixedPayItems: number; personalData: number };
  /** The faste tillæg/fradrag lønarter, by lønart (fixedPayRules.ts). */
  fixedPayCatalogue: ReadonlyMap<string, FixedPayWageType>;
  nextObjectId: number;
  /** read-employee-data entries kept as JSON text (wireFragments.ts); emptied by every update. */
  fragments?: WireFragments;
}

type Body = Record<string, unknown>;
type Handler = (body: Body, state: SimulatorState) => unknown;

const UNKNOWN_CLIENT: OpusMessage = { code: MESSAGE_CODES.unknownClient, type: 'E', text: 'Ukendt ClientID.' };
const UPDATE_ID_PATTERN = /^[0-9A-F]{32}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ]{8,15}$/;

function readRejection(extra: Record<string, unknown>, message: OpusMessage): Body {
  return { Header: { Status: READ_STATUS.rejected, Tekst: message.text }, ...extra, Meddelelse: [messageToWire(message)] };
}

function ok(text = ''): { Status: string; Tekst: string } {
  return { Status: READ_STATUS.ok, Tekst: text };
}

function notFound(): { Status: string; Tekst: string } {
  return { Status: READ_STATUS.notFound, Tekst: NOT_FOUND_TEXT };
}

function checkBatch(size: number, state: SimulatorState, what: string): void {
  if (size > state.maxBatchSize) throw new HttpFailure(413, `For mange ${what} i én forespørgsel (højst ${state.maxBatchSize}).`);
}

function isOwnClient(body: Body, state: SimulatorState): boolean {
  return clientIdFromWire(body) === state.data.snapshot.kommunekode;
}

const readEmployeeData: Handler = (body, state) => {
  const req = decodeReadEmployeeDataRequest(body);
  checkBatch(req.numbers.length, state, 'medarbejdere');
  if (!isOwnClient(body, state)) return readRejection({ Medarbejdere: [] }, UNKNOWN_CLIENT);
  const found: Employment[] = [];
  for (const n of new Set(req.numbers)) {
    const e = state.data.byNumber.get(n);
    if (e) found.push(e);
  }
  const header = found.length > 0 ? ok() : notFound();
  // With the wire cache, the same text JSON.stringify gives the answer below.
  if (state.fragments) return new JsonText(`{"Header":${JSON.stringify(header)},"Medarbejdere":[${state.fragments.entries(found, req.areas, req.virkning).join(',')}]}`);
  const res: ReadEmployeeDataResponse = { Header: header, Medarbejdere: found.map((e) => employmentToWire(e, req.areas, req.virkning)) };
  return res;
};

const listEmployees: Handler = (body, state) => {
  const req = decodeListEmployeesRequest(body);
  if (!isOwnClient(body, state)) return readRejection({ Medarbejdernumre: [], FlereResultater: false }, UNKNOWN_CLIENT);
  // Like most paging APIs, an oversize page request is served at the maximum page size.
  const page = state.data.list({ ...req, limit: Math.min(req.limit, OPUS_MAX_LIST_PAGE) });
  const res: ListEmployeesResponse = { Header: ok(), Medarbejdernumre: page.numbers, FlereResultater: page.hasMore };
  return res;
};

const findEmployeesByCpr: Handler = (body, state) => {
  const cprs = decodeFindEmployeesByCprRequest(body);
  checkBatch(cprs.length, state, 'CPR-numre');
  if (!isOwnClient(body, state)) return readRejection({ Resultater: [] }, UNKNOWN_CLIENT);
  const results = [...new Set(cprs)].map((cpr) => ({ CPR: cpr, Medarbejdernumre: state.data.byCpr.get(cpr) ?? [] }));
  const any = results.some((r) => r.Medarbejdernumre.length > 0);
  const res: FindEmployeesByCprResponse = { Header: any ? ok() : notFound(), Resultater: results };
  return res;
};

const readOrgUnits: Handler = (body, state) => {
  if (!isOwnClient(body, state)) return readRejection({ OrgEnheder: [] }, UNKNOWN_CLIENT);
  const res: ReadOrgUnitsResponse = { Header: ok(), OrgEnheder: state.data.snapshot.orgUnits.map(orgUnitToWire) };
  return res;
};

const readOnetimePayments: Handler = (body, state) => {
  const req = decodeReadOnetimePaymentsRequest(body);
  const medarbejder = { Medarbejdernummer: req.employmentNumber };
  if (!isOwnClient(body, state)) return readRejection({ Medarbejder: medarbejder }, UNKNOWN_CLIENT);
  const payments = (state.data.byNumber.get(req.employmentNumber)?.oneOffPayments ?? []).filter((p) =>
    overlaps({ from: p.startDate, to: p.startDate }, req.period),
  );
  const res: ReadOnetimePaymentsResponse =
    payments.length === 0
      ? { Header: notFound(), Medarbejder: medarbejder }
      : { Header: ok(), Medarbejder: medarbejder, Engangsydelser: payments.map(oneOffPaymentToWire) };
  return res;
};

function updateHeader(updateId: string, status: string, timestamp: string) {
  return { Timestamp: timestamp, OpdateringsID: updateId, Status: status };
}

/** The checks every update shares; a message means "reject with it". */
function updatePreconditions(body: Body, state: SimulatorState, employmentNumber: string): OpusMessage | null {
  const h = decodeUpdateHeader(body);
  if (h.clientId !== state.data.snapshot.kommunekode) return UNKNOWN_CLIENT;
  if (!UPDATE_ID_PATTERN.test(h.updateId)) {
    return { code: MESSAGE_CODES.invalidUpdateId, type: 'E', text: 'OpdateringsID skal være et UUID med store bogstaver uden bindestreger.' };
  }
  if (!state.data.byNumber.has(employmentNumber)) return { code: MESSAGE_CODES.unknownEmployee, type: 'E', text: 'Medarbejdernummer findes ikke.' };
  return null;
}

const EMPLOYEE_LOCKED: OpusMessage = { code: MESSAGE_CODES.employeeLocked, type: 'E', text: 'Medarbejderen er låst.' };

/** Opus's answer to an update: its Header, the employee and its messages. */
type UpdateAnswer = UpdateOnetimePaymentsResponse;

interface UpdateStart {
  h: ReturnType<typeof decodeUpdateHeader>;
  answer(status: string, messages: OpusMessage[]): UpdateAnswer;
}

/**
 * What every update does before its own rules: an OpdateringsID already applied is answered again,
 * never applied twice (only applied updates are remembered: a rejected one may be corrected and sent
 * again under its ID); then the client, the OpdateringsID's form, the employment and its lock are
 * checked. Returns the answer to send at once, or what the update's own rules need.
 */
function startUpdate<R>(body: Body, state: SimulatorState, employmentNumber: string, applied: ReadonlyMap<string, R>): { early: R | UpdateAnswer } | { start: UpdateStart } {
  const h = decodeUpdateHeader(body);
  const timestamp = new Date().toISOString();
  const answer = (status: string, messages: OpusMessage[]): UpdateAnswer => ({
    Header: updateHeader(h.updateId, status, timestamp),
    Medarbejder: { Medarbejdernummer: employmentNumber },
    Meddelelse: messages.map((m) => messageToWire(m, timestamp)),
  });
  const replay = applied.get(h.updateId);
  if (replay && h.clientId === state.data.snapshot.kommunekode) return { early: replay };
  const refused = updatePreconditions(body, state, employmentNumber) ?? (state.lockedEmployments.has(employmentNumber) ? EMPLOYEE_LOCKED : null);
  if (refused) return { early: answer(UPDATE_STATUS.error, [refused]) };
  return { start: { h, answer } };
}

const updateCommunication: Handler = (body, state) => {
  const req = decodeUpdateCommunicationRequest(body);
  const started = startUpdate(body, state, req.employmentNumber, state.appliedCommunication);
  if ('early' in started) return started.early;
  const { h, answer } = started.start;
  const reject = (messages: OpusMessage[]): UpdateCommunicationResponse => answer(UPDATE_STATUS.error, messages);

  const c = req.communication;
  const problems: OpusMessage[] = [];
  if (c.workEmail !== null && !EMAIL.test(c.workEmail)) problems.push({ code: MESSAGE_CODES.invalidEmail, type: 'E', text: 'ArbejdsEmail er ugyldig.' });
  for (const [field, value] of [['ArbejdsTelefon', c.workPhone], ['Mobil', c.mobilePhone]] as const) {
    if (value !== null && !PHONE.test(value)) problems.push({ code: MESSAGE_CODES.invalidPhone, type: 'E', text: `${field} er ugyldigt.` });
  }
  if (problems.length > 0) return reject(problems);

  const done: OpusMessage = { code: '000', type: 'S', text: h.validateOnly ? 'Validering uden fejl.' : 'Kommunikation er opdateret.' };
  const res: UpdateCommunicationResponse = { ...answer(UPDATE_STATUS.ok, [done]), Kommunikation: communicationToWire(c) };
  if (h.validateOnly) return res;
  state.data.byNumber.get(req.employmentNumber)!.communication = { ...c };
  state.appliedCommunication.set(h.updateId, res);
  state.appliedUpdates.communication++;
  return res;
};

const updateOnetimePayments: Handler = (body, state) => {
  const req = decodeUpdateOnetimePaymentsRequest(body);
  checkBatch(req.lines.length, state, 'engangsydelser');
  const started = startUpdate(body, state, req.employmentNumber, state.appliedPayments);
  if ('early' in started) return started.early;
  const { h, answer } = started.start;
  const problems = validatePaymentLines(req.lines, { costCentres: state.data.costCentres, pspPattern: state.pspPattern });
  if (problems.length > 0) return answer(UPDATE_STATUS.error, problems);
  if (h.validateOnly) return answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: 'Validering uden fejl.' }]);

  const employment = state.data.byNumber.get(req.employmentNumber)!;
  for (const line of req.lines) {
    const quantity = Number(line.quantity);
    const stored: OneOffPayment = {
      startDate: line.startDate.slice(0, 10),
      objectId: String(state.nextObjectId++).padStart(12, '0'),
      wageType: line.wageType,
      sequence: String(Number(line.sequence)),
      amount: Math.round(quantity * (state.wageTypeRates[line.wageType] ?? 1) * 100) / 100,
      quantity,
    };
    employment.oneOffPayments.push(stored);
  }
  const res = answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: `${req.lines.length} engangsydelse(r) er gemt.` }]);
  state.appliedPayments.set(h.updateId, res);
  state.appliedUpdates.oneOffPayments++;
  return res;
};

const updateFixedPayItems: Handler = (body, state) => {
  const req = decodeUpdateFixedPayItemsRequest(body);
  checkBatch(req.lines.length, state, 'faste tillæg og fradrag');
  const started = startUpdate(body, state, req.employmentNumber, state.appliedFixedPay);
  if ('early' in started) return started.early;
  const { h, answer } = started.start;
  const employment = state.data.byNumber.get(req.employmentNumber)!;
  const outcome = applyFixedPayLines(req.lines, employment, state.fixedPayCatalogue);
  if (!outcome.ok) return answer(UPDATE_STATUS.error, outcome.messages);
  if (h.validateOnly) return answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: 'Validering uden fejl.' }]);

  employment.fixedPayItems = outcome.items;
  const res = answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: `${req.lines.length} fast(e) tillæg/fradrag er opdateret.` }]);
  state.appliedFixedPay.set(h.updateId, res);
  state.appliedUpdates.fixedPayItems++;
  return res;
};

const updatePersonalData: Handler = (body, state) => {
  const req = decodeUpdatePersonalDataRequest(body);
  const started = startUpdate(body, state, req.employmentNumber, state.appliedPersonalData);
  if ('early' in started) return started.early;
  const { h, answer } = started.start;
  const employment = state.data.byNumber.get(req.employmentNumber)!;
  const outcome = applyPersonalData(req.changes, employment, new Date().toISOString().slice(0, 10));
  if (!outcome.ok) return answer(UPDATE_STATUS.error, outcome.messages);
  if (h.validateOnly) return answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: 'Validering uden fejl.' }]);

  // The person's data, so every employment of the CPR number (each holds its own copy here).
  for (const n of state.data.byCpr.get(employment.person.cpr) ?? [req.employmentNumber]) {
    const e = state.data.byNumber.get(n)!;
    e.person = { ...outcome.person, cpr: e.person.cpr, address: { ...outcome.person.address, protected: e.person.address.protected } };
  }
  const res = answer(UPDATE_STATUS.ok, [{ code: '000', type: 'S', text: 'Personoplysninger er opdateret.' }]);
  state.appliedPersonalData.set(h.updateId, res);
  state.appliedUpdates.personalData++;
  return res;
};

const HANDLERS: Record<OpusEndpoint, Handler> = {
  [OPUS_ENDPOINTS.readEmployeeData]: readEmployeeData,
  [OPUS_ENDPOINTS.listEmployees]: listEmployees,
  [OPUS_ENDPOINTS.findEmployeesByCpr]: findEmployeesByCpr,
  [OPUS_ENDPOINTS.updateCommunication]: updateCommunication,
  [OPUS_ENDPOINTS.readOnetimePayments]: readOnetimePayments,
  [OPUS_ENDPOINTS.updateOnetimePayments]: updateOnetimePayments,
  [OPUS_ENDPOINTS.updateFixedPayItems]: updateFixedPayItems,
  [OPUS_ENDPOINTS.updatePersonalData]: updatePersonalData,
  [OPUS_ENDPOINTS.readOrgUnits]: readOrgUnits,
};

/** The answer body for a parsed JSON request; malformed requests become HTTP 400. */
export function handle(endpoint: OpusEndpoint, body: Body, state: SimulatorState): unknown {
  try {
    return HANDLERS[endpoint](body, state);
  } catch (err) {
    if (err instanceof WireShapeError) throw new HttpFailure(400, `Ugyldig forespørgsel: ${err.message}`);
    throw err;
  }
}

/** How many keys one call carries, for the call log (and the client's batching tests). */
export function batchSizeOf(endpoint: OpusEndpoint, body: Body): number {
  const len = (v: unknown) => (Array.isArray(v) ? v.length : 0);
  switch (endpoint) {
    case OPUS_ENDPOINTS.readEmployeeData:
      return len(body.Medarbejdere);
    case OPUS_ENDPOINTS.findEmployeesByCpr:
      return len(body.CPRNumre);
    case OPUS_ENDPOINTS.listEmployees:
      return typeof body.Antal === 'number' ? body.Antal : 0;
    case OPUS_ENDPOINTS.readOrgUnits:
      return 0;
    default:
      return 1;
  }
}

/** What tests may want to see of a call beyond its size: the areas read, an update's ID and mode. */
export interface CallDetails {
  /** read-employee-data: Omraader as sent. */
  areas?: string[];
  /** Updates: Header.OpdateringsID as sent. */
  updateId?: string;
  /** Updates: whether Header.Kun_Valider was "1". */
  validateOnly?: boolean;
  /** Updates: Medarbejder.Medarbejdernummer, the employment updated. */
  employmentNumber?: string;
}

/** Read leniently: the call log records what arrived, even when the handler will refuse it. */
export function callDetailsOf(endpoint: OpusEndpoint, body: Body): CallDetails {
  if (endpoint === OPUS_ENDPOINTS.readEmployeeData) {
    return Array.isArray(body.Omraader) ? { areas: body.Omraader.map(String) } : {};
  }
  if (
    endpoint === OPUS_ENDPOINTS.updateOnetimePayments ||
    endpoint === OPUS_ENDPOINTS.updateCommunication ||
    endpoint === OPUS_ENDPOINTS.updateFixedPayItems ||
    endpoint === OPUS_ENDPOINTS.updatePersonalData
  ) {
    const h = (typeof body.Header === 'object' && body.Header !== null ? body.Header : {}) as Record<string, unknown>;
    const m = (typeof body.Medarbejder === 'object' && body.Medarbejder !== null ? body.Medarbejder : {}) as Record<string, unknown>;
    return {
      updateId: typeof h.OpdateringsID === 'string' ? h.OpdateringsID : undefined,
      validateOnly: h.Kun_Valider === '1',
      employmentNumber: typeof m.Medarbejdernummer === 'string' ? m.Medarbejdernummer : undefined,
    };
  }
  return {};
}
