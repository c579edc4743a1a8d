// `npm run changes:subscribe -- --url https://... --secret S [--types A,B] [--org-unit-subtree OPUS]
// [--from-start]`: registers a webhook subscriber of the change feed. It starts after the newest event
// (only what happens from now on) unless --from-start. Prints the subscriber id.
import { parseArgs } from 'node:util';
import { commandDatabase } from '../../../sources/opus/extract/store/commandDatabase.js';
import { migrateExtractStore } from '../../../sources/opus/extract/store/migrate.js';
import { CHANGE_TYPES } from '../types/ChangeType.js';
import { migrateWebhooks } from './runner.js';

const { values } = parseArgs({
  options: { url: { type: 'string' }, secret: { type: 'string' }, types: { type: 'string' }, 'org-unit-subtree': { type: 'string' }, 'from-start': { type: 'boolean', default: false } },
});
const fail = (message: string): never => {
  console.error(`${message}\nUsage: npm run changes:subscribe -- --url https://... --secret S [--types A,B] [--org-unit-subtree OPUS] [--from-start]`);
  process.exit(2);
};
const url = values.url ?? fail('--url is required');
if (!/^https?:\/\//.test(url)) fail(`--url must be an http(s) URL, got ${url}`);
const secret = values.secret ?? fail('--secret is required (shared with the receiver, at least 16 characters)');
if (secret.length < 16) fail('--secret must be at least 16 characters');
const types = values.types?.split(',').map((t) => t.trim());
const unknown = types?.filter((t) => !(CHANGE_TYPES as readonly string[]).includes(t)) ?? [];
if (unknown.length > 0) fail(`unknown change type(s) ${unknown.join(', ')}; known: ${CHANGE_TYPES.join(', ')}`);

const db = commandDatabase();
try {
  await migrateExtractStore(db);
  await migrateWebhooks(db);
  const subtree = values['org-unit-subtree'];
  if (subtree && (await db.query('SELECT 1 FROM opus_org_unit_version WHERE org_unit = $1 LIMIT 1', [subtree])).rows.length === 0) {
    fail(`--org-unit-subtree ${subtree} is no Opus unit the extract store knows`);
  }
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO change_subscriber (url, secret, types, org_unit_subtree, delivered_cursor)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN 0 ELSE (SELECT coalesce(max(cursor), 0) FROM opus_change_event) END) RETURNING id::text`,
    [url, secret, types ?? null, values['org-unit-subtree'] ?? null, values['from-start']],
  );
  console.log(`subscriber ${rows[0].id}: ${url}`);
} finally {
  await db.close();
}
