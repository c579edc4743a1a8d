// Bearer tokens as a client presents them: the gateway refuses what does not verify, and no subgraph
// answers a request without a token it can verify itself (from the gateway: gatewayToken.ts).
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import { clientKindsFromEnv } from '../../platform/auth/config.js';
import { mintToken } from '../../platform/auth/devIssuer.js';
import { createVerifier } from '../../platform/auth/verifier.js';
import { post } from '../support/http.js';
import { gatewayHeadersFor } from '../support/gatewayToken.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await testStack({ employees: 50 });
});
afterAll(() => stack?.close());

const QUERY = '{ orgUnits(first: 1) { nodes { name } } }';

async function expect401(headers: Record<string, string>, message: RegExp) {
  const res = await post(stack.url, QUERY, undefined, headers);
  expect(res.status).toBe(401);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.body.errors?.[0].message).toMatch(message);
  expect(JSON.stringify(res.body)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
}

/** A token that looks like the issuer's (same kid, issuer, audience) but is signed with another key. */
async function forged(): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256');
  return new SignJWT({ scope: 'org:read' })
    .setProtectedHeader({ alg: 'ES256', kid: stack.issuer!.key.kid })
    .setIssuer(stack.issuer!.url)
    .setAudience(stack.auth.audience)
    .setSubject('mallory')
    .setExpirationTime('1h')
    .sign(privateKey);
}

describe('the gateway', () => {
  it('answers a valid token', async () => {
    const res = await post(stack.url, QUERY, undefined, await stack.headers({ scopes: ['org:read'] }));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.orgUnits.nodes).toHaveLength(1);
  });

  it('refuses a request without a token with 401 and a Bearer challenge', async () => {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses forged, expired, wrong-audience, wrong-issuer and malformed tokens with 401', async () => {
    await expect401({ authorization: `Bearer ${await forged()}` }, /signature/);
    await expect401(await stack.headers({ ttlSeconds: -120 }), /expired/);
    await expect401(await stack.headers({ audience: 'someone-else' }), /aud/);
    const otherIssuer = await mintToken(stack.issuer!.key, { issuer: 'https://evil.example', scopes: ['org:read'] });
    await expect401({ authorization: `Bearer ${otherIssuer}` }, /iss/);
    await expect401({ authorization: 'Bearer not.a.jwt' }, /not a valid JWT/);
    await expect401({ authorization: 'Basic dXNlcjpwYXNz' }, /Bearer <JWT>/);
    await expect401(await stack.headers({ clientKind: 'superuser' as never }), /client_kind/);
  });

  it('refuses a token without a client_kind claim with 401 naming the claim', async () => {
    await expect401(await stack.headers({ claims: { client_kind: undefined } }), /no client_kind claim/);
  });

  it('gives a token without client_kind the kind AUTH_CLIENT_KINDS lists for its client, and only then', async () => {
    const verifier = createVerifier({ ...stack.auth, clientKinds: clientKindsFromEnv({ AUTH_CLIENT_KINDS: 'hr-portal=frontend,esdh=fagsystem' }) });
    const kindless = (clientId: string) => stack.token({ clientId, claims: { client_kind: undefined } });
    expect((await verifier.verify(`Bearer ${await kindless('esdh')}`)).clientKind).toBe('fagsystem');
    expect((await verifier.verify(`Bearer ${await kindless('hr-portal')}`)).clientKind).toBe('frontend');
    await expect(verifier.verify(`Bearer ${await kindless('someone-else')}`)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    // The claim, when present, is what counts.
    expect((await verifier.verify(`Bearer ${await stack.token({ clientId: 'esdh', clientKind: 'analyst' })}`)).clientKind).toBe('analyst');
  });

  it('refuses an unsigned (alg: none) token', async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: stack.issuer!.url, aud: stack.auth.audience, sub: 'x', exp: now + 600, scope: 'org:read' })}.`;
    const res = await post(stack.url, QUERY, undefined, { authorization: `Bearer ${unsigned}` });
    expect(res.status).toBe(401);
  });
});

describe('the gateway refusing a token for its issuer or audience', () => {
  async function refusal(token: string) {
    const res = await fetch(stack.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: QUERY }) });
    const body = await res.json();
    expect(res.status).toBe(401);
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    return { message: body.errors[0].message as string, challenge: res.headers.get('www-authenticate'), text: JSON.stringify(body) };
  }

  it("names the issuer it expects, for a token signed with the stack's key (minted for the wrong port) and for another issuer's", async () => {
    const wrongPort = await mintToken(stack.issuer!.key, { issuer: 'http://127.0.0.1:1', scopes: ['org:read'] });
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const otherIssuer = await new SignJWT({ scope: 'org:read', client_kind: 'analyst' })
      .setProtectedHeader({ alg: 'ES256', kid: (await exportJWK(publicKey)).x })
      .setIssuer('https://login.other.example')
      .setAudience(stack.auth.audience)
      .setSubject('someone')
      .setExpirationTime('1h')
      .sign(privateKey);
    for (const token of [wrongPort, otherIssuer]) {
      const { message, challenge, text } = await refusal(token);
      expect(message).toBe(`The token's iss claim is not accepted: tokens must be issued by ${stack.issuer!.url}`);
      expect(challenge).toBe(`Bearer error="invalid_token", error_description="${message}"`);
      // What the token itself says is not echoed.
      expect(text).not.toMatch(/127\.0\.0\.1:1\b|other\.example/);
    }
  });

  it('names the audience it expects', async () => {
    const { message, text } = await refusal(await stack.token({ audience: 'someone-else' }));
    expect(message).toBe(`The token's aud claim is not accepted: tokens must be made out to the audience ${stack.auth.audience}`);
    expect(text).not.toContain('someone-else');
  });
});

describe('every subgraph, called directly', () => {
  const subgraphQuery = '{ _service { sdl } }';

  it('refuses requests without a valid token, whatever else they claim', async () => {
    for (const [name, sg] of Object.entries(stack.subgraphs)) {
      const none = await post(sg.url, subgraphQuery, undefined, { 'x-user': 'admin', 'x-scopes': 'payroll:tax' });
      expect(none.status, name).toBe(401);
      const bad = await post(sg.url, subgraphQuery, undefined, { authorization: `Bearer ${await forged()}` });
      expect(bad.status, name).toBe(401);
    }
  });

  it('refuses a client\'s valid token and answers the token the gateway signed for it (test/gateway/subgraph-trust.test.ts)', async () => {
    const headers = await stack.headers({ scopes: [] });
    for (const [name, sg] of Object.entries(stack.subgraphs)) {
      expect((await post(sg.url, subgraphQuery, undefined, headers)).status, name).toBe(401);
      const res = await post(sg.url, subgraphQuery, undefined, await gatewayHeadersFor(stack, name, { scopes: [] }));
      expect(res.status, name).toBe(200);
      expect(res.body.data._service.sdl, name).toContain('@key');
    }
  });
});

describe('the development issuer', () => {
  it('publishes its keys the way an OIDC issuer does', async () => {
    const discovery = await (await fetch(`${stack.issuer!.url}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(stack.issuer!.url);
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0].d).toBeUndefined();
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', kid: stack.issuer!.key.kid });
    // The private part of a fresh key is never what is published.
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    expect((await exportJWK(privateKey)).d).toBeDefined();
  });

  it('sets client_kind on every token it mints (frontend unless asked for another)', async () => {
    const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims(await stack.token()).client_kind).toBe('frontend');
    expect(claims(await stack.token({ clientKind: 'fagsystem' })).client_kind).toBe('fagsystem');
  });
});
