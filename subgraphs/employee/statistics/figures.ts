// The workforce figures of one scope (a unit, a unit with its subtree, the municipality) and period,
// from the period's records (population.ts), each as a cell the release rule lets through or withholds.
// Definitions in docs/statistics.md.
import type { IsoDate } from '../../../sources/model.js';
import { compareEmploymentNumbers } from '../../../sources/opus/wire.js';
import { round } from '../../shared/measure.js';
import type { BoundedPeriod } from '../../shared/period.js';
import { cell } from '../../shared/statistics/cells.js';
import type { StatisticsScope } from '../../shared/statistics/id.js';
import type { SuppressionReason, TreeUnit } from '../../shared/statistics/release.js';
import { addPerson, unitsOfScope, type PersonsByUnit } from '../../shared/statistics/scopeRelease.js';
import { StatisticsPeriod } from '../../shared/statistics/statisticsPeriod.js';
import { eachYielding } from '../../shared/statistics/yielding.js';
import type { WorkforceRecord } from './population.js';
import { pushTo } from '../../../platform/collections.js';
import { wholeYears } from '../../../sources/days.js';

export type Cell = ReturnType<typeof cell>;

export interface DistributionRow {
  key: string;
  label: string;
  headcount: Cell;
  fullTimeEquivalents: Cell;
}

export interface WorkforceFigures {
  minimumPersons: number;
  headcount: Cell;
  fullTimeEquivalents: Cell;
  hires: Cell;
  leavers: Cell;
  turnoverRate: Cell | null;
  byEmploymentType: DistributionRow[];
  byAgreement: DistributionRow[];
  byPosition: DistributionRow[];
  bySeniorityBand: DistributionRow[];
  byAgeBand: DistributionRow[];
}

interface Band {
  key: string;
  label: string;
  /** Lower bound in whole years, inclusive. */
  min: number;
}

const bandOf = (bands: readonly Band[], years: number) => [...bands].reverse().find((b) => years >= b.min) ?? bands[0];

export const SENIORITY_BANDS: readonly Band[] = [
  { key: '0-1', label: 'Under 1 år', min: 0 },
  { key: '1-2', label: '1 til 2 år', min: 1 },
  { key: '2-5', label: '2 til 5 år', min: 2 },
  { key: '5-10', label: '5 til 10 år', min: 5 },
  { key: '10-20', label: '10 til 20 år', min: 10 },
  { key: '20+', label: '20 år og mere', min: 20 },
];

export const AGE_BANDS: readonly Band[] = [
  { key: '0-24', label: 'Under 25 år', min: 0 },
  { key: '25-34', label: '25-34 år', min: 25 },
  { key: '35-44', label: '35-44 år', min: 35 },
  { key: '45-54', label: '45-54 år', min: 45 },
  { key: '55-64', label: '55-64 år', min: 55 },
  { key: '65+', label: '65 år og derover', min: 65 },
];

/** Ansættelsesform, keyed by the EmploymentType enum's names. */
const EMPLOYMENT_TYPES: ReadonlyArray<{ key: string; label: string; value: string }> = [
  { key: 'PERMANENT', label: 'Fastansat', value: 'permanent' },
  { key: 'FIXED_TERM', label: 'Tidsbegrænset ansat', value: 'fixedTerm' },
  { key: 'HOURLY', label: 'Timelønnet', value: 'hourly' },
  { key: 'TRAINEE', label: 'Elev eller lærling', value: 'trainee' },
];

interface Dimension {
  name: Exclude<keyof WorkforceFigures, 'minimumPersons' | 'headcount' | 'fullTimeEquivalents' | 'hires' | 'leavers' | 'turnoverRate'>;
  /** Rows shown even when empty, in this order; without: the keys found, by label. */
  fixed?: ReadonlyArray<{ key: string; label: string }>;
  of(r: WorkforceRecord, to: IsoDate): { key: string; label: string };
}

const DIMENSIONS: readonly Dimension[] = [
  {
    name: 'byEmploymentType',
    fixed: EMPLOYMENT_TYPES,
    // The extract store has no ansættelsesform (extract mode): those persons get a row of their own.
    of: (r) => EMPLOYMENT_TYPES.find((t) => t.value === r.employmentType) ?? { key: 'UNKNOWN', label: 'Ansættelsesform ukendt' },
  },
  { name: 'byAgreement', of: (r) => ({ key: r.agreement.code, label: r.agreement.name }) },
  { name: 'byPosition', of: (r) => ({ key: r.position.id, label: r.position.name }) },
  { name: 'bySeniorityBand', fixed: SENIORITY_BANDS, of: (r, to) => bandOf(SENIORITY_BANDS, wholeYears(r.start, to)) },
  { name: 'byAgeBand', fixed: AGE_BANDS, of: (r, to) => bandOf(AGE_BANDS, wholeYears(r.birthDate, to)) },
];

/**
 * A person with several employments on `to` is counted once, under their main one: the highest
 * occupation, then the earliest start, then the lowest number.
 */
function mainEmployment(records: readonly WorkforceRecord[]): WorkforceRecord {
  return records.reduce((best, r) =>
    r.occupationOnTo !== best.occupationOnTo
      ? r.occupationOnTo > best.occupationOnTo
        ? r
        : best
      : r.start !== best.start
        ? r.start < best.start
          ? r
          : best
        : compareEmploymentNumbers(r.employmentNumber, best.employmentNumber) < 0
          ? r
          : best,
  );
}

