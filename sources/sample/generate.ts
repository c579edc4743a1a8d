// The sample municipality ("Eksempel Kommune") that the simulators serve in development, tests and
// benchmarks. Deterministic: the same (employees, seed, today) gives the same data on every machine,
// so tests can assert on it and benchmark runs are comparable.
import type { Municipality } from '../model.js';
import { isValidIsoDate } from '../identifiers.js';
import { addMonths, firstOfMonth } from './dates.js';
import { EmploymentFactory, type EmploymentPlan } from './employments.js';
import { buildOrgSnapshot } from './orgSnapshot.js';
import { toOpusOrgUnits } from './opusUnits.js';
import { buildOrgTree, type UnitPlan } from './orgTree.js';
import { PersonFactory } from './persons.js';
import { Random } from './random.js';

export const DEFAULT_TODAY = '2026-11-01';
export const KOMMUNEKODE = '0999';
const FIRST_EMPLOYMENT_NUMBER = 100_001;
const PROGRESS_EVERY = 1000;

export interface GenerateOptions {
  /** Number of employments (a person may hold up to three). */
  employees: number;
  seed: number;
  /** The sample's "today"; all dates are relative to it. */
  today?: string;
  onProgress?: (done: number, total: number) => void;
}

export function generateMunicipality(opts: GenerateOptions): Municipality {
  const { employees, seed } = opts;
  const today = opts.today ?? DEFAULT_TODAY;
  if (!Number.isSafeInteger(employees) || employees < 1) throw new RangeError(`employees must be a positive whole number, got ${employees}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) throw new RangeError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  if (!isValidIsoDate(today)) throw new RangeError(`today must be a date as YYYY-MM-DD, got "${today}"`);

  // Separate streams per part, so a change in how one part draws does not reshuffle the others.
  const rng = new Random(seed);
  const orgRng = rng.fork('org');
  const peopleRng = rng.fork('people');
  const employmentRng = rng.fork('employments');
  const snapshotRng = rng.fork('snapshot');

  const reorganisationDate = firstOfMonth(addMonths(today, -6));
  const tree = buildOrgTree(orgRng, employees, reorganisationDate);
  const managed = chooseManagedUnits(orgRng, tree.units, employees);
  const managerSlots = assignManagerSlots(orgRng, employees, managed);

  const people = new PersonFactory(peopleRng, today);
  const factory = new EmploymentFactory(employmentRng, tree.units, tree.root, today, reorganisationDate);
  const plans: EmploymentPlan[] = [];
  let slot = 0;
  while (slot < employees) {
    const count = Math.min(employees - slot, peopleRng.weighted([1, 2, 3], [88, 10, 2]));
    let leads = false;
    for (let i = 0; i < count; i++) leads ||= managerSlots.has(slot + i);
    const person = leads ? people.create(35, 64) : people.create();
    for (let i = 0; i < count; i++, slot++) {
      const number = String(FIRST_EMPLOYMENT_NUMBER + slot);
      const unit = managerSlots.get(slot);
      plans.push(unit ? factory.manager(number, person, unit) : factory.staff(number, person, i > 0));
      if (opts.onProgress && (slot + 1) % PROGRESS_EVERY === 0) opts.onProgress(slot + 1, employees);
    }
  }
  if (opts.onProgress && employees % PROGRESS_EVERY !== 0) opts.onProgress(employees, employees);

  return {
    name: tree.root.name,
    seed,
    today,
    reorganisationDate,
    org: buildOrgSnapshot(snapshotRng, tree, plans, today, KOMMUNEKODE),
    opus: { kommunekode: KOMMUNEKODE, orgUnits: toOpusOrgUnits(tree), employments: plans.map((p) => p.employment) },
  };
}

/**
 * Units that have a manager. The root and the forvaltninger always have one; about a fifth of the
 * others have none, so lookups must inherit the manager from further up the tree.
 */
function chooseManagedUnits(rng: Random, units: UnitPlan[], employees: number): UnitPlan[] {
  const managed: UnitPlan[] = [];
  let unmanaged = 0;
  for (const u of units) {
    if (u.closedTo !== null) continue;
    if (u.key === 'kommune' || u.key === 'forvaltning' || rng.chance(0.8)) managed.push(u);
    else unmanaged++;
  }
  // Every sample keeps at least one unmanaged unit, since tests and demos rely on inheritance.
  if (unmanaged === 0) {
    const i = managed.findLastIndex((u) => u.key === 'team' || u.key === 'institution');
    if (i >= 0) managed.splice(i, 1);
  }
  // Small samples would otherwise be mostly managers; the units left out are the lowest ones.
  return managed.slice(0, Math.max(1, Math.floor(employees / 8)));
}

/** Spreads the managers over the employment numbers (Floyd's sampling: no array of size n). */
function assignManagerSlots(rng: Random, n: number, managed: UnitPlan[]): Map<number, UnitPlan> {
  const k = Math.min(n, managed.length);
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = rng.int(0, j);
    chosen.add(chosen.has(t) ? j : t);
  }
  const slots = new Map<number, UnitPlan>();
  let i = 0;
  for (const slot of chosen) slots.set(slot, managed[i++]);
  return slots;
}
