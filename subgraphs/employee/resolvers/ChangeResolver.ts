import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { pageSize, type ConnectionValue } from '../../shared/pagination.js';
import { changeCursor, extractStoreOf, positionOf, readChanges, subtreeUnits, type ChangeRow } from '../changeFeed.js';
import type { EmploymentParent } from '../parents.js';
import { Change, ChangeConnection } from '../types/Change.js';
import { ChangeType } from '../types/ChangeType.js';
import { Employment } from '../types/Employment.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { Paginated } from '../../shared/demandControl.js';

const DEFAULT_CHANGES_PAGE = 100;

interface ChangeParent {
  cursor: string;
  type: ChangeType;
  registeredAt: Date;
  effectiveFrom: string | null;
  fields: string[];
  entityKey: string;
  entity: ChangeRow['entity'];
}

const toChange = (row: ChangeRow): ChangeParent => ({
  cursor: changeCursor(row.cursor),
  type: row.type as ChangeType,
  registeredAt: row.registered_at,
  effectiveFrom: row.effective_from,
  fields: row.fields,
  entityKey: row.entity_key,
  entity: row.entity,
});

@Resolver(() => Change)
export class ChangeResolver {
  // Not audited: an event holds a key, a type, dates and field names, never the data itself; every
  // field of the entity read through it keeps its own scopes and audit (docs/changes.md).
  @RequiresScopes('changes:read')
  @Paginated(DEFAULT_CHANGES_PAGE)
  @Query(() => ChangeConnection, {
    nullable: true,
    description:
      'The change feed: events from the Opus extracts in the order they were registered, oldest first. Cursors are durable: resume with `after` = the last cursor you processed ' +
      '(or `pageInfo.endCursor`) and you see every later event exactly once, across restarts. `orgUnitSubtree` (an Opus unit number) keeps events concerning that unit or any unit under it today.',
  })
  async changes(
    @Ctx() ctx: SubgraphContext,
    @Arg('after', () => String, { nullable: true, description: 'A `cursor` (or `pageInfo.endCursor`) from this feed; none: from the first event.' }) after?: string,
    @Arg('first', () => Int, { nullable: true, description: `Page size, 0 to 500 (default ${DEFAULT_CHANGES_PAGE}).` }) first?: number,
    @Arg('types', () => [ChangeType], { nullable: true, description: 'Only events of these types.' }) types?: ChangeType[],
    @Arg('orgUnitSubtree', () => ID, { nullable: true, description: 'Only events concerning this Opus org unit or a unit under it today (before or after a move).' }) orgUnitSubtree?: string,
  ): Promise<ConnectionValue<ChangeParent>> {
    const size = pageSize(first ?? DEFAULT_CHANGES_PAGE);
    const position = positionOf(after);
    const db = extractStoreOf(ctx.sources.extractStore);
    const units = orgUnitSubtree === undefined || orgUnitSubtree === null ? undefined : await subtreeUnits(db, orgUnitSubtree);
    const page = await readChanges(db, { after: position, size, types: types ?? undefined, units });
    const nodes = page.rows.map(toChange);
    return {
      nodes,
      // An empty page keeps the caller where it was, so polling with endCursor never goes back to the start.
      pageInfo: { endCursor: nodes.at(-1)?.cursor ?? (position > 0n ? changeCursor(position) : null), hasNextPage: page.hasNextPage },
    };
  }

  @FieldResolver(() => Employment, { nullable: true })
  employment(@Root() change: ChangeParent): EmploymentParent | null {
    // The key alone: Employment's fields load what they need through the request's loaders (one Opus
    // call for the whole page), each behind its own scopes; a page selecting only keys reads nothing.
    if (change.entity !== 'Employment') return null;
    return { employmentNumber: change.entityKey, asOf: today() } as EmploymentParent;
  }

  @FieldResolver(() => OrgUnit, { nullable: true })
  orgUnit(@Root() change: ChangeParent): { opusId: string } | null {
    return change.entity === 'OrgUnit' ? { opusId: change.entityKey } : null;
  }
}
