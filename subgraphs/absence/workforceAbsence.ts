// WorkforceStatistics.absence: the absence measure of docs/absence.md (statistics.ts) over a scope
// and period, as cells the release rule lets through or withholds (docs/statistics.md). The period's
// employments are read once per process for a few minutes, like the employee subgraph's figures: a
// list call per 1,000 and a Medarbejderoplysninger call per 100 (Persondata only to count persons).
import type { AbsenceType } from '../../sources/model.js';
import type { EmploymentAreas, OpusSource } from '../../sources/opus/OpusSource.js';
import { overlaps } from '../shared/dates.js';
import { employmentsActiveDuring } from '../shared/loaders.js';
import { round } from '../shared/measure.js';
import { OpusOrgTree, type UnitSegment } from '../shared/opusOrgTree.js';
import type { BoundedPeriod } from '../shared/period.js';
import type { Sources } from '../shared/sources.js';
import { cell } from '../shared/statistics/cells.js';
import type { StatisticsScope } from '../shared/statistics/id.js';
import { cachePerSource } from '../shared/statistics/periodCache.js';
import type { TreeUnit } from '../shared/statistics/release.js';
import { addPerson, type PersonsByUnit } from '../shared/statistics/scopeRelease.js';
import { StatisticsPeriod } from '../shared/statistics/statisticsPeriod.js';
import { minimumPersons } from '../shared/statistics/settings.js';
import { eachYielding, pieces } from '../shared/statistics/yielding.js';
import { absenceTotals, workdaysOf, type AbsenceTotals } from './statistics.js';
import { ALL_ABSENCE_TYPES } from './types/Absence.js';
import { pushTo } from '../../platform/collections.js';

export type Cell = ReturnType<typeof cell>;

export interface WorkforceAbsenceFigures {
  persons: Cell;
  rate: Cell | null;
  byType: Array<{ type: AbsenceType; persons: Cell; rate: Cell | null }>;
}

/** Persons counted: in the basis, with any absence, with each type. */
interface PersonSets {
  basis: Set<string>;
  absent: Set<string>;
  byType: Map<AbsenceType, Set<string>>;
}

interface UnitMeasures {
  basis: PersonsByUnit;
  absent: PersonsByUnit;
  byType: Map<AbsenceType, PersonsByUnit>;
  totals: Map<string, AbsenceTotals>;
}

/** A subtree's employments are measured this many at a time (a few milliseconds each). */
const EMPLOYMENTS_PER_PIECE = 500;

const rateOf = (days: number, available: number) => (available > 0 ? round(days / available, 6) : null);

export class AbsencePeriod extends StatisticsPeriod<UnitMeasures, WorkforceAbsenceFigures> {
  private readonly personOf: Map<string, string>;

  constructor(
    period: BoundedPeriod,
    private readonly employments: readonly EmploymentAreas[],
    tree: readonly TreeUnit[],
    private readonly orgTree: OpusOrgTree,
    minimum: number,
  ) {
    super(period, tree, minimum);
    this.personOf = new Map(employments.map((e) => [e.employmentNumber, e.person?.cpr ?? e.employmentNumber]));
  }

  private persons(totals: AbsenceTotals): PersonSets {
    const of = (numbers: Iterable<string>) => new Set([...numbers].map((n) => this.personOf.get(n)!));
    const byType = new Map(ALL_ABSENCE_TYPES.map((t) => [t, of(totals.byType.get(t)?.employments ?? [])]));
    return { basis: of(totals.countedEmployments), absent: of([...totals.byType.values()].flatMap((t) => [...t.employments])), byType };
  }

  /** Each unit's own persons, measured on the unit alone over the period. */
  protected async measureUnits(): Promise<UnitMeasures> {
    const placedIn = new Map<string, EmploymentAreas[]>();
    for (const e of this.employments) {
      for (const unit of new Set((e.placements ?? []).filter((p) => overlaps(p, this.period.from, this.period.to)).map((p) => p.orgUnitOpusId))) {
        pushTo(placedIn, unit, e);
      }
    }
    const m: UnitMeasures = {
      basis: new Map() as PersonsByUnit,
      absent: new Map() as PersonsByUnit,
      byType: new Map(ALL_ABSENCE_TYPES.map((t) => [t, new Map() as PersonsByUnit])),
      totals: new Map<string, AbsenceTotals>(),
    };
    const days = workdaysOf(this.period);
    await eachYielding(placedIn, ([unit, employments]) => {
      const totals = absenceTotals(this.period, [{ ...this.period, units: new Set([unit]) }], employments, days);
      m.totals.set(unit, totals);
      const sets = this.persons(totals);
      for (const p of sets.basis) addPerson(m.basis, unit, p);
      for (const p of sets.absent) addPerson(m.absent, unit, p);
      for (const [type, set] of sets.byType) for (const p of set) addPerson(m.byType.get(type)!, unit, p);
    });
    return m;
  }

