// updateCommunication through the gateway: invalid input never reaches Opus, the answer is what Opus
// stored, a retry with the same key is applied once, and every attempt is in the audit log.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { registry } from '../../platform/metrics.js';

const UPDATE = `mutation UpdateContact($n: ID!, $input: CommunicationInput!, $key: String!) {
  updateCommunication(employmentNumber: $n, input: $input, idempotencyKey: $key) {
    employmentNumber replayed communication { workEmail workPhone mobilePhone } employment { employmentNumber communication { workEmail } contract { position } } } }`;

const sink = memoryAuditSink();
let stack: Stack;
let writer: Record<string, string>;
let target: Employment;
let keys = 0;
const key = () => `test-key-${++keys}-${Date.now()}`;

beforeAll(async () => {
  stack = await testStack({ employees: 120, auditSink: sink });
  writer = await stack.headers({ scopes: ['employee:read', 'communication:write'], subject: 'self-service', clientId: 'mit-hr' });
  target = stack.municipality.opus.employments[5];
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.sources.opus.resetCalls();
  sink.records.length = 0;
});

/** What the Opus simulator holds now for the employment. */
const stored = (n: string) => stack.sources.opus.snapshot.employments.find((e) => e.employmentNumber === n)!.communication;
const update = (input: Record<string, unknown>, k = key(), n = target.employmentNumber) => post(stack.url, UPDATE, { n, input, key: k }, writer);

