import { Arg, Ctx, Directive, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { cprBirthDate, cprGender } from '../../../sources/identifiers.js';
import type { SubgraphContext } from '../../shared/context.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { hasScope } from '../../../platform/auth/principal.js';
import { today, versionOn } from '../../shared/dates.js';
import { areasForSelection } from '../../shared/employments.js';
import { notFound } from '../../../platform/errors.js';
import { decodeCursor, encodeCursor, pageSize, type ConnectionValue } from '../../shared/pagination.js';
import { personIds } from '../../../platform/personId.js';
import { parseRegisteredAt } from '../../shared/coverage.js';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';
import { REGISTERED_AT } from '../registeredAt.js';
import { MAX_LOOKUP, parseEmploymentNumber } from '../../shared/arguments.js';
import { parseCprs } from '../arguments.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { parseFilter } from '../filter.js';
import { decodePosition, encodePosition, parseDirectoryFilter, searchPersons } from '../directorySearch.js';
import { EmploymentFilter } from '../inputs/EmploymentFilter.js';
import { contractCovers, employmentsOf, findPersons, personOf, toEmployee, viewOn, type EmployeeParent, type EmploymentParent } from '../parents.js';
import { pagePersons } from '../personPages.js';
import { Employee, EmployeeConnection } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { Gender } from '../types/Gender.js';
import { HomeAddress } from '../types/HomeAddress.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { ListSize, Paginated } from '../../shared/demandControl.js';

/** Employee references carry only the opaque id: the person is found by CPR, one batched call per step. */
export async function resolveEmployeeReference(ref: { id: string }, ctx: SubgraphContext): Promise<EmployeeParent | null> {
  const [found] = await findPersons(ctx, [personIds().toCpr(ref.id)], today());
  return found;
}

@Resolver(() => Employee)
export class EmployeeResolver {
  @RequiresScopes('employee:read')
  @Query(() => Employee, { nullable: true, description: 'One person by their opaque id, viewed as of `asOf` (default today).' })
  async employee(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<EmployeeParent> {
    const [found] = await findPersons(ctx, [personIds().toCpr(id)], asOf ?? today(), parseRegisteredAt(ctx, registeredAt));
    if (!found) throw notFound('Employee', id);
    return found;
  }

  @RequiresScopes('employee:read')
  @Paginated()
  @Query(() => EmployeeConnection, {
    nullable: true,
    description:
      'Persons with at least one employment matching `filter` (default: active today), a page at a time. Each person appears once, however many of their employments match. ' +
      'With `filter.name`, `userName` or `email`: persons employed today found in the person directory, ranked as `filter.name` says (pages continue in that order). Otherwise ' +
      'ordered by their lowest matching medarbejdernummer; walking the pages with `after` = `pageInfo.endCursor` never skips or repeats a person. ' +
      'Nodes are viewed as of `filter.activeOn`. `totalCount` is null: Opus cannot count persons cheaply.',
  })
  async employees(
    @Ctx() ctx: SubgraphContext,
    @Arg('filter', () => EmploymentFilter, { nullable: true }) filter?: EmploymentFilter,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 0 to 500 (default 50).' }) first?: number,
    @Arg('after', () => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' }) after?: string,
  ): Promise<ConnectionValue<EmployeeParent>> {
    const size = pageSize(first);
    const position = decodeCursor(after);
    const search = parseDirectoryFilter(filter);
    if (search) {
      const found = await searchPersons(ctx, search, size, position === null ? null : decodePosition(position));
      return {
        nodes: found.persons.map((p) => toEmployee(p.person, today())),
        pageInfo: { endCursor: found.endPosition === null ? null : encodeCursor(encodePosition(found.endPosition)), hasNextPage: found.hasNextPage },
      };
    }
    if (position !== null) parseEmploymentNumber(position, 'after');
    const f = parseFilter(ctx, filter);
    const page = await pagePersons(ctx, f, size, position);
    return {
      nodes: page.persons.map((p) => toEmployee(p.person, f.activeOn, f.registeredAt)),
      pageInfo: { endCursor: page.endPosition === null ? null : encodeCursor(page.endPosition), hasNextPage: page.hasNextPage },
    };
  }

  @RequiresScopes(['employee:read', 'employee:cpr'])
  @ListSize({ assumedSize: MAX_LOOKUP })
  @Query(() => [Employee], {
    nullable: 'itemsAndList',
    description: `Persons by CPR number (at most ${MAX_LOOKUP}; DDMMYYSSSS or DDMMYY-SSSS), in the order asked; null where Opus has no employment for the number. Every lookup is audited, found or not: each number as a keyed hash, with the person it matched.`,
  })
  async employeesByCpr(
    @Arg('cprs', () => [String]) cprs: string[],
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<Array<EmployeeParent | null>> {
    const numbers = parseCprs(cprs, 'cprs');
    let found: Array<EmployeeParent | null> | undefined;
    try {
      found = await findPersons(ctx, numbers, asOf ?? today(), parseRegisteredAt(ctx, registeredAt));
      return found;
    } finally {
      // The search itself is audited, whether it matched, matched no one, or failed at the source.
      ctx.audit.cprLookup('Employee', 'employeesByCpr', numbers.map((cpr, i) => ({ cpr, personId: found ? (found[i]?.id ?? null) : undefined })));
    }
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'The date the person is viewed as of: effective-dated fields below default to it.' })
  asOf(@Root() p: EmployeeParent): string {
    return p.asOf;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'First day of the person’s earliest employment (ansættelsesdato).' })
  async validFrom(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    const starts = (await employmentsOf(ctx, p, ['Kontraktindhold'])).flatMap((e) => (e.contract ? [e.contract.start] : []));
    return starts.sort()[0] ?? null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Last day of the person’s latest employment (fratrædelsesdato); null while any employment is open-ended.' })
  async validTo(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    const ends = (await employmentsOf(ctx, p, ['Kontraktindhold'])).flatMap((e) => (e.contract ? [e.contract.end] : []));
    if (ends.length === 0 || ends.includes(null)) return null;
    return (ends as string[]).sort().at(-1)!;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => String, { nullable: true, description: 'Persondata: fulde navn (fornavn og efternavn).' })
  async name(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    const person = await personOf(ctx, p);
    return person ? `${person.firstName} ${person.lastName}` : null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => String, { nullable: true, description: 'Persondata: fornavn(e), middle names included.' })
  async firstName(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await personOf(ctx, p))?.firstName ?? null;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => String, { nullable: true, description: 'Persondata: efternavn.' })
  async lastName(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string | null> {
    return (await personOf(ctx, p))?.lastName ?? null;
  }

  @RequiresScopes(['employee:read', 'employee:cpr'], { audit: 'cpr' })
  @FieldResolver(() => String, { nullable: true, description: 'Persondata: CPR-nummer, 10 digits without hyphen.' })
  cpr(@Root() p: EmployeeParent): string {
    return p.cpr;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Fødselsdato, derived from the CPR number (digit 7 gives the century).' })
  birthDate(@Root() p: EmployeeParent): string {
    return cprBirthDate(p.cpr);
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => Gender, { nullable: true, description: 'Køn, derived from the CPR number.' })
  gender(@Root() p: EmployeeParent): Gender {
    return cprGender(p.cpr) as Gender;
  }

  @RequiresScopes('employee:read')
  @FieldResolver(() => HomeAddress, {
    nullable: true,
    description:
      'Adresse. Under navne- og adressebeskyttelse only `protected: true` is given, unless the token holds `employee:protected-address`; every such disclosure is audited.',
  })
  async address(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<HomeAddress | null> {
    const a = (await personOf(ctx, p, true))?.address;
    if (!a) return null;
    if (a.protected && !hasScope(ctx.principal, 'employee:protected-address')) {
      return { protected: true, street: null, postalCode: null, city: null, country: null };
    }
    if (a.protected) ctx.audit.read('protected-address', 'Employee', 'address', p.id);
    return { protected: a.protected, street: a.street, postalCode: a.postalCode, city: a.city, country: a.country };
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [Employment], {
    nullable: true,
    description: 'The person’s Opus employments (ansættelser), lowest medarbejdernummer first; with `activeOn`, only those whose contract period covers that date. Viewed as of the person’s `asOf`.',
  })
  async employments(
    @Root() p: EmployeeParent,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
    @Arg('activeOn', () => DateScalar, { nullable: true }) activeOn?: string,
  ): Promise<EmploymentParent[]> {
    const areas = areasForSelection(info, 'Employment', EMPLOYMENT_AREAS);
    const all = await employmentsOf(ctx, p, activeOn ? [...new Set([...areas, 'Kontraktindhold' as const])] : areas);
    const wanted = activeOn ? all.filter((e) => contractCovers(e, activeOn)) : all;
    return wanted.map((e) => viewOn(e, p.asOf, p.registeredAt));
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgUnit], {
    nullable: true,
    description: 'Organisation: the org units the person works in on `asOf` (default the person’s `asOf`): where their employments active that day are placed.',
  })
  async orgUnits(
    @Root() p: EmployeeParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('registeredAt', () => DateTimeScalar, { nullable: true, description: REGISTERED_AT }) registeredAt?: string,
  ): Promise<Array<{ opusId: string }>> {
    const registration = parseRegisteredAt(ctx, registeredAt) ?? p.registeredAt;
    return (await unitOpusIdsOn(ctx, { ...p, registeredAt: registration }, asOf ?? p.asOf)).map((opusId) => ({ opusId }));
  }

  // What the organisation subgraph's `Employee.manager` and `directReports` require: where the person
  // works on every day, so those fields can answer for any `asOf`. A field of its own, without
  // arguments and hidden from the API, because a required field with arguments meets a client's own
  // selection of it: the planner then either reuses the client's arguments or sends both unaliased,
  // which the subgraph refuses.
  @RequiresScopes('employee:read')
  @Directive('@inaccessible')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'The org units the person works in and when (for `Employee.manager`): per employment placement within its contract period, `<Opus unit number>/<first day>/<last day or empty when open>`.',
  })
  async orgUnitPeriods(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    const periods = new Set<string>();
    for (const e of await employmentsOf(ctx, p, ['Kontraktindhold', 'Organisation'])) {
      if (!e.contract) continue;
      for (const placement of e.placements ?? []) {
        const from = placement.from > e.contract.start ? placement.from : e.contract.start;
        const ends = [placement.to, e.contract.end].filter((d): d is string => d !== null).sort();
        const to = ends[0] ?? null;
        if (to === null || from <= to) periods.add(`${placement.orgUnitOpusId}/${from}/${to ?? ''}`);
      }
    }
    return [...periods].sort();
  }
}

/** Opus numbers of the units the person's employments active on `date` are placed in that day. */
async function unitOpusIdsOn(ctx: SubgraphContext, p: EmployeeParent, date: string): Promise<string[]> {
  const units = new Set<string>();
  for (const e of await employmentsOf(ctx, p, ['Kontraktindhold', 'Organisation'])) {
    if (!contractCovers(e, date)) continue;
    const placement = versionOn(e.placements ?? [], date);
    if (placement) units.add(placement.orgUnitOpusId);
  }
  return [...units].sort();
}
