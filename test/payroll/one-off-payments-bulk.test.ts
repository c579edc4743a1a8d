// submitOneOffPaymentsBulk through the gateway against the Opus simulator: one Opus update per
// employment, each stored all or none; a refused or failed employment does not stop the others; a
// retry under the same key sends only what has no recorded answer, under the same OpdateringsID, so
// no line is ever stored twice; bad input is refused whole, listing every problem, nothing sent.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment } from '../../sources/model.js';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';
import { paymentLine as line } from './submit.js';

const ENDPOINT = 'update-onetime-payments';
export const SUBMIT_BULK = /* GraphQL */ `
  mutation SubmitBulk($s: [EmploymentPaymentsInput!]!, $v: Boolean! = false, $k: String!) {
    submitOneOffPaymentsBulk(submissions: $s, validateOnly: $v, idempotencyKey: $k) {
      storedCount complete validateOnly replayed
      results { employmentNumber accepted stored validateOnly updateId timestamp replayed messages { code opusCode severity text line } }
    }
  }
`;

function harness(options: Parameters<typeof testStack>[0] = {}) {
  const h = {} as { stack: Stack; auth: Record<string, string>; employments: Employment[] };
  beforeAll(async () => {
    h.stack = await testStack({ employees: 120, ...options });
    h.auth = await h.stack.headers({ scopes: ['payments:write', 'payroll:read', 'employee:read'] });
    h.employments = h.stack.municipality.opus.employments.filter((e) => e.contract.end === null);
  });
  beforeEach(() => h.stack.sources.opus.resetCalls());
  afterEach(() => h.stack.sources.opus.clearFaults());
  afterAll(() => h.stack?.close());
  return h;
}

/** A cost centre Opus knows (Afv_Omkostningssted is checked: 119 otherwise). */
const costCentre = (stack: Stack) => stack.municipality.opus.orgUnits.find((u) => u.costCenter !== '')!.costCenter;

type Bulk = { storedCount: number; complete: boolean; validateOnly: boolean; replayed: boolean; results: Array<Record<string, any> | null> };

