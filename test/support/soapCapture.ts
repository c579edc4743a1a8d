// A capturing HTTP proxy for tests: sits between a SOAP client and the service (the FK ORG simulator),
// forwards every request unchanged and records each exchange in full, so sf1500.ts can judge what was
// really on the wire. The target can be set after start, for a stack whose simulator port is only known
// once it runs: requests arriving before then wait for it.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import type { SoapExchange } from './sf1500.js';

export interface CapturedExchange extends SoapExchange {
  /** Arrival order, from 0. */
  seq: number;
  method: string;
  requestHeaders: IncomingHttpHeaders;
  responseHeaders: Record<string, string | string[] | undefined>;
  /** Why no answer came (status and responseBody are null then). */
  error?: string;
  durationMs: number;
}

export interface SoapCaptureProxy {
  /** Base URL to give the client instead of the service's. */
  url: string;
  port: number;
  /** Where requests go, e.g. the simulator's URL; requests before it is set wait for it (up to `waitForTargetMs`). */
  target: string | null;
  /** Every completed exchange, in completion order. */
  readonly exchanges: CapturedExchange[];
  /** Forgets the exchanges recorded so far. */
  clear(): void;
  close(): Promise<void>;
}

export interface SoapCaptureOptions {
  target?: string;
  host?: string;
  port?: number;
  /** How long a request waits for a target to be set before it is answered 503. Default 30,000. */
  waitForTargetMs?: number;
}

// Connection-level headers are per hop (RFC 9110 7.6.1); undici sets its own.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

function forwardable(headers: IncomingHttpHeaders | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP_BY_HOP.has(k.toLowerCase())) out[k] = v;
  return out;
}

async function readAll(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

export async function startSoapCapture(options: SoapCaptureOptions = {}): Promise<SoapCaptureProxy> {
  const exchanges: CapturedExchange[] = [];
  // Keep-alive shorter than the simulators' 30 s, so the proxy never reuses a socket they are closing.
  const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 10_000, connections: 64 });
  let seq = 0;
  const state = { target: options.target ?? null };
  const waiting = new Set<() => void>();
  const targetSet = (): Promise<boolean> =>
    new Promise((resolve) => {
      if (state.target) return resolve(true);
      const done = () => {
        clearTimeout(timer);
        waiting.delete(done);
        resolve(state.target !== null);
      };
      const timer = setTimeout(done, options.waitForTargetMs ?? 30_000);
      waiting.add(done);
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const n = seq++;
    const body = await readAll(req);
    const record: CapturedExchange = {
      seq: n,
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      requestHeaders: req.headers,
      requestBody: body.toString('utf8'),
      status: null,
      responseHeaders: {},
      responseBody: null,
      durationMs: 0,
    };
    if (!(await targetSet()) || !state.target) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end('no target set');
      return;
    }
    // The client giving up (timeout) ends the forwarded call too.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    try {
      const upstream = await request(new URL(record.path, state.target.endsWith('/') ? state.target : `${state.target}/`).toString(), {
        method: record.method as 'POST',
        headers: forwardable(req.headers),
        body: body.length > 0 ? body : undefined,
        dispatcher: agent,
        signal: abort.signal,
      });
      const answer = Buffer.from(await upstream.body.arrayBuffer());
      record.status = upstream.statusCode;
      record.responseHeaders = upstream.headers;
      record.responseBody = answer.toString('utf8');
      record.durationMs = performance.now() - started;
      exchanges.push(record);
      res.writeHead(upstream.statusCode, { ...forwardable(upstream.headers), 'content-length': String(answer.length) });
      res.end(answer);
    } catch (err) {
      record.error = (err as Error).message;
      record.durationMs = performance.now() - started;
      exchanges.push(record);
      // The service dropped the connection (or the client left): do the same to the client.
      req.socket.destroy();
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;

  return {
    url: `http://${address.includes(':') ? `[${address}]` : address}:${port}`,
    port,
    get target() {
      return state.target;
    },
    set target(t: string | null) {
      state.target = t;
      if (t) for (const done of [...waiting]) done();
    },
    exchanges,
    clear: () => {
      exchanges.length = 0;
    },
    close: async () => {
      for (const done of [...waiting]) done();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await agent.close();
    },
  };
}
