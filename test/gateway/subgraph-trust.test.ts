// Subgraphs answer only the gateway: a client's own token sent straight to a subgraph port is refused
// (it would skip the safelist, depth, alias, cost and body limits), as is any gateway token not made
// for that subgraph, now, by the gateway's key. Behind a valid gateway token a subgraph still keeps
// limits of its own. Through the gateway everything answers as before.
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { signingKeyOf } from '../../platform/auth/gatewayKeys.js';
import { signGatewayToken } from '../../platform/auth/gatewayToken.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { SUBGRAPHS, type SubgraphName } from '../../platform/topology.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { codes, post, type GraphQLResponse } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
const received = {} as Record<SubgraphName, Array<{ requestId?: string; authorization?: string }>>;
beforeAll(async () => {
  stack = await testStack({ employees: 50 });
  for (const name of SUBGRAPHS) {
    received[name] = [];
    stack.subgraphs[name].server.on('request', (req: IncomingMessage) => {
      received[name].push({ requestId: req.headers['x-request-id'] as string | undefined, authorization: req.headers.authorization });
    });
  }
});
afterAll(() => stack?.close());

// A query each subgraph can answer on its own (`_service` is part of every subgraph's schema).
const PROBE = '{ _service { sdl } }';
// What a client would try at a subgraph port: the data the gateway guards.
const DATA: Record<SubgraphName, string> = {
  employee: '{ employees(first: 5) { nodes { name } } }',
  organisation: '{ orgUnits(first: 5) { nodes { name } } }',
  absence: '{ _service { sdl } }',
  payroll: '{ _service { sdl } }',
};

function expectRefused(res: GraphQLResponse, what: string, message = /only the gateway/) {
  expect(res.status, what).toBe(401);
  expect(res.body.data ?? null, what).toBeNull();
  expect(codes(res), what).toEqual(['UNAUTHENTICATED']);
  expect(res.body.errors?.[0].message, what).toMatch(message);
}

describe('a subgraph port', () => {
  it('refuses fagsystem, analyst and frontend OIDC tokens sent to it directly, and gives no data', async () => {
    for (const clientKind of ['fagsystem', 'analyst', 'frontend'] as const) {
      const headers = await stack.headers({ clientKind });
      // Valid at the gateway (a fagsystem's unregistered query is refused there by its safelist, not its token).
      expect((await post(stack.url, DATA.employee, undefined, headers)).status).toBe(clientKind === 'fagsystem' ? 400 : 200);
      for (const name of SUBGRAPHS) expectRefused(await post(stack.subgraphs[name].url, DATA[name], undefined, headers), `${clientKind} -> ${name}`);
    }
  });

  it('refuses no token at all', async () => {
    for (const name of SUBGRAPHS) expectRefused(await post(stack.subgraphs[name].url, PROBE), name, /bearer token is required/);
  });

  it('refuses a gateway token made for another subgraph', async () => {
    for (const name of SUBGRAPHS) {
      const other = SUBGRAPHS.find((n) => n !== name)!;
      expectRefused(await post(stack.subgraphs[name].url, PROBE, undefined, await gatewayHeadersFor(stack, other)), `${other}'s token -> ${name}`, /aud claim/);
    }
  });

  it('refuses an expired gateway token', async () => {
    const expired = await gatewayHeadersFor(stack, 'employee', { issuedAt: Math.floor(Date.now() / 1000) - 300, lifetimeSeconds: 60 });
    expectRefused(await post(stack.subgraphs.employee.url, PROBE, undefined, expired), 'expired', /expired/);
  });

  it('refuses a gateway token signed by another Ed25519 key, under its own kid or the gateway key\'s', async () => {
    const other = signingKeyOf(generateKeyPairSync('ed25519').privateKey);
    const principal = { subject: 'mallory', clientId: 'x', clientKind: 'analyst' as const, scopes: new Set<string>(ALL_SCOPES), expiresAt: 0 };
    for (const key of [other, { ...other, kid: stack.signingKey.kid }]) {
      const token = await signGatewayToken(key, { subgraph: 'payroll', tokenId: 'forged', principal });
      expectRefused(await post(stack.subgraphs.payroll.url, PROBE, undefined, { authorization: `Bearer ${token}` }), key.kid);
    }
  });

  it('answers a valid gateway token for it', async () => {
    for (const name of SUBGRAPHS) {
      const res = await post(stack.subgraphs[name].url, PROBE, undefined, await gatewayHeadersFor(stack, name, { scopes: [] }));
      expect(res.status, name).toBe(200);
      expect(res.body.data._service.sdl, name).toContain('@key');
    }
  });
});

