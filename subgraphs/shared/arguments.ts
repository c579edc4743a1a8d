// Identifiers every subgraph takes as arguments. Messages name the argument and never repeat more of
// the value than a reader needs to find it.
import { badInput } from '../../platform/errors.js';

/** The most ids one lookup may carry: five Opus batches. */
export const MAX_LOOKUP = 500;

const OPUS_NUMBER = /^\d{1,10}$/;

/** Refuses a list of more than MAX_LOOKUP ids. */
export function checkLookupSize(values: readonly unknown[], argument: string): void {
  if (values.length > MAX_LOOKUP) throw badInput(`${argument}: at most ${MAX_LOOKUP} per lookup, got ${values.length}`, { argument });
}

/** A number as Opus gives employments and org units: 1-10 digits. `what` names it in the message. */
export function parseOpusNumber(value: string, argument: string, what: string): string {
  if (!OPUS_NUMBER.test(value)) throw badInput(`${argument}: "${value.slice(0, 20)}" is not ${what} (1-10 digits)`, { argument });
  return value;
}

/** A medarbejdernummer: 1-10 digits. */
export function parseEmploymentNumber(value: string, argument = 'employmentNumber'): string {
  return parseOpusNumber(value, argument, 'a medarbejdernummer');
}

export function parseEmploymentNumbers(values: readonly string[], argument: string): string[] {
  checkLookupSize(values, argument);
  return values.map((v, i) => parseEmploymentNumber(v, `${argument}[${i}]`));
}
