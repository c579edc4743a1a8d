import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar } from '../../../platform/scalars.js';

/** Values are the domain model's (sources/model.ts Contract['employmentType']). */
export enum EmploymentType {
  PERMANENT = 'permanent',
  FIXED_TERM = 'fixedTerm',
  HOURLY = 'hourly',
  TRAINEE = 'trainee',
}

registerEnumType(EmploymentType, {
  name: 'EmploymentType',
  description: 'Ansættelsesform.',
  valuesConfig: {
    PERMANENT: { description: 'Fastansat (månedslønnet, tidsubegrænset).' },
    FIXED_TERM: { description: 'Tidsbegrænset ansat.' },
    HOURLY: { description: 'Timelønnet.' },
    TRAINEE: { description: 'Elev eller lærling.' },
  },
});

@ObjectType({ description: 'Overenskomst: the collective agreement the employment is under.' })
export class Agreement {
  @Field(() => String, { description: 'Overenskomstkode.' })
  code!: string;

  @Field(() => String, { description: 'Overenskomstens navn.' })
  name!: string;
}

@ObjectType({
  description:
    'Kontraktindhold: the terms of an employment. The Dataservice gives the current terms only; their changes over time (`Employment.contractHistory`) come from the daily Opus extracts.',
})
export class Contract {
  @Field(() => EmploymentType, { nullable: true, description: 'Ansættelsesform. Not in the Opus extract: null with SOURCE_NOT_AVAILABLE in extract mode.' })
  employmentType!: EmploymentType | null;

  @Field(() => String, { description: 'Arbejdskontrakt: the Opus contract code.' })
  workContract!: string;

  @Field(() => String, { description: 'Arbejdskontrakt, text.' })
  workContractText!: string;

  @Field(() => DateScalar, { description: 'Ansættelsesdato: first day of the employment.' })
  start!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Fratrædelsesdato: last day of the employment, null when open-ended.' })
  end!: string | null;

  @Field(() => String, { description: 'Stillings-id (stillingsnummer) in Opus.' })
  positionId!: string;

  @Field(() => String, { description: 'Stillingsbetegnelse: position title.' })
  position!: string;

  @Field(() => String, { description: 'Stillingsbetegnelse, short form.' })
  positionShort!: string;

  @Field(() => Agreement, { nullable: true, description: 'Overenskomst. Not in the Opus extract: null with SOURCE_NOT_AVAILABLE in extract mode.' })
  agreement!: Agreement | null;

  @Field(() => String, { description: 'Job-id (stillingskode).' })
  jobId!: string;

  @Field(() => String, { description: 'Job (stillingskode), text.' })
  job!: string;

  @Field(() => Boolean, { description: 'Leder: whether the employment is a managerial position.' })
  isManager!: boolean;

  @Field(() => DateScalar, { description: 'Første ansættelsesdato: first day of the person’s first employment with the municipality (anciennitet).' })
  initialEntry!: string;

  @Field(() => DateScalar, { description: 'Indtrædelsesdato i koncernen: the day the person entered the group (koncernen).' })
  entryIntoGroup!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'In `contractHistory`: the first day these terms held, as the Opus extracts date the change (the record’s lastChanged). Null outside `contractHistory`.',
  })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'In `contractHistory`: the last day these terms held; null while they still do (null outside `contractHistory`).' })
  validTo?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'In `contractHistory`: when the Opus extracts first showed these terms (the extract’s time). Null outside `contractHistory`.' })
  registeredAt?: string | null;
}
