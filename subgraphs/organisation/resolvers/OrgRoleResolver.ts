import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { activeUsers, toItUser } from '../people.js';
import { ItUser } from '../types/ItUser.js';
import { OrgRole } from '../types/OrgRole.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { loadUnits, type OrgUnitParent } from '../units.js';
import { ListSize } from '../../shared/demandControl.js';

@Resolver(() => OrgRole)
export class OrgRoleResolver {
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [ItUser], { description: 'The users holding the role on the date.' })
  async holders(@Root() r: OrgRole, @Ctx() ctx: SubgraphContext): Promise<ItUser[]> {
    return (await activeUsers(ctx, r.userIds, r.asOf)).map(toItUser);
  }

  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgUnit], { description: 'The units the role is held in (TilknyttedeEnheder) that existed on the date.' })
  units(@Root() r: OrgRole, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent[]> {
    return loadUnits(ctx, r.unitIds.map((id) => id.toLowerCase()), r.asOf);
  }
}
