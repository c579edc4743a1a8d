// PERSON_ID_KEY and CACHE_KEY are checked when a process starts: in production a missing or malformed
// key stops it there, naming the variable; outside production the development stand-in is announced.
import { execFile } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CACHE_KEY } from '../../platform/cacheCipher.js';
import { PERSON_ID_KEY } from '../../platform/personId.js';
import { requireSecretsAtStartup, secretKeyFromEnv } from '../../platform/secretKey.js';

const KEYS = [PERSON_ID_KEY, CACHE_KEY];
const key = () => randomBytes(32).toString('base64');

describe('secrets at startup', () => {
  it('refuse to start in production without a key, naming each missing variable', () => {
    const warnings: string[] = [];
    expect(() => requireSecretsAtStartup({ NODE_ENV: 'production' }, KEYS, (m) => warnings.push(m))).toThrow(/PERSON_ID_KEY is required in production.*CACHE_KEY is required in production/);
    expect(() => requireSecretsAtStartup({ NODE_ENV: 'production', PERSON_ID_KEY: key() }, KEYS, (m) => warnings.push(m))).toThrow(/^Refusing to start: CACHE_KEY/);
    expect(warnings).toEqual([]);
  });

  it('refuse a malformed key anywhere, naming the variable', () => {
    for (const bad of ['short', randomBytes(31).toString('base64'), `${key()}!`, 'not base64 at all but long enough to be 32 bytes?']) {
      expect(() => requireSecretsAtStartup({ PERSON_ID_KEY: bad, CACHE_KEY: key() }, KEYS, () => undefined)).toThrow(/PERSON_ID_KEY must be 32 bytes, base64/);
    }
  });

  it('start quietly with real keys, in production too', () => {
    const warnings: string[] = [];
    requireSecretsAtStartup({ NODE_ENV: 'production', PERSON_ID_KEY: key(), CACHE_KEY: key() }, KEYS, (m) => warnings.push(m));
    requireSecretsAtStartup({ PERSON_ID_KEY: key(), CACHE_KEY: key() }, KEYS, (m) => warnings.push(m));
    expect(warnings).toEqual([]);
  });

  it('warn once per development stand-in outside production, naming the variable', () => {
    const warnings: string[] = [];
    requireSecretsAtStartup({ NODE_ENV: 'development', CACHE_KEY: key() }, KEYS, (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^PERSON_ID_KEY is not set: using a development key derived from a public seed.*never with real data/);
    // The stand-in is the same key every time (ids stay stable across restarts in development).
    expect(secretKeyFromEnv({}, 'X', 'seed')).toEqual(secretKeyFromEnv({}, 'X', 'seed'));
  });

  it('stop a subgraph process in production before it listens', async () => {
    // Everything else production asks for before the keys is there (the gateway's public key).
    const gatewayPublicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = execFile(
        'npx',
        ['tsx', 'subgraphs/employee/server.ts'],
        { cwd: new URL('../..', import.meta.url).pathname, env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', GATEWAY_PUBLIC_KEYS: gatewayPublicKey, CACHE_KEY: key(), EMPLOYEE_PORT: '0' }, timeout: 60_000 },
        (error, _stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stderr }),
      );
      child.stdin?.end();
    });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/Refusing to start: PERSON_ID_KEY is required in production/);
    expect(stderr).not.toMatch(/listening/);
  }, 70_000);
});
