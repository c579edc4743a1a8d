// What the benchmark asks for, chosen from the municipality the simulators serve: the unit subtrees
// whose staff come closest to each size N, and the units, employments and search terms the frontend
// query mix draws from. Deterministic for a given municipality and seed.
import type { Municipality } from '../sources/model.js';
import { Random } from '../sources/sample/random.js';
import { addDays } from '../sources/days.js';
import { addMonths, firstOfMonth } from '../sources/sample/dates.js';
import { versionOn } from '../subgraphs/shared/dates.js';

export interface Subtree {
  /** The size asked for. */
  nominal: number;
  /** FK ORG UUID of the subtree's top unit. */
  unitId: string;
  name: string;
  /** Employments active and placed in the subtree on `today`: what the query returns. */
  employments: number;
  units: number;
}

export interface Workload {
  today: string;
  /** The current month: "absences this month". */
  month: { from: string; to: string };
  employments: number;
  units: number;
  subtrees: Subtree[];
  /** Units with a handful to a few dozen staff of their own (a unit page in a frontend). */
  staffUnits: string[];
  /** Small subtrees, for absence statistics with includeSubtree. */
  statisticsUnits: string[];
  /** Employments active today. */
  employmentNumbers: string[];
  /** Words occurring in unit names, for a name search. */
  nameTerms: string[];
}

export function chooseWorkload(m: Municipality, nominals: readonly number[], seed = 1): Workload {
  const day = m.today;
  const open = m.org.units.filter((u) => versionOn(u.versions, day));
  const parentOf = new Map(open.map((u) => [u.id, versionOn(u.versions, day)!.parentId]));
  const idByOpus = new Map(open.map((u) => [u.opusId, u.id]));
  const nameOf = new Map(open.map((u) => [u.id, versionOn(u.versions, day)!.name]));

  // Staff as OrgUnit.employments counts them: contract covering the day, placed in the unit that day.
  const direct = new Map<string, number>();
  const active: string[] = [];
  for (const e of m.opus.employments) {
    if (e.contract.start > day || (e.contract.end !== null && e.contract.end < day)) continue;
    const p = e.placements.find((pl) => pl.from <= day && (pl.to === null || pl.to >= day));
    const unit = p && idByOpus.get(p.orgUnitOpusId);
    if (!unit) continue;
    direct.set(unit, (direct.get(unit) ?? 0) + 1);
    active.push(e.employmentNumber);
  }
  const subtree = new Map<string, { employments: number; units: number }>();
  for (const u of open) {
    for (let id: string | null = u.id; id; id = parentOf.get(id) ?? null) {
      const s = subtree.get(id) ?? { employments: 0, units: 0 };
      s.employments += direct.get(u.id) ?? 0;
      s.units += 1;
      subtree.set(id, s);
    }
  }
  const candidates = [...subtree.entries()].map(([unitId, s]) => ({ unitId, name: nameOf.get(unitId)!, ...s }));
  const subtrees = nominals.map((nominal) => {
    // Closest in staff; of equals, the one with fewer units (fewer pages), then by id for stability.
    const best = [...candidates].sort((a, b) => Math.abs(a.employments - nominal) - Math.abs(b.employments - nominal) || a.units - b.units || a.unitId.localeCompare(b.unitId))[0];
    return { nominal, ...best };
  });

  const rng = new Random(seed);
  const byId = (a: string, b: string) => a.localeCompare(b);
  const staffUnits = rng.sample([...direct.entries()].filter(([, n]) => n >= 3 && n <= 80).map(([id]) => id).sort(byId), 200);
  const statisticsUnits = rng.sample(candidates.filter((c) => c.employments >= 3 && c.employments <= 60).map((c) => c.unitId).sort(byId), 100);
  const employmentNumbers = rng.sample(active, 500);
  const words = new Set<string>();
  for (const name of nameOf.values()) for (const w of name.toLowerCase().split(/[^a-zæøå]+/)) if (w.length >= 5) words.add(w);
  const nameTerms = rng.sample([...words].sort(), 50);

  const from = firstOfMonth(day);
  return {
    today: day,
    month: { from, to: addDays(addMonths(from, 1), -1) },
    employments: m.opus.employments.length,
    units: open.length,
    subtrees,
    staffUnits,
    statisticsUnits,
    employmentNumbers,
    nameTerms,
  };
}
