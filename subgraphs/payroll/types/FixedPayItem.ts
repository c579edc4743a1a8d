import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { FixedPayItem as FixedPayItemRecord } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';

/** GraphQL enum value -> the source model's kind. */
export const FixedPayItemKind = { SUPPLEMENT: 'supplement', DEDUCTION: 'deduction' } as const;
registerEnumType(FixedPayItemKind, {
  name: 'FixedPayItemKind',
  description: 'Fast tillæg or fast fradrag.',
  valuesConfig: {
    SUPPLEMENT: { description: 'Fast tillæg: paid on top of the base salary every month.' },
    DEDUCTION: { description: 'Fast fradrag: withheld every month (e.g. union dues, canteen).' },
  },
});

@ObjectType({ description: 'Fast tillæg eller fradrag: a fixed monthly supplement or deduction in one period.' })
export class FixedPayItem {
  @Field(() => FixedPayItemKind, { description: 'Tillæg (supplement) or fradrag (deduction).' })
  kind!: string;

  @Field(() => String, { description: 'Lønart: the Opus wage type, 4 digits.' })
  wageType!: string;

  @Field(() => String, { description: 'Lønartens tekst.' })
  name!: string;

  @Field(() => Number, { description: 'Månedsbeløb: amount per month in DKK, positive for supplements and deductions alike.' })
  monthlyAmount!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  validTo!: string | null;
}

export function toFixedPayItem(f: FixedPayItemRecord): FixedPayItem {
  return { kind: f.kind, wageType: f.wageType, name: f.name, monthlyAmount: f.monthlyAmount, validFrom: f.from, validTo: f.to };
}
