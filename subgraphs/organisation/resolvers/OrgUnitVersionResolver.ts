import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { SubgraphContext } from '../../shared/context.js';
import { OrgUnit } from '../types/OrgUnit.js';
import { OrgUnitVersion } from '../types/OrgUnitVersion.js';
import { loadUnits, type OrgUnitParent } from '../units.js';

@Resolver(() => OrgUnitVersion)
export class OrgUnitVersionResolver {
  @FieldResolver(() => OrgUnit, { nullable: true, description: 'Overordnet enhed in this version, as it was on the first day of the version; null for the root.' })
  async parent(@Root() v: OrgUnitVersion, @Ctx() ctx: SubgraphContext): Promise<OrgUnitParent | null> {
    if (!v.parentId) return null;
    const [found] = await loadUnits(ctx, [v.parentId], v.validFrom);
    return found ?? null;
  }
}
