import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An organisation unit (organisationsenhed) in FK ORG: kommune, forvaltning, afdeling, team or institution.' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "opusId")')
export class OrgUnit {
  @Field(() => ID, { description: 'FK ORG UUID of the unit.' })
  id!: string;

  @Field(() => ID, { description: 'Brugervendt nøgle: the Opus org unit number.' })
  opusId!: string;
}

@ObjectType({ description: 'Enhedstype: the kind of unit.' })
export class UnitType {
  @Field(() => String, { description: 'Stable key: kommune, forvaltning, afdeling, team or institution.' })
  key!: string;

  @Field(() => String, { description: 'Danish name of the unit type.' })
  name!: string;
}
