import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { today, versionOn } from '../../shared/dates.js';
import { withAreas } from '../../shared/employments.js';
import { DateScalar } from '../../shared/scalars.js';
import { Employment } from '../types/Employment.js';
import { SalaryPlacement } from '../types/SalaryPlacement.js';

@Resolver(() => Employment)
export class EmploymentPayrollResolver {
  @FieldResolver(() => SalaryPlacement, { nullable: true, description: 'Lønindplacering valid on `asOf` (default today).' })
  async salaryPlacement(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    const found = await withAreas(ctx, e, ['Loenindplacering']);
    return versionOn(found?.salaryPlacement ?? [], asOf ?? today()) ?? null;
  }
}
