import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { areasForSelection } from '../../shared/employments.js';
import { parseRegisteredAt } from '../../shared/coverage.js';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';
import { REGISTERED_AT } from '../registeredAt.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { viewOn, type EmploymentParent } from '../parents.js';
import { compareEmploymentNumbers } from '../../../sources/opus/wire.js';
import { Employment } from '../types/Employment.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { Cost, DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';
import { OpusOrgTree } from '../../shared/opusOrgTree.js';
import { boundedPeriod } from '../../shared/period.js';
import { WorkforceStatistics } from '../types/WorkforceStatistics.js';
import { WORKFORCE_STATISTICS_COST, workforceStatisticsParent, type WorkforceStatisticsParent } from './WorkforceStatisticsResolver.js';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [Employment], {
    nullable: true,
    description: 'Organisation: employments placed directly in the unit on `asOf` (default today), sub-units not included, by medarbejdernummer; viewed as of that date.',
  })
  async employments(
    @Root() unit: { opusId: string },
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<EmploymentParent[]> {
    const date = asOf ?? today();
    const areas = areasForSelection(info, 'Employment', EMPLOYMENT_AREAS);
    const registration = parseRegisteredAt(ctx, registeredAt);
    const found = await ctx.loaders.unitEmployments.load({ orgUnitOpusId: unit.opusId, activeOn: date, areas, registeredAt: registration });
    return [...found].sort((a, b) => compareEmploymentNumbers(a.employmentNumber, b.employmentNumber)).map((e) => viewOn(e, date, registration));
  }

  @RequiresScopes('statistics:read')
  @Cost(WORKFORCE_STATISTICS_COST)
  @FieldResolver(() => WorkforceStatistics, {
    nullable: true,
    description:
      'Workforce statistics of the unit over [from, to] (at most five years; as of a date: from = to), with the units below it in the Opus org tree on `to` unless includeSubtree is false. Aggregates only; see docs/statistics.md.',
  })
  async workforceStatistics(
    @Root() unit: { opusId: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('includeSubtree', () => Boolean, { defaultValue: true }) includeSubtree: boolean,
  ): Promise<WorkforceStatisticsParent> {
    const period = boundedPeriod(from, to);
    await OpusOrgTree.for(ctx.sources.opus).mustHave(unit.opusId);
    return workforceStatisticsParent({ ...period, unit: unit.opusId, includeSubtree });
  }
}
