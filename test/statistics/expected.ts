// A second, plain computation of the workforce figures of docs/statistics.md, written from the
// document over the generated municipality the simulators serve: person by person, with the
// subtree taken from Opus's unit versions on `to`. The tests compare the API's answers with it.
import type { Employment, Municipality } from '../../sources/model.js';
import { cprBirthDate } from '../../sources/identifiers.js';

const covers = (p: { from: string; to: string | null }, day: string) => p.from <= day && (p.to === null || day <= p.to);
const employedOn = (e: Employment, day: string) => covers({ from: e.contract.start, to: e.contract.end }, day);
const unitOn = (e: Employment, day: string) => e.placements.find((p) => covers(p, day))?.orgUnitOpusId;
const occupationOn = (e: Employment, day: string) => {
  const w = e.workingTime.find((v) => covers(v, day));
  return w && w.denominator > 0 ? w.numerator / w.denominator : 0;
};

/** The unit and (subtree) every unit whose parent chain on `day` leads to it; null: the municipality. */
export function scopeUnits(m: Municipality, unit: string | null, subtree: boolean, day: string): Set<string> | null {
  if (unit === null) return null;
  const units = new Set([unit]);
  if (!subtree) return units;
  const parentOf = new Map<string, string | null>();
  for (const u of m.opus.orgUnits) if (covers(u, day)) parentOf.set(u.id, u.parentId);
  for (const id of parentOf.keys()) {
    for (let p: string | null | undefined = parentOf.get(id), seen = 0; p && seen < 100; p = parentOf.get(p), seen++) {
      if (p === unit) units.add(id);
    }
  }
  return units;
}

function years(from: string, to: string): number {
  const y = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  return to.slice(5) < from.slice(5) ? y - 1 : y;
}

export interface ExpectedWorkforce {
  headcount: number;
  fte: number;
  hires: number;
  leavers: number;
  headcountOnFrom: number;
  turnover: number | null;
  /** Persons per key, each under their main employment. */
  byAgreement: Map<string, number>;
  byAgeBand: Map<string, number>;
  byEmploymentType: Map<string, number>;
}

const AGE = [65, 55, 45, 35, 25];
const AGE_KEYS = ['65+', '55-64', '45-54', '35-44', '25-34'];
const ageBand = (age: number) => AGE_KEYS[AGE.findIndex((a) => age >= a)] ?? '0-24';
const TYPES: Record<string, string> = { permanent: 'PERMANENT', fixedTerm: 'FIXED_TERM', hourly: 'HOURLY', trainee: 'TRAINEE' };

export function expectedWorkforce(m: Municipality, unit: string | null, subtree: boolean, from: string, to: string): ExpectedWorkforce {
  const units = scopeUnits(m, unit, subtree, to);
  const inScope = (u: string | undefined) => u !== undefined && (units === null || units.has(u));
  const persons = (pick: (e: Employment) => boolean) => new Set(m.opus.employments.filter(pick).map((e) => e.person.cpr)).size;

  const staff = m.opus.employments.filter((e) => employedOn(e, to) && inScope(unitOn(e, to)));
  const headcount = new Set(staff.map((e) => e.person.cpr)).size;
  const headcountOnFrom = persons((e) => employedOn(e, from) && inScope(unitOn(e, from)));
  const hires = persons((e) => e.contract.start >= from && e.contract.start <= to && inScope(unitOn(e, e.contract.start)));
  const leavers = persons((e) => e.contract.end !== null && e.contract.end >= from && e.contract.end <= to && inScope(unitOn(e, e.contract.end)));
  const average = (headcount + headcountOnFrom) / 2;

  // Main employment: highest occupation on `to`, then earliest start, then lowest number.
  const main = new Map<string, Employment>();
  for (const e of staff) {
    const best = main.get(e.person.cpr);
    const better =
      !best ||
      occupationOn(e, to) > occupationOn(best, to) ||
      (occupationOn(e, to) === occupationOn(best, to) && (e.contract.start < best.contract.start || (e.contract.start === best.contract.start && Number(e.employmentNumber) < Number(best.employmentNumber))));
    if (better) main.set(e.person.cpr, e);
  }
  const count = (key: (e: Employment) => string) => {
    const out = new Map<string, number>();
    for (const e of main.values()) out.set(key(e), (out.get(key(e)) ?? 0) + 1);
    return out;
  };
  return {
    headcount,
    fte: staff.reduce((s, e) => s + occupationOn(e, to), 0),
    hires,
    leavers,
    headcountOnFrom,
    turnover: average > 0 ? leavers / average : null,
    byAgreement: count((e) => e.contract.agreement.code),
    byAgeBand: count((e) => ageBand(years(cprBirthDate(e.person.cpr), to))),
    byEmploymentType: count((e) => TYPES[e.contract.employmentType]),
  };
}
