// A KMD Opus gateway on localhost, speaking the same JSON protocol as production (see wire.ts) over
// the OpusSnapshot it is given. `npm start`, the tests and the benchmarks run the real OpusHttpClient
// against it, so everything between the resolvers and the socket is exercised as in production.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { OpusSnapshot } from '../model.js';
import { ALL_OPUS_ENDPOINTS, OPUS_ENDPOINTS, OPUS_MAX_BATCH_SIZE, type OpusEndpoint } from './wire.js';
import { OpusData } from './simulator/OpusData.js';
import { catalogueOf, type FixedPayWageType } from './simulator/fixedPayRules.js';
import { MALFORMED_BODIES, faultAction, faultFor, type OpusFault } from './simulator/faults.js';
import { oneOffRatesOf } from './simulator/oneOffRates.js';
import { HttpFailure, batchSizeOf, callDetailsOf, handle, type CallDetails, type SimulatorState } from './simulator/handlers.js';
import { JsonText, WireFragments } from './simulator/wireFragments.js';
import { listenSimulator } from '../simulatorListen.js';
import { afterArrivals, SimulatedLatency } from '../simulatorLatency.js';

export type { OpusFault } from './simulator/faults.js';

export interface OpusSimulatorOptions {
  snapshot: OpusSnapshot;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Most employees or CPR numbers per call; a larger batch is answered HTTP 413. */
  maxBatchSize?: number;
  /** Delay before every answer, to make benchmarks feel a remote service. */
  latencyMs?: number;
  /** Employment numbers Opus has locked (updates of Engangsydelser, Kommunikation, faste tillæg and Persondata answer 138). */
  lockedEmployments?: string[];
  /** Valid Afv_PSP_Element values (Engangsydelser answers 151 otherwise); matched against the whole value. */
  pspPattern?: RegExp;
  /** DKK per unit of Antal by Lønart, for the amount of stored one-off payments; default: the sample's lønart rates (simulator/oneOffRates.ts). */
  wageTypeRates?: Record<string, number>;
  /** The faste tillæg/fradrag lønarter update-fixed-pay-items accepts; default: those the snapshot's employments carry (fixedPayRules.ts). */
  fixedPayWageTypes?: FixedPayWageType[];
  /** Per endpoint, or '*' for every endpoint without its own. */
  faults?: Partial<Record<OpusEndpoint | '*', OpusFault>>;
  /**
   * Keep read-employee-data entries as JSON text between calls (simulator/wireFragments.ts): the same
   * answers for less of the simulator's CPU. For the benchmark; off by default, since tests may change
   * the snapshot's employments in place.
   */
  wireCache?: boolean;
}

export interface OpusSimulatorCall extends CallDetails {
  endpoint: OpusEndpoint;
  batchSize: number;
  /** performance.now() when the request had arrived, and when its answer went out (unset for an injected failure). */
  arrivedAt: number;
  /** performance.now() when a read's answer was ready, before the latency was over (unset for updates and injected failures). */
  preparedAt?: number;
  answeredAt?: number;
}

