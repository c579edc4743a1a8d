// The token the gateway signs for each subgraph call: what it carries, and everything a subgraph's
// verifier refuses (another audience, expired, another key, a client's token, a lifetime too long),
// key loading with rotation, and the startup refusals under NODE_ENV=production.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  developmentGatewayKeyPair,
  gatewayPublicKeysFromEnv,
  gatewaySigningKeyFromEnv,
  keyId,
  publicKeysOf,
  signingKeyOf,
} from '../../platform/auth/gatewayKeys.js';
import { createGatewayTokenVerifier, GATEWAY_ISSUER, gatewayTokenSeconds, signGatewayToken } from '../../platform/auth/gatewayToken.js';
import type { Principal } from '../../platform/auth/principal.js';
import { GatewayTokenCache } from '../../platform/auth/gatewayTokenCache.js';
import { acceptClientTokensFromEnv } from '../../subgraphs/shared/auth/subgraphTrust.js';
import type { TokenVerifier } from '../../platform/auth/verifier.js';

const principal: Principal = { subject: 'alice', clientId: 'hr-portal', clientKind: 'analyst', scopes: new Set(['employee:read', 'org:read']), expiresAt: 0 };
const ed25519 = () => generateKeyPairSync('ed25519');
const pem = (key: import('node:crypto').KeyObject) => key.export({ format: 'pem', type: key.type === 'private' ? 'pkcs8' : 'spki' }).toString();

const primary = ed25519();
const signing = signingKeyOf(primary.privateKey);
const employeeVerifier = createGatewayTokenVerifier({ subgraph: 'employee', publicKeys: publicKeysOf([primary.publicKey]) });
const sign = (over: Partial<Parameters<typeof signGatewayToken>[1]> = {}, key = signing) => signGatewayToken(key, { subgraph: 'employee', tokenId: 'req-1', principal, ...over });

async function refused(verifier: TokenVerifier, authorization: string | undefined, message: RegExp) {
  const error = await verifier.verify(authorization).then(
    () => expect.unreachable('accepted'),
    (e) => e,
  );
  expect(error.extensions.code).toBe('UNAUTHENTICATED');
  expect(error.extensions.http.status).toBe(401);
  expect(error.message).toMatch(/^This subgraph answers only the gateway/);
  expect(error.message).toMatch(message);
}

