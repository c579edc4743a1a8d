import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An organisation unit, as far as Opus places employments in it.' })
@Directive('@key(fields: "opusId")')
export class OrgUnit {
  @Field(() => ID, { description: 'The Opus org unit number (brugervendt nøgle in FK ORG).' })
  opusId!: string;
}