function byPerson(records: Iterable<WorkforceRecord>): Map<string, WorkforceRecord[]> {
  const persons = new Map<string, WorkforceRecord[]>();
  for (const r of records) {
    pushTo(persons, r.person, r);
  }
  return persons;
}

/** Every measure counted per unit (the person's unit on the day the measure is about). */
interface UnitMeasures {
  employedOnTo: PersonsByUnit;
  employedOnFrom: PersonsByUnit;
  hires: PersonsByUnit;
  leavers: PersonsByUnit;
  /** Per dimension and key: persons by unit, each under their main employment in the unit. */
  rows: Map<string, Map<string, PersonsByUnit>>;
}

export class WorkforcePeriod extends StatisticsPeriod<UnitMeasures, WorkforceFigures> {
  constructor(
    period: BoundedPeriod,
    readonly records: readonly WorkforceRecord[],
    tree: readonly TreeUnit[],
    minimum: number,
  ) {
    super(period, tree, minimum);
  }

  /** Every measure per unit. */
  protected async measureUnits(): Promise<UnitMeasures> {
    const m: UnitMeasures = { employedOnTo: new Map(), employedOnFrom: new Map(), hires: new Map(), leavers: new Map(), rows: new Map(DIMENSIONS.map((d) => [d.name, new Map()])) };
    const staffByUnit = new Map<string, WorkforceRecord[]>();
    await eachYielding(this.records, (r) => {
      if (r.unitOnTo !== null) {
        addPerson(m.employedOnTo, r.unitOnTo, r.person);
        pushTo(staffByUnit, r.unitOnTo, r);
      }
      if (r.unitOnFrom !== null) addPerson(m.employedOnFrom, r.unitOnFrom, r.person);
      if (r.unitOnStart !== null) addPerson(m.hires, r.unitOnStart, r.person);
      if (r.unitOnEnd !== null) addPerson(m.leavers, r.unitOnEnd, r.person);
    });
    await eachYielding(staffByUnit, ([unit, staff]) => {
      for (const [person, records] of byPerson(staff)) {
        const main = mainEmployment(records);
        for (const d of DIMENSIONS) {
          const keys = m.rows.get(d.name)!;
          const { key } = d.of(main, this.period.to);
          let byUnit = keys.get(key);
          if (!byUnit) keys.set(key, (byUnit = new Map()));
          addPerson(byUnit, unit, person);
        }
      }
    });
    return m;
  }

  protected async answer(scope: StatisticsScope, measures: UnitMeasures): Promise<WorkforceFigures> {
    const { to } = this.period;
    const units = unitsOfScope(this.tree, scope);
    const counted = (unit: string | null) => unit !== null && (units === null || units.has(unit));
    const persons = (pick: (r: WorkforceRecord) => string | null) => new Set(this.records.filter((r) => counted(pick(r))).map((r) => r.person)).size;

    const staff = byPerson(this.records.filter((r) => counted(r.unitOnTo)));
    const headcount = staff.size;
    const fte = [...staff.values()].flat().reduce((sum, r) => sum + r.occupationOnTo, 0);
    const onFrom = persons((r) => r.unitOnFrom);
    const hires = persons((r) => r.unitOnStart);
    const leavers = persons((r) => r.unitOnEnd);

    const headcountVerdict = this.release.verdict('employedOnTo', measures.employedOnTo, scope, headcount);
    const onFromVerdict = this.release.verdict('employedOnFrom', measures.employedOnFrom, scope, onFrom);
    const leaversVerdict = this.release.verdict('leavers', measures.leavers, scope, leavers);
    const average = (onFrom + headcount) / 2;
    // Leavers over the average headcount: released only when all three counts behind it are.
    const turnoverVerdict = leaversVerdict ?? headcountVerdict ?? onFromVerdict;

    const figures: WorkforceFigures = {
      minimumPersons: this.minimum,
      headcount: cell(headcount, headcountVerdict),
      fullTimeEquivalents: cell(round(fte, 3), headcountVerdict),
      hires: cell(hires, this.release.verdict('hires', measures.hires, scope, hires)),
      leavers: cell(leavers, leaversVerdict),
      turnoverRate: average > 0 ? cell(round(leavers / average, 6), turnoverVerdict) : null,
      byEmploymentType: [],
      byAgreement: [],
      byPosition: [],
      bySeniorityBand: [],
      byAgeBand: [],
    };

    for (const d of DIMENSIONS) {
      const rows = new Map<string, { key: string; label: string; persons: number; fte: number }>();
      for (const f of d.fixed ?? []) rows.set(f.key, { ...f, persons: 0, fte: 0 });
      for (const records of staff.values()) {
        const { key, label } = d.of(mainEmployment(records), to);
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { key, label, persons: 0, fte: 0 }));
        row.persons++;
        row.fte += records.reduce((sum, r) => sum + r.occupationOnTo, 0);
      }
      // By label, never by size: the order must not hint at a withheld count.
      const ordered = d.fixed ? [...rows.values()] : [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'da') || a.key.localeCompare(b.key));
      const byUnit = measures.rows.get(d.name)!;
      const verdicts = this.release.distribution(
        d.name,
        ordered.map((r) => ({ key: r.key, persons: r.persons, byUnit: byUnit.get(r.key) ?? new Map() })),
        scope,
        headcountVerdict === null,
      );
      figures[d.name] = ordered.map((r) => {
        const verdict: SuppressionReason | null = verdicts.get(r.key) ?? null;
        return { key: r.key, label: r.label, headcount: cell(r.persons, verdict), fullTimeEquivalents: cell(round(r.fte, 3), verdict) };
      });
    }
    return figures;
  }
}
