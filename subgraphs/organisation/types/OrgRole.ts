import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { OrgClass } from './OrgClass.js';

@ObjectType({
  description:
    'Rolle: an OrganisationFunktion of any type other than Leder and Stilling (e.g. Tillidsrepræsentant, Udbetalingsenhed), binding users to units.',
})
export class OrgRole {
  @Field(() => ID, { description: 'FK ORG UUID of the function.' })
  id!: string;

  @Field(() => OrgClass, { description: 'Funktionstype: the role, as a class of the municipality.' })
  type!: OrgClass;

  @Field(() => String, { description: 'Funktionsnavn.' })
  title!: string;

  @Field(() => DateScalar, { description: 'First day of the function (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the function, null when open-ended.' })
  validTo!: string | null;

  userIds!: string[];
  unitIds!: string[];
  asOf!: string;
}
