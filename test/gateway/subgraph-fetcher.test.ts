// The gateway's HTTP client to the subgraphs, against a real local server: what @apollo/gateway reads
// from a response, the per-fetch deadline, and kept-alive connections.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetcher } from '../../gateway/subgraphFetcher.js';

let server: Server;
let base: string;
let connections = 0;
const received: Array<{ method?: string; headers: IncomingMessage['headers']; body: string }> = [];

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, headers: req.headers, body });
    if (req.url === '/hang') return; // never answers
    if (req.url === '/fail') {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('subgraph broke');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'max-age=0', 'set-cookie': ['a=1', 'b=2'] });
    res.end(JSON.stringify({ data: { echo: JSON.parse(body) } }));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('keepAliveFetcher', () => {
  it('sends method, headers and body, and answers as @apollo/gateway reads a response', async () => {
    const { fetcher, close } = keepAliveFetcher({ connections: 4, timeoutMs: 5_000 });
    try {
      const res = await fetcher(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' }, body: '{"query":"{ a }"}' });
      expect(res.ok).toBe(true);
      expect(res.status).toBe(200);
      expect(res.url).toBe(`${base}/graphql`);
      expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('max-age=0');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(res.headers.has('x-missing')).toBe(false);
      expect(await res.json()).toEqual({ data: { echo: { query: '{ a }' } } });
      const last = received[received.length - 1];
      expect(last.method).toBe('POST');
      expect(last.headers['x-request-id']).toBe('r-1');
      expect(last.body).toBe('{"query":"{ a }"}');
    } finally {
      await close();
    }
  });

  it('reports a failed subgraph answer with its status, status text and body', async () => {
    const { fetcher, close } = keepAliveFetcher({ connections: 4, timeoutMs: 5_000 });
    try {
      const res = await fetcher(`${base}/fail`, { method: 'POST', headers: {}, body: '{}' });
      expect(res.ok).toBe(false);
      expect(res.status).toBe(500);
      expect(res.statusText).toBe('Internal Server Error');
      expect(await res.text()).toBe('subgraph broke');
    } finally {
      await close();
    }
  });

  it('gives up on a subgraph that does not answer within the timeout', async () => {
    const { fetcher, close } = keepAliveFetcher({ connections: 4, timeoutMs: 300 });
    try {
      const started = Date.now();
      await expect(fetcher(`${base}/hang`, { method: 'POST', headers: {}, body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/timeout/i) });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await close();
    }
  });

  it('keeps the connection alive between fetches', async () => {
    const { fetcher, close } = keepAliveFetcher({ connections: 1, timeoutMs: 5_000 });
    try {
      const before = connections;
      for (let i = 0; i < 5; i++) {
        const res = await fetcher(`${base}/graphql`, { method: 'POST', headers: {}, body: `{"i":${i}}` });
        await res.json();
      }
      expect(connections - before).toBe(1);
    } finally {
      await close();
    }
  });
});
