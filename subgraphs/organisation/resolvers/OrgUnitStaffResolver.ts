import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InterestGroup as InterestGroupRecord } from '../../../sources/model.js';
import type { SubgraphContext } from '../../shared/context.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { functionsOf, relatesOn } from '../functions.js';
import { hierarchyOf } from '../hierarchy.js';
import { danishCollator } from '../hierarchyIndex.js';
import { nearestManagers } from '../managers.js';
import { activeUsers, toItUser } from '../people.js';
import { InterestGroup } from '../types/InterestGroup.js';
import { ItUser } from '../types/ItUser.js';
import { OrgManager } from '../types/OrgManager.js';
import { OrgPosition } from '../types/OrgPosition.js';
import { OrgRole } from '../types/OrgRole.js';
import { toRole } from '../roles.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { dateOf, type OrgUnitParent } from '../units.js';
import { AS_OF } from './OrgUnitResolver.js';
import { DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';
import { selectsAny } from '../../shared/operationFields.js';
import { loadAll } from '../../shared/loaders.js';

/** A function's holders are read with it when the operation shows them (`holders`), as for managers. */
const HOLDER_FIELDS = ['holders'];
/** OrgManager fields read from the manager's person (a field name anywhere in the operation counts, so `name` mostly does). */
const MANAGER_PERSON_FIELDS = ['name', 'employee'];

async function positionsOf(ctx: SubgraphContext, p: OrgUnitParent, date: string, holders: boolean): Promise<OrgPosition[]> {
  const functions = await functionsOf(ctx, await hierarchyOf(ctx), [p.id], 'Stilling', date, { holders });
  return (functions.get(p.id) ?? []).map((f) => ({ id: f.id, title: f.name, validFrom: f.from, validTo: f.to, userIds: f.userIds, asOf: date }));
}

// Functions, users and groups: which ones from the hierarchy snapshot, their details from `list`
// through the request's loaders, so a page of units costs one call per kind of object, not per unit.
@Resolver(() => OrgUnit)
export class OrgUnitStaffResolver {
  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgManager], {
    nullable: true,
    description:
      'Ledere on the date: the holders of the unit\'s own Leder functions; when it has none, those of the nearest unit up the tree that has (`inherited: true`, `unit` says which). Empty only when no unit up to the root has a manager.',
  })
  async managers(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgManager[]> {
    return nearestManagers(ctx, await hierarchyOf(ctx), p.id, dateOf(p, asOf), { persons: selectsAny(ctx.operation, MANAGER_PERSON_FIELDS) });
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [OrgPosition], { nullable: true, description: 'Stillinger: the Stilling functions of the unit in force on the date, and who holds them.' })
  async positions(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgPosition[]> {
    return positionsOf(ctx, p, dateOf(p, asOf), selectsAny(ctx.operation, HOLDER_FIELDS));
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [OrgRole], {
    nullable: true,
    description: 'Roller: the functions of the unit in force on the date whose Funktionstype is neither Leder nor Stilling (e.g. Tillidsrepræsentant), and who holds them.',
  })
  async roles(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgRole[]> {
    const date = dateOf(p, asOf);
    const functions = await functionsOf(ctx, await hierarchyOf(ctx), [p.id], 'role', date, { holders: selectsAny(ctx.operation, HOLDER_FIELDS) });
    return (functions.get(p.id) ?? []).map((f) => toRole(f, date));
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [ItUser], { nullable: true, description: 'Brugere: the IT users holding a position (Stilling) in the unit on the date, by user name.' })
  async itUsers(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<ItUser[]> {
    const date = dateOf(p, asOf);
    const positions = await positionsOf(ctx, p, date, true);
    return (await activeUsers(ctx, positions.flatMap((pos) => pos.userIds), date)).map(toItUser);
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [InterestGroup], { nullable: true, description: 'Interessefællesskaber (MED-udvalg, networks) the unit takes part in on the date, by name.' })
  async interestGroups(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<InterestGroup[]> {
    const date = dateOf(p, asOf);
    const ids = (await hierarchyOf(ctx)).interestGroupsOf(p.id, date).map((g) => g.id);
    const fresh = await loadAll(ctx.loaders.interestGroups, ids);
    return fresh
      .filter((g): g is InterestGroupRecord => g !== null && relatesOn(g, p.id, date))
      .sort((a, b) => danishCollator.compare(a.name, b.name) || a.id.localeCompare(b.id))
      .map((g) => ({ id: g.id, name: g.name, type: g.type, validFrom: g.from, validTo: g.to, unitIds: g.unitIds, userIds: g.userIds, asOf: date }));
  }
}
