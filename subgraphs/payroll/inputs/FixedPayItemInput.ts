import { Field, Float, InputType, registerEnumType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { FixedPayItemKind } from '../types/FixedPayItem.js';

/** GraphQL enum value -> the source's line action. */
export const FixedPayItemAction = { ADD: 'add', STOP: 'stop' } as const;
registerEnumType(FixedPayItemAction, {
  name: 'FixedPayItemAction',
  description: 'What a faste tillæg/fradrag line does.',
  valuesConfig: {
    ADD: { description: 'Add a fast tillæg or fradrag from `validFrom` (to `validTo`, or open-ended).' },
    STOP: { description: 'Stop the item of this lønart that starts on `validFrom` (as `Employment.fixedPayItems` shows it): `validTo` becomes its last day.' },
  },
});

@InputType({ description: 'One line of a faste tillæg/fradrag update: add an item, or stop one.' })
export class FixedPayItemInput {
  @Field(() => FixedPayItemAction, { description: 'ADD or STOP.' })
  action!: string;

  @Field(() => String, { description: 'Lønart: the Opus wage type, exactly 4 digits, from the faste tillæg/fradrag catalogue.' })
  wageType!: string;

  @Field(() => FixedPayItemKind, { nullable: true, description: 'ADD only, required: tillæg (SUPPLEMENT) or fradrag (DEDUCTION); Opus refuses a kind that is not the lønart\'s own.' })
  kind?: string | null;

  @Field(() => DateScalar, { description: 'ADD: the first day of the item. STOP: the start date of the item to stop, which is how it is identified (with `wageType`).' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'ADD: the last day, or null for open-ended. STOP, required: the new last day. Not before `validFrom`.' })
  validTo?: string | null;

  @Field(() => Float, { nullable: true, description: 'ADD only, required: månedsbeløb in DKK, more than 0 and at most two decimals, positive for supplements and deductions alike (as `FixedPayItem.monthlyAmount`).' })
  monthlyAmount?: number | null;
}
