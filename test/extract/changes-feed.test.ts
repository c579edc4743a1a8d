// The change feed as a fagsystem reads it: through the gateway over HTTP, from the extract store in
// the real PostgreSQL (a schema of this file's own) and once from the embedded PGlite.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { loadManifest } from '../../gateway/persisted/manifest.js';
import type { Municipality } from '../../sources/model.js';
import { pgliteDatabase, type SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { EXTRACT_STORE_DDL } from '../../sources/opus/extract/store/schema.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { encodeCursor } from '../../subgraphs/shared/pagination.js';
import { currentOpusUnits, insertEvents, insertExtract, insertOrgUnits, schemaStore, type EventRow, type SchemaStore } from '../support/extractStore.js';
import { codes, post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { serviceAvailable } from '../support/services.js';
import { sampleMunicipality, testStack } from '../support/stack.js';

const EMPLOYEES = 60;
const hasPostgres = await serviceAvailable('postgres', 'the change feed over PostgreSQL');

const CHANGES = /* GraphQL */ `
  query Feed($after: String, $first: Int, $types: [ChangeType!], $orgUnitSubtree: ID) {
    changes(after: $after, first: $first, types: $types, orgUnitSubtree: $orgUnitSubtree) {
      nodes { cursor type registeredAt effectiveFrom fields entityKey employment { employmentNumber } orgUnit { opusId } }
      pageInfo { endCursor hasNextPage }
    }
  }`;

interface Node {
  cursor: string;
  type: string;
  registeredAt: string;
  effectiveFrom: string | null;
  fields: string[];
  entityKey: string;
  employment: { employmentNumber: string } | null;
  orgUnit: { opusId: string } | null;
}

/** Where each employment sits today, by Opus unit number. */
function unitOf(m: Municipality, employmentNumber: string): string {
  const e = m.opus.employments.find((x) => x.employmentNumber === employmentNumber)!;
  return (versionOn(e.placements, m.today) ?? e.placements.at(-1)!).orgUnitOpusId;
}

/** A day of events about the municipality's first employments and units, as an ingestion would write them. */
function eventsFor(m: Municipality, offset: number, count: number): EventRow[] {
  const kinds = ['EMPLOYMENT_HIRED', 'EMPLOYMENT_POSITION_CHANGED', 'EMPLOYMENT_CONTACT_CHANGED', 'EMPLOYMENT_MOVED', 'ORG_UNIT_RENAMED'];
  return Array.from({ length: count }, (_, i) => {
    const type = kinds[(offset + i) % kinds.length];
    if (type === 'ORG_UNIT_RENAMED') {
      const u = m.opus.orgUnits[(offset + i) % m.opus.orgUnits.length];
      return { type, entity: 'OrgUnit', key: u.id, orgUnits: [u.id], fields: ['longName'], effectiveFrom: m.today };
    }
    const e = m.opus.employments[(offset + i) % m.opus.employments.length];
    const unit = unitOf(m, e.employmentNumber);
    const moved = type === 'EMPLOYMENT_MOVED' ? [m.opus.orgUnits[0].id, unit] : [unit];
    const fields = type === 'EMPLOYMENT_CONTACT_CHANGED' ? ['email', 'workPhone'] : type === 'EMPLOYMENT_MOVED' ? ['orgUnit'] : ['position'];
    return { type, entity: 'Employment', key: e.employmentNumber, orgUnits: moved, fields, effectiveFrom: type === 'EMPLOYMENT_CONTACT_CHANGED' ? null : m.today };
  });
}

async function readAll(stack: Stack, variables: Record<string, unknown>, headers: Record<string, string>, after?: string | null): Promise<{ nodes: Node[]; endCursor: string | null; pages: number }> {
  const nodes: Node[] = [];
  let cursor = after ?? null;
  let pages = 0;
  for (;;) {
    const res = await post(stack.url, CHANGES, { ...variables, after: cursor }, headers);
    expect(res.body.errors).toBeUndefined();
    const page = res.body.data.changes;
    nodes.push(...page.nodes);
    pages += 1;
    cursor = page.pageInfo.endCursor;
    if (!page.pageInfo.hasNextPage) return { nodes, endCursor: cursor, pages };
  }
}

describe.runIf(hasPostgres)('the change feed over PostgreSQL', () => {
  let store: SchemaStore;
  let db: SqlDatabase;
  let stack: Stack;
  let m: Municipality;
  let feedOnly: Record<string, string>;
  const written: EventRow[] = [];

  beforeAll(async () => {
    m = sampleMunicipality(EMPLOYEES);
    store = await schemaStore('changes_feed');
    db = store.open();
    await insertOrgUnits(db, m);
    for (const [day, count] of [['2026-10-30T02:00:00Z', 40], ['2026-10-31T02:00:00Z', 35]] as const) {
      const events = eventsFor(m, written.length, count);
      await insertEvents(db, await insertExtract(db, day), day, events);
      written.push(...events);
    }
    stack = await testStack({ employees: EMPLOYEES, extractStore: db });
    feedOnly = await stack.headers({ scopes: ['changes:read'] });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.close();
    await store?.drop();
  });

  it('pages through every event exactly once, in order, and resumes from a saved cursor after a restart', async () => {
    const first = await post(stack.url, CHANGES, { first: 30 }, feedOnly);
    expect(first.body.errors).toBeUndefined();
    const page1: Node[] = first.body.data.changes.nodes;
    expect(page1).toHaveLength(30);
    expect(first.body.data.changes.pageInfo).toEqual({ endCursor: page1[29].cursor, hasNextPage: true });
    // The consumer saved the cursor of the 20th event it processed, then everything restarted.
    const saved = page1[19].cursor;
    await stack.close();
    await db.close();
    db = store.open();
    stack = await testStack({ employees: EMPLOYEES, extractStore: db });
    feedOnly = await stack.headers({ scopes: ['changes:read'] });
    const rest = await readAll(stack, { first: 7 }, feedOnly, saved);
    const all = [...page1.slice(0, 20), ...rest.nodes];
    expect(all.map((n) => [n.type, n.entityKey, n.fields])).toEqual(written.map((e) => [e.type, e.key, e.fields]));
    expect(new Set(all.map((n) => n.cursor)).size).toBe(written.length);
    expect(all[0]).toMatchObject({ registeredAt: '2026-10-30T02:00:00.000Z', effectiveFrom: m.today });
    expect(all.at(-1)!.registeredAt).toBe('2026-10-31T02:00:00.000Z');
    for (const n of all) {
      if (n.type.startsWith('ORG_UNIT')) expect(n).toMatchObject({ employment: null, orgUnit: { opusId: n.entityKey } });
      else expect(n).toMatchObject({ employment: { employmentNumber: n.entityKey }, orgUnit: null });
    }

    // At the end: an empty page keeps the cursor; the next extract's events follow it, nothing before.
    const idle = await post(stack.url, CHANGES, { after: rest.endCursor }, feedOnly);
    expect(idle.body.data.changes).toEqual({ nodes: [], pageInfo: { endCursor: rest.endCursor, hasNextPage: false } });
    const later = eventsFor(m, written.length, 5);
    await insertEvents(db, await insertExtract(db, '2026-11-01T02:00:00Z'), '2026-11-01T02:00:00Z', later);
    written.push(...later);
    const next = await readAll(stack, {}, feedOnly, rest.endCursor);
    expect(next.nodes.map((n) => n.entityKey)).toEqual(later.map((e) => e.key));
  });

  it('waits for an ingestion still writing, so a later event is never seen before an earlier one', async () => {
    const tail = (await readAll(stack, {}, feedOnly)).endCursor;
    const [earlier, later] = eventsFor(m, written.length, 2);
    let commit!: () => void;
    const committed = new Promise<void>((resolve) => (commit = resolve));
    let inserted!: () => void;
    const insertedEarlier = new Promise<void>((resolve) => (inserted = resolve));
    const extractId = await insertExtract(db, '2026-11-02T02:00:00Z');
    // One ingestion draws the earlier cursor and has not committed; another commits the later one.
    const slow = db.transaction(async (tx) => {
      await insertEvents(tx as SqlDatabase, extractId, '2026-11-02T02:00:00Z', [earlier]);
      inserted();
      await committed;
    });
    await insertedEarlier;
    await insertEvents(db, extractId, '2026-11-02T02:00:00Z', [later]);
    written.push(earlier, later);
    let answered = false;
    const reading = post(stack.url, CHANGES, { after: tail }, feedOnly).then((res) => ((answered = true), res));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered).toBe(false);
    commit();
    await slow;
    const res = await reading;
    expect(res.body.data.changes.nodes.map((n: Node) => n.entityKey)).toEqual([earlier.key, later.key]);
  });

  it('keeps only the types asked for', async () => {
    const types = ['EMPLOYMENT_MOVED', 'ORG_UNIT_RENAMED'];
    const { nodes } = await readAll(stack, { types, first: 4 }, feedOnly);
    expect(nodes.map((n) => [n.type, n.entityKey])).toEqual(written.filter((e) => types.includes(e.type)).map((e) => [e.type, e.key]));
  });

  it('keeps only events concerning a unit’s subtree today, moves from or into it included', async () => {
    // A unit with grandchildren, its subtree walked here from the sample's own tree.
    const units = currentOpusUnits(m);
    const children = (id: string) => units.filter((u) => u.parentId === id).map((u) => u.id);
    const root = units.find((u) => children(u.id).some((c) => children(c).length > 0) && u.parentId !== null)!;
    const subtree = new Set<string>();
    const walk = (id: string) => {
      subtree.add(id);
      children(id).forEach(walk);
    };
    walk(root.id);
    const expected = written.filter((e) => e.orgUnits.some((u) => subtree.has(u)));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(written.length);
    const { nodes } = await readAll(stack, { orgUnitSubtree: root.id, first: 10 }, feedOnly);
    expect(nodes.map((n) => [n.type, n.entityKey])).toEqual(expected.map((e) => [e.type, e.key]));

    const unknown = await post(stack.url, CHANGES, { orgUnitSubtree: '99999999' }, feedOnly);
    expect(unknown.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'orgUnitSubtree']]);
  });

  it('needs changes:read; the entities behind the events need their own scopes', async () => {
    const noFeed = await post(stack.url, CHANGES, { first: 1 }, await stack.headers({ scopes: ['employee:read', 'org:read'] }));
    expect(codes(noFeed)).toEqual(['FORBIDDEN']);
    expect(noFeed.body.data).toEqual({ changes: null });

    const query = '{ changes(first: 1, types: [EMPLOYMENT_HIRED]) { nodes { entityKey employment { employmentNumber employee { name } } } } }';
    const keysOnly = await post(stack.url, query, {}, feedOnly);
    expect(codes(keysOnly)).toEqual(['FORBIDDEN']);
    expect(keysOnly.body.errors![0].path).toEqual(['changes', 'nodes', 0, 'employment', 'employee']);
    expect(keysOnly.body.data.changes.nodes[0].employment).toEqual({ employmentNumber: keysOnly.body.data.changes.nodes[0].entityKey, employee: null });
  });

  it('refuses a cursor it did not hand out and a page size out of range', async () => {
    for (const after of ['nonsense', encodeCursor('abc'), encodeCursor('-1'), encodeCursor('99999999999999999999')]) {
      const res = await post(stack.url, CHANGES, { after }, feedOnly);
      expect(res.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'after']]);
    }
    const negative = await post(stack.url, CHANGES, { first: -1 }, feedOnly);
    expect(negative.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'first']]);
    // The gateway's limits refuse an oversize page first; the subgraph refuses it on its own too.
    expect(codes(await post(stack.url, CHANGES, { first: 501 }, feedOnly))).toEqual(['PAGE_TOO_LARGE']);
    // Straight to the subgraph as the gateway would send it: a token it signed for the same caller.
    const direct = await post(stack.subgraphs.employee.url, CHANGES, { first: 501 }, await gatewayHeadersFor(stack, 'employee', { scopes: ['changes:read'] }));
    expect(direct.body.errors?.map((e) => [e.extensions?.code, e.extensions?.argument])).toEqual([['BAD_USER_INPUT', 'first']]);
    // A page of 0 says whether events are there, and moves nowhere.
    const none = await post(stack.url, CHANGES, { first: 0 }, feedOnly);
    expect(none.body.data.changes).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: true } });
  });

  it('resolves employments and units through the graph, with the reading token’s scopes, without auditing the feed', async () => {
    const query = `{ changes(first: 10) { nodes { type entityKey
      employment { employmentNumber employee { name } absences { type } }
      orgUnit { opusId name } } } }`;
    const before = stack.auditRecords!.length;
    const res = await post(stack.url, query, {}, await stack.headers({ scopes: ['changes:read', 'employee:read', 'org:read', 'absence:read'] }));
    expect(res.body.errors).toBeUndefined();
    const nodes = res.body.data.changes.nodes as Array<{ type: string; entityKey: string; employment: any; orgUnit: any }>;
    for (const n of nodes) {
      if (n.employment) {
        const e = m.opus.employments.find((x) => x.employmentNumber === n.entityKey)!;
        expect(n.employment.employee.name).toBe(`${e.person.firstName} ${e.person.lastName}`);
        expect(Array.isArray(n.employment.absences)).toBe(true);
      } else {
        const unit = m.org.units.find((u) => u.opusId === n.entityKey)!;
        expect(n.orgUnit).toEqual({ opusId: n.entityKey, name: versionOn(unit.versions, m.today)!.name });
      }
    }
    expect(nodes.some((n) => n.orgUnit)).toBe(true);
    // The feed itself is not audited; sickness or leave among the absences read is, as a health read.
    const sensitive = new Set(['sygdom', 'barns_sygedag', 'barsel', 'orlov']);
    const readWithHealthData = nodes.filter((n) => n.employment?.absences.some((a: { type: string }) => sensitive.has(a.type.toLowerCase()))).map((n) => n.entityKey);
    const added = stack.auditRecords!.slice(before);
    expect(added.map((r) => [r.category, r.field])).toEqual(readWithHealthData.length ? [['health', 'absences']] : []);
    expect(added.flatMap((r) => r.entityIds).sort()).toEqual([...new Set(readWithHealthData)].sort());
  });

  it('is a registered operation a fagsystem can run by its id', async () => {
    const op = (await loadManifest()).operations.find((o) => o.name === 'Changes')!;
    expect(op.id).toBe(createHash('sha256').update(op.body).digest('hex'));
    const fagsystem = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh', scopes: ['changes:read', 'employee:read', 'org:read'] });
    const res = await fetch(stack.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...fagsystem },
      body: JSON.stringify({ variables: { first: 5, types: ['EMPLOYMENT_HIRED'] }, extensions: { persistedQuery: { version: 1, sha256Hash: op.id } } }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    const nodes = body.data.changes.nodes;
    expect(nodes.map((n: Node) => n.entityKey)).toEqual(written.filter((e) => e.type === 'EMPLOYMENT_HIRED').slice(0, 5).map((e) => e.key));
    expect(nodes[0].employment.employee.name).toEqual(expect.any(String));
    // Anything not registered stays refused.
    expect(codes(await post(stack.url, CHANGES, {}, fagsystem))).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
  });
});

