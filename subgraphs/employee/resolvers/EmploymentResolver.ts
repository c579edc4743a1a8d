import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { CodedPeriod as CodedPeriodRecord, Period } from '../../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../../sources/opus/OpusSource.js';
import type { SubgraphContext } from '../../shared/context.js';
import { effective, today, versionOn } from '../../shared/dates.js';
import { areasForSelection, loadEmployments, withAreas } from '../../shared/employments.js';
import { badInput, notFound } from '../../shared/errors.js';
import { DateScalar } from '../../shared/scalars.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { Contract, WorkingTime } from '../types/Contract.js';
import { Employee } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { CodedPeriod, Placement, Schedule } from '../types/CodedPeriod.js';
import { Communication } from '../types/Person.js';
import { toEmployee, type EmployeeParent } from './EmployeeResolver.js';

const EMPLOYMENT_NUMBER = /^\d{1,10}$/;
export const MAX_LOOKUP = 500;

export function parseEmploymentNumber(value: string): string {
  if (!EMPLOYMENT_NUMBER.test(value)) throw badInput(`"${value.slice(0, 20)}" is not a medarbejdernummer (1-10 digits)`, { argument: 'employmentNumber' });
  return value;
}

type PeriodKey = 'jobFunction' | 'activities' | 'affiliations' | 'dutyPlanPlacement';

/** asOf (default today) or the history overlapping [from, to]: the same arguments on every effective-dated list. */
interface PeriodArgs {
  asOf?: string;
  from?: string;
  to?: string;
}

async function periods(ctx: SubgraphContext, e: EmploymentAreas, area: OpusArea, key: PeriodKey, args: PeriodArgs): Promise<CodedPeriodRecord[]> {
  const full = await withAreas(ctx, e, [area]);
  return effective(full?.[key] ?? [], args);
}

@Resolver(() => Employment)
export class EmploymentResolver {
  @Query(() => Employment, { description: 'One employment by its medarbejdernummer.' })
  async employment(
    @Arg('employmentNumber', () => ID) employmentNumber: string,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EmploymentAreas> {
    const [found] = await loadEmployments(ctx, [parseEmploymentNumber(employmentNumber)], areasForSelection(info, 'Employment', EMPLOYMENT_AREAS));
    if (!found) throw notFound('Employment', employmentNumber);
    return found;
  }

  @Query(() => [Employment], { nullable: 'items', description: `Many employments by medarbejdernummer (at most ${MAX_LOOKUP}), in the order asked; null where unknown.` })
  async employmentsByNumber(
    @Arg('employmentNumbers', () => [ID]) employmentNumbers: string[],
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Array<EmploymentAreas | null>> {
    if (employmentNumbers.length > MAX_LOOKUP) throw badInput(`At most ${MAX_LOOKUP} employment numbers per lookup, got ${employmentNumbers.length}`);
    return loadEmployments(ctx, employmentNumbers.map(parseEmploymentNumber), areasForSelection(info, 'Employment', EMPLOYMENT_AREAS));
  }

  @FieldResolver(() => Employee, { nullable: true, description: 'The person holding the employment (Persondata).' })
  async employee(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext): Promise<EmployeeParent | null> {
    const full = await withAreas(ctx, e, ['Persondata']);
    return full?.person ? toEmployee(full.person) : null;
  }

  @FieldResolver(() => Contract, { nullable: true, description: 'Kontraktindhold.' })
  async contract(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext) {
    return (await withAreas(ctx, e, ['Kontraktindhold']))?.contract ?? null;
  }

  @FieldResolver(() => WorkingTime, { nullable: true, description: 'Arbejdstid valid on `asOf` (default today).' })
  async workingTime(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    const full = await withAreas(ctx, e, ['Arbejdstid']);
    return versionOn(full?.workingTime ?? [], asOf ?? today()) ?? null;
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'The org unit the employment is placed in on `asOf` (default today).' })
  async orgUnit(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    const full = await withAreas(ctx, e, ['Organisation']);
    const placement = versionOn(full?.placements ?? [], asOf ?? today());
    return placement ? { opusId: placement.orgUnitOpusId } : null;
  }

  @FieldResolver(() => [WorkingTime], { description: 'Arbejdstid history overlapping [from, to], or the one valid on asOf.' })
  async workingTimeHistory(
    @Root() e: EmploymentAreas,
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    return effective((await withAreas(ctx, e, ['Arbejdstid']))?.workingTime ?? [], { from: from ?? '0000-01-01', to });
  }

  @FieldResolver(() => Communication, { nullable: true, description: 'Kommunikation: work e-mail and phones.' })
  async communication(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext) {
    return (await withAreas(ctx, e, ['Kommunikation']))?.communication ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The AD user id (brugernavn) Opus holds for the employment.' })
  async userId(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext) {
    return (await withAreas(ctx, e, ['Kontraktindhold']))?.userId ?? null;
  }

  @FieldResolver(() => [CodedPeriod], { description: 'Arbejdsfunktion: valid on asOf (default today), or the history overlapping [from, to].' })
  jobFunctions(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return periods(ctx, e, 'Arbejdsfunktion', 'jobFunction', { asOf, from, to });
  }

  @FieldResolver(() => [CodedPeriod], { description: 'Aktiviteter: valid on asOf (default today), or the history overlapping [from, to].' })
  activities(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return periods(ctx, e, 'Aktiviteter', 'activities', { asOf, from, to });
  }

  @FieldResolver(() => [CodedPeriod], { description: 'Tilslutninger (fagforening, ATP, pension): valid on asOf (default today), or the history overlapping [from, to].' })
  affiliations(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return periods(ctx, e, 'Tilslutninger', 'affiliations', { asOf, from, to });
  }

  @FieldResolver(() => [CodedPeriod], { description: 'Tjenesteplansindplacering: valid on asOf (default today), or the history overlapping [from, to].' })
  dutyPlanPlacements(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return periods(ctx, e, 'Tjenesteplansindplacering', 'dutyPlanPlacement', { asOf, from, to });
  }

  @FieldResolver(() => [Schedule], { description: 'Mødetidsplaner: valid on asOf (default today), or the history overlapping [from, to].' })
  async schedules(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return effective((await withAreas(ctx, e, ['Moedetidsplaner']))?.schedules ?? [], { asOf, from, to });
  }

  @FieldResolver(() => [Placement], { description: 'Organisatorisk placering: the units the employment sat in, overlapping [from, to] (default: all of its history).' })
  async placements(@Root() e: EmploymentAreas, @Ctx() ctx: SubgraphContext, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    const history = effective((await withAreas(ctx, e, ['Organisation']))?.placements ?? [], { from: from ?? '0000-01-01', to });
    return history.map((p: Period & { orgUnitOpusId: string }) => ({ from: p.from, to: p.to, orgUnit: { opusId: p.orgUnitOpusId } }));
  }
}
