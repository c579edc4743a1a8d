import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An employment (ansættelse) in Opus, identified by its medarbejdernummer. A person can hold several.' })
@Directive('@key(fields: "employmentNumber")')
export class Employment {
  @Field(() => ID, { description: 'Medarbejdernummer: the Opus number of this employment.' })
  employmentNumber!: string;
}
