// The sources as createSources hands them to the subgraphs, against the real simulators over HTTP:
// which failures are retried (reads only, transient only), on which schedule, within which deadline,
// and how the circuit breaker opens, fails fast without calling the source, half-opens and closes.
// Counts come from the simulators' own call logs.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedSources, type EmbeddedSources } from '../../sources/embedded.js';
import type { Municipality } from '../../sources/model.js';
import { resilienceConfigFromEnv } from '../../platform/resilience/config.js';
import { createSources, type Sources } from '../../subgraphs/shared/sources.js';
import { sampleMunicipality } from '../support/stack.js';

let m: Municipality;
let embedded: EmbeddedSources;
const opened: Sources[] = [];

beforeAll(async () => {
  m = sampleMunicipality(40);
  embedded = await startEmbeddedSources({ municipality: m });
});
afterEach(async () => {
  embedded.opus.clearFaults();
  embedded.fkorg.clearFaults();
  await Promise.all(opened.splice(0).map((s) => s.close()));
  embedded.opus.resetCalls();
  embedded.fkorg.resetCalls();
});
afterAll(() => embedded?.close());

interface Harness {
  sources: Sources;
  /** Waits the backoff asked for, in order. */
  sleeps: number[];
  advance(ms: number): void;
}

function harness(env: Record<string, string> = {}, options: { random?: () => number; onSleep?: () => void; opusTimeoutMs?: number; kommunekode?: string } = {}): Harness {
  let now = Date.now();
  const sleeps: number[] = [];
  const base = embedded.config;
  const sources = createSources(
    {
      opus: { ...base.opus, timeoutMs: options.opusTimeoutMs ?? base.opus.timeoutMs, kommunekode: options.kommunekode ?? base.opus.kommunekode },
      org: base.org,
      resilience: resilienceConfigFromEnv({ SOURCE_RETRY_BASE_MS: '100', SOURCE_RETRY_MAX_MS: '250', ...env }),
    },
    undefined,
    {
      log: () => undefined,
      random: options.random ?? (() => 0.5),
      sleep: async (ms) => {
        sleeps.push(ms);
        options.onSleep?.();
      },
      now: () => now,
    },
  );
  opened.push(sources);
  return { sources, sleeps, advance: (ms) => (now += ms) };
}

const opusCalls = (endpoint: string) => embedded.opus.calls.filter((c) => c.endpoint === endpoint).length;
const orgCalls = (service: string, operation: string) => embedded.fkorg.calls.filter((c) => c.service === service && c.operation === operation).length;
const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as Error & { code: string; clientMessage?: string });

