import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { UnitType } from './OrgUnit.js';

@ObjectType({ description: 'One version of a unit (a registrering in force for a period): its name, type and place in the tree.' })
export class OrgUnitVersion {
  @Field(() => String, { description: 'Enhedsnavn in this version.' })
  name!: string;

  @Field(() => String, { description: 'Short name (kort navn) in this version.' })
  shortName!: string;

  @Field(() => UnitType, { description: 'Enhedstype in this version.' })
  unitType!: UnitType;

  @Field(() => DateScalar, { description: 'First day of the version (virkning fra).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day of the version (virkning til), null when open-ended.' })
  validTo!: string | null;

  /** Read by the `parent` field resolver. */
  parentId!: string | null;
}
