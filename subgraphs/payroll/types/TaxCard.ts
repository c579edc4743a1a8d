import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Period, TaxData } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';

/** GraphQL enum value -> the source model's card type. */
export const TaxCardType = { MAIN: 'main', SECONDARY: 'secondary', FREE: 'free' } as const;
registerEnumType(TaxCardType, {
  name: 'TaxCardType',
  description: 'Skattekorttype.',
  valuesConfig: {
    MAIN: { description: 'Hovedkort: withholding rate with the monthly deduction (fradrag).' },
    SECONDARY: { description: 'Bikort: withholding rate without deduction.' },
    FREE: { description: 'Frikort: no tax withheld up to the free amount.' },
  },
});

@ObjectType({ description: 'Skattedata: the tax card (skattekort) Opus withholds tax by, for one income year.' })
export class TaxCard {
  @Field(() => Int, { description: 'Indkomstår: the calendar year the card applies to.' })
  year!: number;

  @Field(() => TaxCardType, { description: 'Korttype: hovedkort, bikort or frikort.' })
  cardType!: string;

  @Field(() => Number, { description: 'Trækprocent: withholding rate in percent.' })
  withholdingRate!: number;

  @Field(() => Number, { description: 'Fradrag: monthly deduction in DKK (0 on a bikort).' })
  monthlyDeduction!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra: 1 January of the income year.' })
  validFrom!: string;

  @Field(() => DateScalar, { description: 'Gyldig til: 31 December of the income year.' })
  validTo!: string;
}

/** Opus holds a tax card per income year; as an effective-dated record it is valid that calendar year. */
export function taxCardPeriod(t: TaxData): Period & { to: string } {
  return { from: `${t.year}-01-01`, to: `${t.year}-12-31` };
}

export function toTaxCard(t: TaxData): TaxCard {
  const p = taxCardPeriod(t);
  return { year: t.year, cardType: t.cardType, withholdingRate: t.withholdingRate, monthlyDeduction: t.monthlyDeduction, validFrom: p.from, validTo: p.to };
}
