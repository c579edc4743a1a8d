import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    "Klasse: a class in the municipality's Klassifikation that FK ORG data points at (a function type, a unit type, a KLE task). A class neither Klassifikation nor the configuration names is shown with name `unknown` and its UUID as key.",
})
export class OrgClass {
  @Field(() => ID, { description: 'Klasse UUID.' })
  id!: string;

  @Field(() => String, { description: 'Brugervendt nøgle of the class (its UUID when unknown).' })
  key!: string;

  @Field(() => String, { description: 'Titel of the class; `unknown` when it could not be resolved.' })
  name!: string;
}
