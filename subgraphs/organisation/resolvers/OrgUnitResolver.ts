import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { OrgUnit as OrgUnitRecord, OrgUnitVersion } from '../../../sources/model.js';
import type { SubgraphContext } from '../../shared/context.js';
import { today, versionOn } from '../../shared/dates.js';
import { badInput, notFound } from '../../shared/errors.js';
import { Connection, pageOf, type ConnectionValue } from '../../shared/pagination.js';
import { DateScalar } from '../../shared/scalars.js';
import { OrgHierarchy } from '../hierarchy.js';
import { OrgUnit, UnitType } from '../types/OrgUnit.js';

/** Parent of every OrgUnit field: the FK ORG record and the date the query looks at. */
export interface OrgUnitParent {
  id: string;
  opusId: string;
  unit: OrgUnitRecord;
  asOf: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseUnitId(id: string): string {
  if (!UUID.test(id)) throw badInput(`"${id.slice(0, 40)}" is not an FK ORG UUID`, { argument: 'id' });
  return id.toLowerCase();
}

export const toParent = (unit: OrgUnitRecord, asOf: string): OrgUnitParent => ({ id: unit.id, opusId: unit.opusId, unit, asOf });

async function loadParents(ctx: SubgraphContext, ids: readonly string[], asOf: string): Promise<OrgUnitParent[]> {
  const units = await Promise.all(ids.map((id) => ctx.loaders.orgUnits.load(id)));
  return units.filter((u): u is OrgUnitRecord => u !== null && versionOn(u.versions, asOf) !== undefined).map((u) => toParent(u, asOf));
}

/** Resolves `{id}` or `{opusId}` representations; units are read with one batched `list`. */
export async function resolveOrgUnitReference(ref: { id?: string; opusId?: string }, ctx: SubgraphContext): Promise<OrgUnitParent | null> {
  const id = ref.id ?? (ref.opusId ? await OrgHierarchy.for(ctx.sources.org).idForOpusId(ref.opusId) : undefined);
  if (!id) return null;
  const unit = await ctx.loaders.orgUnits.load(id);
  return unit ? toParent(unit, today()) : null;
}

const OrgUnitConnection = Connection(OrgUnit, 'OrgUnit');

function version(p: OrgUnitParent): OrgUnitVersion | undefined {
  return versionOn(p.unit.versions, p.asOf);
}

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @Query(() => OrgUnit, { description: 'One org unit by FK ORG UUID, as it was on `asOf` (default today).' })
  async orgUnit(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: SubgraphContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<OrgUnitParent> {
    const date = asOf ?? today();
    const [found] = await loadParents(ctx, [parseUnitId(id)], date);
    if (!found) throw notFound('OrgUnit', `${id} on ${date}`);
    return found;
  }

  @Query(() => OrgUnitConnection, { description: 'Org units that existed on `asOf`, optionally whose name contains `name`, sorted by name.' })
  async orgUnits(
    @Ctx() ctx: SubgraphContext,
    @Arg('name', () => String, { nullable: true }) name?: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<ConnectionValue<OrgUnitParent>> {
    const date = asOf ?? today();
    const needle = name?.trim().toLocaleLowerCase('da');
    const units = (await OrgHierarchy.for(ctx.sources.org).unitsOn(date))
      .map((u) => ({ u, v: versionOn(u.versions, date)! }))
      .filter(({ v }) => !needle || v.name.toLocaleLowerCase('da').includes(needle))
      .sort((a, b) => a.v.name.localeCompare(b.v.name, 'da') || a.u.id.localeCompare(b.u.id));
    const page = pageOf(units, first, after);
    // Details come fresh from `list`; the hierarchy only decided which units and in what order.
    return { ...page, nodes: await loadParents(ctx, page.nodes.map(({ u }) => u.id), date) };
  }

  @FieldResolver(() => String, { nullable: true, description: 'Enhedsnavn on the query date.' })
  name(@Root() p: OrgUnitParent) {
    return version(p)?.name ?? null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'Short name (kort navn).' })
  shortName(@Root() p: OrgUnitParent) {
    return version(p)?.shortName ?? null;
  }

  @FieldResolver(() => UnitType, { nullable: true, description: 'Enhedstype.' })
  unitType(@Root() p: OrgUnitParent) {
    return version(p)?.unitType ?? null;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'First day of the version valid on the query date (virkning fra).' })
  validFrom(@Root() p: OrgUnitParent) {
    return version(p)?.from ?? null;
  }

  @FieldResolver(() => DateScalar, { nullable: true, description: 'Last day of that version (virkning til), null when open-ended.' })
  validTo(@Root() p: OrgUnitParent) {
    return version(p)?.to ?? null;
  }

  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Overordnet enhed on the query date; null for the root.' })
  async parent(@Root() p: OrgUnitParent, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent | null> {
    const parentId = version(p)?.parentId;
    if (!parentId) return null;
    const [found] = await loadParents(ctx, [parentId], p.asOf);
    return found ?? null;
  }

  @FieldResolver(() => [OrgUnit], { description: 'Direct sub-units on the query date.' })
  async children(@Root() p: OrgUnitParent, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent[]> {
    const ids = await OrgHierarchy.for(ctx.sources.org).childrenOf(p.id, p.asOf);
    return loadParents(ctx, ids, p.asOf);
  }
}
