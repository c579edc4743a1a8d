import { Field, ObjectType } from 'type-graphql';
import type { PensionScheme as PensionSchemeRecord } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({ description: 'Pensionsordning: a pension scheme the employment pays into in one period.' })
export class PensionScheme {
  @Field(() => String, { description: 'Pensionsselskab: the pension provider.' })
  provider!: string;

  @Field(() => String, { description: 'Ordningskode: the scheme code.' })
  schemeCode!: string;

  @Field(() => Number, { description: 'Egetbidrag: the employee contribution, percent of pensionable pay.' })
  employeePercent!: number;

  @Field(() => Number, { description: 'Arbejdsgiverbidrag: the employer contribution, percent of pensionable pay.' })
  employerPercent!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  validTo!: string | null;
}

export function toPensionScheme(p: PensionSchemeRecord): PensionScheme {
  return { provider: p.provider, schemeCode: p.schemeCode, employeePercent: p.employeePercent, employerPercent: p.employerPercent, validFrom: p.from, validTo: p.to };
}
