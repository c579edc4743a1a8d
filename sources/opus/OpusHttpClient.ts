// OpusSource over KMD Opus's JSON gateway (mutual TLS in production, plain HTTP to the simulator).
// Everything protocol-specific is in wire.ts; this file owns transport, batching and error mapping:
// any answer that does not match the contract becomes a SourceProtocolError, never a half-filled object.
import { Agent } from 'undici';
import { postText, PostTimeoutError, type PostAnswer } from '../../platform/httpPost.js';
import type { Communication, OneOffPayment, OpusOrgUnit, Period } from '../model.js';
import type {
  EmploymentAreas,
  EmploymentFilter,
  FixedPayItemUpdate,
  OneOffPaymentResult,
  OneOffPaymentUpdate,
  OpusArea,
  OpusSource,
  PersonalDataUpdate,
} from './OpusSource.js';
import { chunk, mapConcurrently } from '../concurrency.js';
import { SourceProtocolError, SourceTimeoutError, SourceUnavailableError } from '../errors.js';
import { OpusBusinessError, SOURCE_NAME } from './errors.js';
import {
  OPUS_ENDPOINTS,
  OPUS_MAX_BATCH_SIZE,
  OPUS_MAX_LIST_PAGE,
  READ_STATUS,
  UPDATE_STATUS,
  WireShapeError,
  communicationFromWire,
  compareEmploymentNumbers,
  cprResultsFromWire,
  employmentFromWire,
  endpointPath,
  header,
  list,
  listEmployeesFromWire,
  listEmployeesRequest,
  messagesFromWire,
  oneOffPaymentsFromWire,
  orgUnitsFromWire,
  readEmployeeDataRequest,
  readHeaderFromWire,
  readOnetimePaymentsRequest,
  updateCommunicationRequest,
  updateFixedPayItemsRequest,
  updatePersonalDataRequest,
  updateHeaderFromWire,
  updateIdToWire,
  updateOnetimePaymentsRequest,
  wireAreasFor,
  type OpusEndpoint,
} from './wire.js';

export interface OpusTlsOptions {
  /** PEM client certificate (the municipality's FOCES/VOCES certificate). */
  cert: string | Buffer;
  key: string | Buffer;
  /** PEM CA bundle for KMD's server certificate, when it is not in the system store. */
  ca?: string | Buffer;
}

export interface OpusHttpClientOptions {
  /** Gateway base URL; endpoints are `<baseUrl>/lpe/<endpoint>`. */
  baseUrl: string;
  /** The municipality's kommunekode, sent as Header.ClientID. */
  kommunekode: string;
  /** Employees or CPR numbers per call; 1 to gatewayMaxBatchSize (the default). */
  maxBatchSize?: number;
  /**
   * The most the gateway accepts per call (OPUS_MAX_BATCH_SIZE unless KMD agrees otherwise, or a
   * simulator is started with another limit). A larger batch would only be refused call by call.
   */
  gatewayMaxBatchSize?: number;
  /** Per HTTP call, from sending the request to the last byte of the answer. Default 10,000. */
  timeoutMs?: number;
  tls?: OpusTlsOptions;
  /** Called once per HTTP call, before it is sent (metrics, tests). */
  onCall?: (endpoint: string, batchSize: number) => void;
  /** Most calls one readEmployments/findEmploymentsByCpr runs at the same time. Default 8. */
  maxConcurrency?: number;
  /** Most sockets to the gateway. Default 32. */
  connections?: number;
}

type Body = Record<string, unknown>;

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

const CPR = /^\d{10}$/;

export class OpusHttpClient implements OpusSource {
  readonly maxBatchSize: number;
  private readonly clientId: string;
  private readonly timeoutMs: number;
  private readonly maxConcurrency: number;
  private readonly onCall?: (endpoint: string, batchSize: number) => void;
  private readonly agent: Agent;
  private readonly urls: Record<OpusEndpoint, string>;

