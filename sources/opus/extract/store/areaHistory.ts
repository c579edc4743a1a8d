// The history of Kontraktindhold and Kommunikation as the daily extracts registered it.
//
// Medarbejderoplysninger gives these two areas as they stand now: one contract and one set of work
// contact details per employment, no effective-dated versions (so the Dataservice is modelled in
// wire.ts; KMD's contract is not public, and nothing public says it keeps more). The extract store
// keeps every version the nightly files showed (versions.ts), so it is where their changes over time
// are known, and only from the first file ingested on:
// - a version takes effect on the record's `lastChanged` (the date Opus gives its last change, as the
//   change feed's `effective_from`, changes.ts), or on the extract's day when the record has none,
//   never before the employment's entryDate; when lastChanged is no later than the version before's
//   date it cannot date the change, and the day of the extract that first showed it does;
// - a registration that changed other fields only (address, placement, working time) is no new version;
// - the last version runs to the employment's leaveDate (null: open-ended);
// - versions up to an annulment are dropped: an annulled employment counts as never having existed
//   (docs/extract.md, "History"), so a number back after one starts over.
import { addDays } from '../../../days.js';
import type { Communication, Contract, IsoDate } from '../../../model.js';
import { extractDate } from '../mapping.js';
import type { SqlClient } from './database.js';
import { employmentFromRecord, type StoredEmployee } from './employmentFromRecord.js';

/** One stored version of an employment record, oldest first. */
export interface EmploymentRegistration {
  /** registered_from: the extract's time (UTC, from its file name). */
  registeredAt: Date;
  status: 'active' | 'left' | 'annulled';
  record: StoredEmployee;
}

/** What one area held over a period, and when the extracts first showed it. */
export interface AreaVersion<T> {
  value: T;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  /** The registration (extract time) that first showed this value, ISO 8601. */
  registeredAt: string;
}

/** Every version of each employment's record, oldest first, in one query for all of them. */
export async function readEmploymentRegistrations(db: SqlClient, numbers: readonly string[]): Promise<Map<string, EmploymentRegistration[]>> {
  const found = new Map<string, EmploymentRegistration[]>();
  if (numbers.length === 0) return found;
  const { rows } = await db.query<{ employment_number: string; registered_from: Date | string; status: EmploymentRegistration['status']; record: StoredEmployee }>(
    `SELECT employment_number, registered_from, status, record FROM opus_employment_version
      WHERE employment_number = ANY($1::text[]) ORDER BY employment_number, registered_from`,
    [[...new Set(numbers)]],
  );
  for (const row of rows) {
    const list = found.get(row.employment_number) ?? [];
    list.push({ registeredAt: new Date(row.registered_from), status: row.status, record: row.record });
    found.set(row.employment_number, list);
  }
  return found;
}

function versionsOf<T>(registrations: readonly EmploymentRegistration[], valueOf: (r: StoredEmployee) => T): AreaVersion<T>[] {
  const lastAnnulled = registrations.findLastIndex((r) => r.status === 'annulled');
  const known = registrations.slice(lastAnnulled + 1);
  const same = (a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);
  const out: Omit<AreaVersion<T>, 'validTo'>[] = [];
  for (const { registeredAt, record } of known) {
    const value = valueOf(record);
    if (out.length > 0 && same(out.at(-1)!.value, value)) continue;
    const seen = extractDate(registeredAt);
    let validFrom = record.lastChanged ?? seen;
    if (record.entryDate && validFrom < record.entryDate) validFrom = record.entryDate;
    const previous = out.at(-1)?.validFrom;
    // lastChanged no later than the version before cannot date this change (Opus moved it for
    // another change, or not at all): the day of the extract that first showed it does.
    if (previous !== undefined && validFrom <= previous) validFrom = seen > previous ? seen : addDays(previous, 1);
    out.push({ value, validFrom, registeredAt: registeredAt.toISOString() });
  }
  const leaveDate = known.at(-1)?.record.leaveDate ?? null;
  return out.map((v, i) => {
    const next = out[i + 1];
    if (next) return { ...v, validTo: addDays(next.validFrom, -1) };
    return { ...v, validTo: leaveDate === null ? null : leaveDate < v.validFrom ? v.validFrom : leaveDate };
  });
}

const CONTRACT = new Set(['Kontraktindhold'] as const);
const COMMUNICATION = new Set(['Kommunikation'] as const);

/**
 * Kontraktindhold over time. The extract lacks `employmentType` and `agreement` (EXTRACT_COVERAGE):
 * they are absent from each value, as employmentFromRecord leaves them.
 */
export function contractVersions(employmentNumber: string, registrations: readonly EmploymentRegistration[]): AreaVersion<Contract>[] {
  return versionsOf(registrations, (r) => employmentFromRecord(employmentNumber, r, CONTRACT).contract!);
}

/** Kommunikation over time: work e-mail and phone (the extract has no mobile number). */
export function communicationVersions(employmentNumber: string, registrations: readonly EmploymentRegistration[]): AreaVersion<Communication>[] {
  return versionsOf(registrations, (r) => employmentFromRecord(employmentNumber, r, COMMUNICATION).communication!);
}
