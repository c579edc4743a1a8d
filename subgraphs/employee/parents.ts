// What Employee and Employment resolvers receive as their parent, and how persons are loaded. Every
// parent carries the date it is viewed as of (`asOf`), so nested effective-dated fields default to it,
// and in extract mode the registration it was read at (`registeredAt`, none: the current one).
import type { IsoDate } from '../../sources/model.js';
import type { EmploymentAreas, OpusArea, PersonRead } from '../../sources/opus/OpusSource.js';
import { compareEmploymentNumbers } from '../../sources/opus/wire.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import { loadEmployments } from '../shared/employments.js';
import { personIds } from '../../platform/personId.js';

export interface EmploymentParent extends EmploymentAreas {
  asOf: IsoDate;
  registeredAt?: string;
}

/** A person: the CPR number is known from the start, Persondata only once some field needed it. */
export interface EmployeeParent {
  id: string;
  cpr: string;
  asOf: IsoDate;
  registeredAt?: string;
  person?: PersonRead;
}

/** A copy: loaded employments are cached per request and shared by parents viewed on other dates. */
export function viewOn(e: EmploymentAreas, asOf: IsoDate, registeredAt?: string): EmploymentParent {
  return { ...e, asOf, registeredAt };
}

/** Whether the employment's contract (Kontraktindhold, read) covers `date`; false without one. */
export function contractCovers(e: EmploymentAreas, date: IsoDate): boolean {
  return !!e.contract && isValidOn({ from: e.contract.start, to: e.contract.end }, date);
}

export function toEmployee(person: PersonRead, asOf: IsoDate, registeredAt?: string): EmployeeParent {
  return { id: personIds().fromCpr(person.cpr), cpr: person.cpr, asOf, registeredAt, person };
}

export function byEmploymentNumber(numbers: readonly string[]): string[] {
  return [...numbers].sort(compareEmploymentNumbers);
}

/**
 * Persons by CPR, in the order asked, null where Opus has no employment: one find-employees-by-cpr
 * call per 100 persons of a plan step. Persondata is read later, and only if a field needs it, in the
 * same Medarbejderoplysninger call as the areas other fields need.
 */
export async function findPersons(ctx: SubgraphContext, cprs: readonly string[], asOf: IsoDate, registeredAt?: string): Promise<Array<EmployeeParent | null>> {
  const numbers = await Promise.all(cprs.map((cpr) => ctx.loaders.employmentsByCpr.load({ cpr, registeredAt })));
  return cprs.map((cpr, i) => (numbers[i].length > 0 ? { id: personIds().fromCpr(cpr), cpr, asOf, registeredAt } : null));
}

/**
 * Persondata is the same on every employment of a person; it is read from the lowest medarbejdernummer.
 * `withAddress`: with Adresse as well (read with it already when the operation selects `address`: loaders.ts).
 */
export async function personOf(ctx: SubgraphContext, p: EmployeeParent, withAddress = false): Promise<PersonRead | null> {
  if (p.person && (!withAddress || p.person.address)) return p.person;
  const [first] = byEmploymentNumber(await ctx.loaders.employmentsByCpr.load({ cpr: p.cpr, registeredAt: p.registeredAt }));
  if (!first) return null;
  const areas: OpusArea[] = withAddress ? ['Persondata', 'Adresse'] : ['Persondata'];
  return (await ctx.loaders.employments.load({ employmentNumber: first, areas, registeredAt: p.registeredAt }))?.person ?? null;
}

/** Every employment of the person, lowest medarbejdernummer first, with `areas` filled in. */
export async function employmentsOf(ctx: SubgraphContext, p: EmployeeParent, areas: readonly OpusArea[]): Promise<EmploymentAreas[]> {
  const numbers = byEmploymentNumber(await ctx.loaders.employmentsByCpr.load({ cpr: p.cpr, registeredAt: p.registeredAt }));
  return (await loadEmployments(ctx, numbers, areas, p.registeredAt)).filter((e): e is EmploymentAreas => e !== null);
}