describe('submitOneOffPaymentsBulk', () => {
  const h = harness();
  const opus = () => h.stack.sources.opus;
  const updates = () => opus().calls.filter((c) => c.endpoint === ENDPOINT);
  const submit = (variables: Record<string, unknown>, headers = h.auth) => post<{ submitOneOffPaymentsBulk: Bulk }>(h.stack.url, SUBMIT_BULK, variables, headers);
  /** Three employments with 3, 2 and 4 lines of one lønart each, told apart by lønart and løbenummer. */
  const three = (wageType: string, pick = [0, 1, 2]) =>
    pick.map((i, n) => ({
      employmentNumber: h.employments[i].employmentNumber,
      payments: Array.from({ length: [3, 2, 4][n] }, (_, j) => line({ wageType, sequence: j + 1, quantity: j + 1.5 })),
    }));
  /** The payments of `wageType` Opus holds for each of the employments. */
  const held = (wageType: string, pick = [0, 1, 2]) => pick.map((i) => h.employments[i].oneOffPayments.filter((p) => p.wageType === wageType).length);

  it('stores 3 employments × several lines with one Opus update each, in order, and they read back', async () => {
    const key = randomUUID();
    const res = await submit({ s: three('2460'), k: key });
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data!.submitOneOffPaymentsBulk;
    expect(answer).toMatchObject({ storedCount: 3, complete: true, validateOnly: false, replayed: false });
    expect(answer.results.map((r) => r!.employmentNumber)).toEqual([0, 1, 2].map((i) => h.employments[i].employmentNumber));
    for (const r of answer.results) expect(r).toMatchObject({ accepted: true, stored: true, replayed: false, updateId: expect.stringMatching(/^[0-9A-F]{32}$/) });
    expect(new Set(answer.results.map((r) => r!.updateId)).size).toBe(3);
    // One update per employment, carrying that employment's own OpdateringsID.
    expect(updates().map((u) => u.employmentNumber).sort()).toEqual([0, 1, 2].map((i) => h.employments[i].employmentNumber).sort());
    for (const r of answer.results) expect(updates().filter((u) => u.employmentNumber === r!.employmentNumber).map((u) => u.updateId)).toEqual([r!.updateId]);
    expect(held('2460')).toEqual([3, 2, 4]);

    const read = await post(
      h.stack.url,
      `query($n: [ID!]!) { employmentsByNumber(employmentNumbers: $n) { employmentNumber oneOffPayments(from: "2026-12-01", to: "2026-12-01") { wageType sequence quantity } } }`,
      { n: [0, 1, 2].map((i) => h.employments[i].employmentNumber) },
      h.auth,
    );
    expect(read.body.errors).toBeUndefined();
    const back = (read.body.data as any).employmentsByNumber.map((e: any) => e.oneOffPayments.filter((p: any) => p.wageType === '2460'));
    expect(back[1]).toEqual([
      { wageType: '2460', sequence: '1', quantity: 1.5 },
      { wageType: '2460', sequence: '2', quantity: 2.5 },
    ]);
    expect(back.map((b: unknown[]) => b.length)).toEqual([3, 2, 4]);

    // The same key again: the first answer, nothing sent.
    opus().resetCalls();
    const again = await submit({ s: three('2460'), k: key });
    expect(again.body.data!.submitOneOffPaymentsBulk).toEqual({ ...answer, replayed: true, results: answer.results.map((r) => ({ ...r, replayed: true })) });
    expect(updates()).toHaveLength(0);
    expect(held('2460')).toEqual([3, 2, 4]);
  });

  it('stores the others when Opus refuses one employment; the retry under the key sends only that one, under the same OpdateringsID', async () => {
    const key = randomUUID();
    const locked = h.employments[4].employmentNumber;
    const submissions = three('2461', [3, 4, 5]);
    opus().lockedEmployments.add(locked);
    let first: Bulk;
    try {
      const res = await submit({ s: submissions, k: key });
      expect(res.body.errors).toBeUndefined();
      first = res.body.data!.submitOneOffPaymentsBulk;
    } finally {
      opus().lockedEmployments.delete(locked);
    }
    expect(first).toMatchObject({ storedCount: 2, complete: false, replayed: false });
    expect(first.results.map((r) => r!.stored)).toEqual([true, false, true]);
    expect(first.results[1]).toMatchObject({ employmentNumber: locked, accepted: false, messages: [{ code: 'EMPLOYEE_LOCKED', opusCode: '138', severity: 'ERROR', line: null }] });
    expect(held('2461', [3, 4, 5])).toEqual([3, 0, 4]);
    expect(updates()).toHaveLength(3);

    opus().resetCalls();
    const retry = await submit({ s: submissions, k: key });
    const second = retry.body.data!.submitOneOffPaymentsBulk;
    expect(second).toMatchObject({ storedCount: 3, complete: true, replayed: false });
    // The stored two come from their records; only the refused one went to Opus again.
    expect(second.results.map((r) => r!.replayed)).toEqual([true, false, true]);
    expect(second.results[0]).toEqual({ ...first.results[0], replayed: true });
    expect(updates().map((u) => u.employmentNumber)).toEqual([locked]);
    expect(updates()[0].updateId).toBe(first.results[1]!.updateId);
    expect(held('2461', [3, 4, 5])).toEqual([3, 2, 4]);

    // Complete now: a third call is the recorded answer.
    opus().resetCalls();
    const third = await submit({ s: submissions, k: key });
    expect(third.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 3, complete: true, replayed: true });
    expect(updates()).toHaveLength(0);
  });

  it('after Opus fails for the second employment mid-submission, the retry stores no line twice', async () => {
    const key = randomUUID();
    const pick = [6, 7, 8];
    const second = h.employments[7].employmentNumber;
    const submissions = three('2462', pick);
    opus().setFault(ENDPOINT, { status: 503, employmentNumbers: [second], times: 1 });
    const res = await submit({ s: submissions, k: key });
    // The failed employment is null with the source error on its own path; the others answer.
    expect(codes(res)).toEqual(['SOURCE_UNAVAILABLE']);
    expect(res.body.errors![0].path).toEqual(['submitOneOffPaymentsBulk', 'results', 1]);
    const first = res.body.data!.submitOneOffPaymentsBulk;
    expect(first).toMatchObject({ storedCount: 2, complete: false });
    expect(first.results[1]).toBeNull();
    expect(held('2462', pick)).toEqual([3, 0, 4]);
    const failedId = updates().find((u) => u.employmentNumber === second)!.updateId;

    opus().resetCalls();
    const retry = await submit({ s: submissions, k: key });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 3, complete: true });
    expect(updates().map((u) => [u.employmentNumber, u.updateId])).toEqual([[second, failedId]]);
    expect(held('2462', pick)).toEqual([3, 2, 4]);
  });

  it('sends each employment once when the same submission arrives several times at once', async () => {
    const key = randomUUID();
    const pick = [17, 18, 19];
    const all = await Promise.all([1, 2, 3].map(() => submit({ s: three('2473', pick), k: key })));
    const answers = all.map((r) => r.body.data?.submitOneOffPaymentsBulk);
    expect(answers.every((a) => a?.complete && a.storedCount === 3)).toBe(true);
    expect(answers.filter((a) => !a!.replayed)).toHaveLength(1);
    expect(updates()).toHaveLength(3);
    expect(held('2473', pick)).toEqual([3, 2, 4]);
  });

  it('refuses the same key for other submissions, sending nothing', async () => {
    const key = randomUUID();
    await submit({ s: three('2469', [11, 12, 13]), k: key });
    opus().resetCalls();
    const other = three('2469', [11, 12, 13]);
    other[2].payments[0] = line({ wageType: '2469', sequence: 1, quantity: 9 });
    const res = await submit({ s: other, k: key });
    expect(codes(res)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(res.body.data?.submitOneOffPaymentsBulk ?? null).toBeNull();
    expect(updates()).toHaveLength(0);
    expect(held('2469', [11, 12, 13])).toEqual([3, 2, 4]);
  });

  it('answers a line with both a cost centre and a PSP element with 167 for its employment only, never sending it', async () => {
    const submissions = three('2472', [14, 15, 16]);
    submissions[1].payments[1] = line({ wageType: '2472', sequence: 2, costCentre: costCentre(h.stack), pspElement: 'XG-1234567890-12345' });
    const res = await submit({ s: submissions, k: randomUUID() });
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data!.submitOneOffPaymentsBulk;
    expect(answer).toMatchObject({ storedCount: 2, complete: false });
    expect(answer.results[1]).toMatchObject({ accepted: false, stored: false, updateId: null, messages: [{ code: 'COST_CENTRE_AND_PSP_ELEMENT', opusCode: '167', line: 2 }] });
    expect(updates().map((u) => u.employmentNumber).sort()).toEqual([submissions[0].employmentNumber, submissions[2].employmentNumber].sort());
    expect(held('2472', [14, 15, 16])).toEqual([3, 0, 4]);
  });

  it('validate-only sends Kun_Valider for every employment, stores nothing, and does not use the key up', async () => {
    const key = randomUUID();
    const applied = opus().appliedUpdates.oneOffPayments;
    const check = await submit({ s: three('2463'), v: true, k: key });
    expect(check.body.errors).toBeUndefined();
    expect(check.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 0, complete: true, validateOnly: true, replayed: false });
    expect(check.body.data!.submitOneOffPaymentsBulk.results.every((r) => r!.accepted && !r!.stored && r!.validateOnly)).toBe(true);
    expect(updates().map((u) => u.validateOnly)).toEqual([true, true, true]);
    expect(opus().appliedUpdates.oneOffPayments).toBe(applied);
    expect(held('2463')).toEqual([0, 0, 0]);

    const real = await submit({ s: three('2463'), k: key });
    expect(real.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 3, complete: true, replayed: false });
    expect(held('2463')).toEqual([3, 2, 4]);
  });

  it('refuses bad input whole, listing every problem of every line with submission, line and field, sending nothing', async () => {
    const [a, b] = [h.employments[9].employmentNumber, h.employments[10].employmentNumber];
    const res = await submit({
      k: randomUUID(),
      s: [
        { employmentNumber: a, payments: [line()] },
        { employmentNumber: b, payments: [line({ remark: 'a\u0007b' }), line({ wageType: '12', quantity: 1.005, sequence: -1 })] },
        { employmentNumber: 'x1', payments: [] },
        { employmentNumber: a, payments: [line({ costCentre: '12345678901' })] },
      ],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const ext = res.body.errors![0].extensions!;
    expect(ext).toMatchObject({ argument: 'submissions', line: 1, field: 'remark', problemCount: 8 });
    expect((ext.problems as any[]).map((p) => [p.submission, p.employmentNumber, p.line ?? null, p.field, p.path])).toEqual([
      [1, b, 1, 'remark', 'submissions[1].payments[0].remark'],
      [1, b, 2, 'wageType', 'submissions[1].payments[1].wageType'],
      [1, b, 2, 'sequence', 'submissions[1].payments[1].sequence'],
      [1, b, 2, 'quantity', 'submissions[1].payments[1].quantity'],
      [2, 'x1', null, 'employmentNumber', 'submissions[2].employmentNumber'],
      [2, 'x1', null, 'payments', 'submissions[2].payments'],
      [3, a, null, 'employmentNumber', 'submissions[3].employmentNumber'],
      [3, a, 1, 'costCentre', 'submissions[3].payments[0].costCentre'],
    ]);
    expect((ext.problems as any[]).every((p) => p.argument === 'submissions' && typeof p.message === 'string' && p.message.startsWith(p.path))).toBe(true);
    expect(res.body.errors![0].message).toMatch(/^8 problems, nothing was sent: submissions\[1\]\.payments\[0\]\.remark \(line 1\): /);
    expect(updates()).toHaveLength(0);
  });

  it('refuses more than 500 employments, and a missing or malformed key, before sending anything', async () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ employmentNumber: String(900000 + i), payments: [line()] }));
    const tooMany = await submit({ s: many, k: randomUUID() });
    expect(codes(tooMany)).toEqual(['BAD_USER_INPUT']);
    expect(tooMany.body.errors![0].extensions).toMatchObject({ argument: 'submissions', limit: 500 });
    const badKey = await submit({ s: three('2464'), k: 'short' });
    expect(codes(badKey)).toEqual(['BAD_USER_INPUT']);
    expect(badKey.body.errors![0].extensions).toMatchObject({ argument: 'idempotencyKey' });
    const noKey = await submit({ s: three('2464') });
    expect(codes(noKey)).toEqual(['BAD_USER_INPUT']);
    expect(updates()).toHaveLength(0);
  });

  it('passes the gateway limits with 500 employments (a line each) at the default MAX_BODY_BYTES', async () => {
    // The sample has fewer employments; numbers Opus does not know are answered (refused) one by one all the same.
    const known = h.employments.map((e) => e.employmentNumber);
    const submissions = [...known, ...Array.from({ length: 500 - known.length }, (_, i) => String(800000 + i))];
    const body = { s: submissions.map((n) => ({ employmentNumber: n, payments: [line({ wageType: '2465', costCentre: costCentre(h.stack), remark: 'Overarbejde uge 48' })] })), v: true, k: randomUUID() };
    expect(JSON.stringify({ query: SUBMIT_BULK, variables: body }).length).toBeLessThan(100_000);
    const res = await submit(body);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data!.submitOneOffPaymentsBulk;
    expect(answer.results).toHaveLength(500);
    expect(answer.results.map((r) => r!.employmentNumber)).toEqual(submissions);
    // One Opus call per employment, each once.
    expect(updates()).toHaveLength(500);
    expect(new Set(updates().map((u) => u.employmentNumber)).size).toBe(500);
  });

  it('refuses a caller without payments:write with FORBIDDEN, sending nothing', async () => {
    const headers = await h.stack.headers({ scopes: ['payroll:read', 'employee:read'] });
    const res = await submit({ s: three('2466'), k: randomUUID() }, headers);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data?.submitOneOffPaymentsBulk ?? null).toBeNull();
    expect(updates()).toHaveLength(0);
  });

  it('audits the submission with every employment it concerns', async () => {
    const records = h.stack.auditRecords!;
    records.length = 0;
    await submit({ s: three('2467'), k: randomUUID() });
    const mine = records.filter((r) => r.kind === 'mutation');
    expect(mine.map((r) => r.phase)).toEqual(['attempt', 'outcome']);
    for (const r of mine) expect(r).toMatchObject({ field: 'submitOneOffPaymentsBulk', entityIds: [0, 1, 2].map((i) => h.employments[i].employmentNumber) });
  });

  it('is a registered operation a fagsystem can run by its id', async () => {
    const op = (await loadManifest()).operations.find((o) => o.name === 'SubmitOneOffPaymentsBulk')!;
    expect(op.type).toBe('mutation');
    const headers = await h.stack.headers({ scopes: ['payments:write'], clientKind: 'fagsystem', clientId: 'timeregistrering' });
    const variables = { submissions: three('2468'), idempotencyKey: randomUUID() };
    const res = await fetch(h.stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } }),
    });
    const body = (await res.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    expect(body.data.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 3, complete: true });
  });
});