describe('the change feed without an extract store', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await testStack({ employees: 20 });
  });
  afterAll(() => stack?.close());

  it('answers SOURCE_NOT_AVAILABLE', async () => {
    const res = await post(stack.url, CHANGES, {}, await stack.headers());
    expect(codes(res)).toEqual(['SOURCE_NOT_AVAILABLE']);
    expect(res.body.data).toEqual({ changes: null });
  });
});

describe('the change feed over the embedded PGlite', () => {
  let db: SqlDatabase;
  let stack: Stack;
  let m: Municipality;
  const written: EventRow[] = [];
  beforeAll(async () => {
    m = sampleMunicipality(20);
    db = await pgliteDatabase();
    await db.exec(EXTRACT_STORE_DDL);
    await insertOrgUnits(db, m);
    written.push(...eventsFor(m, 0, 12));
    await insertEvents(db, await insertExtract(db, '2026-10-31T02:00:00Z'), '2026-10-31T02:00:00Z', written);
    stack = await testStack({ employees: 20, extractStore: db });
  });
  afterAll(async () => {
    await stack?.close();
    await db?.close();
  });

  it('pages through every event once, in order, with the same SQL', async () => {
    const headers = await stack.headers({ scopes: ['changes:read'] });
    const { nodes, pages } = await readAll(stack, { first: 5 }, headers);
    expect(pages).toBe(3);
    expect(nodes.map((n) => [n.type, n.entityKey])).toEqual(written.map((e) => [e.type, e.key]));
    const root = currentOpusUnits(m).find((u) => u.parentId === null)!;
    const all = await readAll(stack, { orgUnitSubtree: root.id }, headers);
    // Under the root today: every event concerning a unit open today (an employment that ended in a unit
    // the re-organisation closed is about no unit of today's tree).
    const openToday = new Set(currentOpusUnits(m).filter((u) => u.from <= m.today && (u.to === null || u.to >= m.today)).map((u) => u.id));
    expect(all.nodes.map((n) => [n.type, n.entityKey])).toEqual(written.filter((e) => e.orgUnits.some((u) => openToday.has(u))).map((e) => [e.type, e.key]));
  });
});
