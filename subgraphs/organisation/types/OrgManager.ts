import { Field, ID, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import type { ItUser } from './ItUser.js';

@ObjectType({ description: 'Leder: a manager of a unit, an OrganisationFunktion of type Leder and the user holding it.' })
export class OrgManager {
  @Field(() => ID, { description: 'FK ORG UUID of the Leder function.' })
  id!: string;

  @Field(() => String, { description: 'Funktionsnavn: the title of the function (e.g. Skoleleder).' })
  title!: string;

  @Field(() => Boolean, {
    description: 'True when the unit asked about has no manager of its own on the date and this is the nearest manager further up the tree (see `unit`).',
  })
  inherited!: boolean;

  @Field(() => DateScalar, { description: 'First day of the function (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the function, null when open-ended.' })
  validTo!: string | null;

  /** The unit the Leder function belongs to. */
  unitId!: string;
  user!: ItUser;
  asOf!: string;
}
