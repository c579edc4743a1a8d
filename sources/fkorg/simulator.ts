// FK ORG (Organisation SF1500 v6) on localhost: SOAP 1.2 over node:http, one endpoint per object type at
// `/organisation/<type>/6/`, answering laes, list, soeg and OrganisationSystem.fremsoegobjekthierarki
// from the OrgSnapshot it is given. `npm start`, the tests and the benchmarks run the real
// FkOrgSoapClient against it. Without the `oioidws` option any security header is accepted and ignored.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { OrgSnapshot } from '../model.js';
import { buildFaultEnvelope, buildResponseEnvelope, parseEnvelope, SoapShapeError, SOAP12_CONTENT_TYPE, type FaultCode, type ParsedEnvelope } from './soap.js';
import { FKORG_MAX_PAGE, OPERATION_ELEMENTS, ORG_SERVICES, servicePath, soapAction, STATUS, type OrgOperation, type OrgService } from './wire.js';
import { child, text } from './xml.js';
import { faultAction, MALFORMED_BODY, type FkOrgFault } from './simulator/faults.js';
import { handle, refusal, requestSize, type HandlerState } from './simulator/handlers.js';
import { OrgIndex } from './simulator/OrgIndex.js';
import { listenSimulator } from '../simulatorListen.js';
import { afterArrivals, SimulatedLatency } from '../simulatorLatency.js';
import type { WspGuard } from './oioidws/wspGuard.js';

export type { FkOrgFault } from './simulator/faults.js';

/** `<service>.<operation>` (e.g. `organisationenhed.list`), `<service>` for all its operations, or `*`. */
export type FkOrgFaultKey = `${OrgService}.${OrgOperation}` | OrgService | '*';

export interface FkOrgSimulatorOptions {
  snapshot: OrgSnapshot;
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Most UUIDs per `list`; more is answered StandardRetur 40. Default 100. */
  maxBatchSize?: number;
  /** Most objects of each collection per fremsoegobjekthierarki page. Default 500, FK ORG's own limit (soeg always 500). */
  pageSize?: number;
  /** Delay before every answer, to make benchmarks feel a remote service. */
  latencyMs?: number;
  faults?: Partial<Record<FkOrgFaultKey, FkOrgFault>>;
  /** Called for every readable request, before faults apply (to check what a client sends). */
  onRequest?: (request: { service: OrgService; operation: OrgOperation; headers: IncomingHttpHeaders; envelope: ParsedEnvelope }) => void;
  /** OIOIDWS mode: refuse requests the guard does not accept (SOAP 1.2 Fault) and sign every data answer (oioidws/wspGuard.ts). */
  oioidws?: WspGuard;
}

export interface FkOrgSimulatorCall {
  service: OrgService;
  operation: OrgOperation;
  /** UUIDs for list; 1 for laes, soeg and fremsoegobjekthierarki (one object or one page). */
  size: number;
  /** performance.now() when the request had arrived, and when its answer went out (unset for an injected failure). */
  arrivedAt: number;
  /** performance.now() when a read's answer was ready, before the latency was over (unset for updates and injected failures). */
  preparedAt?: number;
  answeredAt?: number;
}

export interface FkOrgSimulator {
  /** Service root for FkOrgSoapClient, without a trailing slash. */
  url: string;
  port: number;
  /** Every readable call, in arrival order. */
  readonly calls: FkOrgSimulatorCall[];
  resetCalls(): void;
  setFault(key: FkOrgFaultKey, fault: FkOrgFault | null): void;
  /** Removes every fault set, on any key. */
  clearFaults(): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
const SERVICES = new Set<string>(ORG_SERVICES);
const OPERATION_BY_INPUT = new Map(Object.entries(OPERATION_ELEMENTS).map(([op, e]) => [e.input, op as OrgOperation]));

class SoapFailure extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: FaultCode,
    message: string,
  ) {
    super(message);
  }
}

