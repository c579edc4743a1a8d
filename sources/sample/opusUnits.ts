// The same units as Opus holds them (the dataudtræk orgUnit element): one record per version,
// keyed by the Opus unit number and pointing to the parent's Opus number.
import type { IsoDate, OpusOrgUnit } from '../model.js';
import { toOrgUnit, type OrgTree, type UnitPlan } from './orgTree.js';

/** Opus organisation type codes, by the unit's level in the hierarchy. */
const ORG_TYPES: Record<UnitPlan['key'], string> = {
  kommune: '01',
  forvaltning: '02',
  afdeling: '03',
  institution: '04',
  team: '05',
};

export function toOpusOrgUnits(tree: OrgTree): OpusOrgUnit[] {
  const byId = new Map(tree.units.map((u) => [u.id, u]));
  const result: OpusOrgUnit[] = [];
  for (const u of tree.units) {
    for (const v of toOrgUnit(u, tree.reorganisationDate).versions) {
      result.push(opusVersion(u, v.name, v.shortName, v.parentId === null ? null : byId.get(v.parentId)!.opusId, v.from, v.to, tree));
    }
  }
  return result;
}

function opusVersion(u: UnitPlan, name: string, shortName: string, parentId: string | null, from: IsoDate, to: IsoDate | null, tree: OrgTree): OpusOrgUnit {
  return {
    id: u.opusId,
    parentId,
    shortName,
    longName: name,
    street: u.street,
    zipCode: u.zipCode,
    city: u.city,
    phoneNumber: u.phone,
    cvrNr: u.cvr ?? tree.municipalityCvr,
    eanNr: u.ean,
    seNr: u.se,
    pNr: u.pNumber,
    costCenter: u.costCenter,
    orgType: ORG_TYPES[u.key],
    orgTypeTxt: u.typeName,
    from,
    to,
  };
}
