// Validation of the CPR numbers clients pass to this subgraph's lookups. Messages name the argument
// and never repeat a CPR number. Employment numbers are checked by ../shared/arguments.ts.
import { parseCpr } from '../../sources/identifiers.js';
import { checkLookupSize } from '../shared/arguments.js';
import { badInput } from '../../platform/errors.js';

/** A CPR number as DDMMYYSSSS, with DDMMYY-SSSS and surrounding spaces accepted. */
export function parseCprArgument(value: string, argument: string): string {
  try {
    return parseCpr(value);
  } catch {
    throw badInput(`${argument} is not a CPR number: 10 digits DDMMYYSSSS (or DDMMYY-SSSS) starting with a valid birth date`, { argument });
  }
}

export function parseCprs(values: readonly string[], argument: string): string[] {
  checkLookupSize(values, argument);
  return values.map((v, i) => parseCprArgument(v, `${argument}[${i}]`));
}
