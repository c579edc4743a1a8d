// Users (Bruger) and persons (Person) from FK ORG, read with `list` through the request's loaders, and
// how they link to the other subgraphs: a user to the Opus employment it was provisioned for, a person
// to the Employee whose opaque id is made from the person's CPR number (never shown itself).
import type { IsoDate, OrgUser } from '../../sources/model.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import { personIds } from '../../platform/personId.js';
import { loadAll } from '../shared/loaders.js';
import { danishCollator } from './hierarchyIndex.js';
import type { ItUser } from './types/ItUser.js';

const CPR = /^\d{10}$/;

export function toItUser(user: OrgUser): ItUser {
  return {
    id: user.id,
    userName: user.userName,
    validFrom: user.from,
    validTo: user.to,
    personId: user.personId,
    employmentNumber: user.employmentNumber,
  };
}

/** The users among `ids` that were active on `date`, by user name. */
export async function activeUsers(ctx: SubgraphContext, ids: readonly string[], date: IsoDate): Promise<OrgUser[]> {
  const users = await loadAll(ctx.loaders.orgUsers, [...new Set(ids)]);
  return users
    .filter((u): u is OrgUser => u !== null && isValidOn(u, date))
    .sort((a, b) => danishCollator.compare(a.userName, b.userName) || a.id.localeCompare(b.id));
}

const usersPerRequest = new WeakMap<object, Map<string, Promise<OrgUser[]>>>();

/**
 * Every FK ORG user (Bruger) of the person with this CPR number, whatever their validity, by user
 * name: `soeg` on Person by CPR-NummerTekst, `soeg` on Bruger by TilknyttedePersoner for each Person
 * found (normally one), then the users from `list` through the request's loader. Once per request and
 * person.
 */
export function usersOfCpr(ctx: SubgraphContext, cpr: string): Promise<OrgUser[]> {
  let perRequest = usersPerRequest.get(ctx.loaders);
  if (!perRequest) usersPerRequest.set(ctx.loaders, (perRequest = new Map()));
  let found = perRequest.get(cpr);
  if (!found) {
    found = (async () => {
      const persons = await allPages((offset) => ctx.sources.org.findPersons({ cpr }, offset, 10));
      const ids = (await Promise.all(persons.map((personId) => allPages((offset) => ctx.sources.org.findUsers({ personId }, offset, 500))))).flat();
      const users = await loadAll(ctx.loaders.orgUsers, [...new Set(ids)]);
      return users
        .filter((u): u is OrgUser => u !== null)
        .sort((a, b) => danishCollator.compare(a.userName, b.userName) || a.id.localeCompare(b.id));
    })();
    perRequest.set(cpr, found);
  }
  return found;
}

async function allPages(page: (offset: number) => Promise<{ items: string[]; next: number | null }>): Promise<string[]> {
  const ids: string[] = [];
  for (let offset: number | null = 0; offset !== null; ) {
    const p = await page(offset);
    ids.push(...p.items);
    offset = p.next;
  }
  return ids;
}

/** The person's CPR number, or null for a user without a person (a service account) or without a valid CPR. */
export async function cprOf(ctx: SubgraphContext, personId: string): Promise<string | null> {
  if (!personId) return null;
  const person = await ctx.loaders.orgPersons.load(personId);
  return person && CPR.test(person.cpr) ? person.cpr : null;
}

export async function personNameOf(ctx: SubgraphContext, personId: string): Promise<string | null> {
  if (!personId) return null;
  return (await ctx.loaders.orgPersons.load(personId))?.name || null;
}

/** The Employee reference of the person: the same opaque id the employee subgraph gives. */
export async function employeeOf(ctx: SubgraphContext, personId: string): Promise<{ id: string } | null> {
  const cpr = await cprOf(ctx, personId);
  return cpr ? { id: personIds().fromCpr(cpr) } : null;
}
