// Persisted queries: registered operations from the manifest for everyone, automatic persisted
// queries (APQ) for analysts and frontends, and nothing but registered operations for fagsystems.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { startGateway } from '../../gateway/server.js';
import { gatewayConfigFromEnv } from '../../gateway/config.js';
import { loadManifest, type ManifestOperation } from '../../gateway/persisted/manifest.js';
import { createVerifier } from '../../platform/auth/verifier.js';
import { silentLogger } from '../../platform/logging.js';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/index.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { codes, type GraphQLResponse } from '../support/http.js';
import { REDIS_URL, serviceAvailable } from '../support/services.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
let unitStaff: ManifestOperation;
let unitId: string;
beforeAll(async () => {
  stack = await testStack({ employees: 80 });
  unitStaff = (await loadManifest()).operations.find((o) => o.name === 'UnitStaff')!;
  unitId = stack.municipality.org.units.find((u) => versionOn(u.versions, stack.municipality.today))!.id;
});
afterAll(() => stack?.close());

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

async function send(url: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const byId = (id: string, variables: Record<string, unknown> = {}) => ({ variables, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });

describe('fagsystem clients', () => {
  it('run a registered operation by its manifest id alone', async () => {
    const fagsystem = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh' });
    const res = await send(stack.url, byId(unitStaff.id, { id: unitId }), fagsystem);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect((res.body.data as any).orgUnit.id).toBe(unitId);
  });

  it('run a registered operation sent as its exact text', async () => {
    const res = await send(stack.url, { query: unitStaff.body, variables: { id: unitId } }, await stack.headers({ clientKind: 'fagsystem' }));
    expect(res.body.errors).toBeUndefined();
  });

  it('are refused an unregistered operation, which is then not registered as an APQ either', async () => {
    const fagsystem = await stack.headers({ clientKind: 'fagsystem' });
    const query = '{ orgUnits(first: 1) { nodes { name } } }';
    stack.sources.fkorg.resetCalls();
    const adhoc = await send(stack.url, { query }, fagsystem);
    expect(adhoc.status).toBe(400);
    expect(codes(adhoc)).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
    // Also when offered as an APQ registration (hash + text).
    const register = await send(stack.url, { query, ...byId(sha256(query)) }, fagsystem);
    expect(codes(register)).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
    expect(stack.sources.fkorg.calls).toEqual([]);
    // Nobody can now run it by hash: it was never stored.
    const lookup = await send(stack.url, byId(sha256(query)), await stack.headers({ clientKind: 'analyst' }));
    expect(codes(lookup)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
  });
});

describe('what a fagsystem can learn about others\' registrations', () => {
  it('nothing: an id an analyst registered and an id nobody registered get the same answer', async () => {
    const analyst = await stack.headers({ clientKind: 'analyst' });
    const fagsystem = await stack.headers({ clientKind: 'fagsystem', clientId: 'esdh' });
    const registered = `{ orgUnit(id: "${unitId}") { name shortName } } # registered ${Date.now()}`;
    expect((await send(stack.url, { query: registered, ...byId(sha256(registered)) }, analyst)).body.errors).toBeUndefined();
    expect((await send(stack.url, byId(sha256(registered)), analyst)).body.errors).toBeUndefined();
    const answer = async (id: string) => {
      const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', ...fagsystem }, body: JSON.stringify(byId(id)) });
      const headers = Object.fromEntries([...res.headers].filter(([name]) => !['date', 'content-length', 'x-request-id'].includes(name)));
      return { status: res.status, headers, body: await res.json() };
    };
    const others = await answer(sha256(registered));
    const nobodys = await answer(sha256(`{ __typename } # nobody ${Date.now()}`));
    expect(others.status).toBe(400);
    expect(codes({ status: others.status, body: others.body })).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
    expect(nobodys).toEqual(others);
    // Manifest operations still run by id.
    expect((await send(stack.url, byId(unitStaff.id, { id: unitId }), fagsystem)).body.errors).toBeUndefined();
  });
});

describe('automatic persisted queries for analysts and frontends', () => {
  it('register on first use and run by hash afterwards', async () => {
    const frontend = await stack.headers({ clientKind: 'frontend' });
    const query = `{ orgUnit(id: "${unitId}") { name } }`;
    const first = await send(stack.url, byId(sha256(query)), frontend);
    expect(codes(first)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    const register = await send(stack.url, { query, ...byId(sha256(query)) }, frontend);
    expect(register.body.errors).toBeUndefined();
    const again = await send(stack.url, byId(sha256(query)), frontend);
    expect(again.body).toEqual(register.body);
  });

  it('refuse a registration whose hash does not match the text', async () => {
    const res = await send(stack.url, { query: '{ __typename }', ...byId('0'.repeat(64)) }, await stack.headers());
    expect(res.status).toBe(400);
  });
});

describe('APQ registrations shared through Redis', () => {
  it('are known to a second gateway replica', async ({ skip }) => {
    if (!(await serviceAvailable('redis', 'APQ shared between gateway replicas'))) return skip();
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
    const replica = () =>
      startGateway({ ...gatewayConfigFromEnv({ REDIS_URL }), port: 0, subgraphUrls, verifier: createVerifier(stack.auth), signingKey: stack.signingKey, logger: silentLogger });
    const [a, b] = await Promise.all([replica(), replica()]);
    try {
      const headers = await stack.headers();
      const query = `{ orgUnit(id: "${unitId}") { shortName } } # ${Date.now()}`;
      expect(codes(await send(b.url, byId(sha256(query)), headers))).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      expect((await send(a.url, { query, ...byId(sha256(query)) }, headers)).body.errors).toBeUndefined();
      // Registration is written after the response on a; give it a moment to land.
      await new Promise((r) => setTimeout(r, 100));
      const onB = await send(b.url, byId(sha256(query)), headers);
      expect(onB.body.errors).toBeUndefined();
      expect((onB.body.data as any).orgUnit).toHaveProperty('shortName');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