describe('a gateway token', () => {
  it('carries the verified caller for one subgraph, signed with EdDSA under the key thumbprint', async () => {
    const token = await sign({ issuedAt: 1_800_000_000, lifetimeSeconds: 60 });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: keyId(primary.publicKey) });
    expect(decodeJwt(token)).toEqual({
      iss: GATEWAY_ISSUER,
      aud: 'employee',
      sub: 'alice',
      azp: 'hr-portal',
      client_kind: 'analyst',
      scope: 'employee:read org:read',
      jti: 'req-1',
      iat: 1_800_000_000,
      exp: 1_800_000_060,
    });
  });

  it('gives the subgraph the same principal the gateway verified', async () => {
    const verified = await employeeVerifier.verify(`Bearer ${await sign()}`);
    expect(verified).toMatchObject({ subject: 'alice', clientId: 'hr-portal', clientKind: 'analyst' });
    expect([...verified.scopes]).toEqual(['employee:read', 'org:read']);
    expect(verified.expiresAt).toBeGreaterThan(Date.now() / 1000);
  });

  it('lives 60 s, or twice the subgraph timeout when that is longer', () => {
    expect(gatewayTokenSeconds(30_000)).toBe(60);
    expect(gatewayTokenSeconds(45_000)).toBe(90);
  });

  it('is refused by another subgraph', async () => {
    await refused(employeeVerifier, `Bearer ${await sign({ subgraph: 'payroll' })}`, /aud claim/);
  });

  it('is refused once expired', async () => {
    await refused(employeeVerifier, `Bearer ${await sign({ issuedAt: Math.floor(Date.now() / 1000) - 120, lifetimeSeconds: 60 })}`, /expired/);
  });

  it('is refused when signed by another Ed25519 key, even one claiming the known kid', async () => {
    const other = ed25519();
    await refused(employeeVerifier, `Bearer ${await sign({}, signingKeyOf(other.privateKey))}`, /gateway key this subgraph knows/);
    await refused(employeeVerifier, `Bearer ${await sign({}, { ...signingKeyOf(other.privateKey), kid: signing.kid })}`, /signature/);
  });

  it('is refused when it would live longer than 15 minutes', async () => {
    await refused(employeeVerifier, `Bearer ${await sign({ lifetimeSeconds: 3_600 })}`, /longer than 900 s/);
  });

  it('is refused with another issuer or algorithm, missing, or not a JWT', async () => {
    const wrongIssuer = await new SignJWT({ azp: 'x', client_kind: 'frontend', scope: '' })
      .setProtectedHeader({ alg: 'EdDSA', kid: signing.kid })
      .setIssuer('someone-else')
      .setAudience('employee')
      .setSubject('mallory')
      .setJti('r')
      .setIssuedAt()
      .setExpirationTime('1m')
      .sign(primary.privateKey);
    await refused(employeeVerifier, `Bearer ${wrongIssuer}`, /send requests to the gateway/);
    await refused(employeeVerifier, undefined, /bearer token is required/);
    await refused(employeeVerifier, 'Bearer not-a-jwt', /Bearer <JWT>/);
    await refused(employeeVerifier, 'Bearer a.b.c', /not a valid JWT/);
  });

  it('is refused when any signed part is changed, a claim is missing or mistyped, or it is not yet valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: GATEWAY_ISSUER, aud: 'employee', sub: 'alice', azp: 'hr-portal', client_kind: 'analyst', scope: 'employee:read', jti: 'r', iat: now, exp: now + 60 };
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const header = { alg: 'EdDSA', typ: 'JWT', kid: signing.kid };
    const forge = (h: object, p: object) => {
      const signed = `${part(h)}.${part(p)}`;
      return `Bearer ${signed}.${cryptoSign(null, Buffer.from(signed), primary.privateKey).toString('base64url')}`;
    };
    // The hand-made token is accepted as it stands, also with aud as a list, so each refusal below is its one change.
    await expect(employeeVerifier.verify(forge(header, claims))).resolves.toMatchObject({ subject: 'alice' });
    await expect(employeeVerifier.verify(forge(header, { ...claims, aud: ['payroll', 'employee'], jti: 'r2' }))).resolves.toMatchObject({ subject: 'alice' });
    const [h, p, sig] = forge(header, claims).slice('Bearer '.length).split('.');
    await refused(employeeVerifier, `Bearer ${h}.${part({ ...claims, scope: 'employee:read employee:cpr' })}.${sig}`, /signature/);
    await refused(employeeVerifier, `Bearer ${part({ ...header, typ: 'JOSE' })}.${p}.${sig}`, /signature/);
    await refused(employeeVerifier, forge({ ...header, crit: ['b64'] }, claims), /gateway key this subgraph knows/);
    await refused(employeeVerifier, forge({ ...header, alg: 'none' }, claims), /gateway key this subgraph knows/);
    for (const claim of ['exp', 'iat', 'sub', 'jti'] as const) {
      const { [claim]: _left, ...without } = claims;
      await refused(employeeVerifier, forge(header, without), new RegExp(`${claim} claim`));
      await refused(employeeVerifier, forge(header, { ...claims, [claim]: claim === 'sub' || claim === 'jti' ? 7 : String(claims[claim]) }), new RegExp(`${claim} claim`));
    }
    await refused(employeeVerifier, forge(header, { ...claims, iat: now + 600, exp: now + 660 }), /iat claim/);
    await refused(employeeVerifier, forge(header, { ...claims, nbf: now + 600 }), /nbf claim/);
    await refused(employeeVerifier, forge(header, { ...claims, aud: ['payroll'] }), /aud claim/);
  });

  it('is refused with a client_kind outside the known kinds', async () => {
    await refused(employeeVerifier, `Bearer ${await sign({ principal: { ...principal, clientKind: 'admin' as never } })}`, /client_kind/);
  });
});