export async function startFkOrgSimulator(opts: FkOrgSimulatorOptions): Promise<FkOrgSimulator> {
  const state: HandlerState = {
    index: new OrgIndex(opts.snapshot, new Date().toISOString()),
    maxBatchSize: opts.maxBatchSize ?? 100,
    pageSize: opts.pageSize ?? FKORG_MAX_PAGE,
  };
  const faults = new Map<string, FkOrgFault>(Object.entries(opts.faults ?? {}).filter((e): e is [string, FkOrgFault] => e[1] !== undefined));
  const calls: FkOrgSimulatorCall[] = [];
  // Calls left for faults given `times`; setting a fault (again) starts its count afresh.
  const remaining = new WeakMap<FkOrgFault, number>();
  const latency = new SimulatedLatency();
  const latencyMs = opts.latencyMs ?? 0;

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrived = performance.now();
    const service = serviceOf(req.url ?? '/');
    if (!service) return sendPlain(res, 404, 'Ukendt service.');
    if (req.method !== 'POST') return sendPlain(res, 405, 'Kun POST.', { allow: 'POST' });
    const contentType = req.headers['content-type'] ?? '';
    if (!contentType.toLowerCase().startsWith(SOAP12_CONTENT_TYPE)) throw new SoapFailure(415, 'Sender', `Content-Type skal være ${SOAP12_CONTENT_TYPE}.`);
    const raw = await readBody(req);
    if (raw === null) throw new SoapFailure(413, 'Sender', 'Forespørgslen er for stor.');
    const guarded = opts.oioidws?.checkRequest(raw);
    if (guarded && 'fault' in guarded) return sendSoap(res, 500, guarded.fault);
    const sign = (xml: string) => (guarded ? opts.oioidws!.signResponse(xml, guarded.accepted) : xml);
    let envelope: ParsedEnvelope;
    try {
      envelope = parseEnvelope(raw);
    } catch (err) {
      if (err instanceof SoapShapeError) throw new SoapFailure(400, 'Sender', `Forespørgslen kunne ikke læses: ${err.message}`);
      throw err;
    }
    const operation = operationOf(service, contentType, envelope);
    const input = envelope.bodyContent;
    const call: FkOrgSimulatorCall = { service, operation, size: requestSize(operation, input), arrivedAt: arrived };
    calls.push(call);
    opts.onRequest?.({ service, operation, headers: req.headers, envelope });

    const key = [`${service}.${operation}`, service, '*'].find((k) => faults.has(k));
    const fault = key === undefined ? undefined : faults.get(key);
    const action = faultAction(fault);
    // `times` counts the calls that misbehaved: an error, or for a latency-only fault, its delay.
    if ((action || fault?.latencyMs) && key !== undefined && fault?.times !== undefined) {
      const left = (remaining.get(fault) ?? fault.times) - 1;
      remaining.set(fault, left);
      if (left <= 0 && faults.get(key) === fault) faults.delete(key);
    }
    // Counted before the delay, so a call arriving while a slowed one waits is not slowed too.
    const delay = latencyMs + (fault?.latencyMs ?? 0);
    const responseAction = soapAction(service, operation);
    const transactionUuid = text(child(envelope.header, 'RequestHeader'), 'TransactionUUID');
    const envelopeOf = (body: string) => sign(buildResponseEnvelope(responseAction, body, transactionUuid));
    const answer = (): string => {
      const cvr = text(child(envelope.header, 'AuthorityContext'), 'MunicipalityCVR');
      if (cvr !== undefined && cvr !== state.index.cvr) return refusal(service, operation, STATUS.badInput, 'Myndigheden har ikke adgang til organisationen.');
      return handle(state, service, operation, input);
    };
    // Every operation here reads, so its answer (or its failure) is prepared while the latency runs,
    // down to its bytes: a list of 32 units is 226 KB of XML built from many pieces, and measuring and
    // encoding it after the wait took the simulator 3 to 4 ms per answer (docs/benchmarks.md).
    let prepared: (() => Buffer) | undefined;
    if (action === null) {
      await afterArrivals();
      try {
        const bytes = Buffer.from(envelopeOf(answer()));
        call.preparedAt = performance.now();
        prepared = () => bytes;
      } catch (err) {
        prepared = () => {
          throw err;
        };
      }
    }
    await latency.until(arrived, delay);
    if (prepared) {
      call.answeredAt = performance.now();
      return sendSoap(res, 200, prepared());
    }
    if (action?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'timeout') return; // the socket stays open until the client aborts or close()
    if (action?.kind === 'malformed') return sendSoap(res, 200, MALFORMED_BODY);
    if (action?.kind === 'soapFault') throw new SoapFailure(500, 'Receiver', 'Injiceret fejl i servicen.');
    if (action?.kind === 'http') return sendPlain(res, action.status, 'Injiceret fejl.');
    if (action?.kind === 'status') return sendSoap(res, 200, envelopeOf(refusal(service, operation, action.status)));
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      if (err instanceof SoapFailure) return sendSoap(res, err.httpStatus, buildFaultEnvelope(err.code, err.message));
      sendSoap(res, 500, buildFaultEnvelope('Receiver', 'Intern fejl i simulatoren.'));
    });
  });
  const { url, port } = await listenSimulator(server, opts.port ?? 0, opts.host ?? '127.0.0.1');

  return {
    url,
    port,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    setFault: (key, fault) => {
      if (fault) {
        remaining.delete(fault);
        faults.set(key, fault);
      } else faults.delete(key);
    },
    clearFaults: () => faults.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        latency.cancelAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The service of `/organisation/<type>/6/` (or `/klassifikation/klasse/6/`), under any base path, so a production-like base URL works too. */
function serviceOf(url: string): OrgService | null {
  const path = url.split('?', 1)[0];
  const m = /\/((?:organisation|klassifikation)\/([a-z]+)\/6)\/?$/.exec(path);
  if (!m || !SERVICES.has(m[2])) return null;
  const service = m[2] as OrgService;
  return servicePath(service) === `${m[1]}/` ? service : null;
}

/** The operation from the SOAP action (content type parameter, else wsa:Action), checked against the body. */
function operationOf(service: OrgService, contentType: string, envelope: ParsedEnvelope): OrgOperation {
  const action = /;\s*action="?([^";]+)"?/i.exec(contentType)?.[1] ?? text(envelope.header, 'Action');
  const byBody = OPERATION_BY_INPUT.get(envelope.bodyName);
  if (!byBody) throw new SoapFailure(400, 'Sender', `Ukendt operation ${envelope.bodyName}.`);
  if (action !== undefined && action !== soapAction(service, byBody)) throw new SoapFailure(400, 'Sender', `SOAP action ${action} passer ikke til ${envelope.bodyName}.`);
  const hierarchy = byBody === 'fremsoegobjekthierarki';
  if (hierarchy !== (service === 'organisationsystem')) throw new SoapFailure(400, 'Sender', `${service} har ikke operationen ${byBody}.`);
  return byBody;
}

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

function sendSoap(res: ServerResponse, status: number, xml: string | Buffer): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': `${SOAP12_CONTENT_TYPE}; charset=utf-8`, 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

function sendPlain(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(message), ...headers });
  res.end(message);
}
