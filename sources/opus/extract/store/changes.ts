// What one record of today's extract means against the current stored version: whether a new
// version is registered, and which change events it gives. Pure rules, no SQL, so they can be read
// next to docs/extract.md. Field names are the file's (KMD's element and attribute names).
//
// Comparing follows OS2mo's Opus importer (OS2mo/os2mo-data-import-and-export,
// integrations/opus/opus_helpers.py, find_changes): a record differs when anything but `lastChanged`
// differs, because Opus moves lastChanged for changes that touch no field in the file.
import type { ExtractEmployee, ExtractOrgUnit } from '../types.js';

export type EmploymentStatus = 'active' | 'left' | 'annulled';
export type OrgUnitStatus = 'active' | 'annulled';

export const EVENT_TYPES = [
  'EMPLOYMENT_HIRED',
  'EMPLOYMENT_LEFT',
  'EMPLOYMENT_CANCELLED',
  'EMPLOYMENT_MOVED',
  'EMPLOYMENT_POSITION_CHANGED',
  'EMPLOYMENT_MANAGER_CHANGED',
  'EMPLOYMENT_NAME_CHANGED',
  'EMPLOYMENT_CONTACT_CHANGED',
  'EMPLOYMENT_WORKING_TIME_CHANGED',
  'ORG_UNIT_CREATED',
  'ORG_UNIT_RENAMED',
  'ORG_UNIT_MOVED',
  'ORG_UNIT_CLOSED',
] as const;
export type ChangeEventType = (typeof EVENT_TYPES)[number];

export interface ChangeEvent {
  type: ChangeEventType;
  entity: 'Employment' | 'OrgUnit';
  key: string;
  /** Valid time the change takes effect (YYYY-MM-DD); may lie after the extract's day. */
  effectiveFrom: string;
  orgUnits: string[];
  fields: string[];
}

/** Which change event a changed employee field gives. Fields not listed (cpr, client, entryDate,
 *  leaveDate, initialEntry, entryIntoGroup, unknown elements) make a new version without an event:
 *  OS2mo's importer ignores productionNumber, entryIntoGroup, invoiceRecipient and cpr too
 *  (opus_helpers.py, compare_employees), and dates of entry and leave speak through HIRED and LEFT. */
const EMPLOYEE_FIELD_EVENT: Record<string, ChangeEventType> = {
  orgUnit: 'EMPLOYMENT_MOVED',
  positionId: 'EMPLOYMENT_POSITION_CHANGED',
  position: 'EMPLOYMENT_POSITION_CHANGED',
  positionShort: 'EMPLOYMENT_POSITION_CHANGED',
  jobId: 'EMPLOYMENT_POSITION_CHANGED',
  job: 'EMPLOYMENT_POSITION_CHANGED',
  workContract: 'EMPLOYMENT_POSITION_CHANGED',
  workContractText: 'EMPLOYMENT_POSITION_CHANGED',
  payGradeText: 'EMPLOYMENT_POSITION_CHANGED',
  superiorLevel: 'EMPLOYMENT_POSITION_CHANGED',
  subordinateLevel: 'EMPLOYMENT_POSITION_CHANGED',
  isManager: 'EMPLOYMENT_MANAGER_CHANGED',
  firstName: 'EMPLOYMENT_NAME_CHANGED',
  lastName: 'EMPLOYMENT_NAME_CHANGED',
  address: 'EMPLOYMENT_CONTACT_CHANGED',
  postalCode: 'EMPLOYMENT_CONTACT_CHANGED',
  city: 'EMPLOYMENT_CONTACT_CHANGED',
  country: 'EMPLOYMENT_CONTACT_CHANGED',
  workPhone: 'EMPLOYMENT_CONTACT_CHANGED',
  email: 'EMPLOYMENT_CONTACT_CHANGED',
  userId: 'EMPLOYMENT_CONTACT_CHANGED',
  numerator: 'EMPLOYMENT_WORKING_TIME_CHANGED',
  denominator: 'EMPLOYMENT_WORKING_TIME_CHANGED',
};

const ORG_UNIT_FIELD_EVENT: Record<string, ChangeEventType> = {
  shortName: 'ORG_UNIT_RENAMED',
  longName: 'ORG_UNIT_RENAMED',
  parentOrgUnit: 'ORG_UNIT_MOVED',
};

type StoredRecord = Record<string, unknown>;

export interface Current<S> {
  status: S;
  record: StoredRecord;
}

export interface Decision<S> {
  /** Register a new version with this status (closing the current one), or null: nothing changed. */
  status: S | null;
  events: ChangeEvent[];
}

/**
 * The record's fields flattened as the file names them: unknown elements beside the known ones,
 * the protected-address marker under `address` (it is an attribute of that element).
 */
