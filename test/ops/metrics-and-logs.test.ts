// What operators see: Prometheus metrics, JSON logs with request ids, and never a CPR number.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { createLogger, scrubCpr } from '../../platform/logging.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

class Lines extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
}

let stack: Stack;
const logs = new Lines();
beforeAll(async () => {
  stack = await testStack({ employees: 80, logger: createLogger({ name: 'test', level: 'debug', destination: logs }) });
});
afterAll(() => stack?.close());

const base = () => stack.url.replace(/\/graphql$/, '');

function busiestUnit() {
  const m = stack.municipality;
  const placed = (opusId: string) => m.opus.employments.filter((e) => versionOn(e.placements, m.today)?.orgUnitOpusId === opusId).length;
  return [...m.org.units].sort((a, b) => placed(b.opusId) - placed(a.opusId))[0];
}

describe('metrics', () => {
  it('counts requests, latency, error codes, source calls and batch sizes', async () => {
    const headers = await stack.headers();
    await post(stack.url, 'query Staff($id: ID!) { orgUnit(id: $id) { employments { employee { name } salaryPlacement { step } } } }', { id: busiestUnit().id }, headers);
    await post(stack.url, '{ orgUnit(id: "nope") { name } }', undefined, headers);
    const text = await (await fetch(`${base()}/metrics`)).text();
    expect(text).toMatch(/kommunegraf_graphql_requests_total\{component="gateway",client_kind="frontend",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/kommunegraf_graphql_request_duration_seconds_bucket\{le="0.5",component="gateway",client_kind="frontend"\} [1-9]/);
    expect(text).toMatch(/kommunegraf_graphql_errors_total\{component="gateway",code="BAD_USER_INPUT"\} [1-9]/);
    expect(text).toMatch(/kommunegraf_source_calls_total\{source="opus",operation="read-employee-data"\} [1-9]/);
    expect(text).toMatch(/kommunegraf_source_batch_size_bucket\{le="100",source="opus",operation="read-employee-data"\} [1-9]/);
    expect(text).toMatch(/kommunegraf_process_resident_memory_bytes/);
    // Subgraphs serve the same process registry on their own port.
    const subgraphMetrics = await (await fetch(stack.subgraphs.payroll.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(subgraphMetrics).toMatch(/kommunegraf_graphql_requests_total\{component="payroll"/);
    // The tests compile every document at first sight (vitest.config.ts): each plan step ran compiled.
    for (const component of ['organisation', 'employee', 'payroll']) {
      expect(text).toMatch(new RegExp(`kommunegraf_subgraph_executions_total\\{component="${component}",executor="compiled"\\} [1-9]`));
      expect(text).toMatch(new RegExp(`kommunegraf_subgraph_compilations_total\\{component="${component}",outcome="compiled"\\} [1-9]`));
    }
  });
});

describe('logs', () => {
  it('are JSON lines carrying the request id the caller sent, and no CPR number', async () => {
    logs.lines.length = 0;
    const headers = { ...(await stack.headers({ subject: 'analyst-7' })), 'x-request-id': 'req-log-test-1' };
    // A CPR number in a query argument must not reach the logs, even in an error message.
    const cpr = stack.municipality.opus.employments[0].person.cpr;
    await post(stack.url, `{ employment(employmentNumber: "${cpr}") { employmentNumber } }`, undefined, headers);
    await post(stack.url, 'query Staff($id: ID!) { orgUnit(id: $id) { employments { employee { name birthDate } } } }', { id: busiestUnit().id }, headers);
    const parsed = logs.lines.map((l) => JSON.parse(l));
    const gatewayLine = parsed.find((l) => l.msg === 'graphql request' && l.component === 'gateway' && l.operationName === 'Staff');
    expect(gatewayLine).toMatchObject({ requestId: 'req-log-test-1', subject: 'analyst-7', level: 'info' });
    expect(typeof gatewayLine.durationMs).toBe('number');
    expect(parsed.some((l) => l.component === 'employee' && l.requestId === 'req-log-test-1')).toBe(true);
    const all = logs.lines.join('\n');
    for (const e of stack.municipality.opus.employments) {
      expect(all).not.toContain(e.person.cpr);
      expect(all).not.toContain(`${e.person.cpr.slice(0, 6)}-${e.person.cpr.slice(6)}`);
    }
  });

  it('have exactly one line per request, refusals included: 401, 400, 413, 404 and an answered one', async () => {
    const auth = await stack.headers({ subject: 'analyst-8' });
    const send = (id: string, init: { path?: string; headers?: Record<string, string>; body: string }) =>
      fetch(init.path ? `${base()}${init.path}` : stack.url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id, ...init.headers }, body: init.body });
    const query = JSON.stringify({ query: 'query Units { orgUnits(first: 1) { totalCount } }' });
    const cases = [
      { id: 'log-ok', init: { headers: auth, body: query }, status: 200, errors: undefined, subject: 'analyst-8' },
      { id: 'log-401', init: { body: query }, status: 401, errors: ['UNAUTHENTICATED'], subject: undefined },
      { id: 'log-400-json', init: { headers: auth, body: '{"query": ' }, status: 400, errors: ['BAD_REQUEST'], subject: undefined },
      { id: 'log-400-validation', init: { headers: auth, body: JSON.stringify({ query: '{ noSuchField }' }) }, status: 400, errors: ['GRAPHQL_VALIDATION_FAILED'], subject: 'analyst-8' },
      { id: 'log-413', init: { headers: auth, body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(200_000)}` }) }, status: 413, errors: ['PAYLOAD_TOO_LARGE'], subject: undefined },
      { id: 'log-404', init: { path: '/nowhere', headers: auth, body: query }, status: 404, errors: ['NOT_FOUND'], subject: undefined },
    ];
    for (const c of cases) {
      const res = await send(c.id, c.init);
      expect(res.status, c.id).toBe(c.status);
      await res.arrayBuffer();
    }
    const linesOf = (id: string) => logs.lines.map((l) => JSON.parse(l)).filter((l) => l.component === 'gateway' && l.requestId === id && l.msg === 'graphql request');
    // The line is written when the response has gone out: wait for the last one to arrive.
    for (let i = 0; i < 100 && linesOf('log-404').length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    for (const c of cases) {
      const lines = linesOf(c.id);
      expect(lines, c.id).toHaveLength(1);
      expect(lines[0], c.id).toMatchObject({ status: c.status, level: 'info' });
      expect(lines[0].errors, c.id).toEqual(c.errors);
      expect(lines[0].subject, c.id).toBe(c.subject);
      expect(typeof lines[0].durationMs, c.id).toBe('number');
    }
    expect(linesOf('log-ok')[0]).toMatchObject({ operationName: 'Units', clientKind: 'frontend' });
  });

  it('mask anything shaped like a CPR number, in messages, fields and errors', () => {
    const out = new Lines();
    const logger = createLogger({ name: 'scrub', destination: out });
    logger.error({ err: new Error('no employee with CPR 0101701234'), detail: { note: 'see 311299-4321' }, cpr: '0101701234' }, 'lookup of 0101701234 failed');
    const line = out.lines.join('\n');
    // The error itself is there, masked: its type, message and stack.
    const { err } = JSON.parse(out.lines[0]);
    expect(err).toMatchObject({ type: 'Error', message: 'no employee with CPR [CPR]', stack: expect.stringContaining('Error: no employee with CPR [CPR]\n    at ') });
    logger.warn({ err: Object.assign(new TypeError('bad CPR 0101701234'), { code: 'E_LOOKUP', cpr: '0101701234' }) }, 'second');
    expect(JSON.parse(out.lines[1]).err).toMatchObject({ type: 'TypeError', message: 'bad CPR [CPR]', code: 'E_LOOKUP', cpr: '[redacted]' });
    expect(out.lines.join('\n')).not.toMatch(/0101701234/);
    expect(line).not.toMatch(/0101701234|311299-4321/);
    expect(line).toContain('[CPR]');
    // Masked in a copy: what the caller logged is left as it was.
    const detail = { note: 'see 311299-4321', list: ['0101701234'] };
    logger.info({ detail }, 'third');
    expect(detail).toEqual({ note: 'see 311299-4321', list: ['0101701234'] });
    expect(JSON.parse(out.lines[2]).detail).toEqual({ note: 'see [CPR]', list: ['[CPR]'] });
    expect(scrubCpr('employment 100234 on 2026-11-01, phone 12345678')).toBe('employment 100234 on 2026-11-01, phone 12345678');
  });
});
