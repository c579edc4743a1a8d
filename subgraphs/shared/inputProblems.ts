// Input refused as a whole list: every problem of every argument, line and field is collected and
// refused at once, before anything is sent to a source (a clerk fixing a form wants the whole list,
// not one error per round trip). Used by the mutations that write to Opus.
import { parseEmploymentNumber } from './arguments.js';
import { badInput } from '../../platform/errors.js';
import { Idempotency } from './idempotency/idempotency.js';

/** One thing a client must fix: the argument, for a line its number (from 1) and field, the exact place, and why. */
export interface InputProblem {
  argument: string;
  line?: number;
  field?: string;
  /** The exact place in the arguments, e.g. `items[1].monthlyAmount` or `input.address.postalCode`. */
  path: string;
  message: string;
}

/** The problem of an argument `check` refuses (by throwing), else null. */
export function problemOf(argument: string, check: () => unknown): InputProblem | null {
  try {
    check();
    return null;
  } catch (error) {
    return { argument, path: argument, message: error instanceof Error ? error.message : String(error) };
  }
}

/** BAD_USER_INPUT listing every problem: `extensions.problems` one entry each, `fields` their paths, `argument` the first's. */
export function problemsError(problems: readonly InputProblem[]) {
  const summary = problems.length === 1 ? problems[0].message : `${problems.length} problems: ${problems.map((p) => p.message).join('; ')}`;
  return badInput(summary, { argument: problems[0].argument, fields: problems.map((p) => p.path), problems });
}

/** The problems of the two arguments every update of one employment in Opus takes. */
export function updateArgumentProblems(employmentNumber: string, idempotencyKey: string): InputProblem[] {
  return [problemOf('employmentNumber', () => parseEmploymentNumber(employmentNumber)), problemOf('idempotencyKey', () => Idempotency.validateKey(idempotencyKey))].filter(
    (p): p is InputProblem => p !== null,
  );
}
