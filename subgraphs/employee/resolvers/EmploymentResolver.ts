import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { CodedPeriod as CodedPeriodRecord, IsoDate, Period } from '../../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../../sources/opus/OpusSource.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { effective, today, versionOn } from '../../shared/dates.js';
import { areasFor, areasForSelection, loadEmployments, withAreas } from '../../shared/employments.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor, pageSize, type ConnectionValue } from '../../shared/pagination.js';
import { parseRegisteredAt, withMissingFields } from '../../shared/coverage.js';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';
import { REGISTERED_AT } from '../registeredAt.js';
import { selectedFieldsBelow, selectedNodeFields } from '../../shared/selection.js';
import { rememberOwner, startOwnerLookup } from '../employmentOwners.js';
import { MAX_LOOKUP, parseEmploymentNumber, parseEmploymentNumbers } from '../../shared/arguments.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { parseFilter } from '../filter.js';
import { EmploymentFilter } from '../inputs/EmploymentFilter.js';
import { contractCovers, toEmployee, viewOn, type EmployeeParent, type EmploymentParent } from '../parents.js';
import { CodedPeriod } from '../types/CodedPeriod.js';
import { Communication } from '../types/Communication.js';
import { Contract } from '../types/Contract.js';
import { Employee } from '../types/Employee.js';
import { Employment, EmploymentConnection } from '../types/Employment.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { Placement } from '../types/Placement.js';
import { Schedule } from '../types/Schedule.js';
import { WorkingTime } from '../types/WorkingTime.js';
import { ListSize, Paginated } from '../../shared/demandControl.js';

type CodedKey = 'jobFunction' | 'activities' | 'affiliations' | 'dutyPlanPlacement';

/** `asOf` (default: the employment's own `asOf`) or, with `from`/`to`, the history overlapping that interval. */
interface PeriodArgs {
  asOf?: IsoDate;
  from?: IsoDate;
  to?: IsoDate;
}

/** Effective-dated items as the graph shows them: validFrom/validTo, oldest first. */
const dated = <T extends Period>(items: readonly T[]) =>
  [...items].sort((a, b) => a.from.localeCompare(b.from)).map((item) => ({ ...item, validFrom: item.from, validTo: item.to }));

async function coded(ctx: SubgraphContext, e: EmploymentParent, area: OpusArea, key: CodedKey, args: PeriodArgs) {
  const full = await withAreas(ctx, e, [area]);
  return dated(effective<CodedPeriodRecord>(full?.[key] ?? [], { ...args, asOf: args.asOf ?? e.asOf }));
}


const HISTORY_ARGS = 'valid on `asOf` (default: the employment’s `asOf`), or with `from`/`to` the history overlapping that interval (either bound may be left open)';

