// submitFixedPayItems through the gateway against the Opus simulator: validate-only changes nothing,
// what is added or stopped reads back through Employment.fixedPayItems, Opus's refusals come back per
// line and leave every item as it was, input errors are all listed at once with nothing sent, a key
// applies its lines once however often it is retried, and only fixed-pay:write may write.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, FixedPayItem } from '../../sources/model.js';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const SUBMIT = /* GraphQL */ `
  mutation SubmitFixed($n: ID!, $items: [FixedPayItemInput!]!, $v: Boolean! = false, $k: String!) {
    submitFixedPayItems(employmentNumber: $n, items: $items, validateOnly: $v, idempotencyKey: $k) {
      employmentNumber accepted stored validateOnly updateId timestamp replayed
      messages { code opusCode severity text line }
    }
  }
`;
const READ = /* GraphQL */ `
  query Fixed($n: ID!, $from: Date, $to: Date, $asOf: Date) {
    employment(employmentNumber: $n) {
      fixedPayItems(from: $from, to: $to, asOf: $asOf) { kind wageType name monthlyAmount validFrom validTo }
    }
  }
`;
/** The catalogue lønarter of the sample (sources/sample/catalogue.ts) the simulator knows from its data. */
const SUPPLEMENTS = ['1120', '1130', '1210', '1315', '1420'];
const DEDUCTION = '8740';

let stack: Stack;
let auth: Record<string, string>;
let employments: Employment[];

beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  auth = await stack.headers({ scopes: ['fixed-pay:write', 'payroll:read', 'employee:read'] });
  employments = stack.municipality.opus.employments;
});
afterAll(() => stack?.close());
beforeEach(() => stack.sources.opus.resetCalls());

const updates = () => stack.sources.opus.calls.filter((c) => c.endpoint === 'update-fixed-pay-items');
const applied = () => stack.sources.opus.appliedUpdates.fixedPayItems;
const submit = (e: Employment, items: Record<string, unknown>[], extra: Record<string, unknown> = {}, headers = auth) =>
  post(stack.url, SUBMIT, { n: e.employmentNumber, items, k: randomUUID(), ...extra }, headers);
const readBack = async (e: Employment, vars: Record<string, unknown>) => {
  const res = await post(stack.url, READ, { n: e.employmentNumber, ...vars }, auth);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.employment.fixedPayItems as Array<Record<string, unknown>>;
};

/** Employments nobody else in this file touches: each test takes its own. */
const used = new Set<string>();
function take(test: (e: Employment) => boolean): Employment {
  const e = employments.find((x) => !used.has(x.employmentNumber) && test(x));
  if (!e) throw new Error('no employment of that kind in the sample');
  used.add(e.employmentNumber);
  return e;
}
const active = (e: Employment) => e.contract.end === null && e.contract.start <= '2026-06-01';
const freeSupplement = (e: Employment) => SUPPLEMENTS.find((w) => !e.fixedPayItems.some((i) => i.wageType === w));
const hasNoDeduction = (e: Employment) => !e.fixedPayItems.some((i) => i.wageType === DEDUCTION);
const openItem = (e: Employment): FixedPayItem | undefined => e.fixedPayItems.find((i) => i.to === null && i.from < '2026-10-01');

const add = (wageType: string, extra: Record<string, unknown> = {}) => ({ action: 'ADD', kind: 'SUPPLEMENT', wageType, validFrom: '2026-12-01', monthlyAmount: 1250.5, ...extra });

describe('validate-only', () => {
  it('sends Kun_Valider "1" and changes nothing; the key is not used up, so it then submits for real', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const items = [add(freeSupplement(e)!)];
    const before = structuredClone(e.fixedPayItems);
    const appliedBefore = applied();
    const key = randomUUID();

    const check = await submit(e, items, { v: true, k: key });
    expect(check.body.errors).toBeUndefined();
    expect(check.body.data.submitFixedPayItems).toMatchObject({ accepted: true, stored: false, validateOnly: true, replayed: false, employmentNumber: e.employmentNumber });
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ validateOnly: true, employmentNumber: e.employmentNumber });
    expect(e.fixedPayItems).toEqual(before);
    expect(applied()).toBe(appliedBefore);

    const real = await submit(e, items, { k: key });
    expect(real.body.data.submitFixedPayItems).toMatchObject({ accepted: true, stored: true, replayed: false });
    expect(updates().map((u) => u.validateOnly)).toEqual([true, false]);
    expect(applied()).toBe(appliedBefore + 1);
  });
});

describe('adding and stopping', () => {
  it('adds a supplement and a deduction, read back through Employment.fixedPayItems', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined && hasNoDeduction(x));
    const wageType = freeSupplement(e)!;
    const res = await submit(e, [
      add(wageType, { validTo: '2027-06-30' }),
      { action: 'ADD', kind: 'DEDUCTION', wageType: DEDUCTION, validFrom: '2027-01-01', monthlyAmount: 99 },
    ]);
    expect(res.body.errors).toBeUndefined();
    const answer = res.body.data.submitFixedPayItems;
    expect(answer).toMatchObject({ accepted: true, stored: true, validateOnly: false, replayed: false });
    expect(answer.updateId).toMatch(/^[0-9A-F]{32}$/);
    expect(updates()).toHaveLength(1);
    expect(updates()[0]).toMatchObject({ validateOnly: false, updateId: answer.updateId });

    const items = await readBack(e, { from: '2026-12-01', to: '2027-12-31' });
    expect(items.filter((i) => i.wageType === wageType || i.wageType === DEDUCTION)).toEqual([
      { kind: 'SUPPLEMENT', wageType, name: expect.any(String), monthlyAmount: 1250.5, validFrom: '2026-12-01', validTo: '2027-06-30' },
      { kind: 'DEDUCTION', wageType: DEDUCTION, name: 'Sundhedsordning', monthlyAmount: 99, validFrom: '2027-01-01', validTo: null },
    ]);
    // Valid on a day after its end, the supplement is gone.
    expect((await readBack(e, { asOf: '2027-07-01' })).map((i) => i.wageType)).not.toContain(wageType);
  });

  it('stops an item identified by lønart and start date, and adds its successor in the same request', async () => {
    const e = take((x) => active(x) && openItem(x) !== undefined);
    const item = openItem(e)!;
    const res = await submit(e, [
      { action: 'STOP', wageType: item.wageType, validFrom: item.from, validTo: '2026-12-31' },
      { action: 'ADD', kind: item.kind === 'supplement' ? 'SUPPLEMENT' : 'DEDUCTION', wageType: item.wageType, validFrom: '2027-01-01', monthlyAmount: item.monthlyAmount + 100 },
    ]);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitFixedPayItems).toMatchObject({ accepted: true, stored: true });

    const history = (await readBack(e, { from: item.from, to: '2027-12-31' })).filter((i) => i.wageType === item.wageType);
    expect(history).toEqual([
      expect.objectContaining({ validFrom: item.from, validTo: '2026-12-31', monthlyAmount: item.monthlyAmount }),
      expect.objectContaining({ validFrom: '2027-01-01', validTo: null, monthlyAmount: item.monthlyAmount + 100 }),
    ]);
  });
});

describe("Opus's refusals", () => {
  type Message = { code: string; opusCode: string; severity: string; text: string; line: number | null };
  const refused = (res: Awaited<ReturnType<typeof submit>>) => {
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.submitFixedPayItems).toMatchObject({ accepted: false, stored: false, replayed: false });
    return res.body.data.submitFixedPayItems.messages as Message[];
  };

  it('an overlap, an unknown lønart and the wrong kind each come back on their line, and no line is applied', async () => {
    const e = take((x) => active(x) && openItem(x)?.kind === 'supplement' && freeSupplement(x) !== undefined);
    const existing = openItem(e)!;
    const before = structuredClone(e.fixedPayItems);
    const appliedBefore = applied();
    const messages = refused(
      await submit(e, [
        add(freeSupplement(e)!), // valid on its own: all-or-none keeps it out too
        add(existing.wageType, { validFrom: '2027-01-01' }),
        add('1999'),
        add(DEDUCTION, { kind: 'SUPPLEMENT' }),
      ]),
    );
    expect(messages.map((m) => [m.line, m.code, m.severity])).toEqual([
      [2, 'OVERLAPPING_PERIOD', 'ERROR'],
      [3, 'UNKNOWN_WAGE_TYPE', 'ERROR'],
      [4, 'WRONG_KIND', 'ERROR'],
    ]);
    expect(messages[0].text).toMatch(/^Fast tillæg\/fradrag Nr\. 002: /);
    expect(messages.map((m) => m.opusCode)).toEqual(['303', '301', '302']);
    expect(updates()).toHaveLength(1);
    expect(e.fixedPayItems).toEqual(before);
    expect(applied()).toBe(appliedBefore);
  });

  it('an employment that is not active on the start date is refused', async () => {
    const e = take((x) => x.contract.end !== null && x.contract.end < '2026-10-01');
    const messages = refused(await submit(e, [add(SUPPLEMENTS[0], { validFrom: '2026-11-01' })]));
    expect(messages).toEqual([expect.objectContaining({ line: 1, code: 'EMPLOYMENT_NOT_ACTIVE', opusCode: '304' })]);
  });

  it('stopping an item that does not exist names the line', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const messages = refused(await submit(e, [{ action: 'STOP', wageType: freeSupplement(e)!, validFrom: '2026-01-01', validTo: '2026-12-31' }]));
    expect(messages).toEqual([expect.objectContaining({ line: 1, code: 'ITEM_NOT_FOUND', opusCode: '306' })]);
  });

  it('138, a locked employee: the refusal does not use the key up, and the retry resends the same OpdateringsID', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const key = randomUUID();
    const items = [add(freeSupplement(e)!)];
    stack.sources.opus.lockedEmployments.add(e.employmentNumber);
    try {
      const messages = refused(await submit(e, items, { k: key }));
      expect(messages).toEqual([expect.objectContaining({ line: null, code: 'EMPLOYEE_LOCKED', opusCode: '138' })]);
    } finally {
      stack.sources.opus.lockedEmployments.delete(e.employmentNumber);
    }
    const retry = await submit(e, items, { k: key });
    expect(retry.body.data.submitFixedPayItems).toMatchObject({ accepted: true, stored: true, replayed: false });
    expect(updates()).toHaveLength(2);
    expect(updates()[1].updateId).toBe(updates()[0].updateId);
  });
});

describe('input a client can fix', () => {
  it('lists every problem of every line (and of the other arguments) at once, sending nothing', async () => {
    const e = take(active);
    const res = await submit(
      e,
      [
        { action: 'ADD', wageType: '12', validFrom: '2026-12-01', monthlyAmount: 100 }, // lønart, no kind
        add(SUPPLEMENTS[0]), // fine
        { action: 'STOP', kind: 'SUPPLEMENT', wageType: '1120', validFrom: '2026-12-01', monthlyAmount: 5 }, // no validTo, kind and amount not for STOP
        add(SUPPLEMENTS[1], { monthlyAmount: 10.005, validTo: '2026-11-30' }), // three decimals, end before start
        add(SUPPLEMENTS[2], { monthlyAmount: 0 }),
      ],
      { k: 'short' },
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const ext = res.body.errors![0].extensions as { argument: string; problems: Array<{ argument: string; line?: number; field?: string; message: string }> };
    expect(ext.argument).toBe('idempotencyKey');
    expect(ext.problems.map((p) => [p.argument, p.line ?? null, p.field ?? null])).toEqual([
      ['idempotencyKey', null, null],
      ['items', 1, 'wageType'],
      ['items', 1, 'kind'],
      ['items', 3, 'validTo'],
      ['items', 3, 'kind'],
      ['items', 3, 'monthlyAmount'],
      ['items', 4, 'validTo'],
      ['items', 4, 'monthlyAmount'],
      ['items', 5, 'monthlyAmount'],
    ]);
    expect(ext.problems[5]).toMatchObject({ path: 'items[2].monthlyAmount' });
    expect(ext.problems[1].message).toMatch(/^items\[0\] \(line 1\): `wageType`/);
    expect(stack.sources.opus.calls).toHaveLength(0);
  });

  it('refuses an empty list and an employment number that is not one, sending nothing', async () => {
    const res = await post(stack.url, SUBMIT, { n: '12ab', items: [], k: randomUUID() }, auth);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect((res.body.errors![0].extensions as any).problems.map((p: any) => p.argument)).toEqual(['employmentNumber', 'items']);
    expect(stack.sources.opus.calls).toHaveLength(0);
  });
});

describe('idempotency', () => {
  it('a retry with the same key gets the first answer, sends nothing and Opus applies the lines once', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const wageType = freeSupplement(e)!;
    const key = randomUUID();
    const items = [add(wageType)];
    const appliedBefore = applied();
    const count = () => e.fixedPayItems.filter((i) => i.wageType === wageType).length;

    const first = await submit(e, items, { k: key });
    const answer = first.body.data.submitFixedPayItems;
    expect(answer).toMatchObject({ accepted: true, stored: true, replayed: false });
    const retry = await submit(e, items, { k: key });
    expect(retry.body.data.submitFixedPayItems).toEqual({ ...answer, replayed: true });
    expect(updates()).toHaveLength(1);
    expect(applied()).toBe(appliedBefore + 1);
    expect(count()).toBe(1);

    const other = await submit(e, [add(wageType, { monthlyAmount: 1 })], { k: key });
    expect(codes(other)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(updates()).toHaveLength(1);
  });

  it('Opus applies one OpdateringsID once: the same update sent twice is answered twice and applied once', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const body = {
      Header: { ClientID: stack.municipality.opus.kommunekode, OpdateringsID: randomUUID().replace(/-/g, '').toUpperCase(), Kun_Valider: '0' },
      Medarbejder: { Medarbejdernummer: e.employmentNumber },
      FasteTillaegFradrag: [
        { Sekvensnummer: '001', Handling: 'Opret', Art: 'Tillaeg', Loenart: freeSupplement(e)!, Startdato: '2026-12-01', Slutdato: '9999-12-31', Maanedsbeloeb: '500', Afsendelses_System: 'TEST' },
      ],
    };
    const send = async () => (await fetch(`${stack.sources.opus.url}/lpe/update-fixed-pay-items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json();
    const appliedBefore = applied();
    const itemsBefore = e.fixedPayItems.length;
    const first = await send();
    expect(first.Header.Status).toBe('OK');
    expect(await send()).toEqual(first);
    expect(applied()).toBe(appliedBefore + 1);
    expect(e.fixedPayItems).toHaveLength(itemsBefore + 1);
  });
});