describe('updateCommunication', () => {
  it('refuses invalid input naming every offending field, and sends nothing to Opus', async () => {
    const before = stack.sources.opus.appliedUpdates.communication;
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ workEmail: 'anne.hansen@' }, ['input.workEmail']],
      [{ workEmail: 'anne hansen@eksempel.dk' }, ['input.workEmail']],
      [{ workPhone: '8765432' }, ['input.workPhone']],
      [{ mobilePhone: '+46 70 123 45 67' }, ['input.mobilePhone']],
      [{ workPhone: '0045 8765 43210', mobilePhone: '2O123456', workEmail: 'ok@eksempel.dk' }, ['input.workPhone', 'input.mobilePhone']],
      [{}, ['input.workEmail', 'input.workPhone', 'input.mobilePhone']],
    ];
    for (const [input, fields] of cases) {
      const res = await update(input);
      expect(res.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions?.fields).toEqual(fields);
      for (const f of fields) expect(res.body.errors![0].message).toContain(f);
      expect(res.body.data?.updateCommunication ?? null).toBeNull();
    }
    const badKey = await update({ workPhone: '87654321' }, 'short');
    expect(badKey.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'idempotencyKey']]);
    const badNumber = await update({ workPhone: '87654321' }, key(), 'A1');
    expect(codes(badNumber)).toEqual(['BAD_USER_INPUT']);
    expect(stack.sources.opus.calls).toEqual([]);
    expect(stack.sources.opus.appliedUpdates.communication).toBe(before);
  });

  it('requires the idempotency key', async () => {
    const res = await post(stack.url, UPDATE.replace(', $key: String!', '').replace(', idempotencyKey: $key', ''), { n: target.employmentNumber, input: { workPhone: '87654321' } }, writer);
    expect(codes(res)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('stores the normalised values, keeps the fields left out, and returns what Opus stored', async () => {
    const mobileBefore = stored(target.employmentNumber).mobilePhone;
    const res = await update({ workEmail: '  Anne.Hansen@Eksempel.DK ', workPhone: '+45 87 65 43 21' });
    expect(res.body.errors).toBeUndefined();
    const expected = { workEmail: 'Anne.Hansen@eksempel.dk', workPhone: '87654321', mobilePhone: mobileBefore };
    expect(stored(target.employmentNumber)).toEqual(expected);
    expect(res.body.data.updateCommunication).toEqual({
      employmentNumber: target.employmentNumber,
      replayed: false,
      communication: expected,
      employment: { employmentNumber: target.employmentNumber, communication: { workEmail: expected.workEmail }, contract: { position: target.contract.position } },
    });
    expect(stack.sources.opus.calls.filter((c) => c.endpoint === 'update-communication')).toHaveLength(1);
  });

  it('clears a field given as null or ""', async () => {
    await update({ mobilePhone: '0045 20 12 34 56' });
    expect(stored(target.employmentNumber).mobilePhone).toBe('20123456');
    const res = await update({ mobilePhone: null, workPhone: '' });
    expect(res.body.data.updateCommunication.communication).toMatchObject({ mobilePhone: null, workPhone: null });
    expect(stored(target.employmentNumber)).toMatchObject({ mobilePhone: null, workPhone: null });
  });

  it('applies a retry with the same key once and answers it with the first result', async () => {
    const k = key();
    const before = stack.sources.opus.appliedUpdates.communication;
    const first = await update({ workPhone: '86 12 34 56' }, k);
    const retry = await update({ workPhone: '+4586123456' }, k);
    expect(first.body.errors).toBeUndefined();
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.updateCommunication).toEqual({ ...first.body.data.updateCommunication, replayed: true });
    expect(stack.sources.opus.appliedUpdates.communication).toBe(before + 1);
    expect(stack.sources.opus.calls.filter((c) => c.endpoint === 'update-communication')).toHaveLength(1);

    const reused = await update({ workPhone: '86000000' }, k);
    expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(stored(target.employmentNumber).workPhone).toBe('86123456');
  });

  it('resends the same update after Opus failed, and applies it once', async () => {
    const k = key();
    const before = stack.sources.opus.appliedUpdates.communication;
    stack.sources.opus.setFault('update-communication', { status: 503 });
    const failed = await update({ workPhone: '86999999' }, k);
    stack.sources.opus.setFault('update-communication', null);
    expect(codes(failed)).toEqual(['SOURCE_UNAVAILABLE']);
    const retried = await update({ workPhone: '86999999' }, k);
    expect(retried.body.data.updateCommunication).toMatchObject({ replayed: false, communication: { workPhone: '86999999' } });
    expect(stack.sources.opus.appliedUpdates.communication).toBe(before + 1);
  });

  it('answers NOT_FOUND for an unknown employment without sending an update', async () => {
    const res = await update({ workPhone: '87654321' }, key(), '999999');
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(stack.sources.opus.calls.map((c) => c.endpoint)).toEqual(['read-employee-data']);
  });

  it('passes an Opus rejection on with Opus’s message and codes under SOURCE_REJECTED', async () => {
    const locked = stack.municipality.opus.employments[7].employmentNumber;
    stack.sources.opus.lockedEmployments.add(locked);
    try {
      const res = await update({ workPhone: '87654321' }, key(), locked);
      expect(codes(res)).toEqual(['SOURCE_REJECTED']);
      const error = res.body.errors![0];
      expect(error.message).toContain('Medarbejderen er låst.');
      expect(error.extensions).toMatchObject({ source: 'KMD Opus', opusMessages: [{ code: '138', type: 'E', text: 'Medarbejderen er låst.' }] });
      expect(stored(locked).workPhone).not.toBe('87654321');
    } finally {
      stack.sources.opus.lockedEmployments.delete(locked);
    }
  });

  it('needs communication:write', async () => {
    const res = await post(stack.url, UPDATE, { n: target.employmentNumber, input: { workPhone: '87654321' }, key: key() }, await stack.headers({ scopes: ['employee:read'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('writes the attempt and the outcome of every call to the audit log', async () => {
    await update({ workPhone: '87 65 43 21' });
    await update({ workPhone: '123' });
    const records = sink.records.map((r) => ({ kind: r.kind, field: r.field, phase: r.phase, outcome: r.outcome, errorCode: r.errorCode, entityIds: r.entityIds, subject: r.subject, clientId: r.clientId }));
    const common = { kind: 'mutation', field: 'updateCommunication', entityIds: [target.employmentNumber], subject: 'self-service', clientId: 'mit-hr' };
    expect(records).toEqual([
      { ...common, phase: 'attempt', outcome: undefined, errorCode: undefined },
      { ...common, phase: 'outcome', outcome: 'ok', errorCode: undefined },
      { ...common, phase: 'attempt', outcome: undefined, errorCode: undefined },
      { ...common, phase: 'outcome', outcome: 'error', errorCode: 'BAD_USER_INPUT' },
    ]);
    expect(sink.records[0].operationName).toBe('UpdateContact');
    // Which field was set is kept; the value itself is caller text and stays out of the log (README "Audit log").
    expect(sink.records[0].arguments).toMatchObject({ employmentNumber: target.employmentNumber, input: { workPhone: '[text 11 chars]' } });
  });

  it('sends nothing early for a mutation asked again, though a query would have its entity fetch remembered', async () => {
    // The employment's absences come from the absence subgraph, in an entity fetch after the mutation.
    const withAbsences = UPDATE.replace('contract { position } }', 'contract { position } absences { type } }');
    const early = async () => (await registry.getSingleMetric('kommunegraf_gateway_early_fetches_total')!.get()).values.reduce((a, v) => a + v.value, 0);
    const reader = await stack.headers({ scopes: ['employee:read', 'communication:write', 'absence:read'], subject: 'self-service', clientId: 'mit-hr' });
    const variables = { n: target.employmentNumber, input: { workPhone: '87654322' }, key: key() };
    const before = await early();
    for (let i = 0; i < 2; i++) {
      const res = await post(stack.url, withAbsences, variables, reader);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.updateCommunication.replayed).toBe(i === 1);
      expect(Array.isArray(res.body.data.updateCommunication.employment.absences)).toBe(true);
    }
    expect(await early()).toBe(before);
  });
});