  /**
   * The measure over the scope. Every workday of an employment counts in the one unit it is placed in,
   * so the municipality's totals and a unit's own are the units' totals added up; a subtree follows
   * the Opus tree day by day, as OrgUnit.absenceStatistics does, and is measured afresh.
   */
  private async scopeTotals(scope: StatisticsScope, unitTotals: Map<string, AbsenceTotals>): Promise<AbsenceTotals> {
    if (scope.unit === null) return mergeTotals([...unitTotals.values()], this.period);
    if (!scope.includeSubtree) return mergeTotals(unitTotals.has(scope.unit) ? [unitTotals.get(scope.unit)!] : [], this.period);
    const segments: UnitSegment[] = await this.orgTree.segments(scope.unit, this.period, true);
    const units = new Set(segments.flatMap((s) => [...s.units]));
    const inScope = this.employments.filter((e) => (e.placements ?? []).some((p) => units.has(p.orgUnitOpusId) && overlaps(p, this.period.from, this.period.to)));
    // Measured in pieces (the totals of disjoint employments add up), with other requests let in between.
    const days = workdaysOf(this.period);
    const parts: AbsenceTotals[] = [];
    await eachYielding(pieces(inScope, EMPLOYMENTS_PER_PIECE), (piece) => parts.push(absenceTotals(this.period, segments, piece, days)));
    return mergeTotals(parts, this.period);
  }

  protected async answer(scope: StatisticsScope, m: UnitMeasures): Promise<WorkforceAbsenceFigures> {
    const totals = await this.scopeTotals(scope, m.totals);
    const sets = this.persons(totals);

    const basis = this.release.verdict('basis', m.basis, scope, sets.basis.size);
    const absent = this.release.verdict('absent', m.absent, scope, sets.absent.size);
    const allDays = [...totals.byType.values()].reduce((sum, t) => sum + t.days, 0);
    const overall = rateOf(allDays, totals.availableDays);
    const overallVerdict = basis ?? absent;
    // The type rates add up to the overall rate: one withheld type could be worked out from the others.
    const typeVerdicts = this.release.distribution(
      'type',
      ALL_ABSENCE_TYPES.map((t) => ({ key: t, persons: sets.byType.get(t)!.size, byUnit: m.byType.get(t)! })),
      scope,
      overallVerdict === null,
    );
    return {
      persons: cell(sets.basis.size, basis),
      rate: overall === null ? null : cell(overall, overallVerdict),
      byType: ALL_ABSENCE_TYPES.map((type) => {
        const r = rateOf(totals.byType.get(type)?.days ?? 0, totals.availableDays);
        return { type, persons: cell(sets.byType.get(type)!.size, basis ?? typeVerdicts.get(type) ?? null), rate: r === null ? null : cell(r, basis ?? typeVerdicts.get(type) ?? null) };
      }),
    };
  }
}

/** Totals of disjoint sets of employment-days, added up. */
function mergeTotals(parts: readonly AbsenceTotals[], period: BoundedPeriod): AbsenceTotals {
  const merged = parts.length ? { ...parts[0], countedEmployments: new Set<string>(), byType: new Map(), units: new Set<string>(), availableDays: 0 } : absenceTotals(period, [], []);
  for (const t of parts) {
    t.countedEmployments.forEach((n) => merged.countedEmployments.add(n));
    t.units.forEach((u) => merged.units.add(u));
    merged.availableDays += t.availableDays;
    for (const [type, totals] of t.byType) {
      const into = merged.byType.get(type) ?? { days: 0, absences: new Set<string>(), employments: new Set<string>() };
      into.days += totals.days;
      totals.absences.forEach((a) => into.absences.add(a));
      totals.employments.forEach((e) => into.employments.add(e));
      merged.byType.set(type, into);
    }
  }
  merged.employments = merged.countedEmployments.size;
  return merged;
}

const cacheOf = cachePerSource<OpusSource, AbsencePeriod>();

export function absencePeriod(sources: Sources, period: BoundedPeriod): Promise<AbsencePeriod> {
  return cacheOf(sources.opus).get(period, async () => {
    const orgTree = OpusOrgTree.for(sources.opus);
    const [read, tree] = await Promise.all([
      employmentsActiveDuring(sources, period, ['Persondata', 'Kontraktindhold', 'Arbejdstid', 'FravaerNaervaer', 'Organisation']),
      orgTree.treeOn(period.to),
    ]);
    // Only what the measure needs is kept (the period's approved absences, the contract's dates): no
    // names or addresses, the CPR number only as a key.
    const employments = [...read.values()].map((e): EmploymentAreas => ({
      employmentNumber: e.employmentNumber,
      person: e.person ? ({ cpr: e.person.cpr } as EmploymentAreas['person']) : undefined,
      contract: e.contract ? ({ start: e.contract.start, end: e.contract.end } as EmploymentAreas['contract']) : undefined,
      workingTime: e.workingTime,
      placements: e.placements,
      absences: (e.absences ?? []).filter((a) => a.status === 'approved' && overlaps(a, period.from, period.to)).map((a) => ({ ...a, refusions: [] })),
    }));
    return new AbsencePeriod(period, employments, tree, orgTree, minimumPersons());
  });
}
