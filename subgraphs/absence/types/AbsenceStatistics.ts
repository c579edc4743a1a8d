import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../../../platform/scalars.js';
import { ALL_ABSENCE_TYPES, AbsenceType } from './Absence.js';
import { ListSize } from '../../shared/demandControl.js';

@ObjectType({ description: 'Opgørelsesgrundlag: what the absence rates are measured against.' })
export class AbsenceBasis {
  @Field(() => Int, { description: 'Workdays in the period: Monday to Friday, not public holidays (helligdage).' })
  workdays!: number;

  @Field(() => Int, { description: 'Employments (ansættelser) counted: active and placed in a counted unit on at least one workday.' })
  employments!: number;

  @Field(() => Float, { description: 'Mulige arbejdsdagsværk: over every workday, the occupation (beskæftigelsesgrad) of each employment counted that day, summed.' })
  availableDays!: number;

  @Field(() => Float, { description: 'Årsværk-style average: full-time equivalents over the period (availableDays / workdays).' })
  fullTimeEquivalents!: number;

  @Field(() => Int, { description: 'Opus org units in which a counted employment was placed.' })
  orgUnits!: number;
}

@ObjectType({ description: 'Absence of one fraværsart in the period.' })
export class AbsenceTypeStatistics {
  @Field(() => AbsenceType, { description: 'Fraværsart.' })
  type!: string;

  @Field(() => Float, { description: 'Fraværsdagsværk: approved absence days weighted by occupation, part-day absences as their share of the daily norm.' })
  days!: number;

  @Field(() => Float, { nullable: true, description: 'Fraværsprocent as a fraction: days / basis.availableDays; null when nothing was available.' })
  rate!: number | null;

  @Field(() => Int, { description: 'Approved absences (fraværsforløb) that took any of these days.' })
  absences!: number;

  @Field(() => Int, { description: 'Employments with any of these days.' })
  employments!: number;
}

@ObjectType({ description: 'Fraværsstatistik of an org unit (and optionally everything below it) over a period; the measure is defined in docs/absence.md.' })
export class AbsenceStatistics {
  @Field(() => DateScalar, { description: 'First day of the period.' })
  from!: string;

  @Field(() => DateScalar, { description: 'Last day of the period.' })
  to!: string;

  @Field(() => Boolean, { description: 'Whether units below the unit were counted (by the Opus org tree valid on each day).' })
  includeSubtree!: boolean;

  @Field(() => AbsenceBasis, { description: 'Opgørelsesgrundlag.' })
  basis!: AbsenceBasis;

  @Field(() => Float, { description: 'Fraværsdagsværk of the fraværsarter reported, together.' })
  days!: number;

  @Field(() => Float, { nullable: true, description: 'Total fraværsprocent as a fraction (days / basis.availableDays); null when nothing was available.' })
  rate!: number | null;

  @ListSize({ assumedSize: ALL_ABSENCE_TYPES.length })
  @Field(() => [AbsenceTypeStatistics], { description: 'One entry per fraværsart reported (those asked for, or all), zeros included, in the enum order.' })
  byType!: AbsenceTypeStatistics[];
}
