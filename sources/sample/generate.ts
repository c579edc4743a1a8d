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
    let count = Math.min(employees - slot, peopleRng.weighted([1, 2, 3], [88, 10, 2]));
    // A person leads at most one unit: a second manager slot starts the next person.
    let lead = -1;
    for (let i = 0; i < count; i++) {
      if (!managerSlots.has(slot + i)) continue;
      if (lead < 0) lead = i;
      else count = i;
    }
    const person = lead >= 0 ? people.create(35, 64) : count > 1 ? people.create(25, 64) : people.create();
    // One active employment per person, unless deliberately two: a manager's or a trainee's is their only
    // job (other employments of that person ended before it began); anyone else may hold one small
    // part-time or hourly second job beside it.
    const primaryIndex = lead >= 0 ? lead : 0;
    const group: EmploymentPlan[] = new Array(count);
    const numberOf = (i: number): string => String(FIRST_EMPLOYMENT_NUMBER + slot + i);
    const primary = lead >= 0 ? factory.manager(numberOf(lead), person, managerSlots.get(slot + lead)!) : factory.staff(numberOf(0), person, { role: 'primary' });
    group[primaryIndex] = primary;
    const secondAllowed = lead < 0 && primary.employment.contract.employmentType !== 'trainee';
    let seconds = 0;
    for (let i = 0; i < count; i++) {
      if (i === primaryIndex) continue;
      const wantSecond = secondAllowed && seconds === 0 && employmentRng.chance(0.6);
      const plan = factory.staff(numberOf(i), person, { role: wantSecond ? 'second' : 'former', before: primary.employment.contract.start, secondAllowed: secondAllowed && seconds === 0 });
      if (plan.employment.contract.end === null || plan.employment.contract.end >= primary.employment.contract.start) seconds++;
      group[i] = plan;
    }
    for (const plan of group) {
      plans.push(plan);
      slot++;
      if (opts.onProgress && slot % PROGRESS_EVERY === 0) opts.onProgress(slot, employees);
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
