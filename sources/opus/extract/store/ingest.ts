// Storing one Opus extract file: read as a stream, compared batch by batch with the current versions,
// new versions and change events written, all in ONE transaction. A file is stored whole or not at
// all: a malformed record at the end, or the process killed half way, leaves the store as it was.
import { basename } from 'node:path';
import { ExtractFormatError } from '../errors.js';
import { parseExtractFileName } from '../fileName.js';
import { extractDate } from '../mapping.js';
import { readOpusExtract } from '../reader.js';
import type { ExtractEmployee, ExtractOrgUnit } from '../types.js';
import { employmentDecision, orgUnitDecision, type ChangeEvent, type EmploymentStatus, type OrgUnitStatus } from './changes.js';
import type { SqlClient, SqlDatabase } from './database.js';
import { ExtractRefusedError } from './errors.js';
import { sha256OfFile } from './fileHash.js';
import { createStaging, markSeen, publishEvents, stageEvents } from './staging.js';
import {
  annulMissingEmployments,
  annulMissingOrgUnits,
  currentEmployments,
  currentOrgUnits,
  writeEmploymentVersions,
  writeOrgUnitVersions,
} from './versions.js';

export type IngestResult =
  | {
      status: 'ingested';
      file: string;
      extractedAt: Date;
      extractId: string;
      employees: number;
      orgUnits: number;
      /** New versions registered (changed, new, left, annulled records). */
      employmentVersions: number;
      orgUnitVersions: number;
      events: number;
      /** Days missing between the previous extract and this one (0: the next day's); null for the first. */
      gapDays: number | null;
    }
  | { status: 'duplicate'; file: string; extractedAt: Date; sameAs: string };

