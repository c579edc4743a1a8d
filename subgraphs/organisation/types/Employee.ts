import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A person employed by the municipality (medarbejder), across all their employments.' })
@Directive('@key(fields: "id")')
export class Employee {
  @Field(() => ID, { description: 'Opaque, stable person id. It is not the CPR number and cannot be turned into one by clients.' })
  id!: string;
}
