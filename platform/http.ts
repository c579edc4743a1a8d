// A small node:http integration for Apollo Server 5, shared by the subgraphs and the gateway. Owning
// the HTTP layer keeps request bodies bounded, lets /health and /ready sit beside /graphql, and makes
// shutdown deterministic (no framework in between).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';
// Apollo Server's per-request query hash without a module lookup each time (apolloHash.ts).
import './apolloHash.js';
// ... and its media type negotiation once per Accept header (apolloNegotiation.ts).
import './apolloNegotiation.js';
import { inServerSpan } from './tracing.js';
import { logRequest, withRequestRecord, type RequestLogOptions, type RequestRecord } from './requestLog.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

// A plain origin-form target ("/graphql", "/graphql?x=1"): a path of letters, digits, _, - and /, and a
// query of printable ASCII the URL parser leaves as it is (not ", #, ', <, >); nothing to normalise.
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9_\-/]*(?:\?[\x21\x24-\x26\x28-\x3b\x3d\x3f-\x7e]*)?$/;

/** Path and query of a request target; the URL parser only for targets it would change (dot segments, escapes, absolute form). */
export function targetOf(target = '/'): { pathname: string; search: string } {
  if (PLAIN_TARGET.test(target)) {
    const q = target.indexOf('?');
    if (q < 0) return { pathname: target, search: '' };
    // The URL parser leaves out a lone "?".
    return { pathname: target.slice(0, q), search: q === target.length - 1 ? '' : target.slice(q) };
  }
  const url = new URL(target, 'http://localhost');
  return { pathname: url.pathname, search: url.search };
}

/** The caller's X-Request-Id when it is a sensible one, else a new UUID. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export interface HttpOptions<TContext extends BaseContext> {
  /** Largest accepted request body in bytes; larger bodies get 413 before any parsing. */
  bodyLimitBytes: number;
  context: ContextFunction<[{ req: IncomingMessage }], TContext>;
  /** Routes tried before GraphQL; return true when the request was answered. */
  routes?: Array<(req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>>;
  path?: string;
  /** One line per request (routes at debug level), refusals included; with requestLogPlugin among the server's plugins. */
  requestLog?: RequestLogOptions;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra `extensions` for the client, e.g. the measured size and the limit. */
    readonly details: Record<string, number> = {},
  ) {
    super(message);
  }
}

function tooLarge(bytes: number, limit: number): HttpError {
  // A streamed body is refused as soon as it passes the limit: `bytes` is then what had arrived.
  return new HttpError(413, 'PAYLOAD_TOO_LARGE', `Request body exceeds ${limit} bytes`, { bytes, limit });
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(tooLarge(declared, limit));
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Destroying the socket here would leave the client with a reset instead of the 413; the
        // rest is discarded instead, and the 413 closes the connection (sendError).
        req.off('data', collect);
        req.resume();
        chunks.length = 0;
        reject(tooLarge(size, limit));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', collect);
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendError(res: ServerResponse, error: HttpError) {
  res.statusCode = error.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  // The unread part of an oversized body must not be drained for the next request on this socket.
  if (error.status === 413) res.setHeader('connection', 'close');
  res.end(JSON.stringify({ errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }] }));
}

// Node writes a long string to a socket more slowly than it encodes the string first: a 150 KB answer
// took 0.39 ms from res.end() as text and 0.19 ms as bytes (Node 24, loopback); below some 30 KB, text
// is the faster (Node sends it with the headers in one write).
const LARGE_BODY_CHARS = 64 * 1024;

async function parseBody(req: IncomingMessage, limit: number): Promise<unknown> {
  if (req.method !== 'POST') return undefined;
  const raw = await readBody(req, limit);
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) {
    if (raw.trim() === '') throw new HttpError(400, 'BAD_REQUEST', 'The request body is empty; send a JSON GraphQL request');
    try {
      return JSON.parse(raw);
    } catch {
      throw new HttpError(400, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
  }
  // Apollo Server answers other content types with its own 400 (and CSRF prevention relies on that).
  return raw;
}

/** The first error code in a GraphQL error body; BAD_REQUEST for a body that is not one. */
function codeOf(body: string): string {
  try {
    const code = (JSON.parse(body) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors?.[0]?.extensions?.code;
    return typeof code === 'string' ? code : 'BAD_REQUEST';
  } catch {
    return 'BAD_REQUEST';
  }
}

export function graphqlRequestListener<TContext extends BaseContext>(server: ApolloServer<TContext>, options: HttpOptions<TContext>) {
  const path = options.path ?? '/graphql';
  return async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    // One id for the log line and the GraphQL context (which reads it back through requestIdOf).
    const requestId = requestIdOf(req);
    req.headers['x-request-id'] = requestId;
    const record: RequestRecord = {};
    let refusal: string | undefined;
    let route = false;
    res.once('close', () => {
      if (!options.requestLog) return;
      const log = route ? { ...options.requestLog, level: 'debug' as const } : options.requestLog;
      const path = (req.url ?? '/').split('?')[0];
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      logRequest(log, { requestId, method: req.method, path, status: res.statusCode, durationMs, record, errors: refusal ? [refusal] : undefined });
    });
    try {
      for (const candidate of options.routes ?? []) {
        if (await candidate(req, res)) {
          route = true;
          return;
        }
      }
      const url = targetOf(req.url);
      if (url.pathname !== path && url.pathname !== '/') {
        throw new HttpError(404, 'NOT_FOUND', `No route ${url.pathname}; GraphQL is served at ${path}`);
      }
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
      const body = await parseBody(req, options.bodyLimitBytes);
      const response = await withRequestRecord(record, () =>
        inServerSpan(`${req.method} ${path}`, req.headers, () =>
          server.executeHTTPGraphQLRequest({
            httpGraphQLRequest: { method: req.method?.toUpperCase() ?? 'GET', headers, search: url.search, body },
            context: () => options.context({ req }),
          }),
        ),
      );
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      // Refused before the GraphQL pipeline ran (401 from the context, Apollo's own 400s): its codes
      // are only in the (small) body.
      if (options.requestLog && !record.errors && res.statusCode >= 400 && response.body.kind === 'complete') refusal = codeOf(response.body.string);
      if (response.body.kind === 'complete') {
        const text = response.body.string;
        res.end(text.length > LARGE_BODY_CHARS ? Buffer.from(text) : text);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const refused = error instanceof HttpError ? error : new HttpError(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
      refusal = refused.code;
      sendError(res, refused);
    }
  };
}

export interface Listening {
  server: Server;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Listens and returns a close() that stops accepting, ends idle keep-alive sockets and waits. */
export async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void, port: number, host: string, path = '/graphql'): Promise<Listening> {
  const server = createServer({ keepAliveTimeout: 65_000 }, handler);
  // Keep-alive from the gateway is long-lived; headers must still arrive promptly, and a whole
  // request body within a minute (slow-loris clients must not hold sockets open).
  server.headersTimeout = 66_000;
  server.requestTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    server,
    port: actual,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 5_000).unref();
      }),
  };
}
