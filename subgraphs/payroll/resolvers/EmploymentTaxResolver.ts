// Skattedata: a tax card per income year, read in the same Medarbejderoplysninger call as the other
// payroll areas of the plan step, and only when the caller holds payroll:tax.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { checkOrder, history, today } from '../../shared/dates.js';
import { withAreas } from '../../shared/employments.js';
import { badInput } from '../../../platform/errors.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { Employment } from '../types/Employment.js';
import { TaxCard, taxCardPeriod, toTaxCard } from '../types/TaxCard.js';
import { ListSize } from '../../shared/demandControl.js';

type Parent = { employmentNumber: string };

@Resolver(() => Employment)
export class EmploymentTaxResolver {
  @RequiresScopes('payroll:tax', { audit: 'tax' })
  @FieldResolver(() => TaxCard, { nullable: true, description: 'Skattedata: the tax card of the income year of `asOf` (default today); null when Opus has none for that year.' })
  async taxCard(@Root() e: Parent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    const year = Number((asOf ?? today()).slice(0, 4));
    const card = (await withAreas(ctx, e, ['Skattedata']))?.tax?.find((t) => t.year === year);
    return card ? toTaxCard(card) : null;
  }

  @RequiresScopes('payroll:tax', { audit: 'tax' })
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [TaxCard], { nullable: true, description: 'Skattedata history: the tax cards of the income years overlapping [from, to] (default: all Opus holds), oldest first.' })
  async taxCardHistory(
    @Root() e: Parent,
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    checkOrder(from, to);
    const cards = (await withAreas(ctx, e, ['Skattedata']))?.tax ?? [];
    return history(cards, from, to, taxCardPeriod)
      .sort((a, b) => a.year - b.year)
      .map(toTaxCard);
  }
}
