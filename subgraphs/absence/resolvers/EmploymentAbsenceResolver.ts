import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { Absence as AbsenceRecord, WorkingTime } from '../../../sources/model.js';
import type { OpusArea } from '../../../sources/opus/OpusSource.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { checkOrder, history, today, VersionWalk } from '../../shared/dates.js';
import { prefetchAreas, withAreas } from '../../shared/employments.js';
import { plainFieldNames, type FieldPrefetch } from '../../shared/prefetch.js';
import { badInput } from '../../../platform/errors.js';
import { DateScalar } from '../../../platform/scalars.js';
import { selectedFields } from '../../shared/selection.js';
import { isoOf } from '../../../sources/days.js';
import { workdaysBetween } from '../calendar.js';
import { holidayYearStartingYear, startingYearOf, toVacationBalance, type VacationBalanceValue } from '../holidayYear.js';
import { dayShare } from '../measure.js';
import { round } from '../../shared/measure.js';
import { absencesWithin, defaultedPeriod } from '../period.js';
import type { BoundedPeriod } from '../../shared/period.js';
import { auditAbsenceRead } from '../sensitiveAbsences.js';
import { Absence, AbsenceStatus, AbsenceType } from '../types/Absence.js';
import { Employment } from '../types/Employment.js';
import { VacationBalance } from '../types/VacationBalance.js';
import { DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';

/** A list filter: absent means everything, an empty list is a mistake rather than "nothing". */
export function filterSet<T extends string>(values: T[] | null | undefined, argument: string): Set<T> | null {
  if (values === null || values === undefined) return null;
  if (values.length === 0) throw badInput(`\`${argument}\` must name at least one value, or be left out for all`, { argument });
  return new Set(values);
}

/** The Opus areas of `absences`: `days` measures part-day absences against Arbejdstid's daily norm, in the same call. */
const ABSENCE_AREAS: readonly OpusArea[] = ['FravaerNaervaer'];
const ABSENCE_AREAS_WITH_DAYS: readonly OpusArea[] = ['Arbejdstid', 'FravaerNaervaer'];

/** What `absences` reads for its arguments: the Opus areas and the period (VirkningFilter). */
function absenceRead(from: string | null | undefined, to: string | null | undefined, days: boolean): { areas: readonly OpusArea[]; period: BoundedPeriod } {
  return { areas: days ? ABSENCE_AREAS_WITH_DAYS : ABSENCE_AREAS, period: defaultedPeriod(from, to) };
}

/** `absences`'s read for every reference of an `_entities` step, started before the resolvers run (shared/prefetch.ts). */
export const prefetchAbsences: FieldPrefetch = (ctx, references, args, field) => {
  const selected = plainFieldNames(field);
  if (!selected) return;
  const { areas, period } = absenceRead(args.from as string | undefined, args.to as string | undefined, selected.has('days'));
  prefetchAreas(ctx, references, areas, period);
};

/** Workdays of the absence inside the period (an open absence runs to the period's end), part-days as shares. */
function daysWithin(a: AbsenceRecord, period: BoundedPeriod, workingTime: readonly WorkingTime[] | undefined): number {
  const from = a.from > period.from ? a.from : period.from;
  const to = a.to === null || a.to > period.to ? period.to : a.to;
  if (from > to) return 0;
  let days = 0;
  // Days in ascending order: Arbejdstid is looked up again only where a version starts or ends.
  const norm = new VersionWalk(workingTime ?? []);
  for (const d of workdaysBetween(from, to)) days += dayShare(a.partDayHours, norm.on(isoOf(d)));
  return round(days, 4);
}

@Resolver(() => Employment)
export class EmploymentAbsenceResolver {
  @RequiresScopes('absence:read')
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [Absence], {
    nullable: true,
    description:
      'Fravær overlapping the period [from, to] (default: the twelve months up to and including `to`, which defaults to today; at most five years), optionally only some fraværsarter and statuses (default: all), sorted by first day. ' +
      'Health data (sickness, barsel) is audited: every read that returns such an absence, or asks for one with `types`.',
  })
  async absences(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
    @Arg('types', () => [AbsenceType], { nullable: true }) types?: AbsenceRecord['type'][],
    @Arg('statuses', () => [AbsenceStatus], { nullable: true }) statuses?: AbsenceRecord['status'][],
  ): Promise<Absence[]> {
    const days = selectedFields(info, 'Absence').has('days');
    const { areas, period } = absenceRead(from, to, days);
    const wantedTypes = filterSet(types, 'types');
    const wantedStatuses = filterSet(statuses, 'statuses');
    const found = await withAreas(ctx, e, areas, period);
    const within = absencesWithin(found?.absences ?? [], period);
    const returned = wantedTypes || wantedStatuses ? within.filter((a) => (!wantedTypes || wantedTypes.has(a.type)) && (!wantedStatuses || wantedStatuses.has(a.status))) : within;
    // Sickness and barsel are health data: audited per employment (sensitiveAbsences.ts).
    auditAbsenceRead(ctx, e.employmentNumber, returned, wantedTypes);
    // Counted only when a query selects `days`: walking the calendar for every absence otherwise
    // costs more than everything else here. Without it the records go out as they are (absencesWithin
    // made a new list of them), with no object per absence: nothing reads their `days`.
    if (!days) return returned as Absence[];
    return returned.map((a) => ({
      ...a,
      // Returned, not thrown: an Error as the value is this field's error, and graphql-jit reads a
      // field without a resolver with no try around it (subgraphs/shared/compiledExecution.ts).
      get days() {
        try {
          return daysWithin(a, period, found?.workingTime);
        } catch (error) {
          return (error instanceof Error ? error : new Error(String(error))) as unknown as number;
        }
      },
    }));
  }

  @RequiresScopes('absence:read')
  @FieldResolver(() => VacationBalance, {
    nullable: true,
    description: 'Feriesaldo of the ferieår (1 September to 31 August) containing `asOf` (default today), as Opus holds it now; null when Opus has none for that year.',
  })
  async vacationBalance(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<VacationBalanceValue | null> {
    const year = holidayYearStartingYear(asOf ?? today());
    const found = await withAreas(ctx, e, ['Feriesaldo']);
    const balance = (found?.vacationBalances ?? []).find((b) => startingYearOf(b) === year);
    return balance ? toVacationBalance(balance) : null;
  }

  @RequiresScopes('absence:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [VacationBalance], {
    nullable: true,
    description:
      'Feriesaldo history: the balances of the ferieår overlapping [from, to] (either bound may be left out), oldest first; all Opus holds without bounds. ' +
      'Each is Opus’s current figure for its year: no source keeps how a year’s figures moved day by day (the days taken are the approved FERIE absences).',
  })
  async vacationBalances(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ): Promise<VacationBalanceValue[]> {
    checkOrder(from, to);
    const found = await withAreas(ctx, e, ['Feriesaldo']);
    return history((found?.vacationBalances ?? []).map(toVacationBalance), from, to).sort((a, b) => a.from.localeCompare(b.from));
  }
}
