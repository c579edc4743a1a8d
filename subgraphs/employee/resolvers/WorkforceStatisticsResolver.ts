import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { Cost, ListSize } from '../../shared/demandControl.js';
import { boundedPeriod } from '../../shared/period.js';
import { StatisticsCount, StatisticsDecimal } from '../../shared/statistics/cells.js';
import { parseStatisticsId, statisticsId, type StatisticsScope } from '../../shared/statistics/id.js';
import { DateScalar } from '../../../platform/scalars.js';
import type { WorkforceFigures } from '../statistics/figures.js';
import { workforcePeriod } from '../statistics/population.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { StatisticsRow, WorkforceStatistics } from '../types/WorkforceStatistics.js';

/**
 * What the first question about a period costs beyond its objects: every employment of the period is
 * read once (a call per 100), then shared by every scope of that period for a few minutes.
 */
export const WORKFORCE_STATISTICS_COST = 100;

/** The distributions list every key found; agreements and positions run to dozens. */
const ROWS_ASSUMED = 40;

export interface WorkforceStatisticsParent {
  id: string;
  figures?: Promise<WorkforceFigures>;
}

export function workforceStatisticsParent(scope: StatisticsScope): WorkforceStatisticsParent {
  return { id: statisticsId(scope) };
}

/** Worked out once per entity and request, whichever of its fields are asked. */
function figuresOf(parent: WorkforceStatisticsParent, ctx: SubgraphContext): Promise<WorkforceFigures> {
  parent.figures ??= (async () => {
    const scope = parseStatisticsId(parent.id);
    const period = await workforcePeriod(ctx.sources, { from: scope.from, to: scope.to });
    return period.figures(scope);
  })();
  return parent.figures;
}

const STATISTICS = 'statistics:read';

@Resolver(() => WorkforceStatistics)
export class WorkforceStatisticsResolver {
  @RequiresScopes(STATISTICS)
  @Cost(WORKFORCE_STATISTICS_COST)
  @Query(() => WorkforceStatistics, {
    nullable: true,
    description: 'Workforce statistics of the whole municipality over [from, to] (at most five years; as of a date: from = to). Aggregates only; see docs/statistics.md.',
  })
  workforceStatistics(@Arg('from', () => DateScalar) from: string, @Arg('to', () => DateScalar) to: string): WorkforceStatisticsParent {
    return workforceStatisticsParent({ ...boundedPeriod(from, to), unit: null, includeSubtree: true });
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => DateScalar, { nullable: true, description: 'First day of the period.' })
  from(@Root() p: WorkforceStatisticsParent): string {
    return parseStatisticsId(p.id).from;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Last day of the period: headcount, årsværk and the distributions are as of this day.' })
  to(@Root() p: WorkforceStatisticsParent): string {
    return parseStatisticsId(p.id).to;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => Boolean, { nullable: true, description: 'Whether units below the unit are counted (by the Opus org tree on `to`); true for the municipality.' })
  includeSubtree(@Root() p: WorkforceStatisticsParent): boolean {
    return parseStatisticsId(p.id).includeSubtree;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The org unit the figures are about; null for the whole municipality.' })
  unit(@Root() p: WorkforceStatisticsParent): OrgUnit | null {
    const { unit } = parseStatisticsId(p.id);
    return unit === null ? null : { opusId: unit };
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => Int, { nullable: true, description: 'The fewest persons a released cell counts (STATISTICS_MIN_PERSONS).' })
  async minimumPersons(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext): Promise<number> {
    return (await figuresOf(p, ctx)).minimumPersons;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => StatisticsCount, { nullable: true, description: 'Antal ansatte: persons employed on `to` (a person with several employments counts once).' })
  async headcount(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).headcount;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => StatisticsDecimal, { nullable: true, description: 'Årsværk on `to`: the occupation (beskæftigelsesgrad, from Arbejdstid) of every employment, summed.' })
  async fullTimeEquivalents(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).fullTimeEquivalents;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => StatisticsCount, { nullable: true, description: 'Tilgang: persons with an employment starting within the period.' })
  async hires(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).hires;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => StatisticsCount, { nullable: true, description: 'Afgang: persons with an employment ending (last day) within the period.' })
  async leavers(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).leavers;
  }

  @RequiresScopes(STATISTICS)
  @FieldResolver(() => StatisticsDecimal, {
    nullable: true,
    description: 'Personaleomsætning as a fraction: leavers / the average of the headcount on `from` and on `to`; null when both are 0.',
  })
  async turnoverRate(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).turnoverRate;
  }

  @RequiresScopes(STATISTICS)
  @ListSize({ assumedSize: 4 })
  @FieldResolver(() => [StatisticsRow], { nullable: true, description: 'Headcount and årsværk on `to` by ansættelsesform (keys: the EmploymentType names), all four rows.' })
  async byEmploymentType(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).byEmploymentType;
  }

  @RequiresScopes(STATISTICS)
  @ListSize({ assumedSize: ROWS_ASSUMED })
  @FieldResolver(() => [StatisticsRow], { nullable: true, description: 'Headcount and årsværk on `to` by overenskomst (key: the code), the agreements found, by name.' })
  async byAgreement(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).byAgreement;
  }

  @RequiresScopes(STATISTICS)
  @ListSize({ assumedSize: ROWS_ASSUMED })
  @FieldResolver(() => [StatisticsRow], { nullable: true, description: 'Headcount and årsværk on `to` by stilling (key: the Opus position id), the positions found, by name.' })
  async byPosition(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).byPosition;
  }

  @RequiresScopes(STATISTICS)
  @ListSize({ assumedSize: 6 })
  @FieldResolver(() => [StatisticsRow], {
    nullable: true,
    description: 'Headcount and årsværk on `to` by anciennitet: whole years since the main employment started, in bands 0-1, 1-2, 2-5, 5-10, 10-20, 20+ (lower bound included).',
  })
  async bySeniorityBand(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).bySeniorityBand;
  }

  @RequiresScopes(STATISTICS)
  @ListSize({ assumedSize: 6 })
  @FieldResolver(() => [StatisticsRow], { nullable: true, description: 'Headcount and årsværk on `to` by age on that day, in bands 0-24, 25-34, 35-44, 45-54, 55-64, 65+ (from the birth date, which is never given out).' })
  async byAgeBand(@Root() p: WorkforceStatisticsParent, @Ctx() ctx: SubgraphContext) {
    return (await figuresOf(p, ctx)).byAgeBand;
  }
}
