import { Arg, Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import type { IsoDate } from '../../../sources/model.js';
import type { SubgraphContext } from '../../shared/context.js';
import { isValidOn, today } from '../../shared/dates.js';
import { personIds } from '../../../platform/personId.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { DateScalar } from '../../../platform/scalars.js';
import { directReportsOf } from '../directReports.js';
import { hierarchyOf } from '../hierarchy.js';
import { nearestManagers } from '../managers.js';
import { cprOf, toItUser, usersOfCpr } from '../people.js';
import { Employee } from '../types/Employee.js';
import { ItUser } from '../types/ItUser.js';
import { OrgManager } from '../types/OrgManager.js';
import { DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';

/** An Employee representation as the gateway sends it: the key and what the fields below require. */
export interface EmployeeRepresentation {
  id: string;
  orgUnitPeriods?: string[] | null;
  asOf?: string | null;
}

const AS_OF = "The date to answer for; default the person's `asOf` (today unless the query chose another).";

/** The date a field answers for: its own argument, else the person's asOf, else today. */
const dateOf = (e: EmployeeRepresentation, asOf?: IsoDate | null): IsoDate => asOf ?? e.asOf ?? today();

/** Opus numbers of the units the person works in on `date`, from `orgUnitPeriods` (`<unit>/<from>/<to or empty>`). */
function unitsOn(periods: readonly string[], date: IsoDate): string[] {
  const units = new Set<string>();
  for (const p of periods) {
    const [opusId, from, to] = p.split('/');
    if (isValidOn({ from, to: to || null }, date)) units.add(opusId);
  }
  return [...units].sort();
}

@Resolver(() => Employee)
export class EmployeeResolver {
  // Owned by the employee subgraph (where the person's employments are placed; hidden from the API
  // there) and by it too; declared here so that `manager` and the fields below can require them. The
  // gateway fetches them there and sends them along with the key.
  @Directive('@external')
  @FieldResolver(() => [String], { nullable: true, description: 'The org units the person works in and when (`<Opus unit number>/<first day>/<last day or empty>`).' })
  orgUnitPeriods(@Root() e: EmployeeRepresentation): string[] | null {
    return e.orgUnitPeriods ?? null;
  }

  @Directive('@external')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'The date the person is viewed as of: effective-dated fields below default to it.' })
  asOf(@Root() e: EmployeeRepresentation): string | null {
    return e.asOf ?? null;
  }

  @RequiresScopes(['org:read', 'employee:read'])
  @Directive('@requires(fields: "orgUnitPeriods asOf")')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgManager], {
    nullable: true,
    description:
      'Nærmeste leder on the date: for each unit the person works in that day (Opus placements), its nearest manager other than the person themself (a manager of their own unit gets the manager further up). A list, as someone working in several units, or in a unit with co-managers, has more than one.',
  })
  async manager(
    @Root() e: EmployeeRepresentation,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<OrgManager[] | null> {
    if (!e.orgUnitPeriods) return null;
    const self = personIds().toCpr(e.id);
    const date = dateOf(e, asOf);
    const index = await hierarchyOf(ctx);
    const unitIds = [...new Set(unitsOn(e.orgUnitPeriods, date).map((opusId) => index.idForOpusId(opusId)).filter((id): id is string => id !== undefined))];
    const found = await Promise.all(
      unitIds.map((unitId) => nearestManagers(ctx, index, unitId, date, { accept: async (c) => (await cprOf(ctx, c.user.personId)) !== self, lookahead: 2 })),
    );
    const seen = new Set<string>();
    return found.flat().filter((m) => {
      const key = `${m.id}|${m.user.id}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  }

  @RequiresScopes(['org:read', 'employee:read'])
  @Directive('@requires(fields: "asOf")')
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  @FieldResolver(() => [Employee], {
    nullable: true,
    description:
      "Medarbejdere the person is nærmeste leder of on the date: everyone whose `manager` that day includes this person (the same rule, worked out from the units the person manages in FK ORG and who Opus places in them), by id. Empty for someone who manages no unit.",
  })
  async directReports(
    @Root() e: EmployeeRepresentation,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<Array<{ id: string }>> {
    return directReportsOf(ctx, await hierarchyOf(ctx), personIds().toCpr(e.id), dateOf(e, asOf));
  }

  @RequiresScopes(['org:read', 'employee:read'])
  @Directive('@requires(fields: "asOf")')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [ItUser], {
    nullable: true,
    description:
      "Brugere: the person's IT users (AD accounts) in FK ORG active on the date, by user name; each with its IT systems, roles and interest groups. Found by the person's CPR number (soeg on Person, then on Bruger), which is never shown.",
  })
  async itUsers(
    @Root() e: EmployeeRepresentation,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string,
  ): Promise<ItUser[]> {
    const date = dateOf(e, asOf);
    return (await usersOfCpr(ctx, personIds().toCpr(e.id))).filter((u) => isValidOn(u, date)).map(toItUser);
  }
}
