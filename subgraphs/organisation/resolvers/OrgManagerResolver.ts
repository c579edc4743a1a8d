import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { employeeOf, personNameOf } from '../people.js';
import { Employee } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { ItUser } from '../types/ItUser.js';
import { OrgManager } from '../types/OrgManager.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { loadUnits, type OrgUnitParent } from '../units.js';

@Resolver(() => OrgManager)
export class OrgManagerResolver {
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The unit the Leder function belongs to: the unit asked about, or for an inherited manager the unit further up it comes from.' })
  async unit(@Root() m: OrgManager, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent | null> {
    const [found] = await loadUnits(ctx, [m.unitId], m.asOf);
    return found ?? null;
  }

  @FieldResolver(() => ItUser, { description: 'The IT user (Bruger) holding the function.' })
  user(@Root() m: OrgManager): ItUser {
    return m.user;
  }

  @FieldResolver(() => String, { nullable: true, description: "The manager's name, as FK ORG's Person has it." })
  name(@Root() m: OrgManager, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return personNameOf(ctx, m.user.personId);
  }

  @FieldResolver(() => Employment, { nullable: true, description: 'The Opus employment the manager\'s user was provisioned for.' })
  employment(@Root() m: OrgManager): Employment | null {
    return m.user.employmentNumber ? { employmentNumber: m.user.employmentNumber } : null;
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The manager as an employee (the person behind the user).' })
  employee(@Root() m: OrgManager, @Ctx() ctx: SubgraphContext): Promise<{ id: string } | null> {
    return employeeOf(ctx, m.user.personId);
  }
}