  constructor(options: OpusHttpClientOptions) {
    const limit = options.gatewayMaxBatchSize ?? OPUS_MAX_BATCH_SIZE;
    const maxBatchSize = options.maxBatchSize ?? limit;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1 || maxBatchSize > limit) {
      throw new RangeError(`maxBatchSize must be an integer from 1 to ${limit} (the gateway's limit)`);
    }
    if (!/^\d{3,4}$/.test(options.kommunekode)) throw new RangeError('kommunekode must be 3-4 digits (the Opus ClientID)');
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
    if (options.tls && base.protocol !== 'https:') throw new RangeError('a client certificate (tls) needs an https baseUrl');

    this.maxBatchSize = maxBatchSize;
    this.clientId = options.kommunekode;
    this.timeoutMs = timeoutMs;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 8);
    this.onCall = options.onCall;
    this.urls = Object.fromEntries(Object.values(OPUS_ENDPOINTS).map((e) => [e, new URL(endpointPath(e), base).toString()])) as Record<
      OpusEndpoint,
      string
    >;
    this.agent = new Agent({
      connections: options.connections ?? 32,
      // Below the gateway's idle timeout, so an idle socket is never reused just as the server closes it.
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      connect: options.tls ? { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca } : undefined,
    });
  }

  /** Closes the kept-alive sockets. */
  async close(): Promise<void> {
    await this.agent.close();
  }

  async readEmployments(numbers: readonly string[], areas: readonly OpusArea[], virkning?: Period): Promise<Map<string, EmploymentAreas>> {
    const wanted = [...new Set(numbers)].filter((n) => n !== '');
    const wireAreas = wireAreasFor(areas);
    const pages = await this.inBatches(wanted, (batch) => this.readEmploymentBatch(batch, wireAreas, virkning));
    const found = new Map<string, EmploymentAreas>();
    for (const page of pages) for (const e of page) found.set(e.employmentNumber, e);
    // In the caller's order, so iteration is predictable whatever order the batches finished in.
    const out = new Map<string, EmploymentAreas>();
    for (const n of wanted) {
      const e = found.get(n);
      if (e) out.set(n, e);
    }
    return out;
  }

  private async readEmploymentBatch(batch: string[], areas: OpusArea[], virkning?: Period): Promise<EmploymentAreas[]> {
    const endpoint = OPUS_ENDPOINTS.readEmployeeData;
    const body = await this.post(endpoint, readEmployeeDataRequest(this.clientId, batch, areas, virkning), batch.length);
    return this.decode(endpoint, () => {
      if (this.readStatus(endpoint, body) === 'notFound') return [];
      const asked = new Set(batch);
      return list(body.Medarbejdere, 'Medarbejdere').map((raw, i) => {
        const e = employmentFromWire(raw, `Medarbejdere[${i}]`, areas);
        if (!asked.has(e.employmentNumber)) throw new WireShapeError(`Medarbejdere[${i}].Medarbejdernummer`, 'one of the requested numbers');
        return e;
      });
    });
  }

  async listEmployments(filter: EmploymentFilter, after: string | null, limit: number): Promise<{ numbers: string[]; hasMore: boolean }> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    if (filter.orgUnitOpusIds && filter.orgUnitOpusIds.length === 0) return { numbers: [], hasMore: false };
    const endpoint = OPUS_ENDPOINTS.listEmployees;
    const numbers: string[] = [];
    let cursor = after;
    // The gateway pages at most OPUS_MAX_LIST_PAGE numbers; a larger limit is filled page by page.
    for (;;) {
      const antal = Math.min(limit - numbers.length, OPUS_MAX_LIST_PAGE);
      const body = await this.post(endpoint, listEmployeesRequest(this.clientId, filter, cursor, antal), antal);
      const page = this.decode(endpoint, () => {
        if (this.readStatus(endpoint, body) === 'notFound') return { numbers: [], hasMore: false };
        const p = listEmployeesFromWire(body);
        if (p.numbers.length > antal) throw new WireShapeError('Medarbejdernumre', `at most ${antal} numbers`);
        // Strictly ascending after the cursor, or paging could loop or skip.
        let previous = cursor;
        p.numbers.forEach((n, i) => {
          if (previous !== null && compareEmploymentNumbers(n, previous) <= 0) throw new WireShapeError(`Medarbejdernumre[${i}]`, 'ascending numbers after the cursor');
          previous = n;
        });
        return p;
      });
      numbers.push(...page.numbers);
      if (!page.hasMore || page.numbers.length === 0) return { numbers, hasMore: false };
      if (numbers.length >= limit) return { numbers, hasMore: true };
      cursor = numbers[numbers.length - 1];
    }
  }

  /** Every CPR asked gets an entry; an empty list when Opus has no employment for it (or it is not a CPR). */
  async findEmploymentsByCpr(cprs: readonly string[]): Promise<Map<string, string[]>> {
    const unique = [...new Set(cprs)];
    const valid = unique.filter((c) => CPR.test(c));
    const endpoint = OPUS_ENDPOINTS.findEmployeesByCpr;
    const pages = await this.inBatches(valid, async (batch) => {
      const body = await this.post(endpoint, { Header: header(this.clientId), CPRNumre: batch }, batch.length);
      return this.decode(endpoint, () => {
        if (this.readStatus(endpoint, body) === 'notFound') return new Map<string, string[]>();
        const found = cprResultsFromWire(body);
        const asked = new Set(batch);
        for (const cpr of found.keys()) if (!asked.has(cpr)) throw new WireShapeError('Resultater.CPR', 'one of the requested CPR numbers');
        return found;
      });
    });
    const out = new Map<string, string[]>(unique.map((c) => [c, []]));
    for (const page of pages) for (const [cpr, numbers] of page) out.set(cpr, numbers);
    return out;
  }

  async updateCommunication(employmentNumber: string, communication: Communication, updateId: string): Promise<Communication> {
    const endpoint = OPUS_ENDPOINTS.updateCommunication;
    const body = await this.post(endpoint, updateCommunicationRequest(this.clientId, employmentNumber, communication, updateId), 1);
    return this.decode(endpoint, () => {
      const h = updateHeaderFromWire(body);
      const messages = messagesFromWire(body);
      if (h.status === UPDATE_STATUS.error || messages.some((m) => m.type === 'E')) throw new OpusBusinessError(endpoint, h.status, messages);
      return communicationFromWire(body.Kommunikation, 'Kommunikation');
    });
  }

  async readOneOffPayments(employmentNumber: string, period: Period): Promise<OneOffPayment[]> {
    const endpoint = OPUS_ENDPOINTS.readOnetimePayments;
    const body = await this.post(endpoint, readOnetimePaymentsRequest(this.clientId, employmentNumber, period), 1);
    return this.decode(endpoint, () => (this.readStatus(endpoint, body) === 'notFound' ? [] : oneOffPaymentsFromWire(body)));
  }

  /** Opus's verdict, rejections included (accepted=false with its messages); only transport and protocol failures throw. */
  async updateOneOffPayments(update: OneOffPaymentUpdate): Promise<OneOffPaymentResult> {
    const endpoint = OPUS_ENDPOINTS.updateOnetimePayments;
    const sentId = updateIdToWire(update.updateId);
    const body = await this.post(endpoint, updateOnetimePaymentsRequest(this.clientId, update), 1);
    return this.verdict(endpoint, body, update.updateId, sentId);
  }

  /** Faste tillæg/fradrag (modelled endpoint): the verdict as for Engangsydelser; Opus applies all lines or none. */
  async updateFixedPayItems(update: FixedPayItemUpdate): Promise<OneOffPaymentResult> {
    const endpoint = OPUS_ENDPOINTS.updateFixedPayItems;
    const sentId = updateIdToWire(update.updateId);
    const body = await this.post(endpoint, updateFixedPayItemsRequest(this.clientId, update), 1);
    return this.verdict(endpoint, body, update.updateId, sentId);
  }

  /** Persondata/Adresse (modelled endpoint): the verdict as for Engangsydelser; Opus applies all fields or none. */
  async updatePersonalData(update: PersonalDataUpdate): Promise<OneOffPaymentResult> {
    const endpoint = OPUS_ENDPOINTS.updatePersonalData;
    const sentId = updateIdToWire(update.updateId);
    const body = await this.post(endpoint, updatePersonalDataRequest(this.clientId, update), 1);
    return this.verdict(endpoint, body, update.updateId, sentId);
  }

  /** An update's answer: accepted unless Header.Status is "Error" or a message is an error; it must echo the OpdateringsID sent. */
  private verdict(endpoint: OpusEndpoint, body: Body, updateId: string, sentId: string): OneOffPaymentResult {
    return this.decode(endpoint, () => {
      const h = updateHeaderFromWire(body);
      if (h.updateId !== sentId) throw new WireShapeError('Header.OpdateringsID', 'the OpdateringsID sent');
      const messages = messagesFromWire(body);
      return {
        updateId,
        timestamp: h.timestamp,
        status: h.status,
        accepted: h.status !== UPDATE_STATUS.error && !messages.some((m) => m.type === 'E'),
        messages,
      };
    });
  }

  async readOrgUnits(): Promise<OpusOrgUnit[]> {
    const endpoint = OPUS_ENDPOINTS.readOrgUnits;
    const body = await this.post(endpoint, { Header: header(this.clientId) }, 0);
    return this.decode(endpoint, () => (this.readStatus(endpoint, body) === 'notFound' ? [] : orgUnitsFromWire(body)));
  }

  // ---------------------------------------------------------------- plumbing

  /** Splits keys into batches and runs at most maxConcurrency calls at a time. */
  private async inBatches<T>(keys: string[], call: (batch: string[]) => Promise<T>): Promise<T[]> {
    return mapConcurrently(chunk(keys, this.maxBatchSize), this.maxConcurrency, call);
  }

  /** Status 0 is an answer, 1 ("Data ikke fundet.") an empty one; anything else is Opus saying no. */
  private readStatus(endpoint: OpusEndpoint, body: Body): 'ok' | 'notFound' {
    const h = readHeaderFromWire(body);
    if (h.status === READ_STATUS.ok) return 'ok';
    if (h.status === READ_STATUS.notFound) return 'notFound';
    throw new OpusBusinessError(endpoint, h.status, messagesFromWire(body), h.text);
  }

  /** Runs a decoder; a shape mismatch anywhere becomes a protocol error naming the field. */
  private decode<T>(endpoint: OpusEndpoint, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof WireShapeError) throw new SourceProtocolError(`Opus ${endpoint} answered an unexpected shape at ${err.message}`, SOURCE_NAME, endpoint, 200, { cause: err });
      throw err;
    }
  }

  private async post(endpoint: OpusEndpoint, payload: unknown, batchSize: number): Promise<Body> {
    this.onCall?.(endpoint, batchSize);
    let answer: PostAnswer;
    try {
      answer = await postText(this.agent, this.urls[endpoint], JSON_HEADERS, JSON.stringify(payload), { timeoutMs: this.timeoutMs });
    } catch (err) {
      throw err instanceof PostTimeoutError
        ? new SourceTimeoutError(SOURCE_NAME, endpoint, this.timeoutMs)
        : new SourceUnavailableError(`Opus ${endpoint} could not be reached`, SOURCE_NAME, endpoint, null, { cause: err });
    }
    const { status: statusCode, body: text } = answer;
    const ct = answer.headers['content-type'];
    const contentType = Array.isArray(ct) ? ct.join(',') : (ct ?? '');

    if (statusCode >= 500 || statusCode === 408 || statusCode === 429) {
      throw new SourceUnavailableError(`Opus ${endpoint} answered HTTP ${statusCode}`, SOURCE_NAME, endpoint, statusCode);
    }
    if (statusCode < 200 || statusCode >= 300) throw new SourceProtocolError(`Opus ${endpoint} refused the request with HTTP ${statusCode}`, SOURCE_NAME, endpoint, statusCode);
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new SourceProtocolError(`Opus ${endpoint} answered with content type "${contentType}", not JSON`, SOURCE_NAME, endpoint, statusCode);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new SourceProtocolError(`Opus ${endpoint} answered with invalid JSON`, SOURCE_NAME, endpoint, statusCode, { cause: err });
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new SourceProtocolError(`Opus ${endpoint} answered with a JSON ${Array.isArray(json) ? 'array' : typeof json}, not an object`, SOURCE_NAME, endpoint, statusCode);
    return json as Body;
  }
}
