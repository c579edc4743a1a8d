// A hand-made org unit added to the sample municipality for a test's own corner of it: an Afdeling
// since 2020 under the given parent, in Opus's tree and in FK ORG alike (or in FK ORG only, as a unit
// created there directly), so both simulators serve it.
import type { Municipality, OpusOrgUnit, OrgUnit } from '../../sources/model.js';

export interface TestUnit {
  opusId: string;
  id: string;
  name: string;
}

export function addTestUnit(m: Municipality, unit: TestUnit, parent: Pick<TestUnit, 'opusId' | 'id'>, options: { inOpus?: boolean } = {}): void {
  const rootOpus = m.opus.orgUnits.find((u) => u.parentId === null)!;
  const opus: OpusOrgUnit = { ...rootOpus, id: unit.opusId, parentId: parent.opusId, longName: unit.name, shortName: unit.name.slice(0, 8), orgType: '03', orgTypeTxt: 'Afdeling', from: '2020-01-01', to: null };
  const org: OrgUnit = {
    id: unit.id,
    opusId: unit.opusId,
    versions: [{ from: '2020-01-01', to: null, name: unit.name, shortName: opus.shortName, parentId: parent.id, unitType: { id: '16bf18c3-ed6f-44b0-b7a1-35f94984e519', key: 'afdeling', name: 'Afdeling' } }],
    addresses: [],
    kle: [],
    costCenter: rootOpus.costCenter,
  };
  if (options.inOpus ?? true) m.opus.orgUnits.push(opus);
  m.org.units.push(org);
}