describe('submitOneOffPaymentsBulk when Opus stored an employment but its answer was lost', () => {
  // The subgraph waits 1 s for Opus; the second employment's answer comes after 1.5 s, once. The
  // gateway takes bodies up to 1 MB here (MAX_BODY_BYTES), as a deployment taking full bulk submissions must.
  const h = harness({ opusTimeoutMs: 1_000, gateway: { bodyLimitBytes: 1_000_000 } });
  const opus = () => h.stack.sources.opus;
  const updates = () => opus().calls.filter((c) => c.endpoint === ENDPOINT);
  const submit = (variables: Record<string, unknown>) => post<{ submitOneOffPaymentsBulk: Bulk }>(h.stack.url, SUBMIT_BULK, variables, h.auth);

  it('the retry resends the same OpdateringsID for that employment only, and Opus holds each line once', async () => {
    const key = randomUUID();
    const pick = [0, 1, 2].map((i) => h.employments[i]);
    const submissions = pick.map((e, n) => ({ employmentNumber: e.employmentNumber, payments: Array.from({ length: n + 2 }, (_, j) => line({ wageType: '2470', sequence: j + 1 })) }));
    const held = () => pick.map((e) => e.oneOffPayments.filter((p) => p.wageType === '2470').length);
    const applied = opus().appliedUpdates.oneOffPayments;
    opus().setFault(ENDPOINT, { latencyMs: 1_500, employmentNumbers: [pick[1].employmentNumber], times: 1 });

    const first = await submit({ s: submissions, k: key });
    expect(codes(first)).toEqual(['SOURCE_TIMEOUT']);
    expect(first.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 2, complete: false });
    // Opus stores the late one after the subgraph gave up on it.
    for (let i = 0; i < 50 && opus().appliedUpdates.oneOffPayments < applied + 3; i++) await new Promise((r) => setTimeout(r, 100));
    expect(held()).toEqual([2, 3, 4]);
    const lostId = updates().find((u) => u.employmentNumber === pick[1].employmentNumber)!.updateId;

    opus().resetCalls();
    const retry = await submit({ s: submissions, k: key });
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data!.submitOneOffPaymentsBulk).toMatchObject({ storedCount: 3, complete: true });
    expect(updates().map((u) => [u.employmentNumber, u.updateId])).toEqual([[pick[1].employmentNumber, lostId]]);
    expect(opus().appliedUpdates.oneOffPayments).toBe(applied + 3);
    expect(held()).toEqual([2, 3, 4]);
  });

  it('takes 5,000 lines (about 600 KB, over the default MAX_BODY_BYTES) and refuses 5,001 with BAD_USER_INPUT', async () => {
    const realistic = (n: number) => line({ wageType: '2471', sequence: n, quantity: 7.5, costCentre: costCentre(h.stack), remark: 'Overarbejde uge 48' });
    const submission = (count: number) =>
      Array.from({ length: 50 }, (_, i) => ({ employmentNumber: h.employments[i].employmentNumber, payments: Array.from({ length: count / 50 + (i === 0 ? count % 50 : 0) }, (_, j) => realistic(j + 1)) }));
    const full = { s: submission(5_000), v: true, k: randomUUID() };
    const bytes = JSON.stringify({ query: SUBMIT_BULK, variables: full }).length;
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(1_000_000);
    const ok = await submit(full);
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.submitOneOffPaymentsBulk).toMatchObject({ complete: true, storedCount: 0 });

    opus().resetCalls();
    const over = await submit({ ...full, s: submission(5_001) });
    expect(codes(over)).toEqual(['BAD_USER_INPUT']);
    expect(over.body.errors![0].extensions).toMatchObject({ argument: 'submissions', limit: 5_000 });
    expect(updates()).toHaveLength(0);
  });
});
