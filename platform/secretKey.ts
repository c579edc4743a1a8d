// The 32-byte secrets the subgraphs keep personal data opaque with (PERSON_ID_KEY, CACHE_KEY): read
// base64 from the environment; outside production a development key derived from a seed in this
// repository stands in when unset. Every process checks its secrets at startup
// (requireSecretsAtStartup): in production a missing or malformed one stops it there, not at the
// first request; outside production a stand-in is announced once, loudly.
import { createHash } from 'node:crypto';
import type { Env } from './env.js';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function secretKeyFromEnv(
  env: Env,
  /** The variable, e.g. `CACHE_KEY`. */
  name: string,
  /** What the development key is derived from; distinct per secret. */
  devSeed: string,
  /** Appended to the "required in production" message, saying what the key protects. */
  purpose = '',
): Buffer {
  const raw = env[name]?.trim();
  if (!raw) {
    if (env.NODE_ENV === 'production') throw new Error(`${name} is required in production (32 bytes, base64)${purpose}`);
    return createHash('sha256').update(devSeed).digest();
  }
  const key = Buffer.from(raw, 'base64');
  if (!BASE64.test(raw) || key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

/** A secret a process needs, checked at its startup. */
export interface StartupSecret {
  /** The variable, e.g. `CACHE_KEY`. */
  readonly name: string;
  /**
   * Reads and validates it; throws (naming the variable) when it is malformed, or missing in
   * production. `development`: a stand-in derived from a public seed is used.
   */
  check(env: Env): { development: boolean };
}

/** A 32-byte key read with secretKeyFromEnv, as a StartupSecret with its reader. */
export function secretKey(name: string, devSeed: string, purpose = ''): StartupSecret & { read(env: Env): Buffer } {
  return {
    name,
    read: (env) => secretKeyFromEnv(env, name, devSeed, purpose),
    check: (env) => {
      secretKeyFromEnv(env, name, devSeed, purpose);
      return { development: !env[name]?.trim() };
    },
  };
}

/**
 * Checks every secret a process will use before it listens: throws one error naming each variable
 * that is missing (in production) or malformed, and warns once per development stand-in.
 */
export function requireSecretsAtStartup(env: Env, secrets: readonly StartupSecret[], warn: (message: string) => void): void {
  const problems: string[] = [];
  const standIns: string[] = [];
  for (const secret of secrets) {
    try {
      if (secret.check(env).development) standIns.push(secret.name);
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length) throw new Error(`Refusing to start: ${problems.join('; ')}`);
  for (const name of standIns) {
    warn(`${name} is not set: using a development key derived from a public seed in the repository: never with real data (set ${name} to 32 random bytes, base64)`);
  }
}
