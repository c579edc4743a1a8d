// What an idempotency record holds and the few atomic steps every store offers on it. Each step is
// one indivisible operation in its store (one SQL statement, one Lua script, one synchronous Map
// update), so replicas racing on one key never both believe they own the attempt.

export interface IdempotencyRecord {
  /** Hash of the request's arguments: the same key with other arguments is refused. */
  fingerprint: string;
  /** The Opus OpdateringsID every attempt under this key sends. */
  updateId: string;
  state: 'pending' | 'done';
  /** Which attempt holds the key: 1 for the first, one more for every takeover. */
  attempt: number;
  /** Until when (epoch ms, the store's clock) the current attempt holds the key. */
  leaseUntil: number;
  /** The answer, once done. */
  result?: unknown;
}

export interface Claim {
  /** True when this call stored a new record and so owns attempt 1. */
  claimed: boolean;
  /** The record now under the key; absent only when it vanished in between (expired): ask again. */
  record?: IdempotencyRecord;
}

export interface IdempotencyStore {
  readonly kind: 'memory' | 'redis' | 'postgres';
  /**
   * Stores a pending record (attempt 1, leased for `leaseMs`, kept `retentionMs`) where `key` holds
   * none or only an expired one; otherwise returns the record it holds.
   */
  claim(key: string, init: { fingerprint: string; updateId: string }, leaseMs: number, retentionMs: number): Promise<Claim>;
  /**
   * Compare-and-set: when `key` is pending and its lease has run out, the caller becomes the next
   * attempt (attempt + 1, leased anew) and gets the record; otherwise nothing. Of several callers at
   * once, exactly one wins.
   */
  takeover(key: string, leaseMs: number): Promise<IdempotencyRecord | undefined>;
  /** Records `result` as the answer, only while `attempt` still holds the key; true when it did. */
  complete(key: string, attempt: number, result: unknown, retentionMs: number): Promise<boolean>;
  /** Ends `attempt`'s lease at once (its outcome is unknown), only while it still holds the key. */
  release(key: string, attempt: number): Promise<boolean>;
  close(): Promise<void>;
}
