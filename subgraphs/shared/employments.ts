// Reading Opus employments for GraphQL fields: each subgraph declares which Opus areas its Employment
// fields need, and the areas of every selected field are fetched together in one batched call.
import type { GraphQLResolveInfo } from 'graphql';
import type { Period } from '../../sources/model.js';
import type { EmploymentAreas, OpusArea } from '../../sources/opus/OpusSource.js';
import { hasArea } from '../../sources/opus/OpusSource.js';
import type { SubgraphContext } from './context.js';
import { coverageOf } from './coverage.js';
import { selectedFields } from './selection.js';
import { notAvailable } from '../../sources/opus/coverage.js';

export type FieldAreas = Record<string, readonly OpusArea[]>;

export function areasFor(fields: Iterable<string>, fieldAreas: FieldAreas): OpusArea[] {
  const areas = new Set<OpusArea>();
  for (const f of fields) for (const a of fieldAreas[f] ?? []) areas.add(a);
  return [...areas].sort();
}

export function areasForSelection(info: GraphQLResolveInfo, typeName: string, fieldAreas: FieldAreas): OpusArea[] {
  return areasFor(selectedFields(info, typeName), fieldAreas);
}

function hasAreas(e: EmploymentAreas, areas: readonly OpusArea[]): boolean {
  return areas.every((a) => hasArea(e, a));
}

/**
 * The employment with `areas` filled in: the parent itself when it already has them (the usual case,
 * as references and lists load the selection's areas up front), else one batched load. An area the
 * configured source does not carry is SOURCE_NOT_AVAILABLE, never an empty list. `registeredAt`
 * defaults to the parent's (extract mode: the registration it was read at).
 */
export function withAreas(
  ctx: SubgraphContext,
  e: EmploymentAreas & { registeredAt?: string },
  areas: readonly OpusArea[],
  period?: Period,
  registeredAt = e.registeredAt,
): Promise<EmploymentAreas | null> | EmploymentAreas {
  // Not async: a plan step calls this once per entity and field, and every caller awaits it anyway.
  const coverage = coverageOf(ctx);
  for (const a of areas) if (!coverage.areas.has(a)) throw notAvailable(coverage, `Opus area ${a}`);
  if (!period && registeredAt === e.registeredAt && hasAreas(e, areas)) return e;
  return ctx.loaders.employments.load({ employmentNumber: e.employmentNumber, areas, period, registeredAt });
}

/** Loads many employments with the areas the current selection needs; unknown numbers give null. */
export function loadEmployments(ctx: SubgraphContext, numbers: readonly string[], areas: readonly OpusArea[], registeredAt?: string): Promise<Array<EmploymentAreas | null>> {
  return Promise.all(numbers.map((employmentNumber) => ctx.loaders.employments.load({ employmentNumber, areas, registeredAt })));
}

/**
 * Starts loading `areas` (over `period`) for these references as `withAreas` will ask for them, so the
 * read is the one the resolvers then wait for (prefetch.ts). Nothing when the source lacks an area:
 * the resolvers answer SOURCE_NOT_AVAILABLE without reading.
 */
export function prefetchAreas(ctx: SubgraphContext, references: ReadonlyArray<Record<string, unknown>>, areas: readonly OpusArea[], period?: Period): void {
  const coverage = coverageOf(ctx);
  for (const a of areas) if (!coverage.areas.has(a)) return;
  ctx.loaders.employments.prefetch(
    references.map((r) => String(r.employmentNumber)),
    areas,
    period,
  );
}
