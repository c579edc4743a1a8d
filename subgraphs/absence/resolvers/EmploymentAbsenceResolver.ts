import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { today } from '../../shared/dates.js';
import { withAreas } from '../../shared/employments.js';
import { badInput } from '../../shared/errors.js';
import { DateScalar } from '../../shared/scalars.js';
import { Absence, AbsenceType } from '../types/Absence.js';
import { Employment } from '../types/Employment.js';

const MAX_SPAN_DAYS = 5 * 366;

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The asked period, defaulting to the twelve months up to today; bounded so one field cannot ask for decades. */
export function absencePeriod(from?: string, to?: string) {
  const end = to ?? today();
  const start = from ?? addDays(end, -365);
  if (start > end) throw badInput(`\`from\` (${start}) is after \`to\` (${end})`, { argument: 'from' });
  if (addDays(start, MAX_SPAN_DAYS) < end) throw badInput('An absence period can span at most five years', { argument: 'from' });
  return { from: start, to: end };
}

@Resolver(() => Employment)
export class EmploymentAbsenceResolver {
  @FieldResolver(() => [Absence], { description: 'Fravær overlapping the period [from, to] (default: the last twelve months), optionally only some types, sorted by start.' })
  async absences(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
    @Arg('types', () => [AbsenceType], { nullable: true }) types?: string[],
  ) {
    const period = absencePeriod(from, to);
    const found = await withAreas(ctx, e, ['FravaerNaervaer'], period);
    const wanted = types?.length ? new Set(types) : null;
    return (found?.absences ?? [])
      .filter((a) => !wanted || wanted.has(a.type))
      .sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
  }
}
