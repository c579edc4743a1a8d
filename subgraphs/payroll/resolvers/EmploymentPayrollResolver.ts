// Lønindplacering, faste tillæg/fradrag and pensionsordninger: each field names its Opus area, and the
// employment loader reads all areas asked for on one plan step in one Medarbejderoplysninger call. The
// whole history is read (no VirkningFilter), so fields with different dates still share that call.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { effective, history, today, versionOn } from '../../shared/dates.js';
import { prefetchAreas, withAreas } from '../../shared/employments.js';
import type { FieldPrefetch } from '../../shared/prefetch.js';
import type { OpusArea } from '../../../sources/opus/OpusSource.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { Employment } from '../types/Employment.js';
import { FixedPayItem, FixedPayItemKind, toFixedPayItem } from '../types/FixedPayItem.js';
import { PensionScheme, toPensionScheme } from '../types/PensionScheme.js';
import { SalaryPlacement, toSalaryPlacement } from '../types/SalaryPlacement.js';
import { ListSize } from '../../shared/demandControl.js';

type Parent = { employmentNumber: string };

const SALARY_PLACEMENT_AREAS: readonly OpusArea[] = ['Loenindplacering'];

/** `salaryPlacement`'s read for every reference of an `_entities` step, started before the resolvers run (shared/prefetch.ts). */
export const prefetchSalaryPlacement: FieldPrefetch = (ctx, references) => prefetchAreas(ctx, references, SALARY_PLACEMENT_AREAS);

@Resolver(() => Employment)
export class EmploymentPayrollResolver {
  @RequiresScopes('payroll:read', { audit: 'salary' })
  @FieldResolver(() => SalaryPlacement, { nullable: true, description: 'Lønindplacering valid on `asOf` (default today); null when the employment had none then.' })
  async salaryPlacement(@Root() e: Parent, @Ctx() ctx: SubgraphContext, @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string) {
    const found = await withAreas(ctx, e, SALARY_PLACEMENT_AREAS);
    const version = versionOn(found?.salaryPlacement ?? [], asOf ?? today());
    return version ? toSalaryPlacement(version) : null;
  }

  @RequiresScopes('payroll:read', { audit: 'salary' })
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [SalaryPlacement], { nullable: true, description: 'Lønindplacering history overlapping [from, to] (either bound may be left open; default: all of it), oldest first.' })
  async salaryPlacementHistory(
    @Root() e: Parent,
    @Ctx() ctx: SubgraphContext,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    const found = await withAreas(ctx, e, ['Loenindplacering']);
    return byStart(history(found?.salaryPlacement ?? [], from, to)).map(toSalaryPlacement);
  }

  @RequiresScopes('payroll:read', { audit: 'salary' })
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [FixedPayItem], {
    nullable: true,
    description: 'Faste tillæg og fradrag: valid on `asOf` (default today), or the history overlapping [from, to]; optionally only one kind. Sorted by start, then lønart.',
  })
  async fixedPayItems(
    @Root() e: Parent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
    @Arg('kind', () => FixedPayItemKind, { nullable: true }) kind?: string,
  ) {
    const found = await withAreas(ctx, e, ['FasteTillaegFradrag']);
    return byStart(effective(found?.fixedPayItems ?? [], { asOf, from, to }))
      .filter((i) => !kind || i.kind === kind)
      .map(toFixedPayItem);
  }

  @RequiresScopes('payroll:read', { audit: 'salary' })
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [PensionScheme], { nullable: true, description: 'Pensionsordninger: valid on `asOf` (default today), or the history overlapping [from, to]. Sorted by start.' })
  async pensionSchemes(
    @Root() e: Parent,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('from', () => DateScalar, { nullable: true }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true }) to?: string,
  ) {
    const found = await withAreas(ctx, e, ['Pensionsordninger']);
    return byStart(effective(found?.pensions ?? [], { asOf, from, to })).map(toPensionScheme);
  }
}

function byStart<T extends { from: string; wageType?: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.from.localeCompare(b.from) || (a.wageType ?? '').localeCompare(b.wageType ?? ''));
}
