import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';

@ObjectType({ description: 'Lønindplacering: where the employment sits on its pay scale.' })
export class SalaryPlacement {
  @Field(() => String, { description: 'Løngruppe code.' })
  payGroup!: string;

  @Field(() => String, { description: 'Løngruppe text.' })
  payGroupText!: string;

  @Field(() => Int, { description: 'Løntrin.' })
  step!: number;

  @Field(() => String, { description: 'Skalatrin / lønskala.' })
  scale!: string;

  @Field(() => Number, { description: 'Annual base salary (grundløn) in DKK.' })
  annualBaseSalary!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  to!: string | null;
}
