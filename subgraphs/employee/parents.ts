// What Employee and Employment resolvers receive as their parent, and how persons are loaded. Every
// parent carries the date it is viewed as of (`asOf`), so nested effective-dated fields default to it.
import type { IsoDate, PersonData } from '../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../sources/opus/OpusSource.js';
import { compareEmploymentNumbers } from '../../sources/opus/wire.js';
import type { SubgraphContext } from '../shared/context.js';
import { isValidOn } from '../shared/dates.js';
import { loadEmployments } from '../shared/employments.js';
import { personIds } from '../shared/personId.js';

export interface EmploymentParent extends EmploymentAreas {
  asOf: IsoDate;
}

/** A person: the CPR number is known from the start, Persondata only once some field needed it. */
export interface EmployeeParent {
  id: string;
  cpr: string;
  asOf: IsoDate;
  person?: PersonData;
}

/** A copy: loaded employments are cached per request and shared by parents viewed on other dates. */
export function viewOn(e: EmploymentAreas, asOf: IsoDate): EmploymentParent {
  return { ...e, asOf };
}

/** Whether the employment's contract (Kontraktindhold, read) covers `date`; false without one. */
export function contractCovers(e: EmploymentAreas, date: IsoDate): boolean {
  return !!e.contract && isValidOn({ from: e.contract.start, to: e.contract.end }, date);
}

export function toEmployee(person: PersonData, asOf: IsoDate): EmployeeParent {
  return { id: personIds().fromCpr(person.cpr), cpr: person.cpr, asOf, person };
}

export function byEmploymentNumber(numbers: readonly string[]): string[] {
  return [...numbers].sort(compareEmploymentNumbers);
}

/**
 * Persons by CPR, in the order asked, null where Opus has no employment: one find-employees-by-cpr
 * call per 100 persons of a plan step. Persondata is read later, and only if a field needs it, in the
 * same Medarbejderoplysninger call as the areas other fields need.
 */
export async function findPersons(ctx: SubgraphContext, cprs: readonly string[], asOf: IsoDate): Promise<Array<EmployeeParent | null>> {
  const numbers = await Promise.all(cprs.map((cpr) => ctx.loaders.employmentsByCpr.load(cpr)));
  return cprs.map((cpr, i) => (numbers[i].length > 0 ? { id: personIds().fromCpr(cpr), cpr, asOf } : null));
}

/** Persondata is the same on every employment of a person; it is read from the lowest medarbejdernummer. */
export async function personOf(ctx: SubgraphContext, p: EmployeeParent): Promise<PersonData | null> {
  if (p.person) return p.person;
  const [first] = byEmploymentNumber(await ctx.loaders.employmentsByCpr.load(p.cpr));
  if (!first) return null;
  return (await ctx.loaders.employments.load({ employmentNumber: first, areas: ['Persondata'] }))?.person ?? null;
}

/** Every employment of the person, lowest medarbejdernummer first, with `areas` filled in. */
export async function employmentsOf(ctx: SubgraphContext, p: EmployeeParent, areas: readonly OpusArea[]): Promise<EmploymentAreas[]> {
  const numbers = byEmploymentNumber(await ctx.loaders.employmentsByCpr.load(p.cpr));
  return (await loadEmployments(ctx, numbers, areas)).filter((e): e is EmploymentAreas => e !== null);
}
