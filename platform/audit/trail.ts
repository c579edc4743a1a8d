// The audit trail of one request in one subgraph: reads of audited fields are gathered while the
// query runs and written in one go before the response leaves (see plugin.ts); mutations are written
// before they run and again with their outcome.
import { GraphQLError } from 'graphql';
import type { AuditCategory } from './record.js';
import type { Principal } from '../auth/principal.js';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logging.js';
import { cprHasher } from './cprHash.js';
import type { AuditFilter, AuditPage, AuditPageRequest, AuditRecord, AuditSink } from './record.js';
import { sanitizeRecord } from './sanitize.js';

export function auditUnavailable(): GraphQLError {
  return new GraphQLError('The audit log cannot be written, so personal data is withheld and nothing was changed', {
    extensions: { code: ErrorCode.AUDIT_UNAVAILABLE },
  });
}

function notQueryable(sink: string): GraphQLError {
  return new GraphQLError(`The audit log of this deployment (${sink}) cannot be searched; use AUDIT_SINK=postgres or file`, {
    extensions: { code: ErrorCode.AUDIT_LOG_NOT_QUERYABLE },
  });
}

export interface TrailInfo {
  requestId: string;
  subgraph: string;
  principal?: Principal;
  logger?: Logger;
}

export class AuditTrail {
  private readonly reads = new Map<string, { category: AuditCategory; entityType: string; field: string; ids: Set<string> }>();
  /** Reads that carry what was asked (a CPR lookup's hashes, an access report's filter): one record each. */
  private readonly described: Array<Pick<AuditRecord, 'category' | 'entityType' | 'field' | 'entityIds' | 'arguments'>> = [];
  operationName: string | null = null;

  constructor(
    private readonly sink: AuditSink,
    private readonly info: TrailInfo,
  ) {}

  read(category: AuditCategory, entityType: string, field: string, entityId: string): void {
    const key = `${entityType}.${field}`;
    let entry = this.reads.get(key);
    if (!entry) this.reads.set(key, (entry = { category, entityType, field, ids: new Set() }));
    entry.ids.add(entityId);
  }

  /** A read recorded with what it asked for, e.g. the access report's filter. */
  readWith(category: AuditCategory, entityType: string, field: string, entityIds: string[], args: Record<string, unknown>): void {
    this.described.push({ category, entityType, field, entityIds, arguments: args });
  }

  /**
   * A lookup by CPR number, found or not: each number searched as its keyed hash, with the person it
   * matched (null: none; undefined: the lookup failed before it could tell).
   */
  cprLookup(entityType: string, field: string, searched: ReadonlyArray<{ cpr: string; personId: string | null | undefined }>): void {
    const hasher = cprHasher();
    const rows = searched.map((s) => ({ cprHash: hasher.hash(s.cpr), matched: s.personId === undefined ? 'unknown' : s.personId }));
    const found = searched.flatMap((s) => (s.personId ? [s.personId] : []));
    this.readWith('cpr-lookup', entityType, field, [...new Set([...rows.map((r) => r.cprHash), ...found])], { searched: rows });
  }

  get pendingReads(): number {
    return this.reads.size + this.described.length;
  }

  /** The access report: records of the shared audit store, newest first. */
  async query(filter: AuditFilter, page: AuditPageRequest): Promise<AuditPage> {
    if (!this.sink.query) throw notQueryable(this.sink.name);
    return this.sink.query(filter, page);
  }

  /** Every record leaves through here: sanitized (sanitize.ts) before the sink sees it. */
  private write(records: AuditRecord[]): Promise<void> {
    const hasher = cprHasher();
    return this.sink.write(records.map((r) => sanitizeRecord(r, hasher)));
  }

  private base(): Omit<AuditRecord, 'kind' | 'field' | 'entityIds'> {
    const p = this.info.principal;
    return {
      at: new Date().toISOString(),
      requestId: this.info.requestId,
      subgraph: this.info.subgraph,
      subject: p?.subject ?? '(none)',
      clientId: p?.clientId ?? '(none)',
      clientKind: p?.clientKind ?? '(none)',
      operationName: this.operationName,
    };
  }

  /** Writes the gathered reads; throws when they could not be made durable. */
  async flush(): Promise<void> {
    if (this.pendingReads === 0) return;
    const records: AuditRecord[] = [
      ...[...this.reads.values()].map((r) => ({
        ...this.base(),
        kind: 'read' as const,
        category: r.category,
        entityType: r.entityType,
        field: r.field,
        entityIds: [...r.ids],
      })),
      ...this.described.map((r) => ({ ...this.base(), kind: 'read' as const, ...r })),
    ];
    this.reads.clear();
    this.described.length = 0;
    await this.write(records);
  }

  async mutation<T>(field: string, args: Record<string, unknown>, run: () => Promise<T>): Promise<T> {
    const entityIds = mutatedEmployments(args);
    const record = (extra: Partial<AuditRecord>): AuditRecord => ({ ...this.base(), kind: 'mutation', field, entityIds, arguments: args, ...extra });
    try {
      await this.write([record({ phase: 'attempt' })]);
    } catch (error) {
      this.info.logger?.error({ err: error, requestId: this.info.requestId, field }, 'audit log write failed; mutation refused');
      throw auditUnavailable();
    }
    let result: T;
    try {
      result = await run();
    } catch (error) {
      const code = error instanceof GraphQLError ? String(error.extensions?.code ?? '') : (error as { code?: string })?.code;
      await this.write([record({ phase: 'outcome', outcome: 'error', errorCode: code || 'INTERNAL_SERVER_ERROR' })]).catch((e) => this.outcomeLost(field, e));
      throw error;
    }
    // The change is made; failing the request now would invite a retry. The attempt record stands.
    await this.write([record({ phase: 'outcome', outcome: 'ok' })]).catch((e) => this.outcomeLost(field, e));
    return result;
  }

  private outcomeLost(field: string, error: unknown) {
    this.info.logger?.error({ err: error, requestId: this.info.requestId, field }, 'audit outcome of a mutation not written (its attempt record stands)');
  }
}

/** The employments a mutation changes: `employmentNumber`, or each `submissions[].employmentNumber` of a bulk write. */
function mutatedEmployments(args: Record<string, unknown>): string[] {
  if (typeof args.employmentNumber === 'string') return [args.employmentNumber];
  if (!Array.isArray(args.submissions)) return [];
  const numbers = args.submissions.map((s) => (s as { employmentNumber?: unknown } | null)?.employmentNumber).filter((n): n is string => typeof n === 'string');
  return [...new Set(numbers)];
}
