import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Which org units to list. All given criteria must hold (AND), on the query date.' })
export class OrgUnitFilter {
  @Field(() => String, { nullable: true, description: 'Part of the enhedsnavn, any case (e.g. "skole").' })
  name?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only units of this Organisation (Tilhoerer; see `organisations`).' })
  organisation?: string | null;

  @Field(() => [String], { nullable: true, description: "Enhedstype keys (the class's brugervendt nøgle, e.g. the sample's kommune, forvaltning, afdeling, team, institution); any of them." })
  unitTypes?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only the direct sub-units of this unit (FK ORG UUID).' })
  parent?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only this unit and every unit below it, at any depth (FK ORG UUID).' })
  subtree?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'KLE number of a task (opgave) the unit handles; a group number (e.g. "27" or "27.24") also matches the topics under it.',
  })
  kle?: string | null;
}
