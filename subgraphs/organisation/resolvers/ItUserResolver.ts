import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { InterestGroup as InterestGroupRecord } from '../../../sources/model.js';
import { isValidOn, today } from '../../shared/dates.js';
import { DateScalar } from '../../../platform/scalars.js';
import { rolesOfUser } from '../roles.js';
import { OrgRole } from '../types/OrgRole.js';
import type { SubgraphContext } from '../../shared/context.js';
import { hierarchyOf } from '../hierarchy.js';
import { danishCollator, type ItSystemSummary } from '../hierarchyIndex.js';
import { InterestGroup } from '../types/InterestGroup.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { loadAll } from '../../shared/loaders.js';
import { employeeOf, personNameOf } from '../people.js';
import { Employee } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { ItSystem, ItUser } from '../types/ItUser.js';
import { ListSize } from '../../shared/demandControl.js';

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

  @ListSize({ assumedSize: 5 })
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

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [InterestGroup], { nullable: true, description: 'Interessefællesskaber (MED-udvalg, networks) the user is a member of on the date, by name.' })
  async interestGroups(
    @Root() u: ItUser,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
  ): Promise<InterestGroup[]> {
    const date = asOf ?? today();
    const ids = (await hierarchyOf(ctx)).interestGroupsOfUser(u.id, date).map((g) => g.id);
    // Which groups from the snapshot; the groups themselves fresh from `list`, kept while the user is still a member.
    const fresh = await loadAll(ctx.loaders.interestGroups, ids);
    return fresh
      .filter((g): g is InterestGroupRecord => g !== null && isValidOn(g, date) && g.userIds.some((id) => id.toLowerCase() === u.id.toLowerCase()))
      .sort((a, b) => danishCollator.compare(a.name, b.name) || a.id.localeCompare(b.id))
      .map((g) => ({ id: g.id, name: g.name, type: g.type, validFrom: g.from, validTo: g.to, unitIds: g.unitIds, userIds: g.userIds, asOf: date }));
  }

  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [ItSystem], { description: 'The IT systems the user has access to, by name.' })
  async itSystems(@Root() u: ItUser, @Ctx() ctx: SubgraphContext): Promise<ItSystemSummary[]> {
    return (await hierarchyOf(ctx)).itSystemsOf(u.id);
  }
}
