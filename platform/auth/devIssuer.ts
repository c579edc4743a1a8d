// The local development issuer: an OpenID discovery document and a JWKS over HTTP, exactly what a
// real issuer serves, so development and tests verify tokens along the production code path. Its key
// lives in var/dev-issuer/ (npm start and `npm run token` share it); tests use a key in memory.
// `npm run token` finds the issuer the running stack uses through runningIssuer.ts.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { DEV_AUDIENCE } from './config.js';
import type { ClientKind } from './principal.js';

const ALG = 'ES256';
export const DEV_KEY_FILE = new URL('../../var/dev-issuer/signing-key.jwk.json', import.meta.url);

export interface DevKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function newKey(): Promise<{ key: DevKey; privateJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' };
  return { key: { kid, privateKey, publicJwk }, privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG } };
}

/** The key in `file`, created (readable by its owner only) when there is none yet; in memory without a file. */
export async function devKey(file?: URL | string): Promise<DevKey> {
  if (!file) return (await newKey()).key;
  try {
    const privateJwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
    const { d: _d, ...publicPart } = privateJwk;
    return {
      kid: String(privateJwk.kid),
      privateKey: (await importJWK(privateJwk, ALG)) as CryptoKey,
      publicJwk: { ...publicPart, use: 'sig' },
    };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const { key, privateJwk } = await newKey();
    const path = file instanceof URL ? file.pathname : file;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(file, JSON.stringify(privateJwk), { mode: 0o600, flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
      // Another process created it first: use theirs.
      if (e.code === 'EEXIST') return;
      throw e;
    });
    return devKey(file);
  }
}

export interface TokenRequest {
  issuer: string;
  audience?: string;
  subject?: string;
  scopes: readonly string[];
  /** The token's client_kind claim; `frontend` when not given (remove it with `claims: { client_kind: undefined }`). */
  clientKind?: ClientKind;
  clientId?: string;
  ttlSeconds?: number;
  /** Extra claims, e.g. to test what the verifier refuses. */
  claims?: Record<string, unknown>;
}

export async function mintToken(key: DevKey, req: TokenRequest): Promise<string> {
  return new SignJWT({
    scope: req.scopes.join(' '),
    azp: req.clientId ?? 'kommunegraf-dev',
    client_kind: req.clientKind ?? 'frontend',
    ...req.claims,
  })
    .setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'JWT' })
    .setIssuer(req.issuer)
    .setAudience(req.audience ?? DEV_AUDIENCE)
    .setSubject(req.subject ?? 'dev-user')
    .setIssuedAt()
    .setExpirationTime(`${req.ttlSeconds ?? 3600}s`)
    .sign(key.privateKey);
}

export interface DevIssuer {
  url: string;
  key: DevKey;
  /** A token from this issuer. */
  token(req: Omit<TokenRequest, 'issuer'>): Promise<string>;
  close(): Promise<void>;
}

export async function startDevIssuer(options: { port?: number; host?: string; keyFile?: URL | string } = {}): Promise<DevIssuer> {
  const key = await devKey(options.keyFile);
  const host = options.host ?? '127.0.0.1';
  let url = '';
  const server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}/jwks.json`, id_token_signing_alg_values_supported: [ALG] }));
    } else if (req.url === '/jwks.json') {
      res.end(JSON.stringify({ keys: [key.publicJwk] }));
    } else {
      res.statusCode = 404;
      res.end('{"error":"not found"}');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    key,
    token: (req) => mintToken(key, { ...req, issuer: url }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
