// Identifiers every subgraph takes as arguments. Messages name the argument and never repeat more of
// the value than a reader needs to find it.
import { badInput } from './errors.js';

/** The most ids one lookup may carry: five Opus batches. */
export const MAX_LOOKUP = 500;

const EMPLOYMENT_NUMBER = /^\d{1,10}$/;

/** A medarbejdernummer: 1-10 digits. */
export function parseEmploymentNumber(value: string, argument = 'employmentNumber'): string {
  if (!EMPLOYMENT_NUMBER.test(value)) throw badInput(`${argument}: "${value.slice(0, 20)}" is not a medarbejdernummer (1-10 digits)`, { argument });
  return value;
}

export function parseEmploymentNumbers(values: readonly string[], argument: string): string[] {
  if (values.length > MAX_LOOKUP) throw badInput(`${argument}: at most ${MAX_LOOKUP} per lookup, got ${values.length}`, { argument });
  return values.map((v, i) => parseEmploymentNumber(v, `${argument}[${i}]`));
}