describe('through the gateway', () => {
  // Touches all four subgraphs, the organisation subgraph twice.
  const CARD = /* GraphQL */ `
    query Card($n: ID!) {
      employment(employmentNumber: $n) {
        employmentNumber
        orgUnit { name parent { employments { orgUnit { name } } } }
        employee { name manager { name title unit { name } } }
        absences(from: "2026-01-01", to: "2026-11-01") { type }
        salaryPlacement { payGroup }
      }
    }
  `;

  const askAs = async (who: { subject: string; scopes?: readonly string[] }, requestId: string) => {
    const { authorization } = await stack.headers({ clientKind: 'analyst', subject: who.subject, clientId: 'hr-portal', scopes: who.scopes ?? ALL_SCOPES });
    const n = stack.municipality.opus.employments[0].employmentNumber;
    for (const name of SUBGRAPHS) received[name].length = 0;
    const res = await post(stack.url, CARD, { n }, { authorization, 'x-request-id': requestId });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employment.employee.name).toBeTruthy();
    const sent = Object.fromEntries(SUBGRAPHS.map((name) => [name, received[name].map((r) => ({ ...r }))])) as typeof received;
    return { authorization, sent };
  };

  it('answers as before, each subgraph getting a token of its own for the verified caller, never the client\'s', async () => {
    const { authorization, sent } = await askAs({ subject: 'ada' }, 'trust-card-1');
    // The organisation subgraph is called twice: the unit with its parent and the manager (one request),
    // then the units of the parent's staff, which need the employee subgraph's step in between.
    expect(sent.organisation.length).toBeGreaterThanOrEqual(2);
    const tokens = new Set<string>();
    for (const name of SUBGRAPHS) {
      expect(sent[name].length, name).toBeGreaterThan(0);
      // Every call to a subgraph carries the same token, and the client's request id beside it.
      expect(new Set(sent[name].map((r) => r.authorization)).size, name).toBe(1);
      expect(sent[name].map((r) => r.requestId), name).toEqual(sent[name].map(() => 'trust-card-1'));
      const token = sent[name][0].authorization!;
      expect(token).not.toBe(authorization);
      tokens.add(token);
      expect(decodeJwt(token.replace(/^Bearer /, ''))).toMatchObject({
        iss: 'kommunegraf-gateway',
        aud: name,
        sub: 'ada',
        azp: 'hr-portal',
        client_kind: 'analyst',
        scope: ALL_SCOPES.join(' '),
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    }
    expect(tokens.size).toBe(SUBGRAPHS.length);
  });

  it('reuses a caller\'s token for its next requests, and gives another caller, or other scopes, tokens of their own', async () => {
    const first = await askAs({ subject: 'grace' }, 'reuse-1');
    const again = await askAs({ subject: 'grace' }, 'reuse-2');
    const other = await askAs({ subject: 'linus' }, 'reuse-3');
    const fewer = await askAs({ subject: 'grace', scopes: ALL_SCOPES.filter((s) => s !== 'payroll:tax') }, 'reuse-4');
    for (const name of SUBGRAPHS) {
      const token = first.sent[name][0].authorization;
      // A new client token for the same caller (a refresh) still gets the same subgraph token.
      expect(again.authorization).not.toBe(first.authorization);
      expect(again.sent[name][0].authorization, name).toBe(token);
      // Each request's own id still reaches the subgraph, for its audit trail and logs.
      expect(again.sent[name][0].requestId, name).toBe('reuse-2');
      expect(other.sent[name][0].authorization, name).not.toBe(token);
      expect(decodeJwt(other.sent[name][0].authorization!.replace(/^Bearer /, '')).sub).toBe('linus');
    }
    // Other scopes are another caller, with tokens that carry only those scopes.
    for (const name of SUBGRAPHS) {
      expect(fewer.sent[name][0].authorization, name).not.toBe(first.sent[name][0].authorization);
      expect(decodeJwt(fewer.sent[name][0].authorization!.replace(/^Bearer /, '')).scope).not.toContain('payroll:tax');
    }
  });
});

describe('a subgraph\'s own limits, behind a valid gateway token', () => {
  it('refuses 20,000 aliases', async () => {
    const query = `{ ${Array.from({ length: 20_000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const res = await post(stack.subgraphs.employee.url, query, undefined, await gatewayHeadersFor(stack, 'employee'));
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(codes(res)).toContain('TOO_MANY_ALIASES');
  });

  it('refuses a query 200 levels deep', async () => {
    const query = `{ orgUnits(first: 1) { nodes { ${'parent { '.repeat(198)}name${' }'.repeat(198)} } } }`;
    const res = await post(stack.subgraphs.organisation.url, query, undefined, await gatewayHeadersFor(stack, 'organisation'));
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(codes(res)).toContain('QUERY_TOO_DEEP');
  });

  it('answers the depth and aliases of a query plan', async () => {
    const query = `{ orgUnits(first: 1) { nodes { ${'parent { '.repeat(20)}name${' }'.repeat(20)} } } ${Array.from({ length: 50 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const res = await post(stack.subgraphs.organisation.url, query, undefined, await gatewayHeadersFor(stack, 'organisation'));
    expect(res.body.errors).toBeUndefined();
    expect(res.status).toBe(200);
  });

  it('refuses a 5 MB body with 413', async () => {
    const res = await fetch(stack.subgraphs.payroll.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await gatewayHeadersFor(stack, 'payroll')) },
      body: JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5 * 1024 * 1024)}` }),
    });
    expect(res.status).toBe(413);
    expect((await res.json()).errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses introspection', async () => {
    for (const query of ['{ __schema { types { name } } }', '{ __type(name: "Query") { name } }']) {
      const res = await post(stack.subgraphs.absence.url, query, undefined, await gatewayHeadersFor(stack, 'absence'));
      expect(res.status, query).toBe(400);
      expect(codes(res), query).toEqual(['INTROSPECTION_DISABLED']);
    }
  });
});

describe('a subgraph run alone with SUBGRAPH_ACCEPT_CLIENT_TOKENS', () => {
  let standalone: Stack;
  beforeAll(async () => {
    standalone = await testStack({ employees: 20, subgraphsAcceptClientTokens: true });
  });
  afterAll(() => standalone?.close());

  it('answers a frontend or analyst token directly, and allows introspection', async () => {
    for (const clientKind of ['frontend', 'analyst'] as const) {
      const res = await post(standalone.subgraphs.employee.url, DATA.employee, undefined, await standalone.headers({ clientKind }));
      expect(res.body.errors, clientKind).toBeUndefined();
      expect(res.body.data.employees.nodes.length, clientKind).toBeGreaterThan(0);
    }
    const res = await post(standalone.subgraphs.employee.url, '{ __schema { queryType { name } } }', undefined, await standalone.headers());
    expect(res.body.data.__schema.queryType.name).toBe('Query');
  });

  it('still refuses a fagsystem token: its safelist lives in the gateway', async () => {
    expectRefused(await post(standalone.subgraphs.employee.url, DATA.employee, undefined, await standalone.headers({ clientKind: 'fagsystem' })), 'fagsystem', /fagsystem/);
  });

  it('still answers the gateway', async () => {
    const res = await post(standalone.url, DATA.employee, undefined, await standalone.headers());
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.employees.nodes.length).toBeGreaterThan(0);
  });
});

describe('under NODE_ENV=production', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'subgraph-trust-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Starts an entry point and returns its exit code and output; it must stop by itself. */
  function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', entry], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', AUDIT_SINK: 'file', AUDIT_FILE: join(dir, 'audit.jsonl'), EMPLOYEE_PORT: '0', PORT: '0', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (c: Buffer) => void (output += c));
      child.stderr!.on('data', (c: Buffer) => void (output += c));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, output });
      });
    });
  }

  it('a subgraph refuses to start without GATEWAY_PUBLIC_KEYS, or with SUBGRAPH_ACCEPT_CLIENT_TOKENS', async () => {
    const missing = await run('subgraphs/employee/server.ts', {});
    expect(missing.code).not.toBe(0);
    expect(missing.output).toMatch(/GATEWAY_PUBLIC_KEYS is required when NODE_ENV=production/);
    const publicKey = generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const flagged = await run('subgraphs/employee/server.ts', { GATEWAY_PUBLIC_KEYS: publicKey, SUBGRAPH_ACCEPT_CLIENT_TOKENS: 'true' });
    expect(flagged.code).not.toBe(0);
    expect(flagged.output).toMatch(/SUBGRAPH_ACCEPT_CLIENT_TOKENS=true .* refused when NODE_ENV=production/);
  });

  it('the gateway refuses to start without GATEWAY_SIGNING_KEY', async () => {
    const res = await run('gateway/main.ts', { AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'kommunegraf' });
    expect(res.code).not.toBe(0);
    expect(res.output).toMatch(/GATEWAY_SIGNING_KEY is required when NODE_ENV=production/);
  });
});
