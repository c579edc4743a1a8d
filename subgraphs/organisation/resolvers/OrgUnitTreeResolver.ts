import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { badInput } from '../../../platform/errors.js';
import { pageOf, type ConnectionValue } from '../../shared/pagination.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { hierarchyOf } from '../hierarchy.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { dateOf, loadUnits, versionOf, type OrgUnitParent } from '../units.js';
import { OrgUnitConnection } from './OrgUnitQueryResolver.js';
import { AS_OF } from './OrgUnitResolver.js';
import { ListSize, Paginated } from '../../shared/demandControl.js';

// The tree comes from the hierarchy snapshot; the units in it from `list`, one call per level of
// the query for all units of that level.
@Resolver(() => OrgUnit)
export class OrgUnitTreeResolver {
  @RequiresScopes('org:read')
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Overordnet enhed on the date; null for the root.' })
  async parent(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgUnitParent | null> {
    const parentId = versionOf(p, asOf)?.parentId;
    if (!parentId) return null;
    const [found] = await loadUnits(ctx, [parentId], dateOf(p, asOf));
    return found ?? null;
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [OrgUnit], { nullable: true, description: 'Direct sub-units on the date, by name.' })
  async children(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgUnitParent[]> {
    const date = dateOf(p, asOf);
    return loadUnits(ctx, (await hierarchyOf(ctx)).children(p.id, date), date);
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [OrgUnit], { nullable: true, description: 'The parent, its parent and so on up to the root (the municipality), on the date: nearest first.' })
  async ancestors(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgUnitParent[]> {
    const date = dateOf(p, asOf);
    return loadUnits(ctx, (await hierarchyOf(ctx)).ancestors(p.id, date), date);
  }

  @RequiresScopes('org:read')
  @Paginated()
  @FieldResolver(() => OrgUnitConnection, {
    nullable: true,
    description: 'Every unit below this one on the date, level by level (each level by name), a page at a time; `maxDepth` 1 gives the children, 2 also their children, ...',
  })
  async descendants(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, at most 500 (default 50).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after?: string,
    @Arg('maxDepth', () => Int, { nullable: true, description: 'How many levels down to go (at least 1; all when not given).' }) maxDepth?: number,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<ConnectionValue<OrgUnitParent>> {
    if (maxDepth !== undefined && maxDepth !== null && (!Number.isInteger(maxDepth) || maxDepth < 1)) {
      throw badInput(`\`maxDepth\` must be at least 1, got ${maxDepth}`, { argument: 'maxDepth' });
    }
    const date = dateOf(p, asOf);
    const page = pageOf((await hierarchyOf(ctx)).descendants(p.id, date, maxDepth ?? undefined), first, after);
    return { ...page, nodes: await loadUnits(ctx, page.nodes, date) };
  }
}
