import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { today } from '../../shared/dates.js';
import { DateScalar } from '../../shared/scalars.js';
import { rolesOfUser } from '../roles.js';
import { OrgRole } from '../types/OrgRole.js';
import type { SubgraphContext } from '../../shared/context.js';
import { hierarchyOf } from '../hierarchy.js';
import type { ItSystemSummary } from '../hierarchyIndex.js';
import { employeeOf, personNameOf } from '../people.js';
import { Employee } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { ItSystem, ItUser } from '../types/ItUser.js';

@Resolver(() => ItUser)
export class ItUserResolver {
  @FieldResolver(() => String, { nullable: true, description: "The name of the user's person, as FK ORG has it." })
  name(@Root() u: ItUser, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return personNameOf(ctx, u.personId);
  }

  @FieldResolver(() => Employment, { nullable: true, description: 'The Opus employment (medarbejdernummer) the user was provisioned for; null for accounts without one.' })
  employment(@Root() u: ItUser): Employment | null {
    return u.employmentNumber ? { employmentNumber: u.employmentNumber } : null;
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The person behind the user, as an employee; null for a service account.' })
  employee(@Root() u: ItUser, @Ctx() ctx: SubgraphContext): Promise<{ id: string } | null> {
    return employeeOf(ctx, u.personId);
  }

  @FieldResolver(() => [OrgRole], { description: 'Roller the user holds on the date (functions other than Leder and Stilling), oldest first.' })
  async roles(
    @Root() u: ItUser,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
  ): Promise<OrgRole[]> {
    const date = asOf ?? today();
    const ids = (await hierarchyOf(ctx)).rolesOfUser(u.id, date).map((f) => f.id);
    return rolesOfUser(ctx, ids, u.id, date);
  }

  @FieldResolver(() => [ItSystem], { description: 'The IT systems the user has access to, by name.' })
  async itSystems(@Root() u: ItUser, @Ctx() ctx: SubgraphContext): Promise<ItSystemSummary[]> {
    return (await hierarchyOf(ctx)).itSystemsOf(u.id);
  }
}
