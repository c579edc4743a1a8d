import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { AbsenceType as AbsenceTypeKey } from '../../../sources/model.js';
import { DateScalar } from '../../shared/scalars.js';

/** GraphQL enum value -> Opus fraværsart as the source model names it. */
export const ABSENCE_TYPES = {
  FERIE: 'ferie',
  FERIEFRIDAGE: 'feriefridage',
  SYGDOM: 'sygdom',
  BARNS_SYGEDAG: 'barnsSygedag',
  BARSEL: 'barsel',
  ORLOV: 'orlov',
  OMSORGSDAGE: 'omsorgsdage',
  SENIORDAGE: 'seniordage',
  TJENESTEFRI: 'tjenestefri',
} as const satisfies Record<string, AbsenceTypeKey>;

export const AbsenceType = Object.fromEntries(Object.entries(ABSENCE_TYPES).map(([k, v]) => [k, v])) as { [K in keyof typeof ABSENCE_TYPES]: (typeof ABSENCE_TYPES)[K] };

registerEnumType(AbsenceType, {
  name: 'AbsenceType',
  description: 'Fraværsart.',
  valuesConfig: {
    FERIE: { description: 'Ferie.' },
    FERIEFRIDAGE: { description: 'Feriefridage (6. ferieuge).' },
    SYGDOM: { description: 'Egen sygdom.' },
    BARNS_SYGEDAG: { description: 'Barns 1. og 2. sygedag.' },
    BARSEL: { description: 'Barsel (graviditet, fødsel, forældreorlov).' },
    ORLOV: { description: 'Orlov.' },
    OMSORGSDAGE: { description: 'Omsorgsdage.' },
    SENIORDAGE: { description: 'Seniordage.' },
    TJENESTEFRI: { description: 'Tjenestefrihed.' },
  },
});

export const AbsenceStatus = { APPROVED: 'approved', REQUESTED: 'requested', REJECTED: 'rejected' } as const;
registerEnumType(AbsenceStatus, { name: 'AbsenceStatus', description: 'Godkendelsesstatus.' });

@ObjectType({ description: 'Refusion: reimbursement the municipality receives for an absence.' })
export class Refusion {
  @Field(() => String, { description: 'Refusionstype: sygedagpenge, barselsdagpenge or forsikring.' })
  type!: string;

  @Field(() => Number, { description: 'Beløb in DKK.' })
  amount!: number;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar, { nullable: true })
  to!: string | null;
}

@ObjectType({ description: 'Fravær: one absence period of an employment.' })
export class Absence {
  @Field(() => ID)
  id!: string;

  @Field(() => AbsenceType, { description: 'Fraværsart.' })
  type!: string;

  @Field(() => DateScalar, { description: 'First day.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; null while the absence is open (e.g. ongoing sickness).' })
  to!: string | null;

  @Field(() => Number, { nullable: true, description: 'Hours, for a part-day absence (delvis fravær); null for whole days.' })
  partDayHours!: number | null;

  @Field(() => AbsenceStatus)
  status!: string;

  @Field(() => [Refusion], { description: 'Refusioner.' })
  refusions!: Refusion[];
}