describe('access and audit', () => {
  it('a token without fixed-pay:write gets FORBIDDEN and nothing is sent, payments:write included', async () => {
    const e = take(active);
    const headers = await stack.headers({ scopes: ['payments:write', 'payroll:read', 'employee:read'] });
    const res = await submit(e, [add(SUPPLEMENTS[0])], {}, headers);
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.body.data?.submitFixedPayItems ?? null).toBeNull();
    expect(stack.sources.opus.calls).toHaveLength(0);
  });

  it('audits the submission with its lønart, dates and amount', async () => {
    const e = take((x) => active(x) && freeSupplement(x) !== undefined);
    const records = stack.auditRecords!;
    records.length = 0;
    const wageType = freeSupplement(e)!;
    await submit(e, [add(wageType, { validTo: '2027-03-31' })]);
    const mine = records.filter((r) => r.kind === 'mutation');
    expect(mine.map((r) => r.phase)).toEqual(['attempt', 'outcome']);
    expect(mine[0]).toMatchObject({ subgraph: 'payroll', field: 'submitFixedPayItems', entityIds: [e.employmentNumber], operationName: 'SubmitFixed' });
    expect((mine[0].arguments as any).items).toEqual([
      expect.objectContaining({ action: expect.stringMatching(/add/i), kind: expect.stringMatching(/supplement/i), wageType, validFrom: '2026-12-01', validTo: '2027-03-31', monthlyAmount: 1250.5 }),
    ]);
    expect(mine[1].outcome).toBe('ok');
  });

  it('is a registered operation a fagsystem can run', async () => {
    const op = (await loadManifest()).operations.find((o) => o.name === 'SubmitFixedPayItems');
    expect(op).toMatchObject({ type: 'mutation' });
  });
});

