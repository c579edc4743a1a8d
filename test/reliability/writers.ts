// Clients that write as a careful client should: every intended write has its own idempotency key, and
// after any failure (an error, an unknown outcome, a gateway that does not answer) the same write is
// retried with the same key, on the next gateway, until it succeeds or time runs out. What they saw is
// kept, so a test can hold it against what Opus applied and stores.
import { randomUUID } from 'node:crypto';
import type { OpusSimulator } from '../../sources/opus/simulator.js';
import { SUBMIT } from '../payroll/submit.js';

export type WriteKind = 'payment' | 'communication';

export interface Attempt {
  url: string;
  /** HTTP status; 0 when the gateway did not answer. */
  status: number;
  startedAt: number;
  endedAt: number;
  /** Error codes, or `NETWORK` when the gateway did not answer at all; empty on success. */
  codes: string[];
}

export interface WriteOutcome {
  kind: WriteKind;
  key: string;
  employmentNumber: string;
  /** What identifies the write in Opus's data: the payments' Antal, or the work e-mail. */
  marker: string;
  attempts: Attempt[];
  succeeded: boolean;
  /** The OpdateringsID of the successful answer (payments). */
  updateId?: string;
}

const UPDATE = /* GraphQL */ `
  mutation Update($n: ID!, $k: String!, $input: CommunicationInput!) {
    updateCommunication(employmentNumber: $n, idempotencyKey: $k, input: $input) { replayed communication { workEmail } }
  }
`;

/** Lines of one payment write: two lines, both carrying the write's own quantity. */
export function paymentLines(quantity: number) {
  return [1, 2].map((sequence) => ({ wageType: '2481', sequence, quantity, startDate: '2026-12-01' }));
}

export interface WriterOptions {
  /** Gateways in the order this client tries them; a failure moves on to the next. */
  urls: string[];
  headers: Record<string, string>;
  /** Give up on a write (and report it not succeeded) after this long. */
  timeoutMs: number;
}

let markers = 0;

export async function write(kind: WriteKind, employmentNumber: string, options: WriterOptions): Promise<WriteOutcome> {
  const key = randomUUID();
  // Unique per process run: quantities 100.01, 100.02, ... (two decimals, as Opus allows).
  const seq = ++markers;
  const marker = kind === 'payment' ? (100 + seq / 100).toFixed(2) : `w${seq}.${key.slice(0, 8)}@kommune.dk`;
  const body =
    kind === 'payment'
      ? { query: SUBMIT, variables: { n: employmentNumber, p: paymentLines(Number(marker)), k: key } }
      : { query: UPDATE, variables: { n: employmentNumber, k: key, input: { workEmail: marker } } };
  const outcome: WriteOutcome = { kind, key, employmentNumber, marker, attempts: [], succeeded: false };
  const giveUpAt = Date.now() + options.timeoutMs;
  for (let i = 0; Date.now() < giveUpAt; i++) {
    const url = options.urls[i % options.urls.length];
    const attempt: Attempt = { url, status: 0, startedAt: Date.now(), endedAt: 0, codes: [] };
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...options.headers }, body: JSON.stringify(body) });
      attempt.status = res.status;
      const json = (await res.json()) as { data?: Record<string, any> | null; errors?: Array<{ extensions?: { code?: string } }> };
      attempt.codes = (json.errors ?? []).map((e) => String(e.extensions?.code));
      const result = json.data?.[kind === 'payment' ? 'submitOneOffPayments' : 'updateCommunication'];
      if (kind === 'payment' && result && !result.accepted) attempt.codes.push(`OPUS_REFUSED:${result.messages.map((m: { opusCode: string }) => m.opusCode).join(',')}`);
      if (attempt.codes.length === 0 && result) {
        outcome.succeeded = true;
        outcome.updateId = result.updateId;
      }
    } catch {
      attempt.codes = ['NETWORK'];
    } finally {
      attempt.endedAt = Date.now();
      outcome.attempts.push(attempt);
    }
    if (outcome.succeeded) return outcome;
    // A short pause before the retry, so a client does not hammer a gateway that just failed it.
    await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
  }
  return outcome;
}

/**
 * Every rule "nothing lost, nothing twice" implies, held against Opus: each write that succeeded is
 * stored exactly once (both payment lines, under one OpdateringsID), a write that never succeeded is
 * stored whole or not at all, and Opus applied exactly as many updates as writes it stored. With
 * `calls`, Opus's call log covers the writes and is checked too: one OpdateringsID per write.
 */
export function exactlyOnceViolations(
  outcomes: readonly WriteOutcome[],
  opus: OpusSimulator,
  appliedBefore: { communication: number; oneOffPayments: number },
  options: { calls: boolean } = { calls: true },
): string[] {
  const problems: string[] = [];
  const byNumber = new Map(opus.snapshot.employments.map((e) => [e.employmentNumber, e]));
  let paymentsStored = 0;
  for (const o of outcomes.filter((x) => x.kind === 'payment')) {
    const lines = byNumber.get(o.employmentNumber)!.oneOffPayments.filter((p) => p.wageType === '2481' && p.quantity.toFixed(2) === o.marker);
    if (lines.length !== 0 && lines.length !== 2) problems.push(`payment ${o.key} half or twice stored: ${lines.length} lines of 2`);
    if (lines.length === 2) paymentsStored++;
    if (o.succeeded && lines.length !== 2) problems.push(`payment ${o.key} answered stored, but Opus holds ${lines.length} of its 2 lines`);
    if (options.calls && o.succeeded && !opus.calls.some((c) => c.endpoint === 'update-onetime-payments' && c.updateId === o.updateId)) {
      problems.push(`payment ${o.key} answered with OpdateringsID ${o.updateId}, which Opus never got`);
    }
  }
  const appliedPayments = opus.appliedUpdates.oneOffPayments - appliedBefore.oneOffPayments;
  if (appliedPayments !== paymentsStored) problems.push(`Opus applied ${appliedPayments} payment updates for ${paymentsStored} stored writes`);

  const communication = outcomes.filter((x) => x.kind === 'communication');
  const succeeded = communication.filter((o) => o.succeeded).length;
  const applied = opus.appliedUpdates.communication - appliedBefore.communication;
  // A write that never succeeded may or may not have been applied; one that did, exactly once.
  if (applied < succeeded || applied > communication.length) problems.push(`Opus applied ${applied} communication updates for ${succeeded} succeeded of ${communication.length} writes`);
  if (options.calls) {
    const ids = new Set(opus.calls.filter((c) => c.endpoint === 'update-communication').map((c) => c.updateId));
    // Every write that reached Opus did so under one OpdateringsID, however often it was retried.
    if (ids.size > communication.length || (succeeded === communication.length && ids.size !== succeeded)) {
      problems.push(`${ids.size} OpdateringsIDs sent for ${communication.length} communication writes`);
    }
  }
  // Each employment is written by one client, one write after the other: Opus ends with the last
  // (unless that one never succeeded, when it may or may not have been applied).
  const last = new Map<string, WriteOutcome>();
  for (const o of communication) last.set(o.employmentNumber, o);
  for (const [number, o] of last) {
    const held = byNumber.get(number)!.communication.workEmail;
    if (o.succeeded && held !== o.marker) problems.push(`employment ${number} holds ${held}, not its last write ${o.marker}`);
  }
  return problems;
}
