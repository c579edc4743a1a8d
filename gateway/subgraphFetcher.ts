// HTTP from the gateway to the subgraphs: pooled keep-alive connections (a new TCP connection per
// plan step would cost more than the step) and a hard timeout per fetch. Sent with undici's request()
// rather than its WHATWG fetch(): fetch builds Request, Headers and web streams for every call, which
// cost about a third of the gateway's CPU per request in the benchmark (docs/benchmarks.md); the
// subgraphs are ours, answer JSON and never redirect or compress, so none of that is needed.
import { STATUS_CODES } from 'node:http';
import type { Fetcher, FetcherHeaders, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { injectTraceContext } from '../platform/tracing.js';

/** The response headers as @apollo/gateway reads them (it asks only for content-type and cache-control). */
class ResponseHeaders implements FetcherHeaders {
  private readonly map = new Map<string, string>();

  constructor(raw: Record<string, string | string[] | undefined>) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  append(name: string, value: string) {
    const old = this.get(name);
    this.set(name, old === null ? value : `${old}, ${value}`);
  }
  delete(name: string) {
    this.map.delete(name.toLowerCase());
  }
  get(name: string) {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  has(name: string) {
    return this.map.has(name.toLowerCase());
  }
  set(name: string, value: string) {
    this.map.set(name.toLowerCase(), value);
  }
  entries() {
    return this.map.entries();
  }
  keys() {
    return this.map.keys();
  }
  values() {
    return this.map.values();
  }
  [Symbol.iterator]() {
    return this.map.entries();
  }
}

function fetcherResponse(url: string, status: number, headers: ResponseHeaders, body: string): FetcherResponse {
  return {
    bodyUsed: false,
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: STATUS_CODES[status] ?? '',
    headers,
    text: async () => body,
    json: async () => JSON.parse(body),
    arrayBuffer: async () => {
      const bytes = Buffer.from(body, 'utf8');
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    clone: () => fetcherResponse(url, status, headers, body),
  };
}

export function keepAliveFetcher(options: { connections: number; timeoutMs: number }): { fetcher: Fetcher; close(): Promise<void> } {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000, pipelining: 1 });
  const fetcher: Fetcher = async (url, init) => {
    // The subgraph continues the gateway's trace (a no-op unless tracing is on).
    const headers = { ...(init?.headers ?? {}) };
    injectTraceContext(headers);
    // One deadline for the whole exchange, body included; cleared as soon as it is over, so a
    // finished fetch holds no timer or signal for the rest of the timeout.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new DOMException(`Subgraph request timeout: no answer within ${options.timeoutMs} ms`, 'TimeoutError')), options.timeoutMs);
    try {
      const res = await request(url, {
        method: (init?.method ?? 'POST') as 'POST',
        headers,
        body: init?.body,
        dispatcher: agent,
        signal: deadline.signal,
      });
      const body = await res.body.text();
      return fetcherResponse(url, res.statusCode, new ResponseHeaders(res.headers), body);
    } finally {
      clearTimeout(timer);
    }
  };
  return { fetcher, close: () => agent.close() };
}
