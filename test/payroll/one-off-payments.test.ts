// submitOneOffPayments through the gateway against the Opus simulator: validate-only changes nothing,
// a key stores its payments once however often it is retried, input errors are refused before
// anything is sent, and Opus's verdicts come back typed, each with its own code and line.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { paymentLine, SUBMIT } from './submit.js';

let stack: Stack;
let auth: Record<string, string>;
let employment: Employment;
let costCentre: string;
const VALID_PSP = 'XG-1234567890-12345';

beforeAll(async () => {
  stack = await testStack({ employees: 120 });
  auth = await stack.headers({ scopes: ['payments:write', 'payroll:read', 'employee:read'] });
  employment = stack.municipality.opus.employments.find((e) => e.contract.end === null)!;
  costCentre = stack.municipality.opus.orgUnits.find((u) => u.costCenter !== '')!.costCenter;
});
afterAll(() => stack?.close());
beforeEach(() => stack.sources.opus.resetCalls());

const line = paymentLine;
const submit = (variables: Record<string, unknown>, headers = auth) => post(stack.url, SUBMIT, { n: employment.employmentNumber, ...variables }, headers);
const updates = () => stack.sources.opus.calls.filter((c) => c.endpoint === 'update-onetime-payments');
const stored = () => employment.oneOffPayments.length;
const applied = () => stack.sources.opus.appliedUpdates.oneOffPayments;

describe('validate-only', () => {
  it('sends Kun_Valider "1", needs no idempotency key and stores nothing', async () => {
    const [before, appliedBefore] = [stored(), applied()];
    const res = await submit({ p: [line(), line({ sequence: 2, costCentre })], v: true });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: false, validateOnly: true, replayed: false, employmentNumber: employment.employmentNumber });
    expect(res.body.data.submitOneOffPayments.updateId).toMatch(/^[0-9A-F]{32}$/);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ validateOnly: true, updateId: res.body.data.submitOneOffPayments.updateId });
    expect(applied()).toBe(appliedBefore);
    expect(stored()).toBe(before);
  });

  it('does not use up a key: the same key then submits for real', async () => {
    const key = randomUUID();
    const check = await submit({ p: [line({ sequence: 3 })], v: true, k: key });
    expect(check.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: false });
    const real = await submit({ p: [line({ sequence: 3 })], k: key });
    expect(real.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: false });
    expect(updates().map((u) => u.validateOnly)).toEqual([true, false]);
  });
});

