import type { GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import type { PersonData } from '../../../sources/model.js';
import type { EmploymentAreas } from '../../../sources/opus/OpusSource.js';
import type { SubgraphContext } from '../../shared/context.js';
import { areasForSelection, loadEmployments } from '../../shared/employments.js';
import { personIds } from '../../shared/personId.js';
import { EMPLOYMENT_AREAS } from '../fieldAreas.js';
import { Employee } from '../types/Employee.js';
import { Employment } from '../types/Employment.js';
import { Address } from '../types/Person.js';
import { cprBirthDate, cprGender } from '../../../sources/identifiers.js';
import { DateScalar } from '../../shared/scalars.js';

/** What Employee resolvers get as their parent: the person's Opus Persondata and the opaque id. */
export interface EmployeeParent {
  id: string;
  person: PersonData;
}

export function toEmployee(person: PersonData): EmployeeParent {
  return { id: personIds().fromCpr(person.cpr), person };
}

/** Employee references carry only the id: find the person's employments by CPR, then their Persondata. */
export async function resolveEmployeeReference(ref: { id: string }, ctx: SubgraphContext): Promise<EmployeeParent | null> {
  const cpr = personIds().toCpr(ref.id);
  const [first] = await ctx.loaders.employmentsByCpr.load(cpr);
  if (!first) return null;
  const e = await ctx.loaders.employments.load({ employmentNumber: first, areas: ['Persondata'] });
  return e?.person ? toEmployee(e.person) : null;
}

@Resolver(() => Employee)
export class EmployeeResolver {
  @FieldResolver(() => String, { description: 'Fulde navn: first and last name.' })
  name(@Root() p: EmployeeParent): string {
    return `${p.person.firstName} ${p.person.lastName}`;
  }

  @FieldResolver(() => String, { description: 'Fornavn(e).' })
  firstName(@Root() p: EmployeeParent): string {
    return p.person.firstName;
  }

  @FieldResolver(() => String, { description: 'Efternavn.' })
  lastName(@Root() p: EmployeeParent): string {
    return p.person.lastName;
  }

  @FieldResolver(() => [Employment], { description: 'All Opus employments (ansættelser) of the person.' })
  async employments(@Root() p: EmployeeParent, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<EmploymentAreas[]> {
    const numbers = await ctx.loaders.employmentsByCpr.load(p.person.cpr);
    const found = await loadEmployments(ctx, numbers, areasForSelection(info, 'Employment', EMPLOYMENT_AREAS));
    return found.filter((e): e is EmploymentAreas => e !== null);
  }

  @FieldResolver(() => DateScalar, { description: 'Fødselsdato, derived from the CPR number.' })
  birthDate(@Root() p: EmployeeParent): string {
    return cprBirthDate(p.person.cpr);
  }

  @FieldResolver(() => String, { description: 'Køn as registered in CPR (female or male), derived from the CPR number.' })
  gender(@Root() p: EmployeeParent): string {
    return cprGender(p.person.cpr);
  }

  @FieldResolver(() => Address, { description: 'Adresse. A protected address (adressebeskyttelse) comes back with only `protected: true`.' })
  address(@Root() p: EmployeeParent): Address {
    const a = p.person.address;
    if (a.protected) return { protected: true, street: null, postalCode: null, city: null, country: null };
    return { protected: false, street: a.street, postalCode: a.postalCode, city: a.city, country: a.country };
  }
}
