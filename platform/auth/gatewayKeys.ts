// The gateway's Ed25519 key pair for the tokens it signs for the subgraphs (gatewayToken.ts). The
// gateway holds the private key (GATEWAY_SIGNING_KEY), each subgraph only the public keys
// (GATEWAY_PUBLIC_KEYS): a compromised subgraph can verify gateway tokens but cannot mint one for
// another subgraph. Outside production a development pair derived from a fixed seed stands in.
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from '../logging.js';
import type { Env } from '../env.js';

export interface GatewaySigningKey {
  privateKey: KeyObject;
  /** RFC 7638 thumbprint of the public key, sent as the token's `kid`. */
  kid: string;
  /** The development key from the fixed seed: anyone with this repository can sign with it. */
  development: boolean;
}

export interface GatewayPublicKeys {
  /** By kid (RFC 7638 thumbprint); several while a key is being rotated. */
  keys: ReadonlyMap<string, KeyObject>;
  development: boolean;
}

// PKCS#8 DER of an Ed25519 private key is this fixed prefix followed by its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const DEV_SEED = createHash('sha256').update('kommunegraf development gateway signing key').digest();
const PEM_BLOCK = /-----BEGIN ([A-Z ]+)-----[\s\S]+?-----END \1-----/g;

/** The development pair: the same in every process, so an `npm start` gateway and subgraphs agree. */
export function developmentGatewayKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  const privateKey = createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, DEV_SEED]), format: 'der', type: 'pkcs8' });
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** RFC 7638 JWK thumbprint (SHA-256, base64url) of an Ed25519 public key. */
export function keyId(publicKey: KeyObject): string {
  const { x } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
}

export function signingKeyOf(privateKey: KeyObject, development = false): GatewaySigningKey {
  if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the gateway signing key must be an Ed25519 private key');
  return { privateKey, kid: keyId(createPublicKey(privateKey)), development };
}

export function publicKeysOf(publicKeys: KeyObject[], development = false): GatewayPublicKeys {
  for (const key of publicKeys) {
    if (key.type !== 'public' || key.asymmetricKeyType !== 'ed25519') throw new Error('gateway public keys must be Ed25519 public keys');
  }
  return { keys: new Map(publicKeys.map((k) => [keyId(k), k])), development };
}

/** PEM text as given, or read from the files named (separated by commas). */
function pemText(name: string, value: string): string {
  if (value.includes('-----BEGIN')) return value.replace(/\\n/g, '\n');
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch (error) {
        throw new Error(`${name} names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}): ${path}`);
      }
    })
    .join('\n');
}

function pemBlocks(name: string, value: string, kind: 'PRIVATE KEY' | 'PUBLIC KEY'): string[] {
  const blocks = [...pemText(name, value).matchAll(PEM_BLOCK)].filter((m) => m[1] === kind).map((m) => m[0]);
  if (blocks.length === 0) throw new Error(`${name} must hold an Ed25519 ${kind === 'PRIVATE KEY' ? 'private key as PKCS#8' : 'public key as SPKI'} PEM ("-----BEGIN ${kind}-----"), or the path of such a file`);
  return blocks;
}

function developmentOnly(env: Env, name: string) {
  if (env.NODE_ENV === 'production') {
    throw new Error(`${name} is required when NODE_ENV=production: the gateway signs a token for every subgraph request with its Ed25519 key (README: "Trust between gateway and subgraphs")`);
  }
}

/** The gateway's signing key from GATEWAY_SIGNING_KEY; the development key when unset outside production. */
export function gatewaySigningKeyFromEnv(env: Env = process.env): GatewaySigningKey {
  const raw = env.GATEWAY_SIGNING_KEY;
  if (!raw) {
    developmentOnly(env, 'GATEWAY_SIGNING_KEY');
    return signingKeyOf(developmentGatewayKeyPair().privateKey, true);
  }
  const blocks = pemBlocks('GATEWAY_SIGNING_KEY', raw, 'PRIVATE KEY');
  if (blocks.length !== 1) throw new Error('GATEWAY_SIGNING_KEY must hold exactly one private key');
  try {
    return signingKeyOf(createPrivateKey(blocks[0]));
  } catch (error) {
    throw new Error(`GATEWAY_SIGNING_KEY is not a usable Ed25519 private key: ${(error as Error).message}`);
  }
}

/** The subgraph's accepted gateway keys from GATEWAY_PUBLIC_KEYS; the development key when unset outside production. */
export function gatewayPublicKeysFromEnv(env: Env = process.env): GatewayPublicKeys {
  const raw = env.GATEWAY_PUBLIC_KEYS;
  if (!raw) {
    developmentOnly(env, 'GATEWAY_PUBLIC_KEYS');
    return publicKeysOf([developmentGatewayKeyPair().publicKey], true);
  }
  try {
    return publicKeysOf(pemBlocks('GATEWAY_PUBLIC_KEYS', raw, 'PUBLIC KEY').map((pem) => createPublicKey(pem)));
  } catch (error) {
    const message = (error as Error).message;
    throw new Error(message.startsWith('GATEWAY_PUBLIC_KEYS') ? message : `GATEWAY_PUBLIC_KEYS holds a key that is not a usable Ed25519 public key: ${message}`);
  }
}

/** Loud at startup: the development key is public knowledge. */
export function warnOfDevelopmentKey(logger: Logger, variable: 'GATEWAY_SIGNING_KEY' | 'GATEWAY_PUBLIC_KEYS') {
  logger.warn(
    `development gateway signing key in use (${variable} is not set): anyone with this repository can sign tokens the subgraphs accept; never with real data`,
  );
}
