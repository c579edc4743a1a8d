// Absence statistics of a set of units over a period, from employments already read from Opus. The
// rule is written out in docs/absence.md ("The measure"); in short: on every workday, each employment
// active and placed in a counted unit contributes its occupation (beskæftigelsesgrad) to the days
// available, and its approved absences that day take their share of it.
import type { Absence, AbsenceType, IsoDate } from '../../sources/model.js';
import type { EmploymentAreas } from '../../sources/opus/OpusSource.js';
import { VersionWalk } from '../shared/dates.js';
import { isoOf } from '../../sources/days.js';
import { workdaysBetween } from './calendar.js';
import { dayShare } from './measure.js';
import { occupation } from '../shared/measure.js';
import type { UnitSegment } from '../shared/opusOrgTree.js';
import { absencesWithin } from './period.js';
import type { BoundedPeriod } from '../shared/period.js';
import { firstIndexNot } from '../../platform/collections.js';

export interface TypeTotals {
  /** Fraværsdagsværk: absence days weighted by occupation. */
  days: number;
  /** Ids of the absences that took any of those days. */
  absences: Set<string>;
  /** Employment numbers with any of those days. */
  employments: Set<string>;
}

export interface AbsenceTotals {
  workdays: number;
  /** Employments counted on at least one workday. */
  employments: number;
  /** Their numbers. */
  countedEmployments: Set<string>;
  /** Mulige arbejdsdagsværk: the workdays of every counted employment, weighted by occupation. */
  availableDays: number;
  byType: Map<AbsenceType, TypeTotals>;
  /** Units counted on at least one day. */
  units: Set<string>;
}

/** Employments with Kontraktindhold, Organisation, Arbejdstid and FravaerNaervaer read for the period. */
export function absenceTotals(period: BoundedPeriod, segments: readonly UnitSegment[], employments: readonly EmploymentAreas[], days = workdaysOf(period)): AbsenceTotals {
  const unitsByDay = days.map((d) => segments.find((s) => s.from <= d && d <= s.to)?.units ?? new Set<string>());
  const totals: AbsenceTotals = { workdays: days.length, employments: 0, countedEmployments: new Set(), availableDays: 0, byType: new Map(), units: new Set() };
  const seen = new Set<string>();

  for (const e of employments) {
    const contract = e.contract;
    if (!contract || seen.has(e.employmentNumber)) continue;
    seen.add(e.employmentNumber);
    // Placement and Arbejdstid change on a few days of a period: looked up again only then.
    const placements = new VersionWalk(e.placements ?? []);
    const workingTime = new VersionWalk(e.workingTime ?? []);
    const absences = approvedWithin(e.absences ?? [], period);
    // The absences valid on the day, walked with it: those begun (the list is by start) and not yet
    // ended, kept in the list's order, so each day looks at its own few and not at the whole year's.
    const open: Absence[] = [];
    let next = 0;
    let counted = false;
    for (let i = firstIndexNot(days, (d) => d < contract.start); i < days.length; i++) {
      const day = days[i];
      if (contract.end !== null && day > contract.end) break;
      const unit = placements.on(day)?.orgUnitOpusId;
      if (unit === undefined || !unitsByDay[i].has(unit)) continue;
      counted = true;
      totals.units.add(unit);
      const w = workingTime.on(day);
      const fte = occupation(w);
      totals.availableDays += fte;
      while (next < absences.length && absences[next].from <= day) open.push(absences[next++]);
      if (open.length === 0) continue;
      // Opus refuses overlapping absences; should it hold some, a day still counts at most once.
      let taken = 0;
      let kept = 0;
      for (const a of open) {
        if (a.to !== null && a.to < day) continue;
        open[kept++] = a;
        const share = Math.min(dayShare(a.partDayHours, w), 1 - taken);
        if (share <= 0 || fte <= 0) continue;
        taken += share;
        const t = typeTotals(totals, a.type);
        t.days += fte * share;
        t.absences.add(a.id);
        t.employments.add(e.employmentNumber);
      }
      open.length = kept;
    }
    if (counted) {
      totals.employments++;
      totals.countedEmployments.add(e.employmentNumber);
    }
  }
  return totals;
}

/** The period's workdays; worked out once by a caller measuring many unit sets over one period. */
export function workdaysOf(period: BoundedPeriod): IsoDate[] {
  return workdaysBetween(period.from, period.to).map(isoOf);
}

function typeTotals(totals: AbsenceTotals, type: AbsenceType): TypeTotals {
  let t = totals.byType.get(type);
  if (!t) totals.byType.set(type, (t = { days: 0, absences: new Set(), employments: new Set() }));
  return t;
}

/** Approved absences overlapping the period, by start (then id), so shares are taken in a fixed order. */
function approvedWithin(absences: readonly Absence[], period: BoundedPeriod): Absence[] {
  return absencesWithin(absences, period).filter((a) => a.status === 'approved');
}
