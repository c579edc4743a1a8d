import { Field, ObjectType } from 'type-graphql';
import { DateScalar } from '../../shared/scalars.js';

@ObjectType({ description: 'Overenskomst: the collective agreement the employment is under.' })
export class Agreement {
  @Field(() => String, { description: 'Overenskomstkode.' })
  code!: string;

  @Field(() => String, { description: 'Overenskomstens navn.' })
  name!: string;
}

@ObjectType({ description: 'Kontraktindhold: the terms of an employment.' })
export class Contract {
  @Field(() => String, { description: 'Ansættelsesform: permanent, fixedTerm, hourly or trainee.' })
  employmentType!: string;

  @Field(() => String, { description: 'Arbejdskontrakt: Opus contract code.' })
  workContract!: string;

  @Field(() => String, { description: 'Arbejdskontrakt, text.' })
  workContractText!: string;

  @Field(() => DateScalar, { description: 'Ansættelsesdato: first day of the employment.' })
  start!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Fratrædelsesdato: last day of the employment, null when open-ended.' })
  end!: string | null;

  @Field(() => String, { description: 'Stilling: position title.' })
  position!: string;

  @Field(() => String, { description: 'Stilling, short form.' })
  positionShort!: string;

  @Field(() => Agreement, { description: 'Overenskomst.' })
  agreement!: Agreement;

  @Field(() => String, { description: 'Job (stillingskode) text.' })
  job!: string;

  @Field(() => Boolean, { description: 'Leder: whether the employment is a managerial position.' })
  isManager!: boolean;
}

@ObjectType({ description: 'Arbejdstid: occupation as a fraction of full time.' })
export class WorkingTime {
  @Field(() => Number, { description: 'Brøk, tæller.' })
  numerator!: number;

  @Field(() => Number, { description: 'Brøk, nævner.' })
  denominator!: number;

  @Field(() => Number, { description: 'Ugentlig arbejdstid in hours.' })
  weeklyHours!: number;

  @Field(() => DateScalar, { description: 'Gyldig fra.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Gyldig til, null when open-ended.' })
  to!: string | null;
}
