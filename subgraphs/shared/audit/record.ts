// One line of the audit log: who read which personal data of which entities, or which mutation they
// ran, through which client and operation. Entity ids are employment numbers and opaque person ids:
// the log says whose CPR number was read, never the number itself.
import type { AuditCategory } from '../auth/access.js';

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

/** Where audit records go. Implementations must be append-only and resolve only once records are durable. */
export interface AuditSink {
  readonly name: string;
  write(records: readonly AuditRecord[]): Promise<void>;
  close(): Promise<void>;
}
