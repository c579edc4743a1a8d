import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An Opus employment; this subgraph adds its absence (fravær) data.' })
@Directive('@key(fields: "employmentNumber")')
export class Employment {
  @Field(() => ID, { description: 'Medarbejdernummer.' })
  employmentNumber!: string;
}
