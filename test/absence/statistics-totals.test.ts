// absenceTotals (subgraphs/absence/statistics.ts) against a plain reading of docs/absence.md, day by
// day and absence by absence, on generated employments with what Opus refuses but a unit must still
// count right: overlapping absences (a day counts at most once, shares taken by start, then id),
// part-day absences, absences that are not approved, and placements and Arbejdstid changing mid-period.
import { describe, expect, it } from 'vitest';
import type { Absence, AbsenceType, IsoDate, Placement, WorkingTime } from '../../sources/model.js';
import type { EmploymentAreas } from '../../sources/opus/OpusSource.js';
import { Random } from '../../sources/sample/random.js';
import { addDays } from '../../sources/days.js';
import { absenceTotals, workdaysOf } from '../../subgraphs/absence/statistics.js';
import type { UnitSegment } from '../../subgraphs/shared/opusOrgTree.js';

const PERIOD = { from: '2026-01-01', to: '2026-06-30' };
const TYPES: AbsenceType[] = ['ferie', 'sygdom', 'barnsSygedag'];
const covers = (p: { from: string; to: string | null }, day: string) => p.from <= day && (p.to === null || day <= p.to);

function generate(rng: Random, count: number): EmploymentAreas[] {
  const day = (from: IsoDate, span: number) => addDays(from, rng.int(0, span));
  return Array.from({ length: count }, (_, n) => {
    const start = day('2025-10-01', 150);
    const end = rng.int(0, 2) === 0 ? day(start, 200) : null;
    const switchOn = day('2026-01-01', 180);
    const placements: Placement[] = [
      { from: start, to: addDays(switchOn, -1), orgUnitOpusId: `U${rng.int(1, 3)}` },
      { from: switchOn, to: null, orgUnitOpusId: `U${rng.int(1, 3)}` },
    ];
    const workingTime: WorkingTime[] = [
      { from: start, to: addDays(switchOn, 9), numerator: rng.int(20, 37), denominator: 37, weeklyHours: 37 },
      { from: addDays(switchOn, 10), to: null, numerator: 37, denominator: 37, weeklyHours: rng.int(15, 37) },
    ];
    const absences: Absence[] = Array.from({ length: rng.int(0, 12) }, (_, k) => {
      const from = day('2025-12-15', 200);
      return {
        id: `A${n}-${k}`,
        type: TYPES[rng.int(0, TYPES.length - 1)],
        from,
        to: rng.int(0, 9) === 0 ? null : day(from, 12),
        partDayHours: rng.int(0, 3) === 0 ? rng.int(1, 9) : null,
        status: rng.int(0, 5) === 0 ? 'requested' : 'approved',
        refusions: [],
      };
    });
    return { employmentNumber: `E${n}`, contract: { start, end } as EmploymentAreas['contract'], placements, workingTime, absences };
  });
}

/** The measure as docs/absence.md words it, with no shortcuts. */
function reference(segments: UnitSegment[], employments: EmploymentAreas[]) {
  const byType = new Map<AbsenceType, { days: number; absences: Set<string>; employments: Set<string> }>();
  let available = 0;
  let counted = 0;
  for (const e of employments) {
    let any = false;
    for (const day of workdaysOf(PERIOD)) {
      if (day < e.contract!.start || (e.contract!.end !== null && day > e.contract!.end)) continue;
      const unit = e.placements!.find((p) => covers(p, day))?.orgUnitOpusId;
      if (!unit || !segments.find((s) => s.from <= day && day <= s.to)?.units.has(unit)) continue;
      any = true;
      const w = e.workingTime!.find((x) => covers(x, day));
      const fte = w ? w.numerator / w.denominator : 0;
      available += fte;
      const valid = e.absences!.filter((a) => a.status === 'approved' && covers(a, day)).sort((a, b) => a.from.localeCompare(b.from) || a.id.localeCompare(b.id));
      let taken = 0;
      for (const a of valid) {
        const whole = a.partDayHours === null ? 1 : Math.min(1, a.partDayHours / ((w?.weeklyHours ?? 37) / 5));
        const share = Math.min(whole, 1 - taken);
        if (share <= 0 || fte <= 0) continue;
        taken += share;
        const t = byType.get(a.type) ?? { days: 0, absences: new Set(), employments: new Set() };
        byType.set(a.type, t);
        t.days += fte * share;
        t.absences.add(a.id);
        t.employments.add(e.employmentNumber);
      }
    }
    if (any) counted++;
  }
  return { available, counted, byType };
}

describe('absenceTotals', () => {
  it('counts overlapping, part-day and unapproved absences as the plain day-by-day reading does', () => {
    const rng = new Random(7);
    const employments = generate(rng, 300);
    const approved = (e: EmploymentAreas) => e.absences!.filter((a) => a.status === 'approved');
    const overlap = (a: Absence, b: Absence) => covers(a, b.from) || covers(b, a.from);
    // The case that matters: approved absences of one employment sharing days.
    expect(employments.filter((e) => approved(e).some((a, i) => approved(e).some((b, j) => i < j && overlap(a, b)))).length).toBeGreaterThan(20);
    const segments: UnitSegment[] = [
      { from: '2026-01-01', to: '2026-03-31', units: new Set(['U1', 'U2']) },
      { from: '2026-04-01', to: '2026-06-30', units: new Set(['U2', 'U3']) },
    ];
    const got = absenceTotals(PERIOD, segments, employments);
    const want = reference(segments, employments);
    expect(got.employments).toBe(want.counted);
    expect(got.availableDays).toBeCloseTo(want.available, 9);
    expect([...got.byType.keys()].sort()).toEqual([...want.byType.keys()].sort());
    for (const [type, w] of want.byType) {
      const g = got.byType.get(type)!;
      expect(g.days, type).toBeCloseTo(w.days, 9);
      expect([...g.absences].sort(), type).toEqual([...w.absences].sort());
      expect([...g.employments].sort(), type).toEqual([...w.employments].sort());
    }
  });
});
