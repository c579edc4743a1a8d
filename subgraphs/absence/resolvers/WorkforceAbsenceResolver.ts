import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { OpusOrgTree } from '../../shared/opusOrgTree.js';
import { parseStatisticsId } from '../../shared/statistics/id.js';
import { absencePeriod, type WorkforceAbsenceFigures } from '../workforceAbsence.js';
import { WorkforceAbsence, WorkforceStatistics } from '../types/WorkforceStatistics.js';

@Resolver(() => WorkforceStatistics)
export class WorkforceAbsenceResolver {
  // Audited as health data (GDPR art. 9) whatever is selected: every rate it gives counts sickness,
  // the overall one included. Recorded with the statistics id (scope and period), no person's key.
  @RequiresScopes('statistics:read', { audit: 'health' })
  @FieldResolver(() => WorkforceAbsence, {
    nullable: true,
    description: 'Absence over the period: the rate overall and per fraværsart, and the persons behind them (docs/absence.md, "The measure"); every read is audited as health data.',
  })
  async absence(@Root() parent: { id: string }, @Ctx() ctx: SubgraphContext): Promise<WorkforceAbsenceFigures> {
    const scope = parseStatisticsId(parent.id);
    if (scope.unit !== null) await OpusOrgTree.for(ctx.sources.opus).mustHave(scope.unit);
    const period = await absencePeriod(ctx.sources, { from: scope.from, to: scope.to });
    return period.figures(scope);
  }
}
