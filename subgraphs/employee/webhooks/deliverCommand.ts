// `npm run changes:webhooks`: delivers the change feed to its webhook subscribers, a round every
// CHANGE_WEBHOOK_INTERVAL_SECONDS, until SIGINT/SIGTERM. Safe to run beside the subgraphs and on
// several machines (runner.ts: one round at a time across all of them).
import { commandDatabase } from '../../../sources/opus/extract/store/commandDatabase.js';
import { intFromEnv } from '../../../platform/env.js';
import { migrateWebhooks, startWebhookDelivery } from './runner.js';

const db = commandDatabase();
await migrateWebhooks(db);
const runner = startWebhookDelivery(db, {
  intervalMs: intFromEnv(process.env, 'CHANGE_WEBHOOK_INTERVAL_SECONDS', 10, 1, 3600) * 1000,
  onRound: (outcomes) => {
    for (const o of outcomes) {
      if (o.delivered || o.failed) console.log(`subscriber ${o.subscriber}: ${o.delivered} delivered${o.failed ? `, failed: ${o.failed}` : ''}${o.deadLettered ? `, ${o.deadLettered} to dead letters` : ''}`);
    }
  },
  onError: (error) => console.error('webhook round failed (retried next round):', error),
});
console.log('delivering the change feed to its webhook subscribers');
const stop = async () => {
  await runner.close();
  await db.close();
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
