// At most one application per idempotency key, even when a client retries, the gateway gives up on a
// slow answer or the subgraph instance dies mid-write: the first attempt claims the key atomically in
// the store (PostgreSQL or Redis across replicas), every retry of the same request gets the first
// result, and a retry after an unknown outcome takes the key over (one retry of several, atomically)
// and resends the same Opus OpdateringsID, which Opus itself applies only once.
import { createHash, randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { canonicalJson } from '../../../platform/canonicalJson.js';
import { intFromEnv } from '../../../platform/env.js';
import { ErrorCode } from '../../../platform/errors.js';
import type { IdempotencyRecord, IdempotencyStore } from './record.js';

const KEY = /^[A-Za-z0-9._:-]{8,128}$/;

export interface IdempotentRequest {
  /** What is being done, e.g. `oneOffPayments`; keys are separate per operation. */
  operation: string;
  /** Keys are separate per caller: one client's key never returns another's result. */
  caller: string;
  key: string;
  /** The request's arguments: the same key with other arguments is refused. */
  request: unknown;
  /**
   * One part of a request made of several writes under one key (one employment of a bulk
   * submission): the part gets a record of its own beside the request's, so a retry resends only
   * the parts without a recorded answer. Parts never collide with whole keys ("#" is not a key character).
   */
  part?: string;
  /** The OpdateringsID a new record starts with (a part's: `partUpdateId`); a fresh random UUID otherwise. */
  updateId?: string;
}

export interface IdempotentOutcome<T> {
  result: T;
  /** True when this is the stored result of an earlier attempt. */
  replayed: boolean;
  updateId: string;
}

export interface IdempotencyOptions {
  /** How long a finished result is kept for retries. Default 24 hours. */
  retentionMs?: number;
  /** How long an attempt in flight holds the key before a retry may take over. Default 60 s. */
  leaseMs?: number;
  /** How long a retry waits for an attempt in flight to finish. Default 5 s. */
  waitMs?: number;
}

/**
 * IDEMPOTENCY_LEASE_MS: how long a retry waits on an attempt whose outcome is not recorded before it
 * resends. It covers an attempt that is still running; after a subgraph was lost mid-write it is
 * also how long its clients are told IDEMPOTENT_REQUEST_IN_PROGRESS before their retry goes through.
 */
export function idempotencyOptionsFromEnv(env: Record<string, string | undefined> = process.env): IdempotencyOptions {
  return { leaseMs: intFromEnv(env, 'IDEMPOTENCY_LEASE_MS', 60_000, 1_000, 3_600_000) };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
/** Opus wants OpdateringsID as an upper-case UUID; the client formats it. */
const newUpdateId = () => randomUUID();

/**
 * The OpdateringsID of one part of a request, derived from the request record's own: every attempt
 * under the key, on any replica, sends the same ID for the same part, even if the part's record were
 * lost. A UUID (version 8, RFC 9562 "custom") made of SHA-256(request ID, part).
 */
export function partUpdateId(requestUpdateId: string, part: string): string {
  const b = createHash('sha256').update(`${requestUpdateId.toLowerCase()}\u0000${part}`).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x80;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export class Idempotency {
  private readonly retentionMs: number;
  private readonly leaseMs: number;
  private readonly waitMs: number;

  constructor(
    readonly store: IdempotencyStore,
    options: IdempotencyOptions = {},
  ) {
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.waitMs = options.waitMs ?? 5_000;
  }

  static validateKey(key: string): string {
    if (!KEY.test(key)) {
      throw new GraphQLError('`idempotencyKey` must be 8 to 128 characters of A-Z, a-z, 0-9, ".", "_", ":" or "-" (a UUID is ideal)', {
        extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'idempotencyKey' },
      });
    }
    return key;
  }

  /**
   * Runs `execute` at most once per (operation, caller, key) with a successful outcome. `execute` gets
   * the OpdateringsID to send; when it throws, the outcome is unknown and a retry resends that ID.
   */
  async run<T>(req: IdempotentRequest, execute: (updateId: string) => Promise<T>): Promise<IdempotentOutcome<T>> {
    const recordKey = `${req.operation}:${sha256(req.caller)}:${Idempotency.validateKey(req.key)}${req.part === undefined ? '' : `#${req.part}`}`;
    const fingerprint = sha256(canonicalJson(req.request));
    const deadline = Date.now() + this.waitMs;

    for (;;) {
      const claim = await this.store.claim(recordKey, { fingerprint, updateId: req.updateId ?? newUpdateId() }, this.leaseMs, this.retentionMs);
      const record = claim.record;
      if (!record) continue;
      if (claim.claimed) return this.attempt(recordKey, record, execute);
      if (record.fingerprint !== fingerprint) {
        throw new GraphQLError('This idempotency key was already used for a different request; use a new key for a new request', {
          extensions: { code: ErrorCode.IDEMPOTENCY_KEY_REUSED, argument: 'idempotencyKey' },
        });
      }
      if (record.state === 'done') return { result: record.result as T, replayed: true, updateId: record.updateId };
      // Pending: the store decides (on its own clock) whether the lease ran out, and lets exactly one
      // caller take over. The earlier attempt failed or vanished with its outcome unknown, so the
      // winner resends under the same OpdateringsID, which Opus applies at most once.
      const taken = await this.store.takeover(recordKey, this.leaseMs);
      if (taken) return this.attempt(recordKey, taken, execute);
      if (Date.now() >= deadline) {
        throw new GraphQLError('An earlier request with this idempotency key is still being processed; retry shortly', {
          extensions: { code: ErrorCode.IDEMPOTENT_REQUEST_IN_PROGRESS, retryAfterSeconds: Math.max(1, Math.ceil((record.leaseUntil - Date.now()) / 1000)) },
        });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Runs `execute` as the attempt that holds the key, and records its outcome. */
  private async attempt<T>(recordKey: string, record: IdempotencyRecord, execute: (updateId: string) => Promise<T>): Promise<IdempotentOutcome<T>> {
    let result: T;
    try {
      result = await execute(record.updateId);
    } catch (error) {
      await this.store.release(recordKey, record.attempt).catch(() => undefined);
      throw error;
    }
    // False when a later attempt took the key over meanwhile (this one outlived its lease): that
    // attempt records its own answer, to the same OpdateringsID, and this one does not overwrite it.
    await this.store.complete(recordKey, record.attempt, result, this.retentionMs);
    return { result, replayed: false, updateId: record.updateId };
  }
}
