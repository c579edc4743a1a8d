import { Field, ObjectType } from 'type-graphql';
import type { OneOffPayment as OneOffPaymentRecord } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Engangsydelse: a one-off payment (or deduction) Opus holds for the employment.' })
export class OneOffPayment {
  @Field(() => DateScalar, { description: 'Startdato: the date the payment takes effect; Opus pays it with that month\'s payroll.' })
  startDate!: string;

  @Field(() => String, { description: 'Objekt-id: Opus\'s id of the stored payment.' })
  objectId!: string;

  @Field(() => String, { description: 'Lønart: the Opus wage type, 4 digits.' })
  wageType!: string;

  @Field(() => String, { description: 'Løbenummer: tells payments of the same lønart on the same date apart.' })
  sequence!: string;

  @Field(() => Number, { description: 'Antal: hours, kilometres or pieces, as the lønart counts.' })
  quantity!: number;

  @Field(() => Number, { description: 'Beløb: amount in DKK as Opus computed it.' })
  amount!: number;
}

export function toOneOffPayment(p: OneOffPaymentRecord): OneOffPayment {
  return { startDate: p.startDate, objectId: p.objectId, wageType: p.wageType, sequence: p.sequence, quantity: p.quantity, amount: p.amount };
}
