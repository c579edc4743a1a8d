import { Field, Int, ObjectType } from 'type-graphql';
import type { SalaryPlacement as SalaryPlacementRecord } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Lønindplacering: where the employment sits on its pay scale in one period.' })
export class SalaryPlacement {
  @Field(() => String, { description: 'Løngruppe: pay group code.' })
  payGroup!: string;

  @Field(() => String, { description: 'Løngruppe: text of the pay group.' })
  payGroupText!: string;

  @Field(() => Int, { description: 'Løntrin: step on the scale.' })
  step!: number;

  @Field(() => String, { description: 'Skalatrin / lønskala: the scale (e.g. Basisløn, Lederløn, Timeløn).' })
  scale!: string;

  @Field(() => Number, { description: 'Grundløn: annual base salary in DKK.' })
  annualBaseSalary!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra: first day of this placement.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til: last day of this placement, null when open-ended.' })
  validTo!: string | null;
}

export function toSalaryPlacement(s: SalaryPlacementRecord): SalaryPlacement {
  return {
    payGroup: s.payGroup,
    payGroupText: s.payGroupText,
    step: s.step,
    scale: s.scale,
    annualBaseSalary: s.annualBaseSalary,
    validFrom: s.from,
    validTo: s.to,
  };
}
