// The sample municipality with a corner made for the suppression rule: a unit "Statistiktest"
// (Opus 98001) under the root with 12 persons of its own (one of them hourly paid, six with a week of
// ferie, one with a sick day) and a sub-unit (98002) with 3, all full time since before 2024 and each
// with no other employment. Both simulators serve the result.
import type { Absence, Employment, Municipality } from '../../sources/model.js';
import { sampleMunicipality } from '../support/stack.js';
import { addTestUnit } from '../support/testUnits.js';

export const UNITS = {
  parent: { opusId: '98001', id: '00000000-0000-4000-8000-000000098001', name: 'Statistiktest' },
  child: { opusId: '98002', id: '00000000-0000-4000-8000-000000098002', name: 'Statistiktest A' },
} as const;

export interface StatisticsFixture {
  municipality: Municipality;
  own: Employment[];
  child: Employment[];
  hourly: Employment;
  sick: Employment;
}

const absence = (e: Employment, type: Absence['type'], from: string, to: string): Absence => ({ id: `${e.employmentNumber}801`, type, from, to, partDayHours: null, status: 'approved', refusions: [] });

export function statisticsFixture(): StatisticsFixture {
  const m = sampleMunicipality(1000);
  const rootOpus = m.opus.orgUnits.find((u) => u.parentId === null)!;
  const rootOrg = m.org.units.find((u) => u.opusId === rootOpus.id)!;
  const parents = { parent: { opusId: rootOpus.id, id: rootOrg.id }, child: UNITS.parent };
  for (const key of ['parent', 'child'] as const) addTestUnit(m, UNITS[key], parents[key]);

  const perPerson = new Map<string, number>();
  for (const e of m.opus.employments) perPerson.set(e.person.cpr, (perPerson.get(e.person.cpr) ?? 0) + 1);
  const candidates = m.opus.employments.filter((e) => !e.contract.isManager && e.contract.end === null && e.contract.start < '2024-01-01' && perPerson.get(e.person.cpr) === 1).slice(0, 15);
  for (const e of candidates) {
    e.contract = { ...e.contract, employmentType: 'permanent' };
    e.workingTime = [{ from: e.contract.start, to: null, numerator: 37, denominator: 37, weeklyHours: 37 }];
    e.absences = [];
  }
  const own = candidates.slice(0, 12);
  const child = candidates.slice(12);
  for (const e of own) e.placements = [{ from: e.contract.start, to: null, orgUnitOpusId: UNITS.parent.opusId }];
  for (const e of child) e.placements = [{ from: e.contract.start, to: null, orgUnitOpusId: UNITS.child.opusId }];
  const hourly = own[0];
  hourly.contract = { ...hourly.contract, employmentType: 'hourly' };
  for (const e of own.slice(1, 7)) e.absences = [absence(e, 'ferie', '2026-08-03', '2026-08-07')];
  const sick = own[7];
  sick.absences = [absence(sick, 'sygdom', '2026-09-15', '2026-09-15')];
  return { municipality: m, own, child, hourly, sick };
}
