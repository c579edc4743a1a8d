// One line of the audit log: who read which personal data of which entities, or which mutation they
// ran, through which client and operation. Entity ids are employment numbers and opaque person ids:
// the log says whose CPR number was read, never the number itself.
/**
 * Kinds of personal data whose every read is written to the audit log. `health`: absences of a
 * special category (GDPR art. 9: sickness, barsel; subgraphs/absence/sensitiveAbsences.ts);
 * `cpr-lookup`: a search by CPR number, found or not; `audit`: a read of the audit log itself.
 */
export const AUDIT_CATEGORIES = ['cpr', 'tax', 'salary', 'protected-address', 'health', 'cpr-lookup', 'audit'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export interface AuditRecord {
  /** ISO timestamp. */
  at: string;
  requestId: string;
  subgraph: string;
  subject: string;
  clientId: string;
  clientKind: string;
  operationName: string | null;
  kind: 'read' | 'mutation';
  /** Reads: the kind of personal data. */
  category?: AuditCategory;
  /** Reads: the entity type and field read; mutations: the mutation field. */
  entityType?: string;
  field: string;
  entityIds: string[];
  /** Mutations: written once before it runs (attempt) and once after (outcome). */
  phase?: 'attempt' | 'outcome';
  outcome?: 'ok' | 'error';
  errorCode?: string;
  arguments?: Record<string, unknown>;
}

/** Which records an access report asks for; every given condition must hold. */
export interface AuditFilter {
  /** Each set: the record names at least one of these entity ids (e.g. a person's id, CPR hash and employment numbers). */
  entityIdSets?: string[][];
  subject?: string;
  clientId?: string;
  /** ISO timestamps, inclusive. */
  from?: string;
  to?: string;
}

export interface AuditPageRequest {
  first: number;
  /** `position` of the last record of the previous page: the next page holds older records. */
  after?: string;
}

/** Newest first; `position` is the sink's own, opaque order (row id, line number). */
export interface AuditPage {
  records: Array<{ position: string; record: AuditRecord }>;
  hasNextPage: boolean;
}

/** Where audit records go. Implementations must be append-only and resolve only once records are durable. */
export interface AuditSink {
  readonly name: string;
  write(records: readonly AuditRecord[]): Promise<void>;
  /** The access report (accessLog): sinks without it cannot answer one. */
  query?(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage>;
  close(): Promise<void>;
}
