// CPR numbers in the audit log only as keyed hashes: HMAC-SHA256 under a key derived from
// PERSON_ID_KEY. The same number always gives the same hash, so the DPO can ask "was this CPR number
// searched" (accessLog(filter: { cpr }) hashes it server-side, `npm run audit:cpr-hash` by hand), while
// the log itself cannot be reversed without the key. base64url, not hex: a hash must never itself
// look like a CPR number (ten digits in a row).
import { createHmac } from 'node:crypto';
import { personIdKey } from '../personId.js';

export const CPR_HASH_PREFIX = 'cprh_';

export class CprHasher {
  private readonly key: Buffer;

  constructor(personIdKey: Buffer) {
    this.key = createHmac('sha256', personIdKey).update('audit cpr hash').digest();
  }

  /** `DDMMYY-SSSS`, `DDMMYYSSSS` and surrounding spaces hash alike. */
  hash(cpr: string): string {
    const digits = cpr.replace(/[\s-]/g, '');
    return CPR_HASH_PREFIX + createHmac('sha256', this.key).update(digits).digest('base64url');
  }
}

let shared: CprHasher | undefined;
export function cprHasher(): CprHasher {
  shared ??= new CprHasher(personIdKey());
  return shared;
}