describe('the subgraph times out on Opus after Opus applied the update', () => {
  // Opus answers after 1.5 s; the subgraph's Opus client waits 1 s.
  let slow: Stack;
  beforeAll(async () => {
    slow = await testStack({ employees: 60, opusTimeoutMs: 1_000 });
  });
  afterAll(() => slow?.close());

  it('the retry resends the same OpdateringsID, which Opus applies once: the item is stored once', async () => {
    const opus = slow.sources.opus;
    const e = slow.municipality.opus.employments.find((x) => active(x) && freeSupplement(x) !== undefined)!;
    const wageType = freeSupplement(e)!;
    const headers = await slow.headers({ scopes: ['fixed-pay:write'] });
    const key = randomUUID();
    const send = () => post(slow.url, SUBMIT, { n: e.employmentNumber, items: [add(wageType)], k: key }, headers);
    const appliedBefore = opus.appliedUpdates.fixedPayItems;
    opus.setFault('update-fixed-pay-items', { latencyMs: 1_500 });
    try {
      expect(codes(await send())).toEqual(['SOURCE_TIMEOUT']);
      for (let i = 0; i < 50 && opus.appliedUpdates.fixedPayItems === appliedBefore; i++) await new Promise((r) => setTimeout(r, 100));
      expect(opus.appliedUpdates.fixedPayItems).toBe(appliedBefore + 1);
    } finally {
      opus.setFault('update-fixed-pay-items', null);
    }

    const retry = await send();
    expect(retry.body.errors).toBeUndefined();
    expect(retry.body.data.submitFixedPayItems).toMatchObject({ accepted: true, stored: true, replayed: false });
    const sent = opus.calls.filter((c) => c.endpoint === 'update-fixed-pay-items');
    expect(sent).toHaveLength(2);
    expect(sent[1].updateId).toBe(sent[0].updateId);
    expect(opus.appliedUpdates.fixedPayItems).toBe(appliedBefore + 1);
    expect(e.fixedPayItems.filter((i) => i.wageType === wageType)).toHaveLength(1);
  });
});
