// The GraphQL the benchmark sends. The batching query is the issue's "unit subtree with its
// employments, each with employee name, absences this month and salary placement"; the throughput mix
// is the registered frontend operations of schema/operations/ plus an employee card, each drawing its
// variables from the workload so that no two consecutive requests ask for the same thing.
import { readFileSync } from 'node:fs';
import { Random } from '../sources/sample/random.js';
import type { Workload } from './workload.js';

/** One page (at most 500 units, the API's page limit) of a unit's subtree with every unit's staff. */
export const SUBTREE_STAFF = /* GraphQL */ `
  query SubtreeStaff($root: ID!, $asOf: Date!, $from: Date!, $to: Date!, $after: String) {
    orgUnits(asOf: $asOf, first: 500, after: $after, filter: { subtree: $root }) {
      nodes {
        name
        employments(asOf: $asOf) {
          employmentNumber
          employee { name }
          absences(from: $from, to: $to) { type from to }
          salaryPlacement(asOf: $asOf) { payGroup step }
        }
      }
      pageInfo { endCursor hasNextPage }
    }
  }
`;

/** A person's card: their employment, unit and nearest manager (employee -> organisation -> employee). */
const EMPLOYEE_CARD = /* GraphQL */ `
  query EmployeeCard($employmentNumber: ID!) {
    employment(employmentNumber: $employmentNumber) {
      employmentNumber
      contract { position start end }
      orgUnit { name parent { name } }
      employee { name manager { name title unit { name } } }
    }
  }
`;

const operation = (name: string) => readFileSync(new URL(`../schema/operations/${name}.graphql`, import.meta.url), 'utf8');

export interface MixEntry {
  name: string;
  /** Relative share of the requests. */
  weight: number;
  query: string;
  variables(w: Workload, rng: Random): Record<string, unknown>;
}

export function frontendMix(): MixEntry[] {
  const yearStart = (w: Workload) => `${w.today.slice(0, 4)}-01-01`;
  return [
    { name: 'UnitStaff', weight: 3, query: operation('UnitStaff'), variables: (w, r) => ({ id: r.pick(w.staffUnits), asOf: w.today }) },
    { name: 'EmployeeCard', weight: 2, query: EMPLOYEE_CARD, variables: (w, r) => ({ employmentNumber: r.pick(w.employmentNumbers) }) },
    {
      name: 'EmploymentAbsences',
      weight: 2,
      query: operation('EmploymentAbsences'),
      variables: (w, r) => ({ employmentNumber: r.pick(w.employmentNumbers), from: yearStart(w), to: w.today }),
    },
    {
      name: 'EmploymentPayroll',
      weight: 2,
      query: operation('EmploymentPayroll'),
      variables: (w, r) => ({ employmentNumber: r.pick(w.employmentNumbers), asOf: w.today, from: yearStart(w), to: w.today }),
    },
    { name: 'FindUnits', weight: 2, query: operation('FindUnits'), variables: (w, r) => ({ name: r.pick(w.nameTerms), first: 20 }) },
    {
      name: 'UnitAbsenceStatistics',
      weight: 1,
      query: operation('UnitAbsenceStatistics'),
      variables: (w, r) => ({ id: r.pick(w.statisticsUnits), from: yearStart(w), to: w.today }),
    },
  ];
}

/** `count` request bodies in a fixed order, the mix's weights respected; the same for every gateway. */
export function mixBodies(w: Workload, count: number, seed = 1): Array<{ name: string; body: string }> {
  const rng = new Random(seed);
  const mix = frontendMix();
  const weights = mix.map((m) => m.weight);
  return Array.from({ length: count }, () => {
    const m = rng.weighted(mix, weights);
    return { name: m.name, body: JSON.stringify({ query: m.query, variables: m.variables(w, rng) }) };
  });
}
