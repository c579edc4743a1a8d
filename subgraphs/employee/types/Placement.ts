import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { OrgUnit } from './OrgUnit.js';

@ObjectType({ description: 'Organisatorisk placering: the org unit an employment sat in during one period.' })
export class Placement {
  @Field(() => OrgUnit, { description: 'The unit (by its Opus number; the organisation subgraph adds name, parent and so on).' })
  orgUnit!: OrgUnit;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  validTo!: string | null;
}
