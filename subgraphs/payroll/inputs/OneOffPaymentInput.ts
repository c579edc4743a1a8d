import { Field, Float, InputType, Int } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@InputType({ description: 'One Engangsydelse to submit: one line of the Opus update.' })
export class OneOffPaymentInput {
  @Field(() => String, { description: 'Lønart (Loenart): the Opus wage type, exactly 4 digits.' })
  wageType!: string;

  @Field(() => Int, { description: 'Løbenummer (Loebenummer): tells payments of the same lønart on the same date apart; 0 or more.' })
  sequence!: number;

  @Field(() => Float, { description: 'Antal: hours, kilometres or pieces; at most two decimals, not 0 (negative corrects an earlier payment).' })
  quantity!: number;

  @Field(() => DateScalar, { description: 'Startdato: the date the payment takes effect.' })
  startDate!: string;

  @Field(() => String, { nullable: true, description: 'Afvigende omkostningssted (Afv_Omkostningssted): book the cost here instead of the employment\'s own cost centre. Not together with `pspElement`.' })
  costCentre?: string | null;

  @Field(() => String, { nullable: true, description: 'Afvigende PSP-element (Afv_PSP_Element): book the cost on this project element. Not together with `costCentre`.' })
  pspElement?: string | null;

  @Field(() => String, { nullable: true, description: 'Individuel bemærkning (Indv_Bemaerkning): a remark stored with the payment, at most 200 characters.' })
  remark?: string | null;
}
