import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Organisation as OrganisationRecord } from '../../../sources/model.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { hierarchyOf } from '../hierarchy.js';
import { Organisation } from '../types/Organisation.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { loadUnits, type OrgUnitParent } from '../units.js';
import { ListSize } from '../../shared/demandControl.js';

export const toOrganisation = (o: OrganisationRecord): Organisation => ({ id: o.id, name: o.name, cvr: o.cvr || null, key: o.kommunekode });

@Resolver(() => Organisation)
export class OrganisationResolver {
  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 5 })
  @Query(() => [Organisation], {
    nullable: true,
    description: 'The Organisation objects the graph serves (FKORG_ORGANISATION_UUID, else every one FK ORG holds for the municipality), by name.',
  })
  async organisations(@Ctx() ctx: SubgraphContext): Promise<Organisation[]> {
    return (await hierarchyOf(ctx)).organisations.map(toOrganisation);
  }

  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgUnit], { description: "The organisation's top units on the date: those whose parent is not the organisation's own." })
  async rootUnits(
    @Root() o: Organisation,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: 'The date to answer for (default today).' }) asOf?: string,
  ): Promise<OrgUnitParent[]> {
    const date = asOf ?? today();
    return loadUnits(ctx, (await hierarchyOf(ctx)).rootsOf(o.id, date), date);
  }
}
