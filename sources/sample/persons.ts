// People: CPR numbers consistent with age and gender, Danish names and home addresses.
import type { Gender, IsoDate, PersonData } from '../model.js';
import { cprCenturyDigits, parseCpr } from '../identifiers.js';
import { addYears, dayOf, isoOf } from '../days.js';
import { FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, MIDDLE_NAMES, SURNAMES } from './names.js';
import { POSTAL_DISTRICTS, STREET_NAMES } from './places.js';
import type { Random } from './random.js';
import { wholeYears } from '../days.js';

export interface PersonPlan {
  data: PersonData;
  gender: Gender;
  birthDate: IsoDate;
  /** Age in whole years on the sample's today. */
  age: number;
  /** Lower-case initials, unique in the municipality, used for the work email. */
  initials: string;
}

const POSTAL_WEIGHTS = POSTAL_DISTRICTS.map((d) => d.weight);
// Falling weights make the first (most common) names far more frequent than the last ones.
const rankWeights = (n: number): number[] => Array.from({ length: n }, (_, i) => 1 / (i + 8));
const FEMALE_WEIGHTS = rankWeights(FEMALE_FIRST_NAMES.length);
const MALE_WEIGHTS = rankWeights(MALE_FIRST_NAMES.length);
const SURNAME_WEIGHTS = rankWeights(SURNAMES.length);

export class PersonFactory {
  private readonly cprs = new Set<string>();
  private readonly initials = new Set<string>();

  constructor(
    private readonly rng: Random,
    private readonly today: IsoDate,
  ) {}

  /** A person aged `minAge`..`maxAge` (18..70 by default) on today. */
  create(minAge = 18, maxAge = 70): PersonPlan {
    const rng = this.rng;
    // The youngest are at least two months past their 18th birthday, so they can have started work.
    const earliest = dayOf(addYears(this.today, -(maxAge + 1))) + 1;
    const latest = dayOf(addYears(this.today, -minAge)) - 60;
    const birthDay = rng.int(earliest, latest);
    const birthDate = isoOf(birthDay);
    const gender: Gender = rng.chance(0.62) ? 'female' : 'male';
    const cpr = this.uniqueCpr(birthDate, gender);

    const first = gender === 'female' ? rng.weighted(FEMALE_FIRST_NAMES, FEMALE_WEIGHTS) : rng.weighted(MALE_FIRST_NAMES, MALE_WEIGHTS);
    const middle = gender === 'female' && rng.chance(0.12) ? ` ${rng.pick(MIDDLE_NAMES.slice(0, 6))}` : '';
    const lastName = rng.chance(0.1) ? `${rng.pick(MIDDLE_NAMES.slice(6))} ${rng.weighted(SURNAMES, SURNAME_WEIGHTS)}` : rng.weighted(SURNAMES, SURNAME_WEIGHTS);
    const firstName = first + middle;
    const district = rng.weighted(POSTAL_DISTRICTS, POSTAL_WEIGHTS);
    const data: PersonData = {
      cpr,
      firstName,
      lastName,
      address: {
        street: streetAddress(rng),
        postalCode: district.code,
        city: district.city,
        country: 'Danmark',
        protected: rng.chance(0.025),
      },
    };
    return { data, gender, birthDate, age: wholeYears(birthDate, this.today), initials: this.uniqueInitials(firstName, lastName) };
  }

  private uniqueCpr(birthDate: IsoDate, gender: Gender): string {
    const year = Number(birthDate.slice(0, 4));
    const centuryDigits = cprCenturyDigits(year);
    const ddmmyy = birthDate.slice(8, 10) + birthDate.slice(5, 7) + birthDate.slice(2, 4);
    for (;;) {
      const seventh = this.rng.pick(centuryDigits);
      const middle = String(this.rng.int(0, 99)).padStart(2, '0');
      const last = this.rng.int(0, 4) * 2 + (gender === 'male' ? 1 : 0);
      const cpr = `${ddmmyy}${seventh}${middle}${last}`;
      if (!this.cprs.has(cpr)) {
        this.cprs.add(cpr);
        return parseCpr(cpr);
      }
    }
  }

  /** Danish municipalities usually give staff 3-4 letter initials; clashes get a number. */
  private uniqueInitials(firstName: string, lastName: string): string {
    const f = fold(firstName);
    const l = fold(lastName.split(' ').pop()!);
    const candidates = [f[0] + l.slice(0, 2), f.slice(0, 2) + l.slice(0, 2), f[0] + l.slice(0, 3), f.slice(0, 2) + l[0] + l[l.length - 1]];
    for (const c of candidates) {
      if (c.length >= 3 && !this.initials.has(c)) {
        this.initials.add(c);
        return c;
      }
    }
    for (let n = 2; ; n++) {
      const c = `${candidates[0]}${n}`;
      if (!this.initials.has(c)) {
        this.initials.add(c);
        return c;
      }
    }
  }
}

function streetAddress(rng: Random): string {
  const street = rng.pick(STREET_NAMES);
  const number = rng.int(1, 150);
  const letter = rng.chance(0.08) ? rng.pick(['A', 'B', 'C']) : '';
  const floor = rng.chance(0.25) ? `, ${rng.pick(['st.', '1.', '2.', '3.', '4.'])} ${rng.pick(['th.', 'tv.', 'mf.'])}` : '';
  return `${street} ${number}${letter}${floor}`;
}

/** Lower-case ASCII letters only, as used in user names and email addresses. */
export function fold(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[^a-z]/g, '');
}

