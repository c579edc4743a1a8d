// platform/httpPost.ts, the one POST the gateway and both source clients make, against a real local
// server: the request as sent, the answer's text however it is cut into chunks, the size limit, the
// deadline, and a connection that goes away.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerTooLargeError, postText, PostTimeoutError } from '../../platform/httpPost.js';

let server: Server;
let base: string;
const agent = new Agent({ connections: 4 });
const received: Array<{ method?: string; url?: string; headers: IncomingMessage['headers']; body: string }> = [];

// "æøå" is two bytes a letter in UTF-8: sent one byte at a time, every letter is split across chunks.
const DANISH = 'Ærø Kommune: æøå ÆØÅ';

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    received.push({ method: req.method, url: req.url, headers: req.headers, body });
    switch (req.url) {
      case '/hang':
        return;
      case '/bytewise': {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
        for (const byte of Buffer.from(DANISH)) {
          res.write(Buffer.from([byte]));
          await new Promise((r) => setImmediate(r));
        }
        res.end();
        return;
      }
      case '/bom':
        res.writeHead(200, { 'content-type': 'application/soap+xml' });
        res.end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a/>')]));
        return;
      case '/large-declared':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2000' });
        res.end('x'.repeat(2000));
        return;
      case '/large-chunked':
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i++) res.write('x'.repeat(100));
        res.end();
        return;
      case '/reset':
        req.socket.destroy();
        return;
      default:
        res.writeHead(201, { 'content-type': 'application/json', 'x-two': ['a', 'b'] });
        res.end(JSON.stringify({ echo: body }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('postText', () => {
  it('POSTs the body with the headers to the path and query, and answers status, headers and text', async () => {
    const answer = await postText(agent, `${base}/graphql?x=1`, { 'content-type': 'application/json', 'x-request-id': 'r-1' }, '{"q":1}', { timeoutMs: 5_000 });
    expect(received.at(-1)).toMatchObject({ method: 'POST', url: '/graphql?x=1', body: '{"q":1}', headers: { 'content-type': 'application/json', 'x-request-id': 'r-1' } });
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.headers['x-two']).toEqual(['a', 'b']);
    expect(JSON.parse(answer.body)).toEqual({ echo: '{"q":1}' });
  });

  it('reads UTF-8 cut between the bytes of a letter, and drops a byte order mark as undici body.text() does', async () => {
    expect((await postText(agent, `${base}/bytewise`, {}, '', { timeoutMs: 5_000 })).body).toBe(DANISH);
    expect((await postText(agent, `${base}/bom`, {}, '', { timeoutMs: 5_000 })).body).toBe('<a/>');
  });

  it('refuses an answer over maxBytes, whether its Content-Length says so or it only grows too large', async () => {
    await expect(postText(agent, `${base}/large-declared`, {}, '', { timeoutMs: 5_000, maxBytes: 1_000 })).rejects.toMatchObject({ name: 'AnswerTooLargeError', status: 200, bytes: 2000 });
    const streamed = postText(agent, `${base}/large-chunked`, {}, '', { timeoutMs: 5_000, maxBytes: 1_000 });
    await expect(streamed).rejects.toBeInstanceOf(AnswerTooLargeError);
    await expect(streamed).rejects.toMatchObject({ bytes: expect.any(Number) });
    // Under the limit, the same answers are read whole.
    expect((await postText(agent, `${base}/large-chunked`, {}, '', { timeoutMs: 5_000, maxBytes: 2_000 })).body).toHaveLength(2000);
  });

  it('ends at the deadline with a TimeoutError, and the agent goes on serving', async () => {
    const started = Date.now();
    const hung = postText(agent, `${base}/hang`, {}, '', { timeoutMs: 200 });
    await expect(hung).rejects.toBeInstanceOf(PostTimeoutError);
    await expect(hung).rejects.toMatchObject({ name: 'TimeoutError', message: expect.stringMatching(/timeout.*200 ms/i) });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await postText(agent, `${base}/ok`, {}, 'again', { timeoutMs: 5_000 })).status).toBe(201);
  });

  it('rejects when the connection goes away, and when nothing listens', async () => {
    await expect(postText(agent, `${base}/reset`, {}, '', { timeoutMs: 5_000 })).rejects.toMatchObject({ code: expect.stringMatching(/UND_ERR_SOCKET|ECONNRESET/) });
    await expect(postText(agent, 'http://127.0.0.1:1/nothing', {}, '', { timeoutMs: 5_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