@Resolver(() => Employment)
export class EmploymentResolver {
  @RequiresScopes('employee:read')
  @Query(() => Employment, { nullable: true, description: 'One employment by its medarbejdernummer, viewed as of `asOf` (default today).' })
  async employment(
    @Arg('employmentNumber', () => ID) employmentNumber: string,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<EmploymentParent> {
    const registration = parseRegisteredAt(ctx, registeredAt);
    const number = parseEmploymentNumber(employmentNumber);
    // Where the person works (organisation's `manager` requires it) needs all their employments: looked
    // up beside this read when the employment's owner is already known (employmentOwners.ts).
    if (selectedFieldsBelow(info, 'Employment', 'employee', 'Employee').has('orgUnitPeriods')) startOwnerLookup(ctx, number, registration);
    const [found] = await loadEmployments(ctx, [number], areasForSelection(info, 'Employment', EMPLOYMENT_AREAS), registration);
    if (!found) throw notFound('Employment', employmentNumber);
    rememberOwner(number, found.person?.cpr);
    return viewOn(found, asOf ?? today(), registration);
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: MAX_LOOKUP })
  @Query(() => [Employment], {
    nullable: 'itemsAndList',
    description: `Many employments by medarbejdernummer (at most ${MAX_LOOKUP}), in the order asked; null where unknown. One Opus call per 100 numbers.`,
  })
  async employmentsByNumber(
    @Arg('employmentNumbers', () => [ID]) employmentNumbers: string[],
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<Array<EmploymentParent | null | Error>> {
    // Each item fails on its own (loadMany gives a failed load as its Error): one unreadable batch
    // leaves the rest of the query standing.
    const areas = areasForSelection(info, 'Employment', EMPLOYMENT_AREAS);
    const registration = parseRegisteredAt(ctx, registeredAt);
    const found = await ctx.loaders.employments.loadMany(
      parseEmploymentNumbers(employmentNumbers, 'employmentNumbers').map((employmentNumber) => ({ employmentNumber, areas, registeredAt: registration })),
    );
    const date = asOf ?? today();
    return found.map((e) => (e instanceof Error || e === null ? e : viewOn(e, date, registration)));
  }

  @RequiresScopes('employee:read')
  @Paginated()
  @Query(() => EmploymentConnection, {
    nullable: true,
    description:
      'Employments matching `filter` (default: active today) in ascending medarbejdernummer order, a page at a time; a person with two matching employments appears twice. ' +
      'Nodes are viewed as of `filter.activeOn`. `totalCount` is null: Opus cannot count cheaply.',
  })
  async employments(
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('filter', () => EmploymentFilter, { nullable: true }) filter?: EmploymentFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500 (default 50).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after?: string,
  ): Promise<ConnectionValue<EmploymentParent>> {
    const size = pageSize(first);
    const position = decodeCursor(after);
    if (position !== null) parseEmploymentNumber(position, 'after');
    const f = parseFilter(ctx, filter);
    // With first: 0 one number is still asked for, to answer hasNextPage.
    const listed = await ctx.sources.opus.listEmployments(f, position, Math.max(size, 1));
    const numbers = listed.numbers.slice(0, size);
    const found = await loadEmployments(ctx, numbers, areasFor(selectedNodeFields(info, 'Employment'), EMPLOYMENT_AREAS), f.registeredAt);
    const nodes = found.filter((e): e is EmploymentAreas => e !== null).map((e) => viewOn(e, f.activeOn, f.registeredAt));
    const last = numbers.at(-1) ?? position;
    return {
      nodes,
      pageInfo: { endCursor: last === null ? null : encodeCursor(last), hasNextPage: size === 0 ? listed.numbers.length > 0 : listed.hasMore },
    };
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'The date the employment is viewed as of: effective-dated fields below default to it.' })
  asOf(@Root() e: EmploymentParent): string {
    return e.asOf;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Kontraktindhold: ansættelsesdato, the first day of the contract period (the employment’s validity).' })
  async validFrom(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await withAreas(ctx, e, ['Kontraktindhold']))?.contract?.start ?? null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Kontraktindhold: fratrædelsesdato, the last day of the contract period; null when open-ended.' })
  async validTo(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await withAreas(ctx, e, ['Kontraktindhold']))?.contract?.end ?? null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => Boolean, { nullable: true, description: 'Aktiv: whether the contract period covers `asOf`.' })
  async active(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext): Promise<boolean | null> {
    const full = await withAreas(ctx, e, ['Kontraktindhold']);
    return full?.contract ? contractCovers(full, e.asOf) : null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => Employee, { nullable: true, description: 'Persondata: the person holding the employment, viewed as of the employment’s `asOf`.' })
  async employee(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext): Promise<EmployeeParent | null> {
    const full = await withAreas(ctx, e, ['Persondata']);
    return full?.person ? toEmployee(full.person, e.asOf, e.registeredAt) : null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => Contract, { nullable: true, description: 'Kontraktindhold: ansættelsesform, dates, stilling, overenskomst, job, leder, as Opus holds them now; their changes over time are `contractHistory`.' })
  async contract(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext) {
    return withMissingFields(ctx, 'contract', (await withAreas(ctx, e, ['Kontraktindhold']))?.contract);
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => String, { nullable: true, description: 'Kontraktindhold: the AD user id (brugernavn) Opus holds for the employment.' })
  async userId(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext) {
    return (await withAreas(ctx, e, ['Kontraktindhold']))?.userId ?? null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => Communication, { nullable: true, description: 'Kommunikation: work e-mail and phones, as Opus holds them now; their changes over time are `communicationHistory`.' })
  async communication(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext) {
    return withMissingFields(ctx, 'communication', (await withAreas(ctx, e, ['Kommunikation']))?.communication);
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => WorkingTime, { nullable: true, description: 'Arbejdstid valid on `asOf` (default: the employment’s `asOf`); null outside the employment.' })
  async workingTime(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string) {
    const found = versionOn((await withAreas(ctx, e, ['Arbejdstid'], undefined, parseRegisteredAt(ctx, registeredAt)))?.workingTime ?? [], asOf ?? e.asOf);
    return found ? withMissingFields(ctx, 'workingTime', dated([found])[0]) : null;
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [WorkingTime], { nullable: true, description: 'Arbejdstid history overlapping [`from`, `to`] (default: all of it), oldest first.' })
  async workingTimeHistory(
    @Root() e: EmploymentParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    return dated(effective((await withAreas(ctx, e, ['Arbejdstid']))?.workingTime ?? [], { from: from ?? '0001-01-01', to })).map((t) => withMissingFields(ctx, 'workingTime', t));
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [CodedPeriod], { nullable: true, description: `Arbejdsfunktion: ${HISTORY_ARGS}.` })
  jobFunctions(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return coded(ctx, e, 'Arbejdsfunktion', 'jobFunction', { asOf, from, to });
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [CodedPeriod], { nullable: true, description: `Aktiviteter (e.g. tillidsrepræsentant, arbejdsmiljørepræsentant): ${HISTORY_ARGS}.` })
  activities(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return coded(ctx, e, 'Aktiviteter', 'activities', { asOf, from, to });
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [CodedPeriod], { nullable: true, description: `Tilslutninger (ATP, fagforening, pensionskasse): ${HISTORY_ARGS}.` })
  affiliations(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return coded(ctx, e, 'Tilslutninger', 'affiliations', { asOf, from, to });
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [CodedPeriod], { nullable: true, description: `Tjenesteplansindplacering: ${HISTORY_ARGS}.` })
  dutyPlanPlacements(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return coded(ctx, e, 'Tjenesteplansindplacering', 'dutyPlanPlacement', { asOf, from, to });
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [Schedule], { nullable: true, description: `Mødetidsplaner: ${HISTORY_ARGS}.` })
  async schedules(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return dated(effective((await withAreas(ctx, e, ['Moedetidsplaner']))?.schedules ?? [], { asOf: asOf ?? e.asOf, from, to }));
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Organisation: the org unit the employment is placed in on `asOf` (default: the employment’s `asOf`); null when not placed that day.' })
  async orgUnit(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string, @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string) {
    const placement = versionOn((await withAreas(ctx, e, ['Organisation'], undefined, parseRegisteredAt(ctx, registeredAt)))?.placements ?? [], asOf ?? e.asOf);
    return placement ? { opusId: placement.orgUnitOpusId } : null;
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [Placement], { nullable: true, description: 'Organisation: placement history overlapping [`from`, `to`] (default: all of it), oldest first. A re-organisation closes one placement and opens the next.' })
  async placements(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    const history = dated(effective((await withAreas(ctx, e, ['Organisation']))?.placements ?? [], { from: from ?? '0001-01-01', to }));
    return history.map((p) => ({ validFrom: p.validFrom, validTo: p.validTo, orgUnit: { opusId: p.orgUnitOpusId } }));
  }
}
