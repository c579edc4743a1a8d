import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import type { Absence as AbsenceRecord, AbsenceType as AbsenceTypeKey, Refusion as RefusionRecord } from '../../../sources/model.js';
import { DateScalar } from '../../../platform/scalars.js';
import { ListSize } from '../../shared/demandControl.js';

/** GraphQL enum value -> Opus fraværsart as the source model names it. */
export const AbsenceType = {
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

/** Every fraværsart, in the enum's order. */
export const ALL_ABSENCE_TYPES: AbsenceTypeKey[] = Object.values(AbsenceType);

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

export const AbsenceStatus = { APPROVED: 'approved', REQUESTED: 'requested', REJECTED: 'rejected' } as const satisfies Record<string, AbsenceRecord['status']>;
registerEnumType(AbsenceStatus, {
  name: 'AbsenceStatus',
  description: 'Godkendelsesstatus.',
  valuesConfig: {
    APPROVED: { description: 'Godkendt.' },
    REQUESTED: { description: 'Anmodet: awaiting approval.' },
    REJECTED: { description: 'Afvist.' },
  },
});

export const RefusionType = { SYGEDAGPENGE: 'sygedagpenge', BARSELSDAGPENGE: 'barselsdagpenge', FORSIKRING: 'forsikring' } as const satisfies Record<
  string,
  RefusionRecord['type']
>;
registerEnumType(RefusionType, {
  name: 'RefusionType',
  description: 'Refusionsart.',
  valuesConfig: {
    SYGEDAGPENGE: { description: 'Sygedagpenge refunded by the municipality of residence.' },
    BARSELSDAGPENGE: { description: 'Barselsdagpenge refunded by Udbetaling Danmark.' },
    FORSIKRING: { description: 'Refunded by an insurance.' },
  },
});

@ObjectType({ description: 'Refusion: reimbursement the municipality receives for an absence.' })
export class Refusion {
  @Field(() => RefusionType, { description: 'Refusionsart.' })
  type!: string;

  @Field(() => Float, { description: 'Beløb in DKK.' })
  amount!: number;

  @Field(() => DateScalar, { description: 'First day the refusion covers.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day the refusion covers; null while open.' })
  to!: string | null;
}

@ObjectType({ description: 'Fravær: one absence period of an employment.' })
export class Absence {
  @Field(() => ID, { description: 'Opus id of the registration.' })
  id!: string;

  @Field(() => AbsenceType, { description: 'Fraværsart.' })
  type!: string;

  @Field(() => DateScalar, { description: 'First day.' })
  from!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Last day; null while the absence is open (e.g. ongoing sickness).' })
  to!: string | null;

  @Field(() => Float, { nullable: true, description: 'Delvis fravær: hours of a part-day absence; null for whole days.' })
  partDayHours!: number | null;

  @Field(() => AbsenceStatus, { description: 'Godkendelsesstatus.' })
  status!: string;

  @Field(() => Float, {
    description:
      'Fraværsdage: the workdays (Monday to Friday, not public holidays) the absence covers inside the period asked for, an open absence up to the end of that period; a part-day absence counts as its hours over the daily norm from Arbejdstid (weekly hours / 5), at most one day.',
  })
  days!: number;

  @ListSize({ assumedSize: 2 })
  @Field(() => [Refusion], { description: 'Refusioner.' })
  refusions!: Refusion[];
}
