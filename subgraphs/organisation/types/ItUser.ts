import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'IT-system in FK ORG that users are given access to.' })
export class ItSystem {
  @Field(() => ID, { description: 'FK ORG UUID of the IT system.' })
  id!: string;

  @Field(() => String, { description: 'IT-systemets navn.' })
  name!: string;

  @Field(() => String, { description: 'Short name (brugervendt nøgle).' })
  shortName!: string;
}

@ObjectType({ description: 'Bruger: an IT user (AD account) in FK ORG, belonging to a person and usually provisioned for one Opus employment.' })
export class ItUser {
  @Field(() => ID, { description: 'FK ORG UUID of the user.' })
  id!: string;

  @Field(() => String, { description: 'Brugernavn: the account name (AD login).' })
  userName!: string;

  @Field(() => DateScalar, { description: 'First day the user is active (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the user is active, null when open-ended.' })
  validTo!: string | null;

  /** FK ORG Person UUID, for the person fields. */
  personId!: string;
  /** Opus medarbejdernummer the account was provisioned for. */
  employmentNumber!: string | null;
}
