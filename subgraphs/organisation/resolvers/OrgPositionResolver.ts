import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { activeUsers, toItUser } from '../people.js';
import { ItUser } from '../types/ItUser.js';
import { OrgPosition } from '../types/OrgPosition.js';
import { ListSize } from '../../shared/demandControl.js';

@Resolver(() => OrgPosition)
export class OrgPositionResolver {
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [ItUser], { description: 'The users holding the position on the date; empty for a vacant one.' })
  async holders(@Root() p: OrgPosition, @Ctx() ctx: SubgraphContext): Promise<ItUser[]> {
    return (await activeUsers(ctx, p.userIds, p.asOf)).map(toItUser);
  }
}
