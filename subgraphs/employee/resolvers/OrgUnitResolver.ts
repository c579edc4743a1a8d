import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { EmploymentAreas } from '../../../sources/opus/OpusSource.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { areasForSelection, loadEmployments } from '../../shared/employments.js';
import { DateScalar } from '../../shared/scalars.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { Employment } from '../types/Employment.js';
import { OrgUnit } from '../types/OrgUnit.js';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @FieldResolver(() => [Employment], { description: 'Employments placed directly in the unit on `asOf` (default today), by medarbejdernummer.' })
  async employments(
    @Root() unit: { opusId: string },
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<EmploymentAreas[]> {
    const numbers = await ctx.loaders.unitEmployments.load({ orgUnitOpusId: unit.opusId, activeOn: asOf ?? today() });
    const found = await loadEmployments(ctx, numbers, areasForSelection(info, 'Employment', EMPLOYMENT_AREAS));
    return found.filter((e): e is EmploymentAreas => e !== null);
  }
}
