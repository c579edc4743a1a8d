import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Stilling: a position in a unit, an OrganisationFunktion of type Stilling and the users holding it.' })
export class OrgPosition {
  @Field(() => ID, { description: 'FK ORG UUID of the Stilling function.' })
  id!: string;

  @Field(() => String, { description: 'Funktionsnavn: the position title.' })
  title!: string;

  @Field(() => DateScalar, { description: 'First day of the function (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the function, null when open-ended.' })
  validTo!: string | null;

  userIds!: string[];
  asOf!: string;
}