export interface OpusSimulator {
  /** Base URL for OpusHttpClient, without a trailing slash. */
  url: string;
  port: number;
  /** Every call that reached an endpoint with a readable JSON body, in arrival order. */
  readonly calls: OpusSimulatorCall[];
  resetCalls(): void;
  setFault(endpoint: OpusEndpoint | '*', fault: OpusFault | null): void;
  /** Removes every fault set, on any endpoint. */
  clearFaults(): void;
  /** Updates actually applied (not rejected, not validate-only, not repeats of an OpdateringsID). */
  readonly appliedUpdates: Readonly<{ communication: number; oneOffPayments: number; fixedPayItems: number; personalData: number }>;
  /** Live: add or remove numbers to lock or unlock employments. */
  readonly lockedEmployments: Set<string>;
  /** The live data; updates change its employments in place. */
  readonly snapshot: OpusSnapshot;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 8 * 1024 * 1024;
const ENDPOINTS = new Set<string>(ALL_OPUS_ENDPOINTS);

export async function startOpusSimulator(opts: OpusSimulatorOptions): Promise<OpusSimulator> {
  const state: SimulatorState = {
    data: new OpusData(opts.snapshot),
    maxBatchSize: opts.maxBatchSize ?? OPUS_MAX_BATCH_SIZE,
    lockedEmployments: new Set(opts.lockedEmployments ?? []),
    pspPattern: wholeMatch(opts.pspPattern ?? /XG-\d{10}-\d{5}/),
    wageTypeRates: opts.wageTypeRates ?? oneOffRatesOf(opts.snapshot),
    appliedCommunication: new Map(),
    appliedPayments: new Map(),
    appliedFixedPay: new Map(),
    appliedPersonalData: new Map(),
    appliedUpdates: { communication: 0, oneOffPayments: 0, fixedPayItems: 0, personalData: 0 },
    fixedPayCatalogue: opts.fixedPayWageTypes ? new Map(opts.fixedPayWageTypes.map((t) => [t.wageType, t])) : catalogueOf(opts.snapshot.employments),
    nextObjectId: 1,
    fragments: opts.wireCache ? new WireFragments() : undefined,
  };
  const faults = new Map<string, OpusFault>(Object.entries(opts.faults ?? {}).filter((e): e is [string, OpusFault] => e[1] !== undefined));
  const calls: OpusSimulatorCall[] = [];
  const latency = new SimulatedLatency();
  const latencyMs = opts.latencyMs ?? 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const endpoint = endpointOf(req.url ?? '/');
    if (!endpoint) return sendError(res, 404, 'Ukendt sti.');
    if (req.method !== 'POST') return sendError(res, 405, 'Kun POST.', { allow: 'POST' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendError(res, 415, 'Content-Type skal være application/json.');
    const raw = await readBody(req);
    if (raw === null) return sendError(res, 413, 'Forespørgslen er for stor.', { connection: 'close' });
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return sendError(res, 400, 'Ugyldig JSON.');
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return sendError(res, 400, 'Forespørgslen skal være et JSON-objekt.');
    const request = body as Record<string, unknown>;
    const details = callDetailsOf(endpoint, request);
    const call: OpusSimulatorCall = { endpoint, batchSize: batchSizeOf(endpoint, request), ...details, arrivedAt: arrived };
    calls.push(call);

    const fault = faultFor(faults.get(endpoint) ?? faults.get('*'), details.employmentNumber);
    const delay = latencyMs + (fault?.latencyMs ?? 0);
    const action = faultAction(fault);
    // The body is encoded once, while the latency runs, so sending it at the due time is only a write.
    const answer = (): { status: number; body: Buffer } => {
      try {
        const result = handle(endpoint, request, state);
        return { status: 200, body: Buffer.from(result instanceof JsonText ? result.text : JSON.stringify(result)) };
      } catch (err) {
        if (err instanceof HttpFailure) return { status: err.status, body: Buffer.from(errorBody(err.message)) };
        return { status: 500, body: Buffer.from(errorBody('Intern fejl i simulatoren.')) };
      } finally {
        // An update may change any employment it names (or, for Persondata, every employment of the person).
        if (!READ_ENDPOINTS.has(endpoint)) state.fragments?.clear();
      }
    };
    // A read is answered from the state it arrived to, prepared while its latency runs; an update is
    // applied when the latency is over, so a client that gave up before then has changed nothing yet.
    const read = action === null && READ_ENDPOINTS.has(endpoint);
    if (read) await afterArrivals();
    const prepared = read ? answer() : undefined;
    if (prepared) call.preparedAt = performance.now();
    await latency.until(arrived, delay);
    if (action?.kind === 'timeout') return; // the socket stays open until the client aborts or close()
    if (action?.kind === 'status') return sendError(res, action.status, 'Injiceret fejl.');
    if (action?.kind === 'malformed') return sendRaw(res, 200, MALFORMED_BODIES[action.mode]);
    const { status, body: text } = prepared ?? answer();
    call.answeredAt = performance.now();
    sendRaw(res, status, text);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => sendError(res, 500, 'Intern fejl i simulatoren.'));
  });
  const { url, port } = await listenSimulator(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  return {
    url,
    port,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    setFault: (endpoint, fault) => {
      if (fault) faults.set(endpoint, fault);
      else faults.delete(endpoint);
    },
    clearFaults: () => faults.clear(),
    appliedUpdates: state.appliedUpdates,
    lockedEmployments: state.lockedEmployments,
    snapshot: state.data.snapshot,
    close: () =>
      new Promise<void>((resolve) => {
        latency.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The endpoints that change nothing in Opus; the rest are updates. */
const READ_ENDPOINTS: ReadonlySet<OpusEndpoint> = new Set([
  OPUS_ENDPOINTS.readEmployeeData,
  OPUS_ENDPOINTS.listEmployees,
  OPUS_ENDPOINTS.findEmployeesByCpr,
  OPUS_ENDPOINTS.readOnetimePayments,
  OPUS_ENDPOINTS.readOrgUnits,
]);

/** The endpoint of `/lpe/<name>`, under any base path, so a production-like base URL works too. */
function endpointOf(url: string): OpusEndpoint | null {
  const path = url.split('?', 1)[0];
  const m = /\/lpe\/([a-z-]+)$/.exec(path);
  return m && ENDPOINTS.has(m[1]) ? (m[1] as OpusEndpoint) : null;
}

function wholeMatch(re: RegExp): RegExp {
  return new RegExp(`^(?:${re.source})$`, re.flags.replace(/[gy]/g, ''));
}

/** The body as text, or null when it exceeds the limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendRaw(res: ServerResponse, status: number, json: string | Buffer, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json), ...headers });
  res.end(json);
}

function errorBody(tekst: string): string {
  return JSON.stringify({ Header: { Status: 'Error', Tekst: tekst } });
}

function sendError(res: ServerResponse, status: number, tekst: string, headers: Record<string, string> = {}): void {
  sendRaw(res, status, errorBody(tekst), headers);
}
