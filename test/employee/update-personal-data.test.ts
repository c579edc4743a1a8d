// updatePersonalData through the gateway against the Opus simulator: the new name and address read
// back through Employee on every employment of the person, a partial update leaves the rest, validate-
// only changes nothing, bad input lists every problem with nothing sent, a key applies its update once
// however often it is retried, Opus's refusals come back with its messages, only personal-data:write
// may write, and the audit log keeps no name or street.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import { memoryAuditSink, type Stack } from '../../gateway/stack.js';
import type { Employment, PersonData } from '../../sources/model.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

const UPDATE = /* GraphQL */ `
  mutation UpdatePerson($n: ID!, $input: PersonalDataInput!, $v: Boolean! = false, $k: String!) {
    updatePersonalData(employmentNumber: $n, input: $input, validateOnly: $v, idempotencyKey: $k) {
      employmentNumber accepted stored validateOnly updateId replayed
      messages { opusCode severity text }
      employment { employmentNumber employee { name firstName lastName address { street postalCode city country } } }
    }
  }
`;
const READ = /* GraphQL */ `
  query Person($n: ID!) { employment(employmentNumber: $n) { employee { name firstName lastName address { street postalCode city country } } } }
`;

const sink = memoryAuditSink();
let stack: Stack;
let auth: Record<string, string>;
let employments: Employment[];
let today: string;

beforeAll(async () => {
  stack = await testStack({ employees: 120, auditSink: sink });
  auth = await stack.headers({ scopes: ['employee:read', 'personal-data:write'], subject: 'hr-clerk', clientId: 'hr-portal' });
  employments = stack.municipality.opus.employments;
  // Opus judges "not ended" on its own date, the wall clock's (on or after the sample's today).
  today = new Date().toISOString().slice(0, 10);
});
afterAll(() => stack?.close());
beforeEach(() => {
  stack.sources.opus.resetCalls();
  sink.records.length = 0;
});

/** Employments nobody else in this file touches, of persons nobody else touches: each test takes its own. */
const usedPersons = new Set<string>();
const open = (e: Employment) => e.contract.end === null || e.contract.end >= today;
function take(test: (e: Employment) => boolean = () => true): Employment {
  const e = employments.find((x) => !usedPersons.has(x.person.cpr) && open(x) && !x.person.address.protected && test(x));
  if (!e) throw new Error('no employment of that kind in the sample');
  usedPersons.add(e.person.cpr);
  return e;
}
/** What the Opus simulator holds now for an employment's person. */
const stored = (n: string): PersonData => stack.sources.opus.snapshot.employments.find((e) => e.employmentNumber === n)!.person;
const updates = () => stack.sources.opus.calls.filter((c) => c.endpoint === 'update-personal-data');
const applied = () => stack.sources.opus.appliedUpdates.personalData;
const update = (e: Employment, input: Record<string, unknown>, extra: Record<string, unknown> = {}, headers = auth) =>
  post(stack.url, UPDATE, { n: e.employmentNumber, input, k: randomUUID(), ...extra }, headers);
const readBack = async (n: string) => {
  const res = await post(stack.url, READ, { n }, auth);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.employment.employee;
};

