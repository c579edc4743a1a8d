import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An Opus employment; this subgraph adds its payroll (løn) data.' })
@Directive('@key(fields: "employmentNumber")')
export class Employment {
  @Field(() => ID, { description: 'Medarbejdernummer.' })
  employmentNumber!: string;
}
