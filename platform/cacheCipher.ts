// Cached source data is personal data (CPR numbers, names, salary). Whatever a subgraph keeps in a
// store is encrypted with AES-256-GCM under CACHE_KEY, and store keys are HMACs of what they stand
// for, so neither a Redis dump nor its key list shows a CPR number, a name or an amount.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { secretKey } from './secretKey.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

export const CACHE_KEY = secretKey('CACHE_KEY', 'kommunegraf development cache key', ' to encrypt cached source data');

export function cacheKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  return CACHE_KEY.read(env);
}

export class CacheCipher {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError('the cache key must be 32 bytes');
    // Separate keys for naming and for sealing, so neither use can weaken the other.
    this.encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'kommunegraf cache enc', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'kommunegraf cache mac', 32));
  }

  /** A stable, opaque store key for `parts` (which may hold CPR numbers). */
  name(...parts: string[]): string {
    const mac = createHmac('sha256', this.macKey);
    for (const p of parts) mac.update(`${Buffer.byteLength(p)}:${p}`);
    return mac.digest('base64url');
  }

  /**
   * Encrypts `plaintext` bound to `name` (as associated data): an entry copied under another key in
   * the store fails to open instead of answering for the wrong record.
   */
  seal(name: string, plaintext: string): string {
    return this.sealBytes(name, Buffer.from(plaintext, 'utf8')).toString('base64');
  }

  /** `seal` for bytes (a whole snapshot, compressed): IV, tag and ciphertext in one buffer. */
  sealBytes(name: string, plaintext: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(name, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** The plaintext, or null when the entry was not sealed under this key and name (or was altered). */
  open(name: string, sealed: string): string | null {
    return this.openBytes(name, Buffer.from(sealed, 'base64'))?.toString('utf8') ?? null;
  }

  /** `open` for what `sealBytes` made. */
  openBytes(name: string, raw: Buffer): Buffer | null {
    if (raw.length < IV_BYTES + TAG_BYTES) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(name, 'utf8'));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      return null;
    }
  }
}
