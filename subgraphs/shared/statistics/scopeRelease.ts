// The release rule (release.ts) applied to the scope one answer is about: a unit alone, a unit with
// its subtree, or the municipality. Every measure is counted per unit once per period; the verdicts of
// a measure are worked out once and shared by every scope asked about that period.
import { releaseByUnit, suppressComplementary, type SuppressionReason, type TreeUnit, type UnitRelease } from './release.js';
import type { StatisticsScope } from './id.js';
import { pushTo } from '../../../platform/collections.js';

/** Persons (any stable key) of one measure by the unit their employment is placed in. */
export type PersonsByUnit = Map<string, Set<string>>;

export function addPerson(byUnit: PersonsByUnit, unit: string, person: string): void {
  const set = byUnit.get(unit);
  if (set) set.add(person);
  else byUnit.set(unit, new Set([person]));
}

/** The units a scope counts, by the tree given; null: every unit (the municipality). */
export function unitsOfScope(tree: readonly TreeUnit[], scope: Pick<StatisticsScope, 'unit' | 'includeSubtree'>): ReadonlySet<string> | null {
  if (scope.unit === null) return null;
  if (!scope.includeSubtree) return new Set([scope.unit]);
  const children = new Map<string, string[]>();
  for (const u of tree) {
    if (u.parent === null || u.parent === u.id) continue;
    pushTo(children, u.parent, u.id);
  }
  const units = new Set([scope.unit]);
  for (let level = [scope.unit]; level.length; ) {
    const next: string[] = [];
    for (const u of level) for (const c of children.get(u) ?? []) if (!units.has(c)) (units.add(c), next.push(c));
    level = next;
  }
  return units;
}

export class ScopeRelease {
  private readonly byMeasure = new Map<string, UnitRelease>();

  constructor(
    readonly tree: readonly TreeUnit[],
    readonly minimum: number,
  ) {}

  /**
   * Whether a measure's figure for the scope may be released. `persons` is what the scope counts: a
   * person placed in two units of a subtree is one there but two in the units' own counts, so a small
   * group the rule would release on the summed counts is still withheld.
   */
  verdict(measure: string, byUnit: PersonsByUnit, scope: StatisticsScope, persons: number): SuppressionReason | null {
    let release = this.byMeasure.get(measure);
    if (!release) {
      const counts = new Map<string, number>();
      for (const [unit, set] of byUnit) counts.set(unit, set.size);
      this.byMeasure.set(measure, (release = releaseByUnit(this.tree, counts, this.minimum)));
    }
    const reason = scope.unit === null ? release.municipality() : scope.includeSubtree ? release.subtree(scope.unit) : release.own(scope.unit);
    if (reason) return reason;
    return persons > 0 && persons < this.minimum ? 'FEWER_THAN_MINIMUM' : null;
  }

  /** The verdicts of a distribution's rows: each row's own, then the complementary suppressions. */
  distribution(
    measure: string,
    rows: ReadonlyArray<{ key: string; byUnit: PersonsByUnit; persons: number }>,
    scope: StatisticsScope,
    totalReleased: boolean,
  ): Map<string, SuppressionReason | null> {
    const cells = rows.map((r) => ({ key: r.key, persons: r.persons, suppressed: this.verdict(`${measure}:${r.key}`, r.byUnit, scope, r.persons) }));
    return suppressComplementary(cells, this.minimum, totalReleased);
  }
}
