import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StatisticsCount, StatisticsDecimal } from '../../shared/statistics/cells.js';
import { ListSize } from '../../shared/demandControl.js';
import { ALL_ABSENCE_TYPES, AbsenceType } from './Absence.js';

@ObjectType({ description: 'Workforce statistics, by the scope and period in its id; this subgraph adds the absence figures.' })
@Directive('@key(fields: "id")')
export class WorkforceStatistics {
  @Field(() => ID, { description: 'Opaque and stable: the scope (unit, subtree or municipality) and the period.' })
  id!: string;
}

@ObjectType({ description: 'One fraværsart in the workforce statistics.' })
export class WorkforceAbsenceType {
  @Field(() => AbsenceType, { description: 'Fraværsart.' })
  type!: string;

  @Field(() => StatisticsCount, { description: 'Persons with approved absence of this type on a counted workday.' })
  persons!: StatisticsCount;

  @Field(() => StatisticsDecimal, { nullable: true, description: 'Fraværsprocent of this type as a fraction of the days available (docs/absence.md); null when nothing was available.' })
  rate!: StatisticsDecimal | null;
}

@ObjectType({ description: 'Absence over the period by the measure of docs/absence.md, as cells (docs/statistics.md).' })
export class WorkforceAbsence {
  @Field(() => StatisticsCount, { description: 'Persons in the basis: employed and placed in a counted unit on at least one workday of the period.' })
  persons!: StatisticsCount;

  @Field(() => StatisticsDecimal, { nullable: true, description: 'Total fraværsprocent as a fraction: approved absence days over the days available; null when nothing was available.' })
  rate!: StatisticsDecimal | null;

  @ListSize({ assumedSize: ALL_ABSENCE_TYPES.length })
  @Field(() => [WorkforceAbsenceType], { description: 'Every fraværsart, in the enum order.' })
  byType!: WorkforceAbsenceType[];
}
