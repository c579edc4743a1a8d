import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { StatisticsCount, StatisticsDecimal } from '../../shared/statistics/cells.js';

@ObjectType({ description: 'One row of a distribution: the persons whose main employment on `to` has this key, and their årsværk.' })
export class StatisticsRow {
  @Field(() => String, { description: 'Stable key: an enum name, an Opus code, or a band such as "25-34".' })
  key!: string;

  @Field(() => String, { description: 'Danish label for display.' })
  label!: string;

  @Field(() => StatisticsCount, { description: 'Persons (each counted once, under their main employment).' })
  headcount!: StatisticsCount;

  @Field(() => StatisticsDecimal, { description: 'Årsværk of those persons on `to` (all their employments in the scope); withheld with the headcount.' })
  fullTimeEquivalents!: StatisticsDecimal;
}

@ObjectType({
  description:
    'Workforce statistics (personalestatistik) of the municipality or an org unit over [from, to]: aggregates only, every figure a cell withheld when it would reveal a group of fewer than `minimumPersons` persons. "As of a date" is from = to = that date. Definitions in docs/statistics.md.',
})
@Directive('@key(fields: "id")')
export class WorkforceStatistics {
  @Field(() => ID, { description: 'Opaque and stable: the scope (unit, subtree or municipality) and the period.' })
  id!: string;
}
