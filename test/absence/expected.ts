// A second, deliberately plain implementation of the measure in docs/absence.md, written from the
// document and not from the subgraph's code: day by day, employment by employment, over the generated
// municipality the simulators serve. The tests compare the API's answers with it.
import type { Absence, AbsenceType, Employment, Municipality, WorkingTime } from '../../sources/model.js';

/** Danish public holidays (helligdage) of the years the tests ask about, written out by hand. */
const HOLIDAYS = new Set([
  // 2024: no store bededag any more.
  '2024-01-01', '2024-03-28', '2024-03-29', '2024-03-31', '2024-04-01', '2024-05-09', '2024-05-19', '2024-05-20', '2024-12-25', '2024-12-26',
  '2025-01-01', '2025-04-17', '2025-04-18', '2025-04-20', '2025-04-21', '2025-05-29', '2025-06-08', '2025-06-09', '2025-12-25', '2025-12-26',
  '2026-01-01', '2026-04-02', '2026-04-03', '2026-04-05', '2026-04-06', '2026-05-14', '2026-05-24', '2026-05-25', '2026-12-25', '2026-12-26',
]);

export function days(from: string, to: string): string[] {
  if (from < '2024-01-01' || to > '2026-12-31') throw new Error('the hand-written holiday list covers 2024-2026 only');
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

export function isWorkday(day: string): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(day);
}

export const workdays = (from: string, to: string) => days(from, to).filter(isWorkday);

const covers = (p: { from: string; to: string | null }, day: string) => p.from <= day && (p.to === null || day <= p.to);

function workingTimeOn(e: Employment, day: string): WorkingTime | undefined {
  return e.workingTime.find((w) => covers(w, day));
}

/** Share of a workday: whole days 1, part-days hours / (weekly hours / 5), at most 1; 7.4 hours without Arbejdstid. */
export function share(a: Absence, w: WorkingTime | undefined): number {
  if (a.partDayHours === null) return 1;
  const norm = w && w.weeklyHours > 0 ? w.weeklyHours / 5 : 7.4;
  return Math.min(1, a.partDayHours / norm);
}

/** Absence.days: workdays of the absence inside [from, to], part-days as shares. */
export function absenceDays(e: Employment, a: Absence, from: string, to: string): number {
  let sum = 0;
  for (const day of workdays(from, to)) if (covers(a, day)) sum += share(a, workingTimeOn(e, day));
  return sum;
}

/** The unit and, with subtree, every unit whose parent chain on `day` leads to it. */
function unitsOn(m: Municipality, unit: string, day: string, subtree: boolean): Set<string> {
  const units = new Set([unit]);
  if (!subtree) return units;
  const parentOf = new Map<string, string | null>();
  for (const u of m.opus.orgUnits) if (covers(u, day)) parentOf.set(u.id, u.parentId);
  for (const id of parentOf.keys()) {
    const chain: string[] = [];
    for (let p: string | null | undefined = id; p; p = parentOf.get(p)) {
      if (p === unit) {
        for (const c of chain) units.add(c);
        break;
      }
      chain.push(p);
      if (chain.length > 100) break;
    }
  }
  return units;
}

export interface ExpectedStatistics {
  workdays: number;
  employments: Set<string>;
  availableDays: number;
  orgUnits: Set<string>;
  byType: Map<AbsenceType, { days: number; absences: Set<string>; employments: Set<string> }>;
}

export function expectedStatistics(m: Municipality, unit: string, from: string, to: string, subtree: boolean): ExpectedStatistics {
  const out: ExpectedStatistics = { workdays: 0, employments: new Set(), availableDays: 0, orgUnits: new Set(), byType: new Map() };
  for (const day of workdays(from, to)) {
    out.workdays++;
    const units = unitsOn(m, unit, day, subtree);
    for (const e of m.opus.employments) {
      if (!covers({ from: e.contract.start, to: e.contract.end }, day)) continue;
      const placement = e.placements.find((p) => covers(p, day));
      if (!placement || !units.has(placement.orgUnitOpusId)) continue;
      out.employments.add(e.employmentNumber);
      out.orgUnits.add(placement.orgUnitOpusId);
      const w = workingTimeOn(e, day);
      const fte = w ? w.numerator / w.denominator : 0;
      out.availableDays += fte;
      let taken = 0;
      const today = e.absences.filter((a) => a.status === 'approved' && covers(a, day)).sort((a, b) => (a.from === b.from ? (a.id < b.id ? -1 : 1) : a.from < b.from ? -1 : 1));
      for (const a of today) {
        const s = Math.min(share(a, w), 1 - taken);
        if (s <= 0 || fte <= 0) continue;
        taken += s;
        const t = out.byType.get(a.type) ?? { days: 0, absences: new Set<string>(), employments: new Set<string>() };
        t.days += fte * s;
        t.absences.add(a.id);
        t.employments.add(e.employmentNumber);
        out.byType.set(a.type, t);
      }
    }
  }
  return out;
}

/** Employments the list call finds: active and placed in one of the units on some calendar day of the period. */
export function listedDuring(m: Municipality, units: Set<string>, from: string, to: string): string[] {
  return m.opus.employments
    .filter((e) => {
      const start = e.contract.start > from ? e.contract.start : from;
      const end = e.contract.end !== null && e.contract.end < to ? e.contract.end : to;
      if (start > end) return false;
      return e.placements.some((p) => units.has(p.orgUnitOpusId) && p.from <= end && (p.to === null || p.to >= start));
    })
    .map((e) => e.employmentNumber);
}

/** Every unit in the subtree on any day of the period (what the list call is asked for). */
export function subtreeUnitsDuring(m: Municipality, unit: string, from: string, to: string): Set<string> {
  const all = new Set<string>();
  for (const day of days(from, to)) for (const u of unitsOn(m, unit, day, true)) all.add(u);
  return all;
}

/** Each absence type as the API's AbsenceType enum names it. */
export const ABSENCE_TYPE_ENUM: Record<AbsenceType, string> = {
  ferie: 'FERIE',
  feriefridage: 'FERIEFRIDAGE',
  sygdom: 'SYGDOM',
  barnsSygedag: 'BARNS_SYGEDAG',
  barsel: 'BARSEL',
  orlov: 'ORLOV',
  omsorgsdage: 'OMSORGSDAGE',
  seniordage: 'SENIORDAGE',
  tjenestefri: 'TJENESTEFRI',
};
