import 'reflect-metadata';
// Absences of a special category (GDPR art. 9: health, which sickness and barsel reveal) are audited
// per employment read, as `health` reads. Which fraværsarter count is AUDIT_SENSITIVE_ABSENCE_TYPES
// (enum names, comma-separated), read and checked when the schema is built; sickness and barsel
// cannot be left out. An employment's absences are audited when what is returned includes one of
// them, and also when the `types` filter asked for one and none was found: asking "was this person
// sick" is itself the audit-worthy act. Absence statistics (OrgUnit.absenceStatistics) are
// aggregates over a unit and are not audited per person.
import type { AbsenceType as AbsenceTypeKey } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { AbsenceType } from './types/Absence.js';

type EnumName = keyof typeof AbsenceType;

export const SENSITIVE_ABSENCE_VARIABLE = 'AUDIT_SENSITIVE_ABSENCE_TYPES';
/** Always sensitive: own and a child's sickness, barsel (pregnancy, birth, parental leave). */
export const REQUIRED_SENSITIVE: readonly EnumName[] = ['SYGDOM', 'BARNS_SYGEDAG', 'BARSEL'];
export const DEFAULT_SENSITIVE: readonly EnumName[] = [...REQUIRED_SENSITIVE, 'ORLOV'];

export function sensitiveAbsenceTypesFromEnv(env: Record<string, string | undefined> = process.env): ReadonlySet<AbsenceTypeKey> {
  const raw = env[SENSITIVE_ABSENCE_VARIABLE]?.trim();
  const names = raw ? raw.split(',').map((n) => n.trim().toUpperCase()).filter(Boolean) : [...DEFAULT_SENSITIVE];
  const unknown = names.filter((n) => !Object.hasOwn(AbsenceType, n));
  if (unknown.length) {
    throw new Error(`${SENSITIVE_ABSENCE_VARIABLE}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is not an' : 'are not'} AbsenceType; use ${Object.keys(AbsenceType).join(', ')}`);
  }
  const missing = REQUIRED_SENSITIVE.filter((n) => !names.includes(n));
  if (missing.length) throw new Error(`${SENSITIVE_ABSENCE_VARIABLE} must include ${missing.join(', ')} (health data under GDPR art. 9)`);
  return new Set(names.map((n) => AbsenceType[n as EnumName]));
}

let configured: ReadonlySet<AbsenceTypeKey> = sensitiveAbsenceTypesFromEnv({});

/** Called when the absence schema is built (start-up), so a wrong variable stops the subgraph. */
export function configureSensitiveAbsenceTypes(env: Record<string, string | undefined> = process.env): void {
  configured = sensitiveAbsenceTypesFromEnv(env);
}

/** The one place absence reads are classified: records a `health` read of the employment when due. */
export function auditAbsenceRead(
  ctx: SubgraphContext,
  employmentNumber: string,
  returned: ReadonlyArray<{ type: AbsenceTypeKey }>,
  askedTypes: ReadonlySet<AbsenceTypeKey> | null,
): void {
  const asked = askedTypes !== null && [...askedTypes].some((t) => configured.has(t));
  if (asked || returned.some((a) => configured.has(a.type))) ctx.audit.read('health', 'Employment', 'absences', employmentNumber);
}
