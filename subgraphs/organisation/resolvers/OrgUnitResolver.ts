import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { darIdOf } from '../../../sources/fkorg/mapping.js';
import type { SubgraphContext } from '../../shared/context.js';
import { history } from '../../shared/dates.js';
import { DateScalar } from '../../../platform/scalars.js';
import { RequiresScopes } from '../../shared/auth/access.js';
import { OrgAddress, OrgAddressType } from '../types/OrgAddress.js';
import { KleTask } from '../types/KleTask.js';
import { OrgUnit, UnitType } from '../types/OrgUnit.js';
import { OrgUnitVersion } from '../types/OrgUnitVersion.js';
import { versionOf, withRelations, type OrgUnitParent } from '../units.js';
import { hierarchyOf } from '../hierarchy.js';
import { Organisation } from '../types/Organisation.js';
import { toOrganisation } from './OrganisationResolver.js';
import { ListSize } from '../../shared/demandControl.js';
import { loadAll } from '../../shared/loaders.js';

export const AS_OF = 'The date to answer for; default: the date the unit was reached with (the query\'s `asOf`, or today for a unit reached from another subgraph).';

@Resolver(() => OrgUnit)
export class OrgUnitResolver {
  @RequiresScopes('org:read')
  @FieldResolver(() => String, { nullable: true, description: 'Enhedsnavn on the date; null when the unit did not exist then.' })
  name(@Root() p: OrgUnitParent, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string) {
    return versionOf(p, asOf)?.name ?? null;
  }

  @RequiresScopes('org:read')
  @FieldResolver(() => String, { nullable: true, description: 'Short name (kort navn) on the date.' })
  shortName(@Root() p: OrgUnitParent, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string) {
    return versionOf(p, asOf)?.shortName ?? null;
  }

  @RequiresScopes('org:read')
  @FieldResolver(() => UnitType, { nullable: true, description: 'Enhedstype on the date.' })
  unitType(@Root() p: OrgUnitParent, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string) {
    return versionOf(p, asOf)?.unitType ?? null;
  }

  @RequiresScopes('org:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'First day of the version in force on the date (virkning fra); `history` has the others.' })
  validFrom(@Root() p: OrgUnitParent, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string) {
    return versionOf(p, asOf)?.from ?? null;
  }

  @RequiresScopes('org:read')
  @FieldResolver(() => DateScalar, { nullable: true, description: 'Last day of that version (virkning til), null when open-ended.' })
  validTo(@Root() p: OrgUnitParent, @Arg('asOf', () => DateScalar, { nullable: true, description: AS_OF }) asOf?: string) {
    return versionOf(p, asOf)?.to ?? null;
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 5 })
  @FieldResolver(() => [OrgUnitVersion], {
    nullable: true,
    description: 'The versions of the unit (renames, moves, type changes) overlapping `from`..`to`, oldest first; every version when neither is given.',
  })
  history(
    @Root() p: OrgUnitParent,
    @Arg('from', () => DateScalar, { nullable: true, description: 'First day of the interval (open when not given).' }) from?: string,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Last day of the interval (open when not given).' }) to?: string,
  ): OrgUnitVersion[] {
    return history(p.unit.versions, from, to).map((v) => ({ name: v.name, shortName: v.shortName, unitType: v.unitType, validFrom: v.from, validTo: v.to, parentId: v.parentId }));
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [OrgAddress], {
    nullable: true,
    description: 'Adresser: postal address (with DAR id), e-mail, phone, EAN, P-nummer, SE, CVR, ..., in FK ORG\'s order, as registered now; only the `types` given when given.',
  })
  async addresses(
    @Root() p: OrgUnitParent,
    @Ctx() ctx: SubgraphContext,
    @Arg('types', () => [OrgAddressType], { nullable: true, description: 'Only addresses of these types.' }) types?: OrgAddressType[],
  ): Promise<OrgAddress[]> {
    const all = (await withRelations(ctx, p))?.addressRefs ?? [];
    const refs = types ? all.filter((r) => types.includes(r.type as OrgAddressType)) : all;
    const found = await loadAll(ctx.loaders.orgAddresses, refs.map((r) => r.id));
    const out: OrgAddress[] = [];
    refs.forEach((ref, i) => {
      const a = found[i];
      // A relation to an Adresse that is gone is skipped, as FK ORG's own UI does.
      if (a) out.push({ type: ref.type as OrgAddressType, value: a.value, darId: darIdOf(ref.type, { uuid: a.id, value: a.value, key: a.key }) ?? null, roleId: ref.roleId });
    });
    return out;
  }

  @RequiresScopes('org:read')
  @FieldResolver(() => Organisation, { nullable: true, description: 'The Organisation the unit belongs to (Tilhoerer); null when FK ORG names none the graph serves.' })
  async organisation(@Root() p: OrgUnitParent, @Ctx() ctx: SubgraphContext): Promise<Organisation | null> {
    const found = (await hierarchyOf(ctx)).organisations.find((o) => o.id === p.unit.organisationId);
    return found ? toOrganisation(found) : null;
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [String], { nullable: true, description: 'Opgaver: KLE numbers of the tasks the unit handles, as registered now.' })
  async kle(@Root() p: OrgUnitParent, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    // An unknown class shows its UUID (mapping.ts unknownClass): kept, not dropped.
    return ((await withRelations(ctx, p))?.kle ?? []).map((k) => k.key);
  }

  @RequiresScopes('org:read')
  @ListSize({ assumedSize: 10 })
  @FieldResolver(() => [KleTask], { nullable: true, description: 'Opgaver: the KLE tasks the unit handles with their numbers and titles, as registered now, in FK ORG\'s order.' })
  async kleTasks(@Root() p: OrgUnitParent, @Ctx() ctx: SubgraphContext): Promise<KleTask[]> {
    return ((await withRelations(ctx, p))?.kle ?? []).map((k) => ({ id: k.id, number: k.key, title: k.name }));
  }
}
