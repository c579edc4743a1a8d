import { Field, Float, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({
  description:
    'Feriesaldo: paid holiday (ferie) of one ferieår, as Opus holds it now. The ferieår (optjeningsår) runs 1 September to 31 August; under the concurrent holiday scheme of the Holiday Act of 2020 its days are earned month by month and can be taken until 31 December after it ends.',
})
export class VacationBalance {
  @Field(() => String, { description: 'Ferieår as Opus names it, e.g. "2025/26".' })
  holidayYear!: string;

  @Field(() => DateScalar, { description: 'First day of the ferieår (1 September).' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day of the ferieår (31 August).' })
  to!: string;

  @Field(() => DateScalar, { description: 'Last day of the ferieafholdelsesperiode (31 December after the ferieår), until which its days can be taken.' })
  takeUntil!: string;

  @Field(() => Float, { description: 'Optjente feriedage.' })
  earnedDays!: number;

  @Field(() => Float, { description: 'Afholdte feriedage.' })
  usedDays!: number;

  @Field(() => Float, { description: 'Overførte feriedage from the ferieår before.' })
  transferredDays!: number;

  @Field(() => Float, { description: 'Restferie: earned + transferred - used (negative when more was taken than earned, forskudsferie).' })
  remainingDays!: number;
}
