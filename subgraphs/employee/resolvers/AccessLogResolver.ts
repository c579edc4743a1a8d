// The access report (GDPR art. 15 "who has read my data", and the DPO's own checks) over the shared
// audit store. A person filter expands to every id the log can name them by: their opaque person id,
// the keyed hash of their CPR number (lookups) and their employment numbers (everything read by
// employment). Reading the report is itself audited.
import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { parseEmploymentNumber } from '../../shared/arguments.js';
import { cprHasher } from '../../../platform/audit/cprHash.js';
import type { AuditFilter, AuditRecord } from '../../../platform/audit/record.js';
import { hashCprShaped } from '../../../platform/audit/sanitize.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor, pageSize, type ConnectionValue } from '../../shared/pagination.js';
import { personIds } from '../../../platform/personId.js';
import { parseCprArgument } from '../arguments.js';
import { AccessLogFilter } from '../inputs/AccessLogFilter.js';
import { AccessLogConnection, AccessLogEntry } from '../types/AccessLogEntry.js';
import { Paginated } from '../../shared/demandControl.js';

/** Every id the audit log names a person by. */
async function personEntityIds(ctx: SubgraphContext, cpr: string): Promise<string[]> {
  const employments = await ctx.loaders.employmentsByCpr.load({ cpr });
  return [personIds().fromCpr(cpr), cprHasher().hash(cpr), ...employments.map((n) => hashCprShaped(n, cprHasher()))];
}

const toEntry = (r: AuditRecord): AccessLogEntry => ({
  at: r.at,
  subject: r.subject,
  clientId: r.clientId,
  clientKind: r.clientKind,
  operationName: r.operationName,
  requestId: r.requestId,
  subgraph: r.subgraph,
  kind: r.kind,
  category: r.category ?? null,
  entityType: r.entityType ?? null,
  field: r.field,
  entityIds: r.entityIds,
  phase: r.phase ?? null,
  outcome: r.outcome ?? null,
  errorCode: r.errorCode ?? null,
});

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  @RequiresScopes('audit:read')
  @Paginated()
  @Query(() => AccessLogConnection, {
    nullable: true,
    description:
      'The access report: audit records (reads of audited personal data, CPR lookups, mutations, reads of this report), newest first, a page at a time. ' +
      '`filter.personId` or `filter.cpr` answers "who has read my data": reads by the person id or any of their employment numbers, and lookups of their CPR number. ' +
      'AUDIT_LOG_NOT_QUERYABLE when the deployment\'s audit sink cannot be searched. Every read of the report is itself audited.',
  })
  async accessLog(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => AccessLogFilter, { nullable: true }) filter?: AccessLogFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500 (default 50).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after?: string,
  ): Promise<ConnectionValue<AccessLogEntry>> {
    const size = pageSize(first);
    const position = decodeCursor(after);
    if (position !== null && !/^\d{1,18}$/.test(position)) throw badInput('`after` is not a cursor returned by this API', { argument: 'after' });
    const f = filter ?? {};
    if (f.from && f.to && Date.parse(f.from) > Date.parse(f.to)) throw badInput('`filter.from` is after `filter.to`', { argument: 'filter.from' });

    const query: AuditFilter = { entityIdSets: [] };
    // What the audit record of this read keeps of the filter: no CPR number, only its hash.
    const asked: Record<string, unknown> = {};
    if (f.employmentNumber) {
      const n = hashCprShaped(parseEmploymentNumber(f.employmentNumber, 'filter.employmentNumber'), cprHasher());
      query.entityIdSets!.push([n]);
      asked.employmentNumber = n;
    }
    if (f.personId) {
      query.entityIdSets!.push(await personEntityIds(ctx, personIds().toCpr(f.personId)));
      asked.personId = f.personId;
    }
    if (f.cpr) {
      const cpr = parseCprArgument(f.cpr, 'filter.cpr');
      query.entityIdSets!.push(await personEntityIds(ctx, cpr));
      asked.cprHash = cprHasher().hash(cpr);
    }
    if (f.subject) asked.subject = query.subject = hashCprShaped(f.subject, cprHasher());
    if (f.client) asked.client = query.clientId = hashCprShaped(f.client, cprHasher());
    if (f.from) asked.from = query.from = f.from;
    if (f.to) asked.to = query.to = f.to;

    ctx.audit.readWith('audit', 'AccessLog', 'accessLog', [...new Set(query.entityIdSets!.flat())], { filter: asked });
    const page = await ctx.audit.query(query, { first: size, after: position ?? undefined });
    const last = page.records.at(-1);
    return {
      nodes: page.records.map((r) => toEntry(r.record)),
      pageInfo: { endCursor: last ? encodeCursor(last.position) : (after ?? null), hasNextPage: page.hasNextPage },
    };
  }
}
