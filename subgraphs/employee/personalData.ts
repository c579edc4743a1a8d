// Persondata and Adresse as callers may write them (updatePersonalData): every problem of every field
// is collected and refused at once, each naming its field, before anything is sent to Opus. The
// bounds are wire.ts PERSONAL_DATA_MAX_LENGTH (Opus's are not public; SAP HCM's field lengths).
import { danishCountryName } from '../../sources/countries.js';
import type { PersonalDataChanges } from '../../sources/opus/OpusSource.js';
import { DENMARK, PERSONAL_DATA_MAX_LENGTH, isDanishPostalCode } from '../../sources/opus/wire.js';
import type { InputProblem } from '../shared/inputProblems.js';
import type { PersonalDataInput } from './inputs/PersonalDataInput.js';

const FIELDS = ['input.firstName', 'input.lastName', 'input.address.street', 'input.address.postalCode', 'input.address.city', 'input.address.country'];

/** The changes the input asks for, trimmed and normalised, and every problem found. */
export function parsePersonalDataInput(input: PersonalDataInput): { changes: PersonalDataChanges; problems: InputProblem[] } {
  const changes: PersonalDataChanges = {};
  const problems: InputProblem[] = [];
  const problem = (path: string, text: string) => problems.push({ argument: 'input', path, message: `\`${path}\` ${text}` });
  const max = PERSONAL_DATA_MAX_LENGTH;

  /** A text field: undefined when left out (or refused), else the trimmed value within `limit`. */
  const textOf = (path: string, value: string | null | undefined, limit: number, clearing: string): string | undefined => {
    if (value === undefined) return undefined;
    if (value === null) return void problem(path, `cannot be cleared: ${clearing} (give a value or leave it out)`);
    const v = value.trim();
    if (v === '') return void problem(path, `may not be empty: ${clearing}`);
    if (v.length > limit) return void problem(path, `may have at most ${limit} characters (Opus's field length), got ${v.length}`);
    if (/[\u0000-\u001f\u007f]/.test(v)) return void problem(path, 'may not contain control characters (line breaks, tabs)');
    return v;
  };

  const set = <K extends keyof PersonalDataChanges>(key: K, value: PersonalDataChanges[K] | undefined) => {
    if (value !== undefined) changes[key] = value;
  };
  set('firstName', textOf('input.firstName', input.firstName, max.Fornavn, 'Opus holds a first name for every person'));
  set('lastName', textOf('input.lastName', input.lastName, max.Efternavn, 'Opus holds a last name for every person'));

  const a = input.address;
  if (a === null) problem('input.address', 'cannot be cleared: Opus holds a home address for every person (give the fields to change or leave it out)');
  if (a) {
    const complete = 'a home address in Opus has street, postal code, city and country';
    set('street', textOf('input.address.street', a.street, max.Gade, complete));
    set('city', textOf('input.address.city', a.city, max.By, complete));
    let country: string | undefined;
    const givenCountry = textOf('input.address.country', a.country, 100, complete);
    if (givenCountry !== undefined) {
      const name = danishCountryName(givenCountry);
      if (name === null) problem('input.address.country', 'must be an ISO 3166-1 alpha-2 code such as "DK" or a Danish country name such as "Danmark"');
      else set('country', (country = name));
    }
    const postalCode = textOf('input.address.postalCode', a.postalCode, max.Postnr, complete);
    if (postalCode !== undefined) {
      // Without a country the address stays where it is; Danish unless the request says otherwise.
      const abroad = country !== undefined && country !== DENMARK;
      if (!abroad && !isDanishPostalCode(postalCode)) problem('input.address.postalCode', 'must be a Danish postal code: 4 digits from 1000 to 9990 (for an address abroad, give `country` too)');
      else set('postalCode', postalCode);
    }
  }
  if (problems.length === 0 && Object.keys(changes).length === 0) {
    problems.push({ argument: 'input', path: 'input', message: `\`input\` must give at least one of ${FIELDS.join(', ')}` });
  }
  return { changes, problems };
}
