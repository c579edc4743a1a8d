// The benchmark's peer: Hive Gateway, with its JS and with its Rust query planner, in child processes
// of their own over the same subgraphs as our gateway, signing the subgraphs' tokens with its key. A comparison is only fair if all three answer
// the same and do the same work per request, so these prove that first.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHiveGateway, supergraphSubgraphNames, type HiveGatewayPeer } from '../../bench/peers/hiveGateway.js';
import type { Stack } from '../../gateway/stack.js';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';
import { versionOn } from '../../subgraphs/shared/dates.js';
import { devKey, mintToken } from '../../platform/auth/devIssuer.js';
import { DEV_AUDIENCE } from '../../platform/auth/config.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { SUBGRAPHS, type SubgraphName } from '../../subgraphs/index.js';
import { post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
const hive = {} as Record<'js' | 'rust', HiveGatewayPeer>;
const received = {} as Record<SubgraphName, Array<{ requestId?: string; authorization?: string }>>;

beforeAll(async () => {
  stack = await testStack({ employees: 300 });
  for (const name of SUBGRAPHS) {
    received[name] = [];
    // A second listener sees every request as it arrived on the wire, before any handler runs.
    stack.subgraphs[name].server.on('request', (req: IncomingMessage) => {
      received[name].push({ requestId: req.headers['x-request-id'] as string | undefined, authorization: req.headers.authorization });
    });
  }
  const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
  const started = await Promise.allSettled([startHiveGateway({ planner: 'js', subgraphUrls }), startHiveGateway({ planner: 'rust', subgraphUrls })]);
  for (const s of started) if (s.status === 'fulfilled') hive[s.value.planner] = s.value;
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
});

afterAll(async () => {
  await Promise.all(Object.values(hive).map((h) => h.close()));
  await stack?.close();
});

const UNIT_STAFF = /* GraphQL */ `
  query UnitStaff($id: ID!, $asOf: Date!, $from: Date!, $to: Date!) {
    orgUnit(id: $id, asOf: $asOf) {
      name
      employments(asOf: $asOf) {
        employmentNumber
        employee { name }
        contract { position }
        absences(from: $from, to: $to) { type from to }
        salaryPlacement(asOf: $asOf) { payGroup step }
      }
    }
  }
`;

function unitStaffVariables() {
  const m = stack.municipality;
  const staff = (opusId: string) => m.opus.employments.filter((e) => versionOn(e.placements, m.today)?.orgUnitOpusId === opusId).length;
  // The unit with the most staff, so every subgraph has several entities to resolve.
  const unit = [...m.org.units].sort((a, b) => staff(b.opusId) - staff(a.opusId))[0];
  return { id: unit.id, asOf: m.today, from: '2025-11-01', to: m.today };
}

const gateways = () => [
  { name: 'our gateway', url: stack.url },
  { name: 'Hive Gateway, JS planner', url: hive.js.url },
  { name: 'Hive Gateway, Rust planner', url: hive.rust.url },
];

describe('Hive Gateway as a benchmark peer', () => {
  it('answers a query touching all four subgraphs with exactly the data our gateway answers, with either planner', async () => {
    const variables = unitStaffVariables();
    const auth = await stack.headers();
    const ours = await post(stack.url, UNIT_STAFF, variables, auth);
    expect(ours.body.errors).toBeUndefined();
    const employments = ours.body.data.orgUnit.employments as any[];
    // The comparison means something only if every subgraph contributed.
    expect(employments.length).toBeGreaterThan(1);
    expect(employments.every((e) => e.employee.name && e.contract)).toBe(true);
    expect(employments.some((e) => e.absences.length > 0)).toBe(true);
    expect(employments.some((e) => e.salaryPlacement)).toBe(true);

    for (const planner of ['js', 'rust'] as const) {
      const theirs = await post(hive[planner].url, UNIT_STAFF, variables, auth);
      expect(theirs.status, planner).toBe(200);
      expect(theirs.body.errors, planner).toBeUndefined();
      expect(theirs.body.data, planner).toStrictEqual(ours.body.data);
    }
  });

  it('forwards the client\'s x-request-id and signs a gateway token per subgraph for the caller, reused for its next request, as our gateway does', async () => {
    for (const gateway of gateways()) {
      // A subject distinct per gateway, so a mix-up would show.
      const subject = `peer-${randomUUID()}`;
      const { authorization } = await stack.headers({ subject, clientKind: 'analyst' });
      const tokens: Array<Record<string, string | undefined>> = [];
      for (const round of [1, 2]) {
        const requestId = `peer-${randomUUID()}`;
        for (const name of SUBGRAPHS) received[name].length = 0;
        const res = await post(gateway.url, UNIT_STAFF, unitStaffVariables(), { 'x-request-id': requestId, authorization });
        expect(res.body.errors, gateway.name).toBeUndefined();
        const sent: Record<string, string | undefined> = {};
        for (const name of SUBGRAPHS) {
          const calls = received[name];
          const what = `${gateway.name} -> ${name}, request ${round}`;
          expect(calls.length, what).toBeGreaterThan(0);
          expect(calls.map((c) => c.requestId), what).toEqual(calls.map(() => requestId));
          // One token per subgraph and caller, never the client's own.
          expect(new Set(calls.map((c) => c.authorization)).size, what).toBe(1);
          expect(calls[0].authorization).not.toBe(authorization);
          expect(decodeJwt(calls[0].authorization!.replace(/^Bearer /, '')), what).toMatchObject({
            iss: 'kommunegraf-gateway',
            aud: name,
            sub: subject,
            client_kind: 'analyst',
            jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
          });
          sent[name] = calls[0].authorization;
        }
        tokens.push(sent);
      }
      expect(tokens[1], gateway.name).toEqual(tokens[0]);
    }
  });

  it.runIf(process.platform === 'linux')('plans with Hive Router\'s native planner in the Rust peer and not in the JS peer', () => {
    // The addon is mapped into a process only once @graphql-hive/router-runtime has built a planner.
    const nativePlanner = (pid: number) => readFileSync(`/proc/${pid}/maps`, 'utf8').includes('hive_router_query_planner');
    expect(nativePlanner(hive.rust.pid)).toBe(true);
    expect(nativePlanner(hive.js.pid)).toBe(false);
  });

  it('with the JWT plugin and a depth limit on, does the checks our gateway does before planning', async () => {
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
    const issuer = stack.issuer!.url;
    const guarded = await startHiveGateway({
      planner: 'js',
      subgraphUrls,
      auth: { issuer, audience: DEV_AUDIENCE, jwksUrl: `${issuer}/jwks.json`, algorithms: ['RS256', 'PS256', 'ES256'] },
      maxDepth: 3,
    });
    try {
      const variables = unitStaffVariables();
      const valid = await stack.headers();
      // Signed by another key under the issuer's key id: found in the JWKS, fails the signature check.
      const otherKey = { ...(await devKey()), kid: stack.issuer!.key.kid };
      const forged = { authorization: `Bearer ${await mintToken(otherKey, { issuer, scopes: ALL_SCOPES })}` };
      for (const gateway of [{ name: 'ours', url: stack.url }, { name: 'Hive', url: guarded.url }]) {
        expect((await post(gateway.url, UNIT_STAFF, variables)).status, `${gateway.name}, no token`).toBe(401);
        expect((await post(gateway.url, UNIT_STAFF, variables, forged)).status, `${gateway.name}, forged token`).toBe(401);
      }
      const deep = await post(guarded.url, UNIT_STAFF, variables, valid);
      expect(deep.body.data ?? null).toBeNull();
      expect(JSON.stringify(deep.body.errors)).toMatch(/depth/i);
      const shallow = await post(guarded.url, '{ orgUnits(first: 2) { nodes { name } } }', undefined, valid);
      expect(shallow.body.errors).toBeUndefined();
      expect(shallow.body.data).toStrictEqual((await post(stack.url, '{ orgUnits(first: 2) { nodes { name } } }', undefined, valid)).body.data);
    } finally {
      await guarded.close();
    }
  });

  it('refuses subgraph URLs that do not match the supergraph, which would leave placeholder URLs in use', async () => {
    expect(await supergraphSubgraphNames(fileURLToPath(SUPERGRAPH_FILE))).toEqual([...SUBGRAPHS].sort());
    const { payroll: _, ...three } = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url]));
    await expect(startHiveGateway({ planner: 'js', subgraphUrls: three as Record<SubgraphName, string> })).rejects.toThrow(/has subgraphs \[absence,employee,organisation,payroll\]/);
  });

  it('reports Hive\'s own output when it cannot start, and leaves no process behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hive-peer-'));
    try {
      const broken = join(dir, 'supergraph.graphql');
      await writeFile(broken, `${await readFile(SUPERGRAPH_FILE, 'utf8')}\ntype Broken {\n`);
      const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((n) => [n, stack.subgraphs[n].url])) as Record<SubgraphName, string>;
      const error: Error = await startHiveGateway({ planner: 'js', subgraphUrls, supergraphFile: broken, startTimeoutMs: 15_000 }).then(
        () => expect.unreachable('started on a broken supergraph'),
        (e) => e,
      );
      expect(error.message).toMatch(/did not start[\s\S]*--- its output ---[\s\S]*Syntax Error/);
      const pid = Number(/pid (\d+)/.exec(error.message)![1]);
      expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('close() ends the process and waits for it', async () => {
    const { pid } = hive.js;
    await hive.js.close();
    expect(() => process.kill(pid, 0)).toThrow(/ESRCH/);
  });
});
