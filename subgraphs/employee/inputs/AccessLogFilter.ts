import { Field, ID, InputType } from 'type-graphql';
import { DateTimeScalar } from '../../../platform/scalars.js';

@InputType({
  description:
    'Which audit records the access report holds; all given conditions must hold. `personId` and `cpr` each stand for the whole person: reads by their person id, by any of their employment numbers, and lookups of their CPR number.',
})
export class AccessLogFilter {
  @Field(() => ID, { nullable: true, description: 'Medarbejdernummer: records naming this employment.' })
  employmentNumber?: string | null;

  @Field(() => ID, { nullable: true, description: 'An opaque person id (`Employee.id`): records concerning this person.' })
  personId?: string | null;

  @Field(() => String, { nullable: true, description: 'A CPR number (hashed here, never stored or logged): records concerning this person, lookups of the number included.' })
  cpr?: string | null;

  @Field(() => String, { nullable: true, description: 'The token subject who read or changed; a CPR-shaped subject is matched by its keyed hash.' })
  subject?: string | null;

  @Field(() => String, { nullable: true, description: 'The OAuth client id.' })
  client?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'From this instant (inclusive).' })
  from?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Up to this instant (inclusive).' })
  to?: string | null;
}
