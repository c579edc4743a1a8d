// Engangsydelser read over a period. Opus's read endpoint takes one employee, so this is the one
// payroll field that costs a source call per employment: the oneOffPayments loader reads each
// employment once per plan step, with bounded concurrency (see shared/loaders.ts).
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { Employment } from '../types/Employment.js';
import { OneOffPayment, toOneOffPayment } from '../types/OneOffPayment.js';
import { oneOffPaymentPeriod } from '../periods.js';
import { Cost, DEFAULT_LIST_SIZE, ListSize } from '../../shared/demandControl.js';

@Resolver(() => Employment)
export class EmploymentOneOffPaymentResolver {
  @RequiresScopes('payroll:read', { audit: 'salary' })
  @ListSize({ assumedSize: DEFAULT_LIST_SIZE })
  // Dearer than a list read with the rest: Opus's read-onetime-payments takes one employment a call.
  @Cost(2)
  @FieldResolver(() => [OneOffPayment], {
    nullable: true,
    description:
      'Engangsydelser whose start date falls in [from, to] (default: from twelve months ago, `to` open so payments dated ahead show too), sorted by start date, lønart and løbenummer. One Opus call per employment.',
  })
  async oneOffPayments(
    @Root() e: { employmentNumber: string },
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    const payments = await ctx.loaders.oneOffPayments.load({ employmentNumber: e.employmentNumber, period: oneOffPaymentPeriod(from, to) });
    return [...payments]
      .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.wageType.localeCompare(b.wageType) || Number(a.sequence) - Number(b.sequence))
      .map(toOneOffPayment);
  }
}
