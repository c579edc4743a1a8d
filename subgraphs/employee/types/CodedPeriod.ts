import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';

@ObjectType({
  description: 'A coded, effective-dated registration on an employment: an arbejdsfunktion, aktivitet, tilslutning or tjenesteplansindplacering.',
})
export class CodedPeriod {
  @Field(() => String, { description: 'Opus code (kode).' })
  code!: string;

  @Field(() => String, { description: 'Text of the code (tekst).' })
  name!: string;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  validTo!: string | null;
}
