// What the audit log keeps of caller text. Every record passes through sanitizeRecord before any sink
// sees it (trail.ts), so no CPR number and no free text a caller sent lands in the log verbatim:
// - identifiers (subject, client id, operation name, request id, entity ids): kept, but every
//   CPR-shaped part replaced by its keyed hash (cprHash.ts), so a CPR-shaped subject stays
//   identifiable to the DPO, who hashes the number they look for the same way;
// - mutation arguments: numbers, booleans and the values of known code-like arguments (employment
//   numbers, lønart codes, dates, cost centres, postal codes, idempotency keys) kept the same way;
//   any other string (a payment remark, an e-mail address, a name, a street) becomes `[text n chars]`.
import { CPR_SHAPED } from '../logging.js';
import type { CprHasher } from './cprHash.js';
import type { AuditRecord } from './record.js';

/** Argument names whose values are codes, keys and dates rather than free text. */
const CODE_ARGUMENTS: ReadonlySet<string> = new Set([
  'employmentNumber',
  'idempotencyKey',
  'wageType',
  'startDate',
  'validFrom',
  'validTo',
  'action',
  'kind',
  'costCentre',
  'pspElement',
  'asOf',
  'from',
  'to',
  'personId',
  // A postal code says where, not who; the name and street around it become [text n chars].
  'postalCode',
  'cprHash',
  'matched',
  'subject',
  'client',
]);

const MAX_DEPTH = 6;

export function hashCprShaped(text: string, hasher: CprHasher): string {
  return text.replace(CPR_SHAPED, (cpr) => hasher.hash(cpr));
}

function sanitizeArgument(value: unknown, key: string | undefined, hasher: CprHasher, depth: number): unknown {
  if (typeof value === 'string') return key && CODE_ARGUMENTS.has(key) ? hashCprShaped(value, hasher) : `[text ${value.length} chars]`;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) return value.map((v) => sanitizeArgument(v, key, hasher, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizeArgument(v, k, hasher, depth + 1)]));
}

export function sanitizeRecord(record: AuditRecord, hasher: CprHasher): AuditRecord {
  const id = (text: string) => hashCprShaped(text, hasher);
  return {
    ...record,
    requestId: id(record.requestId),
    subject: id(record.subject),
    clientId: id(record.clientId),
    operationName: record.operationName === null ? null : id(record.operationName),
    entityIds: record.entityIds.map(id),
    ...(record.arguments ? { arguments: sanitizeArgument(record.arguments, undefined, hasher, 0) as Record<string, unknown> } : {}),
  };
}
