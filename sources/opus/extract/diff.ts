// What changed between two daily extracts. Each file is a full snapshot, so changes are found by
// comparing records by id. Opus signals two kinds of endings differently: `action="leave"` is a
// normal termination (fratrædelse), while an employment that simply disappears was cancelled
// (annulleret: registered by mistake, to be treated as never having existed).
import type { LoadedExtract } from './reader.js';
import type { ExtractEmployee, ExtractOrgUnit } from './types.js';

export interface RecordChange<T> {
  before: T;
  after: T;
  /** Names of the fields that differ, in field order; `lastChanged` is bookkeeping and not compared. */
  changedFields: (keyof T)[];
}

export interface ExtractDiff {
  /** In today's file only, and not already leaving. */
  newEmployees: ExtractEmployee[];
  /** In both files with different content, excluding those that became leavers today. */
  changedEmployees: RecordChange<ExtractEmployee>[];
  /** Marked `action="leave"` today but not yesterday (or seen for the first time as a leaver). */
  leftEmployees: ExtractEmployee[];
  /**
   * In yesterday's file and missing today. A record that already said `leave` yesterday and then
   * drops out is not included: it ended normally, and treating it as cancelled would erase history.
   */
  cancelledEmployees: ExtractEmployee[];
  newOrgUnits: ExtractOrgUnit[];
  changedOrgUnits: RecordChange<ExtractOrgUnit>[];
  removedOrgUnits: ExtractOrgUnit[];
}

type Extract = Pick<LoadedExtract, 'orgUnits' | 'employees'>;

export function diffExtracts(yesterday: Extract, today: Extract): ExtractDiff {
  const diff: ExtractDiff = {
    newEmployees: [],
    changedEmployees: [],
    leftEmployees: [],
    cancelledEmployees: [],
    newOrgUnits: [],
    changedOrgUnits: [],
    removedOrgUnits: [],
  };

  for (const [id, after] of today.employees) {
    const before = yesterday.employees.get(id);
    const leaving = after.action === 'leave';
    if (!before) {
      (leaving ? diff.leftEmployees : diff.newEmployees).push(after);
    } else if (leaving && before.action !== 'leave') {
      diff.leftEmployees.push(after);
    } else {
      const changedFields = changedFieldsOf(before, after);
      if (changedFields.length > 0) diff.changedEmployees.push({ before, after, changedFields });
    }
  }
  for (const [id, before] of yesterday.employees) {
    if (!today.employees.has(id) && before.action !== 'leave') diff.cancelledEmployees.push(before);
  }

  for (const [id, after] of today.orgUnits) {
    const before = yesterday.orgUnits.get(id);
    if (!before) {
      diff.newOrgUnits.push(after);
    } else {
      const changedFields = changedFieldsOf(before, after);
      if (changedFields.length > 0) diff.changedOrgUnits.push({ before, after, changedFields });
    }
  }
  for (const [id, before] of yesterday.orgUnits) {
    if (!today.orgUnits.has(id)) diff.removedOrgUnits.push(before);
  }
  return diff;
}

function changedFieldsOf<T extends object>(before: T, after: T): (keyof T)[] {
  const fields = new Set<keyof T>([...(Object.keys(after) as (keyof T)[]), ...(Object.keys(before) as (keyof T)[])]);
  fields.delete('lastChanged' as keyof T);
  return [...fields].filter((field) => !sameValue(before[field], after[field]));
}

/** Values are scalars except `extra` (unknown elements), a flat map compared by content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && (a as Record<string, unknown>)[k] === (b as Record<string, unknown>)[k]);
}
