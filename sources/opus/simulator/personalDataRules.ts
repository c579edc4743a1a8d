// The Persondata/Adresse rules the simulator enforces on update-personal-data, all in this one place.
// KMD's contract for "Personoplysninger og faste tillæg" is not public: the rules are what Opus must
// hold for a person (a name in two parts and a complete home address, within the field lengths of
// wire.ts PERSONAL_DATA_MAX_LENGTH; a Danish postal code when the country is Denmark), the codes are
// this project's own (wire.ts MESSAGE_CODES 310-316). Opus applies an update all or none: every field
// is judged against the person as it would be after the update, and any error changes nothing.
// Persondata belongs to the person: applied, it changes every employment of the CPR number (the
// simulator keeps a copy per employment, so it writes each of them).
import type { Employment, IsoDate, PersonData } from '../../model.js';
import { isDanishCountryName } from '../../countries.js';
import type { OpusMessage, PersonalDataChanges } from '../OpusSource.js';
import { DENMARK, MESSAGE_CODES, PERSONAL_DATA_MAX_LENGTH, isDanishPostalCode } from '../wire.js';

function error(code: string, text: string): OpusMessage {
  return { code, type: 'E', text };
}

/** Printable text without surrounding spaces, 1 to max characters. */
function fits(value: string, max: number): boolean {
  return value.length >= 1 && value.length <= max && value.trim() === value && !/[\u0000-\u001f\u007f]/.test(value);
}

export type PersonalDataOutcome = { ok: true; person: PersonData } | { ok: false; messages: OpusMessage[] };

/**
 * Judges an update of the person behind `employment` as of `today`: the employment must exist (the
 * handler checks) and not have ended. Returns the person as it would be, or every message.
 */
export function applyPersonalData(changes: PersonalDataChanges, employment: Employment, today: IsoDate): PersonalDataOutcome {
  const messages: OpusMessage[] = [];
  if (Object.keys(changes).length === 0) return { ok: false, messages: [error(MESSAGE_CODES.noPersonalData, 'Ingen personoplysninger at opdatere.')] };
  if (employment.contract.end !== null && employment.contract.end < today) {
    messages.push(error(MESSAGE_CODES.employmentEnded, `Ansættelsen er ophørt ${employment.contract.end}.`));
  }
  const p = employment.person;
  const person: PersonData = {
    ...p,
    firstName: changes.firstName ?? p.firstName,
    lastName: changes.lastName ?? p.lastName,
    address: {
      ...p.address,
      street: changes.street ?? p.address.street,
      postalCode: changes.postalCode ?? p.address.postalCode,
      city: changes.city ?? p.address.city,
      country: changes.country ?? p.address.country,
    },
  };
  const max = PERSONAL_DATA_MAX_LENGTH;
  if (changes.firstName !== undefined && !fits(person.firstName, max.Fornavn)) messages.push(error(MESSAGE_CODES.invalidName, `Fornavn skal være 1-${max.Fornavn} tegn.`));
  if (changes.lastName !== undefined && !fits(person.lastName, max.Efternavn)) messages.push(error(MESSAGE_CODES.invalidName, `Efternavn skal være 1-${max.Efternavn} tegn.`));
  if (changes.street !== undefined && !fits(person.address.street, max.Gade)) messages.push(error(MESSAGE_CODES.invalidStreet, `Gade skal være 1-${max.Gade} tegn.`));
  if (changes.city !== undefined && !fits(person.address.city, max.By)) messages.push(error(MESSAGE_CODES.invalidCity, `By skal være 1-${max.By} tegn.`));
  if (changes.country !== undefined && !isDanishCountryName(person.address.country)) messages.push(error(MESSAGE_CODES.invalidCountry, 'Land er ukendt.'));
  // Judged on the address as it would be: a new country can make the postal code kept wrong, and the other way round.
  if ((changes.postalCode !== undefined || changes.country !== undefined) && person.address.country === DENMARK && !isDanishPostalCode(person.address.postalCode)) {
    messages.push(error(MESSAGE_CODES.invalidPostalCode, 'Postnr skal være et dansk postnummer (1000-9990).'));
  }
  if (changes.postalCode !== undefined && person.address.country !== DENMARK && !fits(person.address.postalCode, max.Postnr)) {
    messages.push(error(MESSAGE_CODES.invalidPostalCode, `Postnr skal være 1-${max.Postnr} tegn.`));
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, person };
}
