// Reads the change feed from the Opus extract store (opus_change_event). A page is one SELECT by
// cursor, inside a short transaction that first takes a SHARE lock on the table: the lock waits for
// any transaction still inserting events, so a page never shows event n+1 while event n (its cursor
// already drawn from the identity) is uncommitted, and a consumer resuming from n+1 never misses n.
import { GraphQLError } from 'graphql';
import type { SqlDatabase } from '../../sources/opus/extract/store/database.js';
import { badInput, ErrorCode } from '../../platform/errors.js';
import { decodeCursor, encodeCursor } from '../shared/pagination.js';

export interface ChangeRow {
  cursor: string;
  type: string;
  registered_at: Date;
  effective_from: string | null;
  entity: 'Employment' | 'OrgUnit';
  entity_key: string;
  fields: string[];
}

export interface ChangePageQuery {
  /** Position after which to read (the cursor column), 0 for the start. */
  after: bigint;
  size: number;
  types?: readonly string[];
  /** Opus unit numbers: events concerning any of them. */
  units?: readonly string[];
}

/** How long a page waits for an ingestion that is inserting events before it gives up. */
const LOCK_WAIT = '5s';

/** The store, or SOURCE_NOT_AVAILABLE when this deployment has none. */
export function extractStoreOf(store: SqlDatabase | undefined): SqlDatabase {
  if (store) return store;
  throw new GraphQLError('The change feed needs the Opus extract store, which is not configured (EXTRACT_DATABASE_URL)', {
    extensions: { code: ErrorCode.SOURCE_NOT_AVAILABLE, source: 'Opus extract store' },
  });
}

export function changeCursor(position: bigint | string): string {
  return encodeCursor(String(position));
}

/** The position a cursor stands for; BAD_USER_INPUT for anything this API did not hand out. */
export function positionOf(after: string | null | undefined): bigint {
  const raw = decodeCursor(after);
  if (raw === null) return 0n;
  if (!/^(0|[1-9]\d{0,18})$/.test(raw) || BigInt(raw) > 9223372036854775807n) throw badInput('`after` is not a cursor returned by this API', { argument: 'after' });
  return BigInt(raw);
}

const SUBTREE = /* sql */ `
WITH RECURSIVE current_unit AS (
  SELECT org_unit, parent FROM opus_org_unit_version
  WHERE registered_to IS NULL AND status = 'active' AND (valid_to IS NULL OR valid_to >= current_date)
), subtree(org_unit) AS (
  SELECT org_unit FROM current_unit WHERE org_unit = $1
  UNION
  SELECT c.org_unit FROM current_unit c JOIN subtree s ON c.parent = s.org_unit
)
SELECT array_agg(org_unit) AS units FROM subtree`;

/** The Opus unit numbers of `unit`'s subtree today (the unit included); BAD_USER_INPUT when unknown. */
export async function subtreeUnits(db: SqlDatabase, unit: string): Promise<string[]> {
  // UNION (not UNION ALL) ends the walk should the extracts ever describe a cycle.
  const { rows } = await db.query<{ units: string[] | null }>(SUBTREE, [unit]);
  const units = rows[0]?.units;
  if (!units?.length) throw badInput(`\`orgUnitSubtree\`: no current Opus org unit ${JSON.stringify(unit)}`, { argument: 'orgUnitSubtree' });
  return units;
}

const PAGE = /* sql */ `
SELECT e.cursor::text AS cursor, e.type, e.registered_at, to_char(e.effective_from, 'YYYY-MM-DD') AS effective_from, e.entity, e.entity_key, e.fields
FROM opus_change_event e
WHERE e.cursor > $1::bigint
  AND ($2::text[] IS NULL OR e.type = ANY($2::text[]))
  AND ($3::text[] IS NULL OR e.org_units && $3::text[])
ORDER BY e.cursor -- the column, not the text alias (bigint as text sorts 10 before 2)
LIMIT $4`;

/** Up to `size` events after `after`, and whether more follow. */
export async function readChanges(db: SqlDatabase, q: ChangePageQuery): Promise<{ rows: ChangeRow[]; hasNextPage: boolean }> {
  const rows = await db.transaction(async (tx) => {
    await tx.query(`SET LOCAL lock_timeout = '${LOCK_WAIT}'`);
    try {
      await tx.query('LOCK TABLE opus_change_event IN SHARE MODE');
    } catch (error) {
      if ((error as { code?: string }).code !== '55P03') throw error;
      throw new GraphQLError('The change feed is being written (an Opus extract is being ingested); retry shortly', {
        extensions: { code: ErrorCode.SOURCE_TIMEOUT, source: 'Opus extract store' },
      });
    }
    // One more than asked answers hasNextPage.
    return (await tx.query<ChangeRow>(PAGE, [q.after.toString(), q.types ?? null, q.units ?? null, q.size + 1])).rows;
  });
  return { rows: rows.slice(0, q.size), hasNextPage: rows.length > q.size };
}
