import 'reflect-metadata';
// The cells every workforce statistics figure is answered in: a value, or null with the reason it was
// withheld (docs/statistics.md, "Suppression"). Shared by the employee and absence subgraphs, so
// they are @shareable value types.
import { Directive, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { SuppressionReason as Reason } from './release.js';

export const SuppressionReason = {
  FEWER_THAN_MINIMUM: 'FEWER_THAN_MINIMUM',
  COMPLEMENTARY: 'COMPLEMENTARY',
  OVERLAP: 'OVERLAP',
} as const satisfies Record<Reason, Reason>;

registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why a statistics cell is withheld (docs/statistics.md, "Suppression").',
  valuesConfig: {
    FEWER_THAN_MINIMUM: { description: 'The cell counts fewer persons than the minimum (`minimumPersons`; STATISTICS_MIN_PERSONS).' },
    COMPLEMENTARY: { description: 'Withheld beside a small cell of the same distribution, which could otherwise be worked out from the total and the other cells.' },
    OVERLAP: { description: 'Withheld because it differs from another answer (a unit with or without its sub-units, a parent unit, the municipality) by a group smaller than the minimum.' },
  },
});

@ObjectType({ description: 'A number of persons; null exactly when withheld, with the reason.' })
@Directive('@shareable')
export class StatisticsCount {
  @Field(() => Int, { nullable: true, description: 'The count; null when `suppressed`.' })
  value!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the count is withheld; null when it is given.' })
  suppressed!: Reason | null;
}

@ObjectType({ description: 'A decimal figure (årsværk, a rate as a fraction); null exactly when withheld, with the reason.' })
@Directive('@shareable')
export class StatisticsDecimal {
  @Field(() => Float, { nullable: true, description: 'The figure; null when `suppressed`.' })
  value!: number | null;

  @Field(() => SuppressionReason, { nullable: true, description: 'Why the figure is withheld; null when it is given.' })
  suppressed!: Reason | null;
}

/** The cell of a value under a verdict: the value only when nothing withholds it. */
export function cell(value: number, suppressed: Reason | null): { value: number | null; suppressed: Reason | null } {
  return suppressed ? { value: null, suppressed } : { value, suppressed: null };
}
