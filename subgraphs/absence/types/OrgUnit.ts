import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An organisation unit, by its Opus number; this subgraph adds absence statistics.' })
@Directive('@key(fields: "opusId")')
export class OrgUnit {
  @Field(() => ID, { description: 'The Opus org unit number (brugervendt nøgle in FK ORG).' })
  opusId!: string;
}
