import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Interessefællesskab: a group across units, e.g. a MED-udvalg or a network.' })
export class InterestGroup {
  @Field(() => ID, { description: 'FK ORG UUID of the group.' })
  id!: string;

  @Field(() => String, { description: 'Navn.' })
  name!: string;

  @Field(() => String, { description: 'Type, e.g. MED-udvalg or Netværk.' })
  type!: string;

  @Field(() => DateScalar, { description: 'First day of the group (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the group, null when open-ended.' })
  validTo!: string | null;

  unitIds!: string[];
  userIds!: string[];
  asOf!: string;
}