describe('submitting with an idempotency key', () => {
  it('stores the payments once; a retry with the same key gets the first answer and sends nothing', async () => {
    const key = randomUUID();
    const payments = [line({ wageType: '2441', sequence: 1 }), line({ wageType: '2441', sequence: 2, quantity: 2, pspElement: VALID_PSP })];
    const [before, appliedBefore] = [stored(), applied()];
    const first = await submit({ p: payments, k: key });
    expect(first.body.errors).toBeUndefined();
    const answer = first.body.data.submitOneOffPayments;
    expect(answer).toMatchObject({ accepted: true, stored: true, validateOnly: false, replayed: false });
    expect(answer.timestamp).toEqual(expect.any(String));

    const retry = await submit({ p: payments, k: key });
    expect(retry.body.data.submitOneOffPayments).toEqual({ ...answer, replayed: true });
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ validateOnly: false, updateId: answer.updateId });
    expect(applied()).toBe(appliedBefore + 1);
    expect(stored()).toBe(before + 2);

    // What was stored reads back through the graph.
    const read = await post(stack.url, `{ employment(employmentNumber: "${employment.employmentNumber}") { oneOffPayments(from: "2026-12-01", to: "2026-12-01") { wageType sequence quantity } } }`, undefined, auth);
    expect(read.body.data.employment.oneOffPayments.filter((p: any) => p.wageType === '2441')).toEqual([
      { wageType: '2441', sequence: '1', quantity: 7.5 },
      { wageType: '2441', sequence: '2', quantity: 2 },
    ]);
  });

  it('applies once when the same submission arrives several times at once', async () => {
    const key = randomUUID();
    const appliedBefore = applied();
    const all = await Promise.all([1, 2, 3].map(() => submit({ p: [line({ wageType: '2442' })], k: key })));
    const answers = all.map((r) => r.body.data?.submitOneOffPayments);
    expect(answers.every((a) => a?.stored)).toBe(true);
    expect(new Set(answers.map((a) => a.updateId)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(updates()).toHaveLength(1);
    expect(applied()).toBe(appliedBefore + 1);
  });

  it('refuses the same key for other payments, sending nothing', async () => {
    const key = randomUUID();
    await submit({ p: [line({ wageType: '2443' })], k: key });
    stack.sources.opus.resetCalls();
    const other = await submit({ p: [line({ wageType: '2443', quantity: 8 })], k: key });
    expect(codes(other)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(other.body.data?.submitOneOffPayments).toBeNull();
    expect(updates()).toHaveLength(0);
  });

  it('refuses a submission without a key, or with a malformed one, before sending anything', async () => {
    for (const k of [undefined, 'short', 'has spaces in it']) {
      const res = await submit({ p: [line()], k });
      expect(codes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.body.errors![0].extensions).toMatchObject({ argument: 'idempotencyKey' });
    }
    expect(updates()).toHaveLength(0);
  });
});

describe('input a client can fix', () => {
  const cases: Array<[string, Record<string, unknown>[], { line?: number; field?: string; argument: string }]> = [
    ['a lønart that is not 4 digits', [line(), line({ wageType: '123' })], { line: 2, field: 'wageType', argument: 'payments' }],
    ['a negative løbenummer', [line({ sequence: -1 })], { line: 1, field: 'sequence', argument: 'payments' }],
    ['a quantity with three decimals', [line(), line(), line({ quantity: 1.005 })], { line: 3, field: 'quantity', argument: 'payments' }],
    ['a quantity of 0', [line({ quantity: 0 })], { line: 1, field: 'quantity', argument: 'payments' }],
    ['a cost centre longer than SAP holds', [line({ costCentre: '12345678901' })], { line: 1, field: 'costCentre', argument: 'payments' }],
    ['a remark with a control character', [line({ remark: 'a\u0007b' })], { line: 1, field: 'remark', argument: 'payments' }],
    ['no payments at all', [], { argument: 'payments' }],
  ];
  it.each(cases)('%s: BAD_USER_INPUT naming the line and field, nothing sent', async (_name, payments, expected) => {
    const res = await submit({ p: payments, k: randomUUID() });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.body.errors![0].extensions).toMatchObject({ ...expected, problemCount: 1 });
    expect(updates()).toHaveLength(0);
  });

  it('lists every problem of every line at once, each with its line, field and path, sending nothing', async () => {
    const res = await submit({
      p: [line({ wageType: '12', sequence: -1, quantity: 0, remark: 'a\u0007b' }), line(), line({ costCentre: '12345678901', quantity: 1.005 })],
      k: randomUUID(),
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const ext = res.body.errors![0].extensions!;
    // The first problem stays where a client that read only one finds it.
    expect(ext).toMatchObject({ argument: 'payments', line: 1, field: 'wageType', problemCount: 6 });
    expect((ext.problems as any[]).map((p) => [p.line, p.field, p.path])).toEqual([
      [1, 'wageType', 'payments[0].wageType'],
      [1, 'sequence', 'payments[0].sequence'],
      [1, 'quantity', 'payments[0].quantity'],
      [1, 'remark', 'payments[0].remark'],
      [3, 'quantity', 'payments[2].quantity'],
      [3, 'costCentre', 'payments[2].costCentre'],
    ]);
    expect((ext.problems as any[]).every((p) => p.argument === 'payments' && p.submission === undefined && p.message.startsWith(`${p.path} (line ${p.line}): `))).toBe(true);
    expect(res.body.errors![0].message).toMatch(/^6 problems, nothing was sent: payments\[0\]\.wageType \(line 1\): must be the 4-digit lønart; /);
    expect(updates()).toHaveLength(0);
  });

  it('refuses an employment number that is not one, sending nothing', async () => {
    const res = await post(stack.url, SUBMIT, { n: '12ab', p: [line()], k: randomUUID() }, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(updates()).toHaveLength(0);
  });
});

describe("Opus's verdicts", () => {
  const rejected = (res: Awaited<ReturnType<typeof submit>>) => {
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data.submitOneOffPayments;
    expect(answer).toMatchObject({ accepted: false, stored: false });
    return answer.messages as Array<{ code: string; opusCode: string; severity: string; text: string; line: number | null }>;
  };

  it('119: an invalid cost centre, on the line that has it', async () => {
    const appliedBefore = applied();
    const messages = rejected(await submit({ p: [line(), line({ sequence: 2, costCentre: '000000' })], k: randomUUID() }));
    expect(messages).toEqual([{ code: 'INVALID_COST_CENTRE', opusCode: '119', severity: 'ERROR', text: expect.stringMatching(/^Engangsydelse Nr\. 002/), line: 2 }]);
    expect(applied()).toBe(appliedBefore);
  });

  it('151: an invalid PSP element', async () => {
    const messages = rejected(await submit({ p: [line({ pspElement: 'XG-12' })], k: randomUUID() }));
    expect(messages).toEqual([{ code: 'INVALID_PSP_ELEMENT', opusCode: '151', severity: 'ERROR', text: expect.stringMatching(/^Engangsydelse Nr\. 001/), line: 1 }]);
  });

  it('138: a locked employee; the refusal does not use up the key, and the retry resends the same OpdateringsID', async () => {
    const key = randomUUID();
    const payments = [line({ wageType: '2444' })];
    stack.sources.opus.lockedEmployments.add(employment.employmentNumber);
    try {
      const messages = rejected(await submit({ p: payments, k: key }));
      expect(messages).toEqual([{ code: 'EMPLOYEE_LOCKED', opusCode: '138', severity: 'ERROR', text: expect.any(String), line: null }]);
    } finally {
      stack.sources.opus.lockedEmployments.delete(employment.employmentNumber);
    }
    const appliedBefore = applied();
    const retry = await submit({ p: payments, k: key });
    expect(retry.body.data.submitOneOffPayments).toMatchObject({ accepted: true, stored: true, replayed: false });
    expect(applied()).toBe(appliedBefore + 1);
    expect(updates()).toHaveLength(2);
    expect(updates()[1].updateId).toBe(updates()[0].updateId);
  });

  it('167: a line with both a cost centre and a PSP element is never sent, and is answered with code 167 on its line', async () => {
    const res = await submit({ p: [line(), line({ sequence: 2 }), line({ sequence: 3, costCentre, pspElement: VALID_PSP })], k: randomUUID() });
    const messages = rejected(res);
    expect(messages).toEqual([{ code: 'COST_CENTRE_AND_PSP_ELEMENT', opusCode: '167', severity: 'ERROR', text: expect.stringMatching(/^Engangsydelse Nr\. 003/), line: 3 }]);
    expect(res.body.data.submitOneOffPayments).toMatchObject({ updateId: null, timestamp: null });
    expect(updates()).toHaveLength(0);
  });

  it('keeps codes without a name as OTHER with Opus\'s own code', async () => {
    const res = await post(stack.url, SUBMIT, { n: '9999999', p: [line()], k: randomUUID() }, auth);
    const messages = rejected(res);
    expect(messages).toEqual([{ code: 'OTHER', opusCode: '110', severity: 'ERROR', text: expect.any(String), line: null }]);
  });

  it('audits the submission before it runs and with its outcome', async () => {
    const records = stack.auditRecords!;
    records.length = 0;
    await submit({ p: [line({ wageType: '2445' })], k: randomUUID() });
    const mine = records.filter((r) => r.kind === 'mutation');
    expect(mine.map((r) => r.phase)).toEqual(['attempt', 'outcome']);
    for (const r of mine) expect(r).toMatchObject({ subgraph: 'payroll', field: 'submitOneOffPayments', entityIds: [employment.employmentNumber], operationName: 'Submit' });
    expect(mine[1].outcome).toBe('ok');
  });
});

describe('a fagsystem', () => {
  it('submits through the registered operation by its id, and its retry by id is replayed', async () => {
    const op = (await loadManifest()).operations.find((o) => o.name === 'SubmitOneOffPayments')!;
    expect(op.type).toBe('mutation');
    const headers = await stack.headers({ scopes: ['payments:write'], clientKind: 'fagsystem', clientId: 'timeregistrering' });
    const variables = { employmentNumber: employment.employmentNumber, payments: [line({ wageType: '2446' })], idempotencyKey: randomUUID() };
    const send = async () => {
      const res = await fetch(stack.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } }),
      });
      return (await res.json()) as { data?: any; errors?: unknown[] };
    };
    const first = await send();
    expect(first.errors).toBeUndefined();
    expect(first.data.submitOneOffPayments).toMatchObject({ stored: true, replayed: false });
    const again = await send();
    expect(again.data.submitOneOffPayments).toEqual({ ...first.data.submitOneOffPayments, replayed: true });
    expect(updates()).toHaveLength(1);
  });
});
