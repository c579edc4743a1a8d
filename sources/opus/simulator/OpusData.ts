// The simulator's in-memory Opus: the snapshot plus the indexes that keep every endpoint cheap at
// municipal scale (50,000 employments): by number, in Medarbejdernummer order, by CPR and by org unit.
// The indexes are built once; the simulator changes employments only in place (communication,
// one-off payments, faste tillæg/fradrag, persondata and adresse but never the CPR number), which
// none of the indexes depend on.
import type { Employment, IsoDate, OpusSnapshot, Period } from '../../model.js';
import { compareEmploymentNumbers } from '../wire.js';
import { firstIndexNot, pushTo } from '../../../platform/collections.js';

export interface ListQuery {
  orgUnits: string[] | null;
  activeOn: IsoDate | null;
  activeDuring: { from: IsoDate; to: IsoDate } | null;
  after: string | null;
  limit: number;
}

export class OpusData {
  readonly byNumber = new Map<string, Employment>();
  /** All employment numbers in ascending Medarbejdernummer order. */
  readonly sortedNumbers: string[];
  readonly byCpr = new Map<string, string[]>();
  /** Employment numbers ever placed in each Opus org unit, ascending. */
  readonly byUnit = new Map<string, string[]>();
  /** Omkostningssteder of the municipality: the cost centres of its Opus org units. */
  readonly costCentres: Set<string>;

  constructor(readonly snapshot: OpusSnapshot) {
    for (const e of snapshot.employments) this.byNumber.set(e.employmentNumber, e);
    this.sortedNumbers = [...this.byNumber.keys()].sort(compareEmploymentNumbers);
    for (const n of this.sortedNumbers) {
      const e = this.byNumber.get(n)!;
      pushTo(this.byCpr, e.person.cpr, n);
      for (const unit of new Set(e.placements.map((p) => p.orgUnitOpusId))) pushTo(this.byUnit, unit, n);
    }
    this.costCentres = new Set(snapshot.orgUnits.map((u) => u.costCenter).filter((c) => c !== ''));
  }

  /**
   * One page in ascending order after the cursor. Without a date an org unit filter matches anyone
   * ever placed there, so the answer never depends on the simulator's clock.
   */
  list(q: ListQuery): { numbers: string[]; hasMore: boolean } {
    const candidates = q.orgUnits === null ? this.sortedNumbers : this.unitCandidates(q.orgUnits);
    const units = q.orgUnits === null ? null : new Set(q.orgUnits);
    const found: string[] = [];
    const { after } = q;
    // The first number strictly after the cursor.
    const start = after === null ? 0 : firstIndexNot(candidates, (c) => compareEmploymentNumbers(c, after) <= 0);
    for (let i = start; i < candidates.length && found.length <= q.limit; i++) {
      const n = candidates[i];
      const e = this.byNumber.get(n)!;
      if ((q.activeOn === null || this.matchesOn(e, q.activeOn, units)) && (q.activeDuring === null || this.matchesDuring(e, q.activeDuring, units))) found.push(n);
    }
    return { numbers: found.slice(0, q.limit), hasMore: found.length > q.limit };
  }

  private matchesOn(e: Employment, day: IsoDate, units: Set<string> | null): boolean {
    const c = e.contract;
    if (c.start > day || (c.end !== null && c.end < day)) return false;
    if (units === null) return true;
    return e.placements.some((p) => units.has(p.orgUnitOpusId) && p.from <= day && (p.to === null || p.to >= day));
  }

  /** Active on some day of the period, and on such a day placed in one of the units. */
  private matchesDuring(e: Employment, period: { from: IsoDate; to: IsoDate }, units: Set<string> | null): boolean {
    const active = intersect({ from: e.contract.start, to: e.contract.end }, period);
    if (active === null) return false;
    if (units === null) return true;
    return e.placements.some((p) => units.has(p.orgUnitOpusId) && intersect(p, active) !== null);
  }

  private unitCandidates(units: string[]): string[] {
    const lists = [...new Set(units)].map((u) => this.byUnit.get(u) ?? []).filter((l) => l.length > 0);
    if (lists.length <= 1) return lists[0] ?? [];
    return [...new Set(lists.flat())].sort(compareEmploymentNumbers);
  }
}

function intersect(a: Period, b: Period): Period | null {
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to === null ? b.to : b.to === null ? a.to : a.to < b.to ? a.to : b.to;
  return to !== null && to < from ? null : { from, to };
}