describe('updatePersonalData', () => {
  it('changes the person on every employment, read back through Employee', async () => {
    const e = take((x) => employments.filter((y) => y.person.cpr === x.person.cpr).length > 1);
    const others = employments.filter((y) => y.person.cpr === e.person.cpr && y.employmentNumber !== e.employmentNumber);
    const input = { firstName: ' Karen Marie ', lastName: 'Østergaard', address: { street: 'Søndergade 12, 2. th.', postalCode: '8000', city: 'Aarhus C', country: 'DK' } };
    const res = await update(e, input);
    expect(res.body.errors).toBeUndefined();
    const expected = { name: 'Karen Marie Østergaard', firstName: 'Karen Marie', lastName: 'Østergaard', address: { street: 'Søndergade 12, 2. th.', postalCode: '8000', city: 'Aarhus C', country: 'Danmark' } };
    expect(res.body.data.updatePersonalData).toMatchObject({
      employmentNumber: e.employmentNumber,
      accepted: true,
      stored: true,
      validateOnly: false,
      replayed: false,
      messages: [{ opusCode: '000', severity: 'SUCCESS', text: 'Personoplysninger er opdateret.' }],
      employment: { employmentNumber: e.employmentNumber, employee: expected },
    });
    expect(res.body.data.updatePersonalData.updateId).toMatch(/^[0-9A-F]{32}$/);
    expect(updates()).toHaveLength(1);
    for (const other of others) expect(await readBack(other.employmentNumber)).toEqual(expected);
    expect(stored(e.employmentNumber).cpr).toBe(e.person.cpr);
  });

  it('changes only the fields given', async () => {
    const e = take();
    const before = structuredClone(stored(e.employmentNumber));
    const res = await update(e, { lastName: 'Bech-Nielsen', address: { postalCode: '5000' } });
    expect(res.body.data.updatePersonalData.stored).toBe(true);
    expect(await readBack(e.employmentNumber)).toEqual({
      name: `${before.firstName} Bech-Nielsen`,
      firstName: before.firstName,
      lastName: 'Bech-Nielsen',
      address: { street: before.address.street, postalCode: '5000', city: before.address.city, country: before.address.country },
    });
    // What was sent is what changes: Opus got no other field.
    expect(stored(e.employmentNumber)).toEqual({ ...before, lastName: 'Bech-Nielsen', address: { ...before.address, postalCode: '5000' } });
  });

  it('with validateOnly has Opus check the update and changes nothing', async () => {
    const e = take();
    const before = structuredClone(stored(e.employmentNumber));
    const appliedBefore = applied();
    const res = await update(e, { firstName: 'Prøve' }, { v: true });
    expect(res.body.data.updatePersonalData).toMatchObject({ accepted: true, stored: false, validateOnly: true, messages: [{ text: 'Validering uden fejl.' }] });
    expect(updates()).toEqual([expect.objectContaining({ validateOnly: true })]);
    expect(stored(e.employmentNumber)).toEqual(before);
    expect(applied()).toBe(appliedBefore);
  });

  it('refuses bad input listing every problem of every field, and sends nothing', async () => {
    const e = take();
    const appliedBefore = applied();
    const res = await post(
      stack.url,
      UPDATE,
      {
        n: 'A1',
        k: 'short',
        input: { firstName: '  ', lastName: 'x'.repeat(41), address: { street: null, postalCode: '0800', city: 'By\nlinje', country: 'Atlantis' } },
      },
      auth,
    );
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    const ext = res.body.errors![0].extensions!;
    expect((ext.problems as Array<{ path: string }>).map((p) => p.path)).toEqual([
      'employmentNumber',
      'idempotencyKey',
      'input.firstName',
      'input.lastName',
      'input.address.street',
      'input.address.city',
      'input.address.country',
      'input.address.postalCode',
    ]);
    expect(ext.fields).toContain('input.address.postalCode');
    expect(res.body.errors![0].message).toContain('input.address.postalCode');
    expect(res.body.data?.updatePersonalData ?? null).toBeNull();

    // Each alone, too: a Danish postal code outside 1000-9990, an empty input, clearing the address.
    for (const [input, paths] of [
      [{ address: { postalCode: '9999' } }, ['input.address.postalCode']],
      [{ address: { postalCode: '12345' } }, ['input.address.postalCode']],
      [{}, ['input']],
      [{ address: null, firstName: null }, ['input.firstName', 'input.address']],
    ] as Array<[Record<string, unknown>, string[]]>) {
      const one = await update(e, input);
      expect(codes(one)).toEqual(['BAD_USER_INPUT']);
      expect((one.body.errors![0].extensions!.problems as Array<{ path: string }>).map((p) => p.path)).toEqual(paths);
    }
    expect(stack.sources.opus.calls).toEqual([]);
    expect(applied()).toBe(appliedBefore);
  });

  it('takes a foreign postal code with a country abroad', async () => {
    const e = take();
    const res = await update(e, { address: { street: 'Storgatan 1', postalCode: '211 22', city: 'Malmö', country: 'SE' } });
    expect(res.body.data.updatePersonalData.stored).toBe(true);
    expect((await readBack(e.employmentNumber)).address).toEqual({ street: 'Storgatan 1', postalCode: '211 22', city: 'Malmö', country: 'Sverige' });
  });

  it('applies a retry with the same key once and replays the first answer; other input under the key is IDEMPOTENCY_KEY_REUSED', async () => {
    const e = take();
    const k = randomUUID();
    const appliedBefore = applied();
    const first = await update(e, { firstName: 'Gentaget' }, { k });
    const retry = await update(e, { firstName: 'Gentaget' }, { k });
    expect(first.body.errors).toBeUndefined();
    expect(retry.body.data.updatePersonalData).toEqual({ ...first.body.data.updatePersonalData, replayed: true });
    expect(updates()).toHaveLength(1);
    expect(applied()).toBe(appliedBefore + 1);

    const reused = await update(e, { firstName: 'Anden' }, { k });
    expect(codes(reused)).toEqual(['IDEMPOTENCY_KEY_REUSED']);
    expect(updates()).toHaveLength(1);
    expect(stored(e.employmentNumber).firstName).toBe('Gentaget');
  });

  it('resends the same OpdateringsID after Opus failed, and Opus applies it once', async () => {
    const e = take();
    const k = randomUUID();
    const appliedBefore = applied();
    stack.sources.opus.setFault('update-personal-data', { status: 503 });
    const failed = await update(e, { lastName: 'Efterfejl' }, { k });
    stack.sources.opus.setFault('update-personal-data', null);
    expect(codes(failed)).toEqual(['SOURCE_UNAVAILABLE']);
    const retried = await update(e, { lastName: 'Efterfejl' }, { k });
    expect(retried.body.data.updatePersonalData).toMatchObject({ stored: true, replayed: false });
    const sent = updates().map((c) => c.updateId);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toBe(sent[0]);
    expect(applied()).toBe(appliedBefore + 1);
  });

  it('passes Opus’s refusal on as the answer, changing nothing: a locked employee, an ended employment', async () => {
    const e = take();
    const before = structuredClone(stored(e.employmentNumber));
    stack.sources.opus.lockedEmployments.add(e.employmentNumber);
    try {
      const res = await update(e, { firstName: 'Låst' });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.updatePersonalData).toMatchObject({ accepted: false, stored: false, messages: [{ opusCode: '138', severity: 'ERROR', text: 'Medarbejderen er låst.' }] });
    } finally {
      stack.sources.opus.lockedEmployments.delete(e.employmentNumber);
    }
    expect(stored(e.employmentNumber)).toEqual(before);

    const ended = employments.find((x) => x.contract.end !== null && x.contract.end < stack.municipality.today && !usedPersons.has(x.person.cpr));
    if (!ended) throw new Error('the sample has no ended employment');
    usedPersons.add(ended.person.cpr);
    const res = await update(ended, { firstName: 'Fratrådt' });
    expect(res.body.data.updatePersonalData).toMatchObject({ accepted: false, stored: false, messages: [{ opusCode: '316', severity: 'ERROR' }] });
    expect(stored(ended.employmentNumber).firstName).not.toBe('Fratrådt');
  });

  it('needs personal-data:write: employee:read with communication:write is not enough', async () => {
    const e = take();
    const res = await update(e, { firstName: 'Uden' }, {}, await stack.headers({ scopes: ['employee:read', 'communication:write'] }));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(stack.sources.opus.calls).toEqual([]);
  });

  it('audits the attempt and the outcome, with names and street as their length only', async () => {
    const e = take();
    await update(e, { firstName: 'Mette', lastName: 'Kjærsgaard', address: { street: 'Vestergade 3', postalCode: '7100' } });
    const mine = sink.records.filter((r) => r.field === 'updatePersonalData');
    expect(mine.map((r) => [r.kind, r.phase, r.outcome ?? null, r.entityIds, r.subject, r.clientId])).toEqual([
      ['mutation', 'attempt', null, [e.employmentNumber], 'hr-clerk', 'hr-portal'],
      ['mutation', 'outcome', 'ok', [e.employmentNumber], 'hr-clerk', 'hr-portal'],
    ]);
    expect(mine[0].arguments).toMatchObject({
      employmentNumber: e.employmentNumber,
      input: { firstName: '[text 5 chars]', lastName: '[text 10 chars]', address: { street: '[text 12 chars]', postalCode: '7100' } },
    });
    const logged = JSON.stringify(sink.records);
    for (const text of ['Mette', 'Kjærsgaard', 'Vestergade']) expect(logged).not.toContain(text);
  });

  it('runs as the registered operation UpdatePersonalData for a fagsystem', async () => {
    const e = take();
    const op = (await loadManifest()).operations.find((o) => o.name === 'UpdatePersonalData');
    expect(op).toBeDefined();
    const headers = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh', scopes: ['employee:read', 'personal-data:write'] });
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        variables: { employmentNumber: e.employmentNumber, input: { address: { city: 'Vejle Øst' } }, idempotencyKey: randomUUID() },
        extensions: { persistedQuery: { version: 1, sha256Hash: op!.id } },
      }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.updatePersonalData).toMatchObject({ stored: true, employment: { employee: { address: { city: 'Vejle Øst' } } } });
  });
});