function fileFields(record: StoredRecord): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (const [name, value] of Object.entries(record)) {
    if (name === 'lastChanged' || name === 'id') continue;
    if (name === 'extra') {
      for (const [extraName, extraValue] of Object.entries((value ?? {}) as Record<string, string>)) fields.set(extraName, extraValue);
    } else if (name === 'protectedAddress') {
      fields.set('address@protected', value);
    } else {
      fields.set(name, value);
    }
  }
  return fields;
}

/** Names of the fields that differ, in the later record's order, each once. */
export function changedFields(before: StoredRecord, after: StoredRecord): string[] {
  const a = fileFields(before);
  const b = fileFields(after);
  const names = new Set([...b.keys(), ...a.keys()]);
  const changed = new Set<string>();
  for (const name of names) {
    if ((a.get(name) ?? null) !== (b.get(name) ?? null)) changed.add(name === 'address@protected' ? 'address' : name);
  }
  return [...changed];
}

const units = (...ids: (unknown | null | undefined)[]) => [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== ''))];

/** One event per kind of change, each with the fields that gave it. */
function fieldEvents(
  changed: string[],
  table: Record<string, ChangeEventType>,
  base: Omit<ChangeEvent, 'type' | 'fields'>,
  orgUnitsFor: (type: ChangeEventType) => string[],
): ChangeEvent[] {
  const byType = new Map<ChangeEventType, string[]>();
  for (const field of changed) {
    const type = table[field];
    if (!type) continue;
    const list = byType.get(type);
    if (list) list.push(field);
    else byType.set(type, [field]);
  }
  return [...byType].map(([type, fields]) => ({ ...base, type, fields, orgUnits: orgUnitsFor(type) }));
}

export function employmentDecision(current: Current<EmploymentStatus> | null, next: ExtractEmployee, extractDay: string): Decision<EmploymentStatus> {
  const status: EmploymentStatus = next.action === 'leave' ? 'left' : 'active';
  const base = { entity: 'Employment' as const, key: next.id };
  const hired = (fields: string[], orgUnits: string[]): ChangeEvent => ({ ...base, type: 'EMPLOYMENT_HIRED', effectiveFrom: next.entryDate ?? extractDay, orgUnits, fields });
  const left = (fields: string[], orgUnits: string[]): ChangeEvent => ({ ...base, type: 'EMPLOYMENT_LEFT', effectiveFrom: next.leaveDate ?? extractDay, orgUnits, fields });

  // New, or back after annulment: the data now says it exists. Seen first as a leaver: only LEFT
  // (as diffExtracts counts it).
  if (current === null || current.status === 'annulled') {
    const orgUnits = units(next.orgUnit);
    return { status, events: [status === 'left' ? left([], orgUnits) : hired([], orgUnits)] };
  }
  const record = next as unknown as StoredRecord;
  const changed = changedFields(current.record, record);
  if (changed.length === 0) return { status: null, events: [] };
  const moved = units(current.record.orgUnit, next.orgUnit);

  // A change of status is one event carrying every changed field.
  if (current.status === 'active' && status === 'left') return { status, events: [left(changed, moved)] };
  if (current.status === 'left' && status === 'active') return { status, events: [hired(changed, moved)] };

  const events = fieldEvents(changed, EMPLOYEE_FIELD_EVENT, { ...base, effectiveFrom: next.lastChanged ?? extractDay, orgUnits: [] }, (type) =>
    type === 'EMPLOYMENT_MOVED' ? moved : units(next.orgUnit),
  );
  return { status, events };
}

export function orgUnitDecision(current: Current<OrgUnitStatus> | null, next: ExtractOrgUnit, extractDay: string): Decision<OrgUnitStatus> {
  const base = { entity: 'OrgUnit' as const, key: next.id };
  const closed = (fields: string[]): ChangeEvent => ({
    ...base,
    type: 'ORG_UNIT_CLOSED',
    effectiveFrom: next.endDate ?? extractDay,
    orgUnits: units(next.id, next.parentOrgUnit),
    fields,
  });
  if (current === null || current.status === 'annulled') {
    const created: ChangeEvent = { ...base, type: 'ORG_UNIT_CREATED', effectiveFrom: next.startDate ?? extractDay, orgUnits: units(next.id, next.parentOrgUnit), fields: [] };
    // A unit that arrives already closed is both.
    return { status: 'active', events: next.endDate ? [created, closed(['endDate'])] : [created] };
  }
  const changed = changedFields(current.record, next as unknown as StoredRecord);
  if (changed.length === 0) return { status: null, events: [] };
  const events = fieldEvents(changed, ORG_UNIT_FIELD_EVENT, { ...base, effectiveFrom: next.lastChanged ?? extractDay, orgUnits: [] }, (type) =>
    type === 'ORG_UNIT_MOVED' ? units(next.id, current.record.parentOrgUnit, next.parentOrgUnit) : units(next.id, next.parentOrgUnit),
  );
  // An end date set or moved closes the unit on that date; an end date taken away reopens it, which
  // the feed has no event for (the new version says it).
  if (changed.includes('endDate') && next.endDate !== null) events.push(closed(['endDate']));
  return { status: 'active', events };
}
