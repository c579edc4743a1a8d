// The 32-byte secrets the subgraphs keep personal data opaque with (PERSON_ID_KEY, CACHE_KEY): read
// base64 from the environment; outside production a fixed development key stands in when unset.
import { createHash } from 'node:crypto';

export function secretKeyFromEnv(
  env: Record<string, string | undefined>,
  /** The variable, e.g. `CACHE_KEY`. */
  name: string,
  /** What the development key is derived from; distinct per secret. */
  devSeed: string,
  /** Appended to the "required in production" message, saying what the key protects. */
  purpose = '',
): Buffer {
  const raw = env[name];
  if (!raw) {
    if (env.NODE_ENV === 'production') throw new Error(`${name} is required in production (32 bytes, base64)${purpose}`);
    return createHash('sha256').update(devSeed).digest();
  }
  const key = Buffer.from(raw, 'base64');
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded`);
  return key;
}
