import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination.js';

@ObjectType({ description: 'An employment (ansættelse) in Opus, identified by its medarbejdernummer. A person can hold several. Viewed as of a date (`asOf`), default today.' })
@Directive('@key(fields: "employmentNumber")')
export class Employment {
  @Field(() => ID, { description: 'Medarbejdernummer: the Opus number of this employment.' })
  employmentNumber!: string;
}

export const EmploymentConnection = Connection(Employment, 'Employment');
