import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { AbsenceType as AbsenceTypeKey } from '../../../sources/model.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { DateScalar } from '../../../platform/scalars.js';
import { round } from '../../shared/measure.js';
import { OpusOrgTree } from '../../shared/opusOrgTree.js';
import { boundedPeriod } from '../../shared/period.js';
import { absenceTotals } from '../statistics.js';
import { ALL_ABSENCE_TYPES, AbsenceType } from '../types/Absence.js';
import { AbsenceStatistics } from '../types/AbsenceStatistics.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { filterSet } from './EmploymentAbsenceResolver.js';

const rate = (days: number, available: number) => (available > 0 ? round(days / available, 6) : null);

@Resolver(() => OrgUnit)
export class OrgUnitAbsenceResolver {
  @RequiresScopes('absence:read')
  @FieldResolver(() => AbsenceStatistics, {
    nullable: true,
    description:
      'Fraværsstatistik over [from, to] (at most five years): approved absence in fraværsdagsværk per fraværsart and as a rate of the days available, with the basis it is measured against. Counts employments placed in the unit, or with includeSubtree also below it in the Opus org tree, on the days they were. Definition in docs/absence.md.',
  })
  async absenceStatistics(
    @Root() unit: { opusId: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('includeSubtree', () => Boolean, { defaultValue: false }) includeSubtree: boolean,
    @Arg('types', () => [AbsenceType], { nullable: true }) types?: AbsenceTypeKey[],
  ): Promise<AbsenceStatistics> {
    const period = boundedPeriod(from, to);
    const wanted = filterSet(types, 'types');
    const tree = OpusOrgTree.for(ctx.sources.opus);
    await tree.mustHave(unit.opusId);
    const segments = await tree.segments(unit.opusId, period, includeSubtree);
    const units = [...new Set(segments.flatMap((s) => [...s.units]))];
    const employments = await ctx.loaders.unitEmploymentsDuring.load({
      orgUnitOpusIds: units,
      period,
      areas: ['Arbejdstid', 'FravaerNaervaer', 'Kontraktindhold', 'Organisation'],
    });
    const totals = absenceTotals(period, segments, employments);
    const counted = ALL_ABSENCE_TYPES.filter((t) => !wanted || wanted.has(t));
    const byType = counted.map((type) => {
      const t = totals.byType.get(type);
      const days = t?.days ?? 0;
      return { type, days: round(days, 3), rate: rate(days, totals.availableDays), absences: t?.absences.size ?? 0, employments: t?.employments.size ?? 0 };
    });
    const days = counted.reduce((sum, t) => sum + (totals.byType.get(t)?.days ?? 0), 0);
    return {
      from: period.from,
      to: period.to,
      includeSubtree,
      basis: {
        workdays: totals.workdays,
        employments: totals.employments,
        availableDays: round(totals.availableDays, 3),
        fullTimeEquivalents: totals.workdays > 0 ? round(totals.availableDays / totals.workdays, 3) : 0,
        orgUnits: totals.units.size,
      },
      days: round(days, 3),
      rate: rate(days, totals.availableDays),
      byType,
    };
  }
}