describe("the gateway's tokens per caller", () => {
  // Whole seconds, 40 s ago: the renewed token below is then issued 10 s ago, which a verifier accepts.
  const start = (Math.floor(Date.now() / 1000) - 40) * 1000;
  const at = { ms: start };
  const cache = () => new GatewayTokenCache({ signingKey: signing, lifetimeSeconds: 60, renewWithinMs: 30_000, now: () => at.ms });

  it('reuses a caller\'s token for one subgraph until it has no more than the subgraph timeout left, then signs anew', async () => {
    const tokens = cache();
    at.ms = start;
    const first = await tokens.tokenFor(principal, 'employee');
    expect(decodeJwt(first)).toMatchObject({ aud: 'employee', iat: start / 1000, exp: start / 1000 + 60, jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    // The same claims in another Principal object (another request, a refreshed client token): the same token.
    at.ms += 29_999;
    expect(await tokens.tokenFor({ ...principal, scopes: new Set(principal.scopes) }, 'employee')).toBe(first);
    at.ms += 1;
    const second = await tokens.tokenFor(principal, 'employee');
    expect(second).not.toBe(first);
    expect(decodeJwt(second)).toMatchObject({ iat: start / 1000 + 30, exp: start / 1000 + 90 });
    expect(decodeJwt(second).jti).not.toBe(decodeJwt(first).jti);
    await expect(employeeVerifier.verify(`Bearer ${second}`)).resolves.toMatchObject({ subject: 'alice' });
  });

  it('never gives one caller\'s token to another, or one subgraph\'s to another', async () => {
    const tokens = cache();
    const mine = await tokens.tokenFor(principal, 'employee');
    const variants: Principal[] = [
      { ...principal, subject: 'bob' },
      { ...principal, clientId: 'other-portal' },
      { ...principal, clientKind: 'frontend' },
      { ...principal, scopes: new Set(['employee:read']) },
      { ...principal, scopes: new Set(['employee:read', 'org:read', 'payroll:read']) },
      // Claims that would run together if they were only joined.
      { ...principal, subject: 'alice\nhr-portal', clientId: 'x' },
      { ...principal, subject: 'alice', clientId: 'hr-portal\nx' },
    ];
    const seen = new Set([mine]);
    for (const p of variants) {
      const theirs = await tokens.tokenFor(p, 'employee');
      expect(seen.has(theirs)).toBe(false);
      seen.add(theirs);
      const claims = decodeJwt(theirs);
      expect([claims.sub, claims.azp, claims.client_kind, claims.scope]).toEqual([p.subject, p.clientId, p.clientKind, [...p.scopes].join(' ')]);
    }
    const payroll = await tokens.tokenFor(principal, 'payroll');
    expect(decodeJwt(payroll).aud).toBe('payroll');
    await refused(employeeVerifier, `Bearer ${payroll}`, /aud claim/);
  });
});

describe('client tokens at a subgraph', () => {
  // Client tokens are told apart by their issuer; the OIDC verifier itself is stood in for (test/auth/tokens.test.ts covers it).
  const clientToken = (kind: string) => `Bearer ${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://idp', kind })).toString('base64url')}.x`;
  const oidc: TokenVerifier = { verify: async (a) => ({ ...principal, clientKind: JSON.parse(Buffer.from(a!.split('.')[1], 'base64url').toString()).kind }) };

  it('are refused unless the standalone flag is on', async () => {
    await refused(employeeVerifier, clientToken('frontend'), /send requests to the gateway/);
  });

  it('with the flag, are accepted for analysts and frontends and refused for fagsystems', async () => {
    const standalone = createGatewayTokenVerifier({
      subgraph: 'employee',
      publicKeys: publicKeysOf([primary.publicKey]),
      clientTokens: oidc,
    });
    expect((await standalone.verify(clientToken('frontend'))).clientKind).toBe('frontend');
    await refused(standalone, clientToken('fagsystem'), /for fagsystem clients/);
    // Gateway tokens still work beside them.
    expect((await standalone.verify(`Bearer ${await sign()}`)).subject).toBe('alice');
  });

  it('the flag is refused when NODE_ENV=production', () => {
    expect(acceptClientTokensFromEnv({ SUBGRAPH_ACCEPT_CLIENT_TOKENS: 'true' })).toBe(true);
    expect(acceptClientTokensFromEnv({})).toBe(false);
    expect(() => acceptClientTokensFromEnv({ SUBGRAPH_ACCEPT_CLIENT_TOKENS: 'true', NODE_ENV: 'production' })).toThrow(/SUBGRAPH_ACCEPT_CLIENT_TOKENS.*NODE_ENV=production/);
    expect(() => acceptClientTokensFromEnv({ SUBGRAPH_ACCEPT_CLIENT_TOKENS: 'yes' })).toThrow(/SUBGRAPH_ACCEPT_CLIENT_TOKENS must be true or false/);
  });
});

describe('gateway keys from the environment', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gateway-keys-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('outside production, stand in with the development pair, the same in every process', () => {
    const key = gatewaySigningKeyFromEnv({});
    const publicKeys = gatewayPublicKeysFromEnv({ NODE_ENV: 'test' });
    expect(key.development).toBe(true);
    expect(publicKeys.development).toBe(true);
    expect([...publicKeys.keys.keys()]).toEqual([key.kid]);
    expect(keyId(developmentGatewayKeyPair().publicKey)).toBe(key.kid);
  });

  it('are required when NODE_ENV=production, naming the variable', () => {
    expect(() => gatewaySigningKeyFromEnv({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SIGNING_KEY is required when NODE_ENV=production/);
    expect(() => gatewayPublicKeysFromEnv({ NODE_ENV: 'production' })).toThrow(/GATEWAY_PUBLIC_KEYS is required when NODE_ENV=production/);
  });

  it('refuse malformed keys, another key type, or a public key given as the private one', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const env of [{ NODE_ENV: 'production' }, {}]) {
      expect(() => gatewaySigningKeyFromEnv({ ...env, GATEWAY_SIGNING_KEY: '-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----' })).toThrow(/GATEWAY_SIGNING_KEY is not a usable Ed25519 private key/);
      expect(() => gatewaySigningKeyFromEnv({ ...env, GATEWAY_SIGNING_KEY: pem(rsa.privateKey) })).toThrow(/GATEWAY_SIGNING_KEY.*Ed25519/);
      expect(() => gatewaySigningKeyFromEnv({ ...env, GATEWAY_SIGNING_KEY: pem(primary.publicKey) })).toThrow(/GATEWAY_SIGNING_KEY must hold an Ed25519 private key/);
      expect(() => gatewayPublicKeysFromEnv({ ...env, GATEWAY_PUBLIC_KEYS: pem(rsa.publicKey) })).toThrow(/GATEWAY_PUBLIC_KEYS.*Ed25519/);
      expect(() => gatewayPublicKeysFromEnv({ ...env, GATEWAY_PUBLIC_KEYS: join(dir, 'missing.pem') })).toThrow(/GATEWAY_PUBLIC_KEYS names a file that cannot be read/);
    }
  });

  it('read PEM text or files; several public keys for a rotation, each picked by the token kid', async () => {
    const next = ed25519();
    await writeFile(join(dir, 'signing.pem'), pem(next.privateKey));
    await writeFile(join(dir, 'old.pem'), pem(primary.publicKey));
    await writeFile(join(dir, 'new.pem'), pem(next.publicKey));
    const fromFile = gatewaySigningKeyFromEnv({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: join(dir, 'signing.pem') });
    expect(fromFile).toMatchObject({ kid: keyId(next.publicKey), development: false });
    expect(gatewaySigningKeyFromEnv({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: pem(next.privateKey) }).kid).toBe(fromFile.kid);

    const byFiles = gatewayPublicKeysFromEnv({ NODE_ENV: 'production', GATEWAY_PUBLIC_KEYS: `${join(dir, 'old.pem')},${join(dir, 'new.pem')}` });
    const byText = gatewayPublicKeysFromEnv({ NODE_ENV: 'production', GATEWAY_PUBLIC_KEYS: pem(primary.publicKey) + pem(next.publicKey) });
    expect([...byText.keys.keys()]).toEqual([...byFiles.keys.keys()]);
    expect(byFiles.keys.size).toBe(2);

    const rotating = createGatewayTokenVerifier({ subgraph: 'employee', publicKeys: byFiles });
    expect((await rotating.verify(`Bearer ${await sign({}, signing)}`)).subject).toBe('alice');
    expect((await rotating.verify(`Bearer ${await sign({}, fromFile)}`)).subject).toBe('alice');
    // Once the old key is dropped, its tokens are refused.
    const afterRotation = createGatewayTokenVerifier({ subgraph: 'employee', publicKeys: publicKeysOf([next.publicKey]) });
    await refused(afterRotation, `Bearer ${await sign({}, signing)}`, /gateway key this subgraph knows/);
  });
});
