import { Field, ID, InputType } from 'type-graphql';
import { OneOffPaymentInput } from './OneOffPaymentInput.js';

@InputType({ description: "One employment's engangsydelser in a bulk submission: one Opus update, stored all or none." })
export class EmploymentPaymentsInput {
  @Field(() => ID, { description: 'Medarbejdernummer.' })
  employmentNumber!: string;

  @Field(() => [OneOffPaymentInput], { description: 'The lines, in the order their messages refer to (line 1 first).' })
  payments!: OneOffPaymentInput[];
}