export interface IngestOptions {
  /** Records per batch of reads and writes. */
  batchSize?: number;
  /** Called every batchSize records with the count read so far, and awaited (progress reporting; tests hold an ingest open with it). */
  onProgress?: (records: number) => void | Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Stores the extract at `file`. Refuses (throws, storing nothing) a file that is not named
 * ZLPE<timestamp>_delta.xml, is not newer than the newest stored one (ExtractRefusedError), or cannot
 * be read (ExtractFormatError: file, line, element). The same content again is a 'duplicate' result.
 */
export async function ingestExtract(db: SqlDatabase, file: string, options: IngestOptions = {}): Promise<IngestResult> {
  const extractedAt = parseExtractFileName(file);
  if (!extractedAt) throw new ExtractRefusedError(file, 'not an extract file name (expected ZLPE<YYYYMMDDHHMMSS>_delta.xml)');
  const sha256 = await sha256OfFile(file);

  return db.transaction(async (tx) => {
    // One ingest at a time (a watcher and a manual run may meet); readers are not blocked.
    await tx.query('LOCK TABLE opus_extract_file IN SHARE ROW EXCLUSIVE MODE');
    const same = await tx.query<{ file_name: string }>('SELECT file_name FROM opus_extract_file WHERE sha256 = $1', [sha256]);
    if (same.rows[0]) return { status: 'duplicate' as const, file, extractedAt, sameAs: same.rows[0].file_name };

    const newest = await tx.query<{ extracted_at: Date }>('SELECT extracted_at FROM opus_extract_file ORDER BY extracted_at DESC LIMIT 1');
    const previous = newest.rows[0]?.extracted_at ?? null;
    if (previous && previous.getTime() >= extractedAt.getTime()) {
      throw new ExtractRefusedError(file, `not newer than the newest extract stored (${previous.toISOString()})`);
    }
    const gapDays = previous ? Math.max(0, dayNumber(extractedAt) - dayNumber(previous) - 1) : null;

    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO opus_extract_file (file_name, extracted_at, sha256, employees, org_units, gap_days) VALUES ($1, $2, $3, 0, 0, $4) RETURNING id`,
      [basename(file), extractedAt, sha256, gapDays],
    );
    const extractId = String(inserted.rows[0]!.id);
    await createStaging(tx);

    const counts = await storeRecords(tx, file, extractedAt, options);
    const day = extractDate(extractedAt);
    counts.employmentVersions += await annulMissingEmployments(tx, extractedAt, day);
    counts.orgUnitVersions += await annulMissingOrgUnits(tx, extractedAt, day);
    const events = await publishEvents(tx, extractId, extractedAt);
    await tx.query('UPDATE opus_extract_file SET employees = $2, org_units = $3 WHERE id = $1', [extractId, counts.employees, counts.orgUnits]);
    return { status: 'ingested' as const, file, extractedAt, extractId, ...counts, events, gapDays };
  });
}

function dayNumber(at: Date): number {
  return Math.floor(at.getTime() / DAY_MS);
}

interface Pending<T> {
  record: T;
  line: number;
}

async function storeRecords(tx: SqlClient, file: string, at: Date, options: IngestOptions) {
  const batchSize = options.batchSize ?? 500;
  const day = extractDate(at);
  const counts = { employees: 0, orgUnits: 0, employmentVersions: 0, orgUnitVersions: 0 };
  let employees: Pending<ExtractEmployee>[] = [];
  let orgUnits: Pending<ExtractOrgUnit>[] = [];

  const flushEmployees = async () => {
    if (employees.length === 0) return;
    const batch = employees;
    employees = [];
    await rejectDuplicates(tx, file, 'employment', 'employee', batch.map((p) => ({ key: p.record.id, line: p.line })));
    const current = await currentEmployments(tx, batch.map((p) => p.record.id));
    const versions: { employee: ExtractEmployee; status: EmploymentStatus }[] = [];
    const events: ChangeEvent[] = [];
    for (const { record } of batch) {
      const decision = employmentDecision(current.get(record.id) ?? null, record, day);
      if (decision.status) versions.push({ employee: record, status: decision.status });
      events.push(...decision.events);
    }
    await writeEmploymentVersions(tx, at, versions);
    await stageEvents(tx, events);
    counts.employmentVersions += versions.length;
  };

  const flushOrgUnits = async () => {
    if (orgUnits.length === 0) return;
    const batch = orgUnits;
    orgUnits = [];
    await rejectDuplicates(tx, file, 'org_unit', 'orgUnit', batch.map((p) => ({ key: p.record.id, line: p.line })));
    const current = await currentOrgUnits(tx, batch.map((p) => p.record.id));
    const versions: { unit: ExtractOrgUnit; status: OrgUnitStatus }[] = [];
    const events: ChangeEvent[] = [];
    for (const { record } of batch) {
      const decision = orgUnitDecision(current.get(record.id) ?? null, record, day);
      if (decision.status) versions.push({ unit: record, status: decision.status });
      events.push(...decision.events);
    }
    await writeOrgUnitVersions(tx, at, versions);
    await stageEvents(tx, events);
    counts.orgUnitVersions += versions.length;
  };

  // Protected addresses stay hidden (the reader's default): the store never holds them.
  for await (const item of readOpusExtract(file, { keepUnknownElements: true })) {
    if (item.kind === 'employee') {
      counts.employees++;
      employees.push({ record: item.employee, line: item.line });
      if (employees.length >= batchSize) await flushEmployees();
    } else {
      counts.orgUnits++;
      orgUnits.push({ record: item.orgUnit, line: item.line });
      if (orgUnits.length >= batchSize) await flushOrgUnits();
    }
    if ((counts.employees + counts.orgUnits) % batchSize === 0) await options.onProgress?.(counts.employees + counts.orgUnits);
  }
  await flushOrgUnits();
  await flushEmployees();
  return counts;
}

/** Opus writes each id once; a second record with the same id would silently hide the first. */
async function rejectDuplicates(tx: SqlClient, file: string, table: 'employment' | 'org_unit', element: string, items: { key: string; line: number }[]) {
  const lines = new Map<string, number>();
  for (const { key, line } of items) {
    if (lines.has(key)) throw new ExtractFormatError(file, line, `duplicate ${element} id`, { element });
    lines.set(key, line);
  }
  const seenBefore = await markSeen(tx, table, items.map((i) => i.key));
  const first = items.find((i) => seenBefore.has(i.key));
  if (first) throw new ExtractFormatError(file, first.line, `duplicate ${element} id`, { element });
}
