// The sample municipality with a small, hand-made corner for the absence tests: a unit "Fraværstest"
// (Opus 99001) under the root with two sub-units holding three employments whose absences cover the
// edge cases (an absence crossing the period's start, open-ended sickness, part-day absence, part-time,
// an employment starting and one ending mid-period, requested and rejected absences), and an empty unit
// (99004), and a unit only FK ORG has (99005). Both simulators serve the result, so expectations computed from it match what they serve.
import type { Absence, Employment, Municipality } from '../../sources/model.js';
import { sampleMunicipality } from '../support/stack.js';
import { addTestUnit } from '../support/testUnits.js';

export const EMPLOYEES = 1000;

export const UNITS = {
  test: { opusId: '99001', id: '00000000-0000-4000-8000-000000099001', name: 'Fraværstest' },
  a: { opusId: '99002', id: '00000000-0000-4000-8000-000000099002', name: 'Fraværstest A' },
  b: { opusId: '99003', id: '00000000-0000-4000-8000-000000099003', name: 'Fraværstest B' },
  empty: { opusId: '99004', id: '00000000-0000-4000-8000-000000099004', name: 'Tom enhed' },
  /** In FK ORG only: a unit created there directly, with a brugervendt nøgle Opus does not know. */
  fkOrgOnly: { opusId: '99005', id: '00000000-0000-4000-8000-000000099005', name: 'Kun i FK ORG' },
} as const;

export interface AbsenceFixture {
  municipality: Municipality;
  rootOpusId: string;
  rootId: string;
  /** Full time in 99002 since before 2025: absences crossing 2026-01-01, open sickness from 2026-10-05. */
  e1: Employment;
  /** 30/37 in 99003 from 2026-03-02: a part-day absence of 3 hours and a ferie crossing 2026-10-31. */
  e2: Employment;
  /** Full time in 99003 until 2026-06-30. */
  e3: Employment;
}

function absence(e: Employment, n: number, fields: Omit<Absence, 'id' | 'refusions' | 'partDayHours'> & Partial<Absence>): Absence {
  return { id: `${e.employmentNumber}9${String(n).padStart(2, '0')}`, partDayHours: null, refusions: [], ...fields };
}

export function absenceFixture(): AbsenceFixture {
  const m = sampleMunicipality(EMPLOYEES);
  const rootOpus = m.opus.orgUnits.find((u) => u.parentId === null)!;
  const rootOrg = m.org.units.find((u) => u.opusId === rootOpus.id)!;

  const parents: Record<keyof typeof UNITS, { opusId: string; id: string }> = {
    test: { opusId: rootOpus.id, id: rootOrg.id },
    a: UNITS.test,
    b: UNITS.test,
    empty: { opusId: rootOpus.id, id: rootOrg.id },
    fkOrgOnly: { opusId: rootOpus.id, id: rootOrg.id },
  };
  for (const [key, unit] of Object.entries(UNITS) as Array<[keyof typeof UNITS, (typeof UNITS)[keyof typeof UNITS]]>) {
    addTestUnit(m, unit, parents[key], { inOpus: key !== 'fkOrgOnly' });
  }

  const candidates = m.opus.employments.filter((e) => !e.contract.isManager && e.contract.end === null && e.contract.start < '2024-01-01');
  const [e1, e2, e3] = candidates;

  e1.workingTime = [{ from: e1.contract.start, to: null, numerator: 37, denominator: 37, weeklyHours: 37 }];
  e1.placements = [{ from: e1.contract.start, to: null, orgUnitOpusId: UNITS.a.opusId }];
  e1.absences = [
    absence(e1, 1, { type: 'ferie', from: '2025-12-29', to: '2026-01-09', status: 'approved' }),
    absence(e1, 2, { type: 'ferie', from: '2026-02-02', to: '2026-02-06', status: 'approved' }),
    absence(e1, 3, { type: 'ferie', from: '2026-03-02', to: '2026-03-06', status: 'requested' }),
    absence(e1, 4, { type: 'ferie', from: '2026-06-01', to: '2026-06-05', status: 'rejected' }),
    absence(e1, 5, {
      type: 'sygdom',
      from: '2026-10-05',
      to: null,
      status: 'approved',
      refusions: [{ type: 'sygedagpenge', from: '2026-11-04', to: null, amount: 2817.14 }],
    }),
  ];

  e2.contract = { ...e2.contract, start: '2026-03-02', initialEntry: '2026-03-02', entryIntoGroup: '2026-03-02' };
  e2.workingTime = [{ from: '2026-03-02', to: null, numerator: 30, denominator: 37, weeklyHours: 30 }];
  e2.placements = [{ from: '2026-03-02', to: null, orgUnitOpusId: UNITS.b.opusId }];
  e2.absences = [
    absence(e2, 1, { type: 'sygdom', from: '2026-04-14', to: '2026-04-14', partDayHours: 3, status: 'approved' }),
    absence(e2, 2, { type: 'omsorgsdage', from: '2026-05-04', to: '2026-05-04', status: 'approved' }),
    absence(e2, 3, { type: 'ferie', from: '2026-10-26', to: '2026-11-06', status: 'approved' }),
  ];

  e3.contract = { ...e3.contract, end: '2026-06-30' };
  e3.workingTime = [{ from: e3.contract.start, to: '2026-06-30', numerator: 37, denominator: 37, weeklyHours: 37 }];
  e3.placements = [{ from: e3.contract.start, to: '2026-06-30', orgUnitOpusId: UNITS.b.opusId }];
  e3.absences = [];

  return { municipality: m, rootOpusId: rootOpus.id, rootId: rootOrg.id, e1, e2, e3 };
}
