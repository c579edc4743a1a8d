import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Connection } from '../../shared/pagination.js';

@ObjectType({ description: 'A person employed by the municipality (medarbejder), across all their employments (ansættelser). Viewed as of a date (`asOf`), default today.' })
@Directive('@key(fields: "id")')
export class Employee {
  @Field(() => ID, { description: 'Opaque, stable person id. It is not the CPR number and cannot be turned into one by clients.' })
  id!: string;
}

export const EmployeeConnection = Connection(Employee, 'Employee');
