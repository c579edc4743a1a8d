// Small reads by key of concurrent requests, merged into one source call (sources/coalescing.ts):
// first the mechanism against a read that records its calls, then the sources as createSources hands
// them to the subgraphs, against the real simulators over HTTP, counted in the simulators' call logs.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ReadCoalescer } from '../../sources/coalescing.js';
import { startEmbeddedSources, type EmbeddedSources } from '../../sources/embedded.js';
import type { Municipality } from '../../sources/model.js';
import { createSources, type Sources } from '../../subgraphs/shared/sources.js';
import { sampleMunicipality } from '../support/stack.js';

/** A read of `key -> value of key`, recording the keys of each call; `fail` makes the next call fail. */
function recordingRead() {
  const calls: string[][] = [];
  const state = { fail: null as Error | null };
  const read = async (keys: readonly string[]) => {
    calls.push([...keys]);
    if (state.fail) throw state.fail;
    return new Map(keys.filter((k) => !k.startsWith('unknown')).map((k) => [k, `value of ${k}`]));
  };
  return { calls, read, state };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('ReadCoalescer', () => {
  it('sends the reads of one kind asked for in one turn as one call, and gives each caller only its own keys', async () => {
    const merged = new ReadCoalescer(100);
    const { calls, read } = recordingRead();
    const [a, b, c] = await Promise.all([merged.read('k', ['1', '2'], read), merged.read('k', ['3', 'unknown-4'], read), merged.read('k', ['2', '5'], read)]);
    expect(calls).toEqual([['1', '2', '3', 'unknown-4', '2', '5']]);
    expect([...a]).toEqual([['1', 'value of 1'], ['2', 'value of 2']]);
    expect([...b]).toEqual([['3', 'value of 3']]);
    expect([...c]).toEqual([['2', 'value of 2'], ['5', 'value of 5']]);
  });

  it('keeps kinds apart, and reads of different turns apart', async () => {
    const merged = new ReadCoalescer(100);
    const { calls, read } = recordingRead();
    await Promise.all([merged.read('persons', ['1'], read), merged.read('users', ['2'], read)]);
    expect(calls).toEqual([['1'], ['2']]);
    const first = merged.read('persons', ['3'], read);
    await nextTurn();
    await Promise.all([first, merged.read('persons', ['4'], read)]);
    expect(calls.slice(2)).toEqual([['3'], ['4']]);
  });

  it('never makes a call carry more than the batch size: a full read goes straight, a group that would overflow is sent first', async () => {
    const merged = new ReadCoalescer(3);
    const { calls, read } = recordingRead();
    const full = ['a', 'b', 'c'];
    const answers = await Promise.all([merged.read('k', ['1', '2'], read), merged.read('k', full, read), merged.read('k', ['3', '4'], read), merged.read('k', ['5'], read)]);
    // The full read is sent at once; ['1','2'] cannot take two more, so it goes alone and ['3','4'] + ['5'] share one call.
    expect(calls).toEqual([full, ['1', '2'], ['3', '4', '5']]);
    expect(answers.map((m) => [...m.keys()])).toEqual([['1', '2'], full, ['3', '4'], ['5']]);
    expect(calls.every((c) => c.length <= 3)).toBe(true);
  });

  it('fails every read of a failed call with its error, and the next turn calls again', async () => {
    const merged = new ReadCoalescer(100);
    const { calls, read, state } = recordingRead();
    state.fail = new Error('source down');
    const results = await Promise.allSettled([merged.read('k', ['1'], read), merged.read('k', ['2'], read)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['source down', 'source down']);
    state.fail = null;
    expect([...(await merged.read('k', ['1'], read)).keys()]).toEqual(['1']);
    expect(calls).toEqual([['1', '2'], ['1']]);
  });

  it('turns a read that throws at once into a rejection of each read', async () => {
    const merged = new ReadCoalescer(100);
    const throwing = (): Promise<Map<string, string>> => {
      throw new Error('bad arguments');
    };
    const results = await Promise.allSettled([merged.read('k', ['1'], throwing), merged.read('k', ['2'], throwing), merged.read('j', ['3'], throwing)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  });
});

describe('the subgraphs\' sources: concurrent small reads share a call', () => {
  let m: Municipality;
  let embedded: EmbeddedSources;
  let sources: Sources;
  beforeAll(async () => {
    m = sampleMunicipality(40);
    embedded = await startEmbeddedSources({ municipality: m });
    sources = createSources({ opus: embedded.config.opus, org: embedded.config.org }, undefined, { log: () => undefined });
  });
  afterEach(() => {
    embedded.opus.resetCalls();
    embedded.fkorg.resetCalls();
  });
  afterAll(async () => {
    await sources?.close();
    await embedded?.close();
  });

  it('Opus: two requests\' reads of the same areas are one read-employee-data call; other areas or another period are calls of their own', async () => {
    const [n1, n2, n3, n4] = m.opus.employments.map((e) => e.employmentNumber);
    const july = { from: '2026-07-01', to: '2026-07-31' };
    const [a, b, c, d] = await Promise.all([
      sources.opus.readEmployments([n1], ['Persondata']),
      sources.opus.readEmployments([n2, n3], ['Persondata']),
      sources.opus.readEmployments([n4], ['Loenindplacering']),
      sources.opus.readEmployments([n4], ['Persondata'], july),
    ]);
    expect(embedded.opus.calls.map((x) => [x.endpoint, x.areas?.join('+'), x.batchSize])).toEqual([
      ['read-employee-data', 'Persondata', 3],
      ['read-employee-data', 'Loenindplacering', 1],
      ['read-employee-data', 'Persondata', 1],
    ]);
    const person = (n: string) => m.opus.employments.find((e) => e.employmentNumber === n)!.person.lastName;
    expect([...a.keys()]).toEqual([n1]);
    expect(a.get(n1)!.person!.lastName).toBe(person(n1));
    expect([...b.keys()]).toEqual([n2, n3]);
    expect(b.get(n3)!.person!.lastName).toBe(person(n3));
    expect(c.get(n4)!.salaryPlacement).toBeDefined();
    expect(c.get(n4)!.person).toBeUndefined();
    expect([...d.keys()]).toEqual([n4]);
  });

  it('FK ORG: two requests\' reads of users are one bruger list call, each answered with its own users', async () => {
    const [u1, u2] = m.org.users.map((u) => u.id);
    const [a, b] = await Promise.all([sources.org.users([u1]), sources.org.users([u2, '00000000-0000-4000-8000-000000000000'])]);
    expect(embedded.fkorg.calls.map((x) => [`${x.service}.${x.operation}`, x.size])).toEqual([['bruger.list', 3]]);
    expect([...a.keys()]).toEqual([u1]);
    expect([...b.keys()]).toEqual([u2]);
  });
});
