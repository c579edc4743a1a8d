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

@ObjectType({ description: "Enhedstype: the kind of unit, a class of the municipality's Klassifikation." })
export class UnitType {
  @Field(() => ID, { description: 'Klasse UUID of the unit type.' })
  id!: string;

  @Field(() => String, { description: "Brugervendt nøgle of the class (the sample's: kommune, forvaltning, afdeling, team, institution); its UUID when unknown." })
  key!: string;

  @Field(() => String, { description: 'Danish name of the unit type.' })
  name!: string;
}
