import { Field, Float, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Arbejdstid: occupation as a fraction (beskæftigelsesbrøk) of full time, in one period.' })
export class WorkingTime {
  @Field(() => Float, { description: 'Beskæftigelsesbrøk, tæller (e.g. 30 of 37).' })
  numerator!: number;

  @Field(() => Float, { description: 'Beskæftigelsesbrøk, nævner (full time, usually 37).' })
  denominator!: number;

  @Field(() => Float, { nullable: true, description: 'Ugentlig arbejdstid in hours. Not in the Opus extract: null with SOURCE_NOT_AVAILABLE in extract mode.' })
  weeklyHours!: number | null;

  @Field(() => DateScalar, { description: 'Gyldig fra: first day of this period.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til: last day of this period, null when open-ended.' })
  validTo!: string | null;
}