describe('retries', () => {
  it('retries an Opus read that got 503 and answers once Opus is back', async () => {
    const number = m.opus.employments[0].employmentNumber;
    embedded.opus.setFault('read-employee-data', { status: 503 });
    const { sources, sleeps } = harness({}, { onSleep: () => embedded.opus.setFault('read-employee-data', null) });
    const found = await sources.opus.readEmployments([number], ['Persondata']);
    expect(found.get(number)?.person?.cpr).toBe(m.opus.employments[0].person.cpr);
    expect(opusCalls('read-employee-data')).toBe(2);
    expect(sleeps).toEqual([50]);
  });

  it('gives up after the configured attempts, waiting a full-jitter exponential schedule capped at the maximum', async () => {
    embedded.opus.setFault('list-employees', { status: 502 });
    const { sources, sleeps } = harness({ SOURCE_RETRY_ATTEMPTS: '4' }, { random: () => 0.5 });
    const err = await failure(sources.opus.listEmployments({}, null, 10));
    expect(err.code).toBe('SOURCE_UNAVAILABLE');
    expect(opusCalls('list-employees')).toBe(4);
    // Ceilings 100, 200, 250 (capped); the random draw 0.5 takes half of each.
    expect(sleeps).toEqual([50, 100, 125]);
  });

  it('draws a fresh random wait for every retry', async () => {
    embedded.opus.setFault('read-org-units', { status: 500 });
    const draws = [0.1, 0.9];
    const { sources, sleeps } = harness({}, { random: () => draws.shift()! });
    await failure(sources.opus.readOrgUnits());
    expect(sleeps).toEqual([10, 180]);
  });

  // The hierarchy walk is not retried here: it is read in the background with its own retries
  // (test/organisation/hierarchy-cache.test.ts).
  it('retries FK ORG reads: 503 from a load balancer, a SOAP Receiver fault', async () => {
    const unit = m.org.units[0];
    embedded.fkorg.setFault('organisationenhed.list', { httpStatus: 503, times: 2 });
    const { sources } = harness();
    expect((await sources.org.units([unit.id])).get(unit.id)?.opusId).toBe(unit.opusId);
    expect(orgCalls('organisationenhed', 'list')).toBe(3);

    embedded.fkorg.setFault('organisationenhed', { soapFault: true, times: 1 });
    await sources.org.findUnits({ name: 'skole' }, 0, 5);
    expect(orgCalls('organisationenhed', 'soeg')).toBe(2);

  });

  it('never retries writes, whatever the failure', async () => {
    embedded.opus.setFault('update-communication', { status: 503 });
    embedded.opus.setFault('update-onetime-payments', { status: 503 });
    const { sources, sleeps } = harness();
    const number = m.opus.employments[0].employmentNumber;
    const comm = await failure(sources.opus.updateCommunication(number, { workEmail: 'a@kommune.dk', workPhone: null, mobilePhone: null }, randomUUID()));
    expect(comm.code).toBe('SOURCE_UNAVAILABLE');
    const pay = await failure(
      sources.opus.updateOneOffPayments({
        employmentNumber: number,
        updateId: randomUUID(),
        validateOnly: false,
        payments: [{ startDate: '2026-05-01', wageType: '0720', sequence: '1', quantity: 1, sendingSystem: 'test' }],
      }),
    );
    expect(pay.code).toBe('SOURCE_UNAVAILABLE');
    expect(opusCalls('update-communication')).toBe(1);
    expect(opusCalls('update-onetime-payments')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('never retries business rejections, 4xx refusals or unreadable answers', async () => {
    const number = m.opus.employments[0].employmentNumber;
    const rejected = await failure(harness({}, { kommunekode: '0101' }).sources.opus.readEmployments([number], ['Persondata']));
    expect(rejected.code).toBe('SOURCE_REJECTED');
    expect(opusCalls('read-employee-data')).toBe(1);

    const { sources, sleeps } = harness();
    embedded.opus.setFault('read-employee-data', { status: 400 });
    expect((await failure(sources.opus.readEmployments([number], ['Persondata']))).code).toBe('SOURCE_PROTOCOL_ERROR');
    expect(opusCalls('read-employee-data')).toBe(2);

    embedded.opus.setFault('read-employee-data', { malformed: 'json' });
    expect((await failure(sources.opus.readEmployments([number], ['Persondata']))).code).toBe('SOURCE_PROTOCOL_ERROR');
    expect(opusCalls('read-employee-data')).toBe(3);

    embedded.fkorg.setFault('organisationenhed.list', { status: 40 });
    expect((await failure(sources.org.units([m.org.units[0].id]))).code).toBe('SOURCE_REJECTED');
    expect(orgCalls('organisationenhed', 'list')).toBe(1);
    expect(sleeps).toEqual([]);
  });
});

describe('deadline', () => {
  it('retries calls that time out, within the deadline', async () => {
    embedded.opus.setFault('read-org-units', { timeout: true });
    const { sources } = harness({ SOURCE_DEADLINE_MS: '5000' }, { opusTimeoutMs: 150 });
    const err = await failure(sources.opus.readOrgUnits());
    expect(err.code).toBe('SOURCE_TIMEOUT');
    expect(opusCalls('read-org-units')).toBe(3);
  });

  it('ends a read at the deadline with SOURCE_TIMEOUT even while the call itself would wait longer', async () => {
    embedded.opus.setFault('read-org-units', { timeout: true });
    const { sources, sleeps } = harness({ SOURCE_DEADLINE_MS: '300' }, { opusTimeoutMs: 1_000 });
    const err = await failure(sources.opus.readOrgUnits());
    expect(err.code).toBe('SOURCE_TIMEOUT');
    expect(err.message).toMatch(/300 ms budget/);
    // The first call was still waiting when the budget ran out: no second one was sent.
    expect(opusCalls('read-org-units')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('keeps the budgets nested: a deadline at or above the gateway timeout, or a call timeout above the deadline, is refused at startup', () => {
    expect(() => resilienceConfigFromEnv({ SUBGRAPH_TIMEOUT_MS: '10000', SOURCE_DEADLINE_MS: '10000' })).toThrow(/SOURCE_DEADLINE_MS/);
    expect(resilienceConfigFromEnv({ SUBGRAPH_TIMEOUT_MS: '12000' }).budgetMs).toBe(10_000);
    expect(resilienceConfigFromEnv({}).budgetMs).toBe(25_000);
    const env = { OPUS_URL: 'http://127.0.0.1:1', FKORG_URL: 'http://127.0.0.1:2', OPUS_KOMMUNEKODE: '0999' };
    return import('../../sources/config.js').then(({ sourceConfigFromEnv }) => {
      expect(() => sourceConfigFromEnv({ ...env, SOURCE_DEADLINE_MS: '5000', OPUS_TIMEOUT_MS: '6000' })).toThrow(/OPUS_TIMEOUT_MS/);
      expect(sourceConfigFromEnv(env).resilience?.budgetMs).toBe(25_000);
    });
  });
});

describe('circuit breaker', () => {
  const env = { SOURCE_RETRY_ATTEMPTS: '1', SOURCE_BREAKER_FAILURES: '3', SOURCE_BREAKER_COOLDOWN_MS: '10000', SOURCE_BREAKER_PROBES: '1' };

  it('opens after repeated failures and then fails fast without calling the source, reads and writes alike', async () => {
    const number = m.opus.employments[0].employmentNumber;
    embedded.opus.setFault('*', { status: 503 });
    const { sources } = harness(env);
    for (let i = 0; i < 3; i++) await failure(sources.opus.readEmployments([number], ['Persondata']));
    expect(sources.breakers.opus.state).toBe('open');
    expect(opusCalls('read-employee-data')).toBe(3);

    const fast = await failure(sources.opus.readEmployments([number], ['Persondata']));
    expect(fast.code).toBe('SOURCE_UNAVAILABLE');
    expect(fast.clientMessage).toMatch(/KMD Opus is temporarily unavailable/);
    const write = await failure(sources.opus.updateCommunication(number, { workEmail: 'a@kommune.dk', workPhone: null, mobilePhone: null }, randomUUID()));
    expect(write.code).toBe('SOURCE_UNAVAILABLE');
    expect(opusCalls('read-employee-data')).toBe(3);
    expect(opusCalls('update-communication')).toBe(0);

    // One breaker per source: FK ORG is still called.
    expect(sources.breakers.fkorg.state).toBe('closed');
    expect((await sources.org.units([m.org.units[0].id])).size).toBe(1);
  });

  it('half-opens after the cool-down with one probe at a time, and closes when the probe is answered', async () => {
    const numbers = m.opus.employments.slice(0, 2).map((e) => e.employmentNumber);
    embedded.opus.setFault('*', { status: 503 });
    const { sources, advance } = harness(env);
    const states: string[] = [];
    sources.breakers.opus.onStateChange((s) => states.push(s));
    for (let i = 0; i < 3; i++) await failure(sources.opus.readOrgUnits());
    advance(10_000);
    expect(sources.breakers.opus.state).toBe('half-open');

    embedded.opus.setFault('*', null);
    const [probe, second] = await Promise.allSettled([
      sources.opus.readEmployments([numbers[0]], ['Persondata']),
      sources.opus.readEmployments([numbers[1]], ['Persondata']),
    ]);
    expect(probe.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    expect(opusCalls('read-employee-data')).toBe(1);
    expect(sources.breakers.opus.state).toBe('closed');
    expect((await sources.opus.readEmployments([numbers[1]], ['Persondata'])).size).toBe(1);
    expect(states).toEqual(['open', 'half-open', 'closed']);
  });

  it('reopens for another cool-down when the probe fails', async () => {
    embedded.opus.setFault('*', { status: 503 });
    const { sources, advance } = harness(env);
    for (let i = 0; i < 3; i++) await failure(sources.opus.readOrgUnits());
    advance(10_000);
    await failure(sources.opus.readOrgUnits());
    expect(opusCalls('read-org-units')).toBe(4);
    expect(sources.breakers.opus.state).toBe('open');
    await failure(sources.opus.readOrgUnits());
    expect(opusCalls('read-org-units')).toBe(4);
  });

  it('is not opened by business rejections: the source answered', async () => {
    embedded.fkorg.setFault('organisationenhed.list', { status: 40 });
    const { sources } = harness(env);
    for (let i = 0; i < 6; i++) expect((await failure(sources.org.units([m.org.units[0].id]))).code).toBe('SOURCE_REJECTED');
    expect(orgCalls('organisationenhed', 'list')).toBe(6);
    expect(sources.breakers.fkorg.state).toBe('closed');
  });
});
