// Employee ids are the CPR number under deterministic authenticated encryption: the same person gets
// the same opaque id in every subgraph and request, so it can be a federation key, yet no CPR number
// appears in query plans, URLs, caches or logs. Only holders of PERSON_ID_KEY can map back.
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { badInput } from './errors.js';
import { secretKey } from './secretKey.js';
import { setBounded } from './collections.js';

const PREFIX = 'p_';

export const PERSON_ID_KEY = secretKey('PERSON_ID_KEY', 'kommunegraf development person id key', ' to make employee ids opaque');

export function personIdKey(env: Record<string, string | undefined> = process.env): Buffer {
  return PERSON_ID_KEY.read(env);
}

/**
 * Ids already computed, and ids already mapped back, so a plan step of thousands of persons costs no
 * cipher runs after the first. Mapping back is the costlier way: each decipher prepares its key anew
 * (3.4 % of the organisation subgraph's CPU in the throughput mix, docs/benchmarks.md).
 */
const CACHE_LIMIT = 200_000;

export class PersonIds {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;
  private readonly ids = new Map<string, string>();
  /** id -> CPR, only for ids that deciphered and authenticated (or that this instance made). */
  private readonly cprs = new Map<string, string>();

  constructor(key: Buffer) {
    this.encKey = createHmac('sha256', key).update('enc').digest();
    this.macKey = createHmac('sha256', key).update('iv').digest();
  }

  /** Synthetic IV (HMAC of the CPR) makes the encryption deterministic; GCM's tag makes forgery fail. */
  fromCpr(cpr: string): string {
    const known = this.ids.get(cpr);
    if (known) return known;
    const id = this.encrypt(cpr);
    setBounded(this.ids, cpr, id, CACHE_LIMIT);
    setBounded(this.cprs, id, cpr, CACHE_LIMIT);
    return id;
  }

  private encrypt(cpr: string): string {
    const iv = createHmac('sha256', this.macKey).update(cpr).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const body = Buffer.concat([cipher.update(cpr, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
  }

  toCpr(id: string): string {
    const known = this.cprs.get(id);
    if (known !== undefined) return known;
    const fail = () => badInput(`"${id.slice(0, 40)}" is not an employee id`, { argument: 'id' });
    if (!id.startsWith(PREFIX)) throw fail();
    const raw = Buffer.from(id.slice(PREFIX.length), 'base64url');
    if (raw.length !== 12 + 10 + 16) throw fail();
    let cpr: string;
    try {
      cpr = this.decrypt(raw);
    } catch {
      throw fail();
    }
    setBounded(this.cprs, id, cpr, CACHE_LIMIT);
    return cpr;
  }

  /** The CPR in an id's bytes (IV, ciphertext, tag); throws when the tag does not authenticate them. */
  protected decrypt(raw: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(22));
    return Buffer.concat([decipher.update(raw.subarray(12, 22)), decipher.final()]).toString('utf8');
  }

}

let shared: PersonIds | undefined;
export function personIds(): PersonIds {
  shared ??= new PersonIds(personIdKey());
  return shared;
}
