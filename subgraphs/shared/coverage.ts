// What the configured Opus source carries, as resolvers ask it: arguments and fields it cannot answer
// become SOURCE_NOT_AVAILABLE naming the mode (OPUS_SOURCE), before or instead of a read.
import { DATASERVICE_COVERAGE, notAvailable, type OpusCoverage } from '../../sources/opus/coverage.js';
import type { SubgraphContext } from './context.js';

export function coverageOf(ctx: Pick<SubgraphContext, 'sources'>): OpusCoverage {
  return ctx.sources.opus.coverage ?? DATASERVICE_COVERAGE;
}

/** `registeredAt` as given, or SOURCE_NOT_AVAILABLE when the source keeps no registration time (the Dataservice). */
export function parseRegisteredAt(ctx: Pick<SubgraphContext, 'sources'>, registeredAt: string | null | undefined, argument = 'registeredAt'): string | undefined {
  if (registeredAt === null || registeredAt === undefined) return undefined;
  const coverage = coverageOf(ctx);
  if (!coverage.registrationTime) throw notAvailable(coverage, `${argument} (registration time)`);
  return registeredAt;
}

/**
 * `value` (an object of Employment's `field`, e.g. its contract) with every field the source lacks
 * made to give SOURCE_NOT_AVAILABLE when GraphQL reads it, so it answers null with that error. The
 * getter returns the error rather than throwing it: an Error as a field's value is that field's error
 * to graphql-js and graphql-jit alike, and jit reads a field without a resolver with no try around it
 * (compiledExecution.ts). Call it last, on what goes to GraphQL: the getters are for GraphQL only.
 * `coverage`: of the source the value came from, when that is not the configured one (history from
 * the extract store).
 */
export function withMissingFields<T extends object>(ctx: Pick<SubgraphContext, 'sources'>, field: string, value: T | null | undefined, coverage = coverageOf(ctx)): T | null {
  if (!value) return null;
  const prefix = `${field}.`;
  const missing = [...coverage.missingFields].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  if (missing.length === 0) return value;
  const guarded = { ...value };
  for (const name of missing) {
    Object.defineProperty(guarded, name, {
      enumerable: true,
      get: () => notAvailable(coverage, `${field}.${name}`),
    });
  }
  return guarded;
}
