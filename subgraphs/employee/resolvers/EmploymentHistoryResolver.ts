// History of the two areas the Dataservice gives as they stand now, Kontraktindhold and Kommunikation:
// their changes over time as the daily Opus extracts registered them (the extract store,
// sources/opus/extract/store/areaHistory.ts), in either OPUS_SOURCE mode. Without a store the fields
// answer SOURCE_NOT_AVAILABLE: no source this deployment has can say how these areas changed.
import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { IsoDate } from '../../../sources/model.js';
import { SourceNotAvailableError } from '../../../sources/errors.js';
import { communicationVersions, contractVersions, type AreaVersion } from '../../../sources/opus/extract/store/areaHistory.js';
import { EXTRACT_COVERAGE } from '../../../sources/opus/extract/store/employmentFromRecord.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import type { SubgraphContext } from '../../shared/context.js';
import { withMissingFields } from '../../shared/coverage.js';
import { history } from '../../shared/dates.js';
import { DateScalar } from '../../../platform/scalars.js';
import type { EmploymentParent } from '../parents.js';
import { Communication } from '../types/Communication.js';
import { Contract } from '../types/Contract.js';
import { Employment } from '../types/Employment.js';
import { ListSize } from '../../shared/demandControl.js';

const STORE = 'Opus extract store';

async function versions<T extends object>(
  ctx: SubgraphContext,
  e: EmploymentParent,
  area: string,
  field: 'contract' | 'communication',
  of: (employmentNumber: string, registrations: Awaited<ReturnType<SubgraphContext['loaders']['employmentRegistrations']['load']>>) => AreaVersion<T>[],
  from?: IsoDate,
  to?: IsoDate,
) {
  if (!ctx.sources.extractStore) {
    throw new SourceNotAvailableError(`The history of ${area} needs the Opus extract store, which is not configured (EXTRACT_DATABASE_URL): the Opus Dataservice gives ${area} as it stands now`, STORE, `${field}History`);
  }
  // Bounds are checked before anything is read.
  history([], from, to);
  const all = of(e.employmentNumber, await ctx.loaders.employmentRegistrations.load(e.employmentNumber));
  const overlapping = history(all, from, to, (v) => ({ from: v.validFrom, to: v.validTo }));
  // The extract lacks some fields of these areas: they answer SOURCE_NOT_AVAILABLE naming the extract.
  return overlapping.map((v) => withMissingFields(ctx, field, { ...v.value, validFrom: v.validFrom, validTo: v.validTo, registeredAt: v.registeredAt }, EXTRACT_COVERAGE)!);
}

const BOUNDS = 'overlapping [`from`, `to`] (either bound may be left out; default: all of it), oldest first';

@Resolver(() => Employment)
export class EmploymentHistoryResolver {
  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [Contract], {
    nullable: true,
    description:
      `Kontraktindhold over time: each version of the terms ${BOUNDS}, with the period it held (validFrom, validTo) and when the Opus extracts first showed it (registeredAt). ` +
      'From the daily extracts (the Dataservice keeps the current terms only): known from the first extract ingested on, a change dated by Opus’s lastChanged; employmentType and agreement are not in the extract (SOURCE_NOT_AVAILABLE).',
  })
  contractHistory(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return versions(ctx, e, 'Kontraktindhold', 'contract', contractVersions, from, to);
  }

  @RequiresScopes('employee:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [Communication], {
    nullable: true,
    description:
      `Kommunikation over time: each version of the work e-mail and phone ${BOUNDS}, with the period it held (validFrom, validTo) and when the Opus extracts first showed it (registeredAt). ` +
      'From the daily extracts (Opus keeps the current details only): known from the first extract ingested on, a change seen the night after it was made; mobilePhone is not in the extract (SOURCE_NOT_AVAILABLE).',
  })
  communicationHistory(@Root() e: EmploymentParent, @Ctx() ctx: SubgraphContext, @Arg('from', () => DateScalar, { nullable: true }) from?: string, @Arg('to', () => DateScalar, { nullable: true }) to?: string) {
    return versions(ctx, e, 'Kommunikation', 'communication', communicationVersions, from, to);
  }
}
