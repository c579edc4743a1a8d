// Both simulators stand for a source that serves concurrent calls side by side, `latencyMs` after each
// arrived. Calls that reach a simulator together must all be stamped as arrived before any answer is
// prepared (sources/simulatorLatency.ts, afterArrivals): were each stamped only after the answers of
// those before it were prepared, the last of a plan step's batches would start its latency late by the
// simulator's own work. The requests go out on raw kept-alive sockets, written in one go, so they
// are all readable when the simulator's event loop next looks.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMunicipality } from '../../sources/sample/generate.js';
import { startOpusSimulator, type OpusSimulator } from '../../sources/opus/simulator.js';
import { endpointPath } from '../../sources/opus/wire/constants.js';
import { readEmployeeDataRequest } from '../../sources/opus/wire/requests.js';
import { startFkOrgSimulator, type FkOrgSimulator } from '../../sources/fkorg/simulator.js';
import { listInput } from '../../sources/fkorg/requests.js';
import { buildRequestEnvelope, soapContentType } from '../../sources/fkorg/soap.js';
import { servicePath, soapAction } from '../../sources/fkorg/wire.js';
import { SimulatedLatency } from '../../sources/simulatorLatency.js';

const municipality = generateMunicipality({ employees: 600, seed: 11, today: '2026-11-02' });
const CALLS = 8;
let opus: OpusSimulator;
let fkorg: FkOrgSimulator;

beforeAll(async () => {
  opus = await startOpusSimulator({ snapshot: municipality.opus, latencyMs: 30 });
  fkorg = await startFkOrgSimulator({ snapshot: municipality.org, latencyMs: 30 });
});
afterAll(async () => {
  await opus?.close();
  await fkorg?.close();
});

/** An HTTP/1.1 connection of its own: one POST at a time, its answer's status once the whole body is in. */
class Connection {
  private text = '';
  private waiting?: (status: number) => void;
  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.text += chunk;
      const end = this.text.indexOf('\r\n\r\n');
      const length = /content-length:\s*(\d+)/i.exec(this.text)?.[1];
      if (end < 0 || length === undefined || this.text.length < end + 4 + Number(length)) return;
      const status = Number(this.text.slice(9, 12));
      this.text = '';
      this.waiting?.(status);
    });
  }

  static open(url: string): Promise<Connection> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const s = connect(Number(port), hostname, () => resolve(new Connection(s)));
      s.once('error', reject);
    });
  }

  /** Writes the request at once; the promise is its answer's status. */
  post(path: string, contentType: string, body: string): Promise<number> {
    const bytes = Buffer.from(body);
    const answered = new Promise<number>((resolve) => (this.waiting = resolve));
    // Head and body in one write: two would wait on each other through Nagle and delayed ACKs.
    this.socket.write(Buffer.concat([Buffer.from(`POST /${path} HTTP/1.1\r\nhost: localhost\r\ncontent-type: ${contentType}\r\ncontent-length: ${bytes.length}\r\n\r\n`), bytes]));
    return answered;
  }

  close(): void {
    this.socket.destroy();
  }
}

/**
 * One POST per body, each on a kept-alive connection of its own (as a client's pool sends a plan
 * step's batches), all written in the same tick after a first exchange on every connection.
 */
async function postTogether(url: string, path: string, contentType: string, bodies: string[], reset: () => void): Promise<number[]> {
  const connections = await Promise.all(bodies.map(() => Connection.open(url)));
  try {
    await Promise.all(connections.map((c, i) => c.post(path, contentType, bodies[i])));
    reset();
    return await Promise.all(connections.map((c, i) => c.post(path, contentType, bodies[i])));
  } finally {
    for (const c of connections) c.close();
  }
}

function expectStampedBeforePrepared(calls: ReadonlyArray<{ arrivedAt: number; preparedAt?: number; answeredAt?: number }>, latencyMs: number): void {
  expect(calls).toHaveLength(CALLS);
  const prepared = calls.map((c) => c.preparedAt);
  expect(prepared.every((t) => t !== undefined)).toBe(true);
  const lastArrival = Math.max(...calls.map((c) => c.arrivedAt));
  const firstPrepared = Math.min(...(prepared as number[]));
  expect(lastArrival).toBeLessThanOrEqual(firstPrepared);
  // And each still waits its full latency from its own arrival, not a moment less.
  for (const c of calls) expect(c.answeredAt! - c.arrivedAt).toBeGreaterThanOrEqual(latencyMs);
}

describe('calls that reach a simulator together', () => {
  it('Opus: are all stamped as arrived before the first answer is prepared', async () => {
    const numbers = municipality.opus.employments.map((e) => e.employmentNumber);
    const bodies = Array.from({ length: CALLS }, (_, i) =>
      JSON.stringify(readEmployeeDataRequest(municipality.opus.kommunekode, numbers.slice(i * 60, i * 60 + 60), ['Persondata', 'Organisation', 'FravaerNaervaer'])),
    );
    expect(await postTogether(opus.url, endpointPath('read-employee-data'), 'application/json', bodies, () => opus.resetCalls())).toEqual(Array(CALLS).fill(200));
    expectStampedBeforePrepared(opus.calls, 30);
  });

  it('FK ORG: are all stamped as arrived before the first answer is prepared', async () => {
    const ids = municipality.org.units.map((u) => u.id);
    const path = servicePath('organisationenhed');
    const action = soapAction('organisationenhed', 'list');
    const bodies = Array.from({ length: CALLS }, (_, i) => buildRequestEnvelope({ action, to: `${fkorg.url}/${path}`, body: listInput('organisationenhed', ids.slice(i * 20, i * 20 + 20)) }));
    expect(await postTogether(fkorg.url, path, soapContentType(action), bodies, () => fkorg.resetCalls())).toEqual(Array(CALLS).fill(200));
    expectStampedBeforePrepared(fkorg.calls, 30);
  });
});

describe('the simulated latency', () => {
  it('never ends early, though the event loop read its clock when a long turn began', async () => {
    // A turn that has been busy for 30 ms: the loop's clock still says its start, so a 10 ms timer
    // set now is due 20 ms in the past by performance.now().
    await new Promise((resolve) => setImmediate(resolve));
    const busyUntil = performance.now() + 30;
    while (performance.now() < busyUntil);
    const since = performance.now();
    await new SimulatedLatency().until(since, 10);
    expect(performance.now() - since).toBeGreaterThanOrEqual(10);
  });
});
