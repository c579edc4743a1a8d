import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { hierarchyOf } from '../hierarchy.js';
import { activeUsers, toItUser } from '../people.js';
import { InterestGroup } from '../types/InterestGroup.js';
import { ItUser } from '../types/ItUser.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { loadUnits, type OrgUnitParent } from '../units.js';
import { DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';

@Resolver(() => InterestGroup)
export class InterestGroupResolver {
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [OrgUnit], { description: 'The units taking part, by name.' })
  async units(@Root() g: InterestGroup, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent[]> {
    const ids = (await hierarchyOf(ctx)).sortByName(g.unitIds.map((id) => id.toLowerCase()), g.asOf);
    return loadUnits(ctx, ids, g.asOf);
  }

  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [ItUser], { description: 'The members (their IT users) active on the date, by user name.' })
  async members(@Root() g: InterestGroup, @Ctx() ctx: SubgraphContext): Promise<ItUser[]> {
    return (await activeUsers(ctx, g.userIds, g.asOf)).map(toItUser);
  }
}
