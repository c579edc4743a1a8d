// Delivers the change feed to webhook subscribers: for each subscriber that is due, the next batch of
// events after its stored cursor (the same query and filters as `changes`), POSTed signed. The cursor
// moves only after a 2xx, in the store, so delivery is at least once across crashes and restarts;
// each event carries its cursor, the receiver's idempotency key. A failing batch is retried with
// exponential backoff; after `maxAttempts` its events go to change_dead_letter and delivery moves on.
import type { SqlDatabase } from '../../../sources/opus/extract/store/database.js';
import { changeCursor, readChanges, subtreeUnits, type ChangeRow } from '../changeFeed.js';
import { SIGNATURE_HEADER, sign } from './signature.js';
import { backoffCeiling } from '../../../platform/resilience/backoff.js';

export interface DeliveryOptions {
  batchSize?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

interface Subscriber {
  id: string;
  url: string;
  secret: string;
  types: string[] | null;
  org_unit_subtree: string | null;
  delivered_cursor: string;
  failures: number;
}

export interface DeliveryOutcome {
  subscriber: string;
  delivered: number;
  failed?: string;
  deadLettered?: number;
}

/** The JSON a receiver gets: the events as `changes` shows them, keys only. */
export function payloadOf(rows: readonly ChangeRow[]) {
  return {
    events: rows.map((r) => ({
      cursor: changeCursor(r.cursor),
      type: r.type,
      registeredAt: r.registered_at.toISOString(),
      effectiveFrom: r.effective_from,
      fields: r.fields,
      entity: r.entity,
      entityKey: r.entity_key,
    })),
  };
}

/** One round over every due subscriber; a loop calls it on a timer. */
export async function deliverDue(db: SqlDatabase, options: DeliveryOptions = {}): Promise<DeliveryOutcome[]> {
  const now = options.now?.() ?? new Date();
  const { rows } = await db.query<Subscriber>(
    `SELECT id::text, url, secret, types, org_unit_subtree, delivered_cursor::text, failures FROM change_subscriber WHERE active AND next_attempt_at <= $1 ORDER BY id`,
    [now],
  );
  const outcomes: DeliveryOutcome[] = [];
  for (const s of rows) outcomes.push(await deliverTo(db, s, now, options));
  return outcomes;
}

async function deliverTo(db: SqlDatabase, s: Subscriber, now: Date, o: DeliveryOptions): Promise<DeliveryOutcome> {
  const units = s.org_unit_subtree ? await subtreeUnits(db, s.org_unit_subtree).catch(() => [] as string[]) : undefined;
  const page = await readChanges(db, { after: BigInt(s.delivered_cursor), size: o.batchSize ?? 100, types: s.types ?? undefined, units });
  if (page.rows.length === 0) return { subscriber: s.id, delivered: 0 };
  const last = page.rows.at(-1)!.cursor;
  const body = JSON.stringify(payloadOf(page.rows));
  const error = await post(s, body, now, o.timeoutMs ?? 10_000);
  if (!error) {
    await db.query(`UPDATE change_subscriber SET delivered_cursor = $2, failures = 0, last_error = NULL, next_attempt_at = $3 WHERE id = $1`, [s.id, last, now]);
    return { subscriber: s.id, delivered: page.rows.length };
  }
  const failures = s.failures + 1;
  if (failures >= (o.maxAttempts ?? 8)) {
    // Park the batch and go on: one poisoned event must not stop a subscriber's feed for good.
    await db.transaction(async (tx) => {
      for (const r of page.rows) {
        await tx.query(`INSERT INTO change_dead_letter (subscriber_id, event_cursor, attempts, last_error) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [s.id, r.cursor, failures, error]);
      }
      await tx.query(`UPDATE change_subscriber SET delivered_cursor = $2, failures = 0, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [s.id, last, error, now]);
    });
    return { subscriber: s.id, delivered: 0, failed: error, deadLettered: page.rows.length };
  }
  const delay = backoffCeiling(failures, { baseDelayMs: o.baseDelayMs ?? 1_000, maxDelayMs: o.maxDelayMs ?? 3_600_000 });
  await db.query(`UPDATE change_subscriber SET failures = $2, last_error = $3, next_attempt_at = $4 WHERE id = $1`, [s.id, failures, error, new Date(now.getTime() + delay)]);
  return { subscriber: s.id, delivered: 0, failed: error };
}

/** Null on a 2xx, else why not (kept short: it is stored). */
async function post(s: Subscriber, body: string, now: Date, timeoutMs: number): Promise<string | null> {
  try {
    const res = await fetch(s.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: sign(s.secret, body, Math.floor(now.getTime() / 1000)) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? null : `HTTP ${res.status}`;
  } catch (error) {
    return String((error as Error).message ?? error).slice(0, 200);
  }
}
