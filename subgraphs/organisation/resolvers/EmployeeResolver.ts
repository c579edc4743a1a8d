import { Ctx, Directive, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { personIds } from '../../shared/personId.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { hierarchyOf } from '../hierarchy.js';
import { nearestManagers } from '../managers.js';
import { cprOf } from '../people.js';
import { Employee } from '../types/Employee.js';
import { OrgManager } from '../types/OrgManager.js';

/** An Employee representation as the gateway sends it for `manager`: the key and the required units. */
export interface EmployeeRepresentation {
  id: string;
  orgUnitOpusIdsToday?: string[] | null;
}

@Resolver(() => Employee)
export class EmployeeResolver {
  // Owned by the employee subgraph (where the person's employments are placed) and hidden from the
  // API there; declared here so that `manager` can require it. The gateway fetches it there and sends
  // it along with the key.
  @Directive('@external')
  @FieldResolver(() => [ID], { nullable: true, description: 'Opus numbers of the org units the person works in today.' })
  orgUnitOpusIdsToday(@Root() e: EmployeeRepresentation): string[] | null {
    return e.orgUnitOpusIdsToday ?? null;
  }

  @RequiresScopes(['org:read', 'employee:read'])
  @Directive('@requires(fields: "orgUnitOpusIdsToday")')
  @FieldResolver(() => [OrgManager], {
    nullable: true,
    description:
      'Nærmeste leder today: for each unit the person works in, its nearest manager other than the person themself (a manager of their own unit gets the manager further up). A list, as someone working in several units, or in a unit with co-managers, has more than one.',
  })
  async manager(@Root() e: EmployeeRepresentation, @Ctx() ctx: SubgraphContext): Promise<OrgManager[] | null> {
    if (!e.orgUnitOpusIdsToday) return null;
    const self = personIds().toCpr(e.id);
    const date = today();
    const index = await hierarchyOf(ctx);
    const unitIds = [...new Set(e.orgUnitOpusIdsToday.map((opusId) => index.idForOpusId(opusId)).filter((id): id is string => id !== undefined))];
    const found = await Promise.all(
      unitIds.map((unitId) => nearestManagers(ctx, index, unitId, date, { accept: async (c) => (await cprOf(ctx, c.user.personId)) !== self, lookahead: 2 })),
    );
    const seen = new Set<string>();
    return found.flat().filter((m) => {
      const key = `${m.id}|${m.user.id}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }
}
