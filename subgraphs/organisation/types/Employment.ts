import { Directive, Field, ID, ObjectType } from 'type-graphql';

// Only referenced from here: FK ORG users carry the Opus medarbejdernummer, the employee subgraph owns the rest.
@ObjectType({ description: 'An employment (ansættelse) in Opus, identified by its medarbejdernummer. A person can hold several.' })
@Directive('@key(fields: "employmentNumber", resolvable: false)')
export class Employment {
  @Field(() => ID, { description: 'Medarbejdernummer: the Opus number of this employment.' })
  employmentNumber!: string;
}
