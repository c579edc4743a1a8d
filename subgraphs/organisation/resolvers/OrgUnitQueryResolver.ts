import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Int, Query, Resolver } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { notFound } from '../../../platform/errors.js';
import { parseOpusNumber } from '../../shared/arguments.js';
import { Connection, pageOf, type ConnectionValue } from '../../shared/pagination.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { hierarchyOf } from '../hierarchy.js';
import { OrgUnitFilter } from '../inputs/OrgUnitFilter.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { checkFilter, selectUnits } from '../unitFilter.js';
import { loadUnits, parseUnitId, prefetchParents, toParent, type OrgUnitParent } from '../units.js';
import { selectedFields, selectedNodeFields } from '../../shared/selection.js';
import { Paginated } from '../../shared/demandControl.js';

export const OrgUnitConnection = Connection(OrgUnit, 'OrgUnit');

/** Resolves `{id}` or `{opusId}` representations as of today: units come from one batched `list` per plan step. */
export async function resolveOrgUnitReference(ref: { id?: string; opusId?: string }, ctx: SubgraphContext, info: GraphQLResolveInfo): Promise<OrgUnitParent | null> {
  const id = ref.id ? ref.id.toLowerCase() : ref.opusId ? (await hierarchyOf(ctx)).idForOpusId(ref.opusId) : undefined;
  if (!id) return null;
  if (selectedFields(info, 'OrgUnit').has('parent')) prefetchParents(ctx, [id], today());
  const unit = await ctx.loaders.orgUnits.load(id);
  return unit ? toParent(unit, today()) : null;
}

@Resolver(() => OrgUnit)
export class OrgUnitQueryResolver {
  @RequiresScopes('org:read')
  @Query(() => OrgUnit, { nullable: true, description: 'One org unit by FK ORG UUID, as it was on `asOf` (default today). NOT_FOUND when it did not exist then.' })
  async orgUnit(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
  ): Promise<OrgUnitParent> {
    const date = asOf ?? today();
    const unitId = parseUnitId(id);
    if (selectedFields(info, 'OrgUnit').has('parent')) prefetchParents(ctx, [unitId], date);
    const [found] = await loadUnits(ctx, [unitId], date);
    if (!found) throw notFound('OrgUnit', `${id} on ${date}`);
    return found;
  }

  @RequiresScopes('org:read')
  @Query(() => OrgUnit, {
    nullable: true,
    description: 'One org unit by its Opus number (BrugervendtNoegle in FK ORG), as it was on `asOf` (default today). NOT_FOUND when FK ORG has no unit with the number, or it did not exist then.',
  })
  async orgUnitByOpusId(
    @Arg('opusId', () => ID) opusId: string,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
  ): Promise<OrgUnitParent> {
    parseOpusNumber(opusId, 'opusId', 'an Opus org unit number');
    const date = asOf ?? today();
    // The number is found in the hierarchy snapshot; the unit itself is read fresh with `list`.
    const id = (await hierarchyOf(ctx)).idForOpusId(opusId);
    if (id && selectedFields(info, 'OrgUnit').has('parent')) prefetchParents(ctx, [id], date);
    const [found] = id ? await loadUnits(ctx, [id], date) : [];
    if (!found || found.opusId !== opusId) throw notFound('OrgUnit', `with Opus number ${opusId} on ${date}`);
    return found;
  }

  @RequiresScopes('org:read')
  @Paginated()
  @Query(() => OrgUnitConnection, {
    nullable: true,
    description: 'Org units that existed on `asOf` (default today) and match `filter`, sorted by name, a page at a time. Every field of the units answers for `asOf` too.',
  })
  async orgUnits(
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => OrgUnitFilter, { nullable: true }) filter?: OrgUnitFilter,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, at most 500 (default 50).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after?: string,
    @Arg('name', () => String, { nullable: true, deprecationReason: 'Use `filter: { name }`; kept for operations registered before the filter.' }) name?: string,
  ): Promise<ConnectionValue<OrgUnitParent>> {
    const date = asOf ?? today();
    const index = await hierarchyOf(ctx);
    const criteria = name != null && filter?.name == null ? { ...filter, name } : filter;
    const page = pageOf(selectUnits(index, checkFilter(criteria, index), date), first, after);
    // The snapshot chose the units and their order; their details come fresh from `list`.
    if (selectedNodeFields(info, 'OrgUnit').has('parent')) prefetchParents(ctx, page.nodes, date);
    return { ...page, nodes: await loadUnits(ctx, page.nodes, date) };
  }
}
