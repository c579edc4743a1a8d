import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Organisation: the municipality in FK ORG, or another body it administers there (e.g. its utility), owning units (Tilhoerer).' })
export class Organisation {
  @Field(() => ID, { description: 'FK ORG UUID of the Organisation.' })
  id!: string;

  @Field(() => String, { description: 'OrganisationNavn.' })
  name!: string;

  @Field(() => String, { nullable: true, description: "CVR-nummer, when FK ORG has it; null otherwise." })
  cvr!: string | null;

  @Field(() => String, { description: 'Brugervendt nøgle (the kommunekode for a municipality).' })
  key!: string;
}
