// The loop that delivers the change feed to webhook subscribers: a round of deliverDue every interval.
// Several processes may run it (replicas of the employee subgraph, or `npm run changes:webhooks` beside
// them): a round runs only while it holds a PostgreSQL advisory lock, so no batch is posted twice at the
// same time. PGlite is one process's own database, so there is nobody to share with and no lock.
import type { SqlDatabase } from '../../../sources/opus/extract/store/database.js';
import { WEBHOOK_DDL } from '../../../sources/opus/extract/store/webhookSchema.js';
import { deliverDue, type DeliveryOptions, type DeliveryOutcome } from './delivery.js';

/** Any constant both sides agree on; the name says whose lock it is in pg_locks. */
const LOCK_KEY = "hashtext('kommunegraf-change-webhooks')";

export interface WebhookRunnerOptions extends DeliveryOptions {
  intervalMs?: number;
  onRound?: (outcomes: DeliveryOutcome[]) => void;
  onError?: (error: unknown) => void;
}

export interface WebhookRunner {
  /** One round now (what the timer does); resolves with what it delivered, [] when another process held the lock. */
  round(): Promise<DeliveryOutcome[]>;
  close(): Promise<void>;
}

export async function migrateWebhooks(db: SqlDatabase): Promise<void> {
  await db.exec(WEBHOOK_DDL);
}

export function startWebhookDelivery(db: SqlDatabase, options: WebhookRunnerOptions = {}): WebhookRunner {
  let running: Promise<DeliveryOutcome[]> = Promise.resolve([]);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const once = async (): Promise<DeliveryOutcome[]> => {
    if (db.kind === 'pglite') return deliverDue(db, options);
    // The lock lives as long as this transaction; the deliveries themselves use other connections.
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ got: boolean }>(`SELECT pg_try_advisory_xact_lock(${LOCK_KEY}) AS got`);
      return rows[0]?.got ? deliverDue(db, options) : [];
    });
  };
  const round = () => {
    running = running.then(once, once);
    return running;
  };
  const tick = () => {
    if (closed) return;
    round()
      .then((outcomes) => options.onRound?.(outcomes))
      .catch((error: unknown) => options.onError?.(error))
      .finally(() => {
        if (!closed) timer = setTimeout(tick, options.intervalMs ?? 10_000);
      });
  };
  if (options.intervalMs !== 0) timer = setTimeout(tick, options.intervalMs ?? 10_000);

  return {
    round,
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
