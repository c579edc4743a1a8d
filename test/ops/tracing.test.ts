// With an OTLP endpoint configured, one trace spans the gateway and the subgraphs it calls.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { startTracing } from '../../platform/tracing.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

let collector: Server;
const spans: OtlpSpan[] = [];
let stopTracing: () => Promise<void>;
let stack: Stack;

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const rs of body.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) spans.push(...ss.spans);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => collector.listen(0, '127.0.0.1', r));
  const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  // The exporter reads its endpoint from the process environment, as in production.
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
  stopTracing = await startTracing('kommunegraf-test');
  stack = await testStack({ employees: 30 });
});

afterAll(async () => {
  await stack?.close();
  delete process.env.OTEL_EXPORTER_OTLP_ENDPOINT;
  await new Promise<void>((r) => collector.close(() => r()));
});

describe('tracing', () => {
  it('exports gateway and subgraph spans of one request under one trace id', async () => {
    const res = await post(stack.url, '{ orgUnits(first: 2) { nodes { name employments { employee { name } } } } }', undefined, await stack.headers());
    expect(res.body.errors).toBeUndefined();
    await stopTracing(); // flushes
    const servers = spans.filter((s) => s.name === 'POST /graphql');
    // One for the gateway, one per subgraph fetch (organisation, employee).
    expect(servers.length).toBeGreaterThanOrEqual(3);
    const root = servers.find((s) => !s.parentSpanId)!;
    expect(root).toBeDefined();
    const trace = spans.filter((s) => s.traceId === root.traceId);
    expect(trace.filter((s) => s.name === 'POST /graphql').length).toBe(servers.length);
    // @apollo/gateway's own plan and fetch spans are in the same trace.
    expect(trace.some((s) => s.name === 'gateway.plan')).toBe(true);
    expect(trace.filter((s) => s.name === 'gateway.fetch').length).toBeGreaterThanOrEqual(2);
  });
});
