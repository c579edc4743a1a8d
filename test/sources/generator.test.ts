// The sample municipality: deterministic, internally consistent across FK ORG and Opus, with valid
// Danish identifiers, a proper tree, a re-organisation, and data inside the windows it promises.
import { beforeAll, describe, expect, it } from 'vitest';
import type { IsoDate, Municipality, OrgUnit, OrgUnitVersion, Period } from '../../sources/model.js';
import { cprBirthDate, cprGender, isValidCpr, isValidCvr, isValidEan, isValidEmail, isValidKle, isValidPhone } from '../../sources/identifiers.js';
import { generateMunicipality } from '../../sources/sample/generate.js';

const TODAY = '2026-11-01';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function covers(p: Period, date: IsoDate): boolean {
  return p.from <= date && (p.to === null || p.to >= date);
}

function versionOn(unit: OrgUnit, date: IsoDate): OrgUnitVersion | undefined {
  return unit.versions.find((v) => covers(v, date));
}

function addDays(iso: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function expectUnique(values: string[], what: string): void {
  const seen = new Set<string>();
  const duplicates = values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)));
  expect(duplicates, `duplicate ${what}`).toEqual([]);
}

function expectSequential(periods: Period[], what: string): void {
  for (const p of periods) expect(p.to === null || p.from <= p.to, `${what}: ${p.from}..${p.to}`).toBe(true);
  for (let i = 1; i < periods.length; i++) {
    const prev = periods[i - 1];
    expect(prev.to, `${what}: version ${i - 1} is open but followed by another`).not.toBeNull();
    expect(prev.to! < periods[i].from, `${what}: ${prev.to} overlaps ${periods[i].from}`).toBe(true);
  }
}

describe('generateMunicipality', () => {
  let m: Municipality;
  let units: Map<string, OrgUnit>;
  let byOpusId: Map<string, OrgUnit>;

  beforeAll(() => {
    m = generateMunicipality({ employees: 2500, seed: 42, today: TODAY });
    units = new Map(m.org.units.map((u) => [u.id, u]));
    byOpusId = new Map(m.org.units.map((u) => [u.opusId, u]));
  });

  it('is deterministic for (employees, seed, today) and varies with the seed', () => {
    const a = JSON.stringify(generateMunicipality({ employees: 300, seed: 7 }));
    const b = JSON.stringify(generateMunicipality({ employees: 300, seed: 7 }));
    const c = JSON.stringify(generateMunicipality({ employees: 300, seed: 8 }));
    const d = JSON.stringify(generateMunicipality({ employees: 300, seed: 7, today: '2025-06-15' }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
    expect(d).not.toBe(a);
  });

  it('defaults today and places the re-organisation about six months before it', () => {
    const small = generateMunicipality({ employees: 50, seed: 1 });
    expect(small.today).toBe(TODAY);
    expect(m.reorganisationDate).toBe('2026-05-01');
    expect(m.name).toBe('Eksempel Kommune');
    expect(m.seed).toBe(42);
  });

  it('rejects nonsense options', () => {
    expect(() => generateMunicipality({ employees: 0, seed: 1 })).toThrow(RangeError);
    expect(() => generateMunicipality({ employees: 10, seed: -1 })).toThrow(RangeError);
    expect(() => generateMunicipality({ employees: 10, seed: 1, today: '2026-02-30' })).toThrow(RangeError);
  });

  it('generates exactly the requested employments with unique 6-digit numbers from 100001', () => {
    const numbers = m.opus.employments.map((e) => e.employmentNumber);
    expect(numbers).toHaveLength(2500);
    expectUnique(numbers, 'employment numbers');
    expect(numbers.every((n) => /^\d{6}$/.test(n))).toBe(true);
    expect(numbers).toContain('100001');
    const perPerson = new Map<string, number>();
    for (const e of m.opus.employments) perPerson.set(e.person.cpr, (perPerson.get(e.person.cpr) ?? 0) + 1);
    const counts = [...perPerson.values()];
    expect(Math.max(...counts)).toBeLessThanOrEqual(3);
    expect(counts.filter((c) => c === 1).length / counts.length).toBeGreaterThan(0.8);
    expect(counts.some((c) => c > 1)).toBe(true);
    expect(m.org.persons).toHaveLength(perPerson.size);
  });

  it('scales the tree with the number of employments', () => {
    expect(m.org.units.length).toBeGreaterThanOrEqual(100);
    expect(2500 / m.org.units.length).toBeGreaterThan(12);
    expect(2500 / m.org.units.length).toBeLessThan(28);
    expect(generateMunicipality({ employees: 100, seed: 3 }).org.units.length).toBeGreaterThanOrEqual(10);
  });

  it('gives valid, plausible CPR numbers', () => {
    for (const e of m.opus.employments) {
      expect(isValidCpr(e.person.cpr), e.person.cpr).toBe(true);
      const birth = cprBirthDate(e.person.cpr);
      const age = Number(TODAY.slice(0, 4)) - Number(birth.slice(0, 4)) - (TODAY.slice(5) < birth.slice(5) ? 1 : 0);
      expect(age).toBeGreaterThanOrEqual(18);
      expect(age).toBeLessThanOrEqual(70);
    }
    const genders = new Set(m.opus.employments.map((e) => cprGender(e.person.cpr)));
    expect(genders).toEqual(new Set(['female', 'male']));
    expectUnique(m.org.persons.map((p) => p.cpr), 'CPR numbers');
  });

  it('protects a few addresses', () => {
    const persons = new Map(m.opus.employments.map((e) => [e.person.cpr, e.person]));
    const share = [...persons.values()].filter((p) => p.address.protected).length / persons.size;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.06);
    for (const p of persons.values()) expect(p.address.postalCode).toMatch(/^\d{4}$/);
  });

  it('uses valid CVR, EAN, P-, SE-numbers, KLE and lower-case v4 UUIDs', () => {
    expect(isValidCvr(m.org.organisation.cvr)).toBe(true);
    expect(m.org.organisation.kommunekode).toBe('0999');
    expect(m.opus.kommunekode).toBe('0999');
    let cvrs = 0;
    for (const u of m.org.units) {
      expect(u.id).toMatch(UUID_V4);
      for (const a of u.addresses) {
        if (a.type === 'CVR') {
          cvrs++;
          expect(isValidCvr(a.value), a.value).toBe(true);
        }
        if (a.type === 'EAN') expect(isValidEan(a.value), a.value).toBe(true);
        if (a.type === 'P-nummer') expect(a.value).toMatch(/^\d{10}$/);
        if (a.type === 'SE') expect(a.value).toMatch(/^\d{8}$/);
        if (a.type === 'Email') expect(isValidEmail(a.value), a.value).toBe(true);
        if (a.type === 'Telefon') expect(isValidPhone(a.value), a.value).toBe(true);
        if (a.type === 'Postadresse') expect(a.darId).toMatch(UUID_V4);
      }
      for (const t of ['Postadresse', 'Email', 'Telefon', 'EAN', 'P-nummer', 'SE']) expect(u.addresses.some((a) => a.type === t)).toBe(true);
      expect(u.kle.length).toBeGreaterThan(0);
      for (const k of u.kle) expect(isValidKle(k.key), k.key).toBe(true);
      expect(u.costCenter).toMatch(/^\d+$/);
    }
    expect(cvrs).toBeGreaterThan(1);
    const root = m.org.units.find((u) => u.versions[0].parentId === null)!;
    expect(root.addresses.find((a) => a.type === 'CVR')?.value).toBe(m.org.organisation.cvr);
    for (const o of m.opus.orgUnits) {
      expect(isValidCvr(o.cvrNr)).toBe(true);
      expect(isValidEan(o.eanNr)).toBe(true);
    }
    for (const x of [...m.org.functions, ...m.org.users, ...m.org.persons, ...m.org.interestGroups, ...m.org.itSystems]) expect(x.id).toMatch(UUID_V4);
  });

  it('has unique identifiers everywhere', () => {
    expectUnique(m.org.units.map((u) => u.id), 'unit ids');
    expectUnique(m.org.units.map((u) => u.opusId), 'opus ids');
    expectUnique(m.org.units.map((u) => u.costCenter), 'cost centres');
    expectUnique(m.org.units.map((u) => u.addresses.find((a) => a.type === 'EAN')!.value), 'EAN numbers');
    expectUnique(m.org.functions.map((f) => f.id), 'function ids');
    expectUnique(m.org.users.map((u) => u.id), 'user ids');
    expectUnique(m.org.users.map((u) => u.userName), 'user names');
    expectUnique(m.org.persons.map((p) => p.id), 'person ids');
    expectUnique(m.opus.employments.flatMap((e) => e.absences.map((a) => a.id)), 'absence ids');
    expectUnique(m.opus.employments.flatMap((e) => e.oneOffPayments.map((p) => p.objectId)), 'one-off payment object ids');
  });

  it('forms one tree of 4 to 6 levels with parents valid whenever their children are', () => {
    const roots = m.org.units.filter((u) => u.versions.some((v) => v.parentId === null));
    expect(roots).toHaveLength(1);
    for (const u of m.org.units) {
      for (const v of u.versions) {
        if (v.parentId === null) continue;
        const parent = units.get(v.parentId);
        expect(parent, `parent of ${u.id}`).toBeDefined();
        expect(versionOn(parent!, v.from), `parent of ${v.name} on ${v.from}`).toBeDefined();
        if (v.to !== null) expect(versionOn(parent!, v.to)).toBeDefined();
        else expect(parent!.versions.at(-1)!.to).toBeNull();
      }
    }
    for (const date of [TODAY, '2025-01-01']) {
      let maxDepth = 0;
      for (const u of m.org.units) {
        let v = versionOn(u, date);
        if (!v) continue;
        let depth = 1;
        while (v.parentId !== null) {
          depth++;
          expect(depth).toBeLessThan(10);
          v = versionOn(units.get(v.parentId)!, date)!;
        }
        maxDepth = Math.max(maxDepth, depth);
      }
      expect(maxDepth).toBeGreaterThanOrEqual(4);
      expect(maxDepth).toBeLessThanOrEqual(6);
    }
  });

  it('keeps unit versions sorted and non-overlapping, open unless closed, starting well before the data', () => {
    for (const u of m.org.units) {
      expectSequential(u.versions, u.id);
      for (let i = 1; i < u.versions.length; i++) expect(u.versions[i].from).toBe(addDays(u.versions[i - 1].to!, 1));
      if (u.versions[0].from !== m.reorganisationDate) expect(u.versions[0].from <= '2015-01-01').toBe(true);
    }
    const kinds = new Set(m.org.units.flatMap((u) => u.versions.map((v) => v.unitType.key)));
    expect(kinds).toEqual(new Set(['kommune', 'forvaltning', 'afdeling', 'team', 'institution']));
    const names = new Set(m.org.units.flatMap((u) => u.versions.map((v) => v.unitType.name)));
    expect(names).toContain('Skole');
    expect(names).toContain('Daginstitution');
    expect(names).toContain('Plejecenter');
  });

  it('contains a re-organisation: renamed, moved, created and closed units and re-placed employments', () => {
    const r = m.reorganisationDate;
    const changed = m.org.units.filter((u) => u.versions.length > 1);
    expect(changed.some((u) => u.versions[0].name !== u.versions[1].name)).toBe(true);
    expect(changed.some((u) => u.versions[0].parentId !== u.versions[1].parentId)).toBe(true);
    expect(changed.every((u) => u.versions[1].from === r)).toBe(true);
    expect(m.org.units.filter((u) => u.versions[0].from === r).length).toBeGreaterThanOrEqual(2);
    expect(m.org.units.filter((u) => u.versions.at(-1)!.to === addDays(r, -1)).length).toBeGreaterThanOrEqual(2);
    const moved = m.opus.employments.filter((e) => e.placements.length > 1);
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.some((e) => e.placements[0].orgUnitOpusId !== e.placements[1].orgUnitOpusId)).toBe(true);
    for (const e of moved) expect(e.placements[1].from).toBe(r);
  });

  it('places every employment in Opus units valid for the whole placement', () => {
    const opusUnits = new Map<string, typeof m.opus.orgUnits>();
    for (const o of m.opus.orgUnits) opusUnits.set(o.id, [...(opusUnits.get(o.id) ?? []), o]);
    for (const e of m.opus.employments) {
      expectSequential(e.placements, e.employmentNumber);
      expect(e.placements[0].from).toBe(e.contract.start);
      expect(e.placements.at(-1)!.to).toBe(e.contract.end);
      for (const p of e.placements) {
        const versions = opusUnits.get(p.orgUnitOpusId);
        expect(versions, `opus unit ${p.orgUnitOpusId}`).toBeDefined();
        const unit = byOpusId.get(p.orgUnitOpusId)!;
        expect(versionOn(unit, p.from), `${e.employmentNumber} from ${p.from}`).toBeDefined();
        const end = p.to ?? TODAY;
        expect(versionOn(unit, end < TODAY ? end : TODAY), `${e.employmentNumber} to ${p.to}`).toBeDefined();
        expect(versions!.some((o) => covers(o, p.from))).toBe(true);
      }
      if (covers({ from: e.contract.start, to: e.contract.end }, TODAY)) {
        const now = e.placements.find((p) => covers(p, TODAY));
        expect(now, e.employmentNumber).toBeDefined();
        expect(versionOn(byOpusId.get(now!.orgUnitOpusId)!, TODAY)).toBeDefined();
      }
    }
  });

  it('mirrors the FK ORG units in Opus', () => {
    const opusIds = new Set(m.opus.orgUnits.map((o) => o.id));
    expect(opusIds).toEqual(new Set(m.org.units.map((u) => u.opusId)));
    for (const o of m.opus.orgUnits) {
      const unit = byOpusId.get(o.id)!;
      const v = unit.versions.find((x) => x.from === o.from)!;
      expect(v).toBeDefined();
      expect(o.to).toBe(v.to);
      expect(o.longName).toBe(v.name);
      expect(o.parentId).toBe(v.parentId === null ? null : units.get(v.parentId)!.opusId);
      expect(o.costCenter).toBe(unit.costCenter);
    }
    expect(m.opus.orgUnits.length).toBe(m.org.units.reduce((n, u) => n + u.versions.length, 0));
  });

  it('has managers for most units, none for some, and Leder functions that match them', () => {
    const users = new Map(m.org.users.map((u) => [u.id, u]));
    const employments = new Map(m.opus.employments.map((e) => [e.employmentNumber, e]));
    const leaders = m.org.functions.filter((f) => f.type === 'Leder');
    const managed = new Set(leaders.filter((f) => covers(f, TODAY)).flatMap((f) => f.unitIds));
    const active = m.org.units.filter((u) => versionOn(u, TODAY) && u.versions[0].parentId !== null);
    const unmanaged = active.filter((u) => !managed.has(u.id));
    expect(unmanaged.length / active.length).toBeGreaterThan(0.08);
    expect(unmanaged.length / active.length).toBeLessThan(0.35);
    const root = m.org.units.find((u) => u.versions[0].parentId === null)!;
    expect(managed.has(root.id)).toBe(true);
    for (const f of leaders) {
      expect(f.userIds).toHaveLength(1);
      expect(f.unitIds).toHaveLength(1);
      const e = employments.get(users.get(f.userIds[0])!.employmentNumber!)!;
      expect(e.contract.isManager).toBe(true);
      const unit = units.get(f.unitIds[0])!;
      expect(e.placements.some((p) => p.orgUnitOpusId === unit.opusId && covers(p, TODAY))).toBe(true);
    }
    expect(m.opus.employments.filter((e) => e.contract.isManager)).toHaveLength(leaders.length);
  });

  it('links users, persons and Stilling functions to employments', () => {
    const persons = new Map(m.org.persons.map((p) => [p.id, p]));
    const withUser = m.opus.employments.filter((e) => e.userId !== null);
    expect(withUser.length / m.opus.employments.length).toBeGreaterThan(0.9);
    expect(m.org.users).toHaveLength(withUser.length);
    const byNumber = new Map(m.opus.employments.map((e) => [e.employmentNumber, e]));
    for (const u of m.org.users) {
      const e = byNumber.get(u.employmentNumber!)!;
      expect(u.userName).toBe(e.userId);
      expect(u.userName).toMatch(/^[a-z]{3}\d{3,}$/);
      expect(persons.get(u.personId)!.cpr).toBe(e.person.cpr);
      expect(persons.get(u.personId)!.name).toBe(`${e.person.firstName} ${e.person.lastName}`);
    }
    const stilling = m.org.functions.filter((f) => f.type === 'Stilling');
    expect(stilling.length).toBeGreaterThanOrEqual(m.opus.employments.length);
    expect(m.org.interestGroups.some((g) => g.type === 'MED-udvalg' && g.userIds.length > 0)).toBe(true);
    expect(m.org.interestGroups.some((g) => g.type === 'Netværk')).toBe(true);
    expect(m.org.itSystems.map((s) => s.name)).toEqual(['KMD Opus', 'SBSYS', 'Aula']);
    for (const s of m.org.itSystems) expect(s.userIds.length).toBeGreaterThan(0);
  });

  it('gives employments plausible contracts, working time and communication', () => {
    const es = m.opus.employments;
    const positions = new Set(es.map((e) => e.contract.position));
    for (const p of ['Lærer', 'Pædagog', 'Social- og sundhedsassistent', 'Konsulent']) expect(positions).toContain(p);
    const agreements = new Set(es.map((e) => e.contract.agreement.name));
    expect(agreements.size).toBeGreaterThanOrEqual(8);
    expect(es.some((e) => e.contract.end !== null && e.contract.end < TODAY)).toBe(true);
    expect(es.some((e) => e.contract.employmentType === 'fixedTerm')).toBe(true);
    for (const e of es) {
      expect(e.contract.initialEntry <= e.contract.start).toBe(true);
      expect(e.contract.entryIntoGroup <= e.contract.start && e.contract.entryIntoGroup >= e.contract.initialEntry).toBe(true);
      expectSequential(e.workingTime, `${e.employmentNumber} working time`);
      expect(e.workingTime[0].from).toBe(e.contract.start);
      for (const w of e.workingTime) expect(w.weeklyHours).toBeCloseTo((37 * w.numerator) / w.denominator, 5);
      if (e.communication.workEmail !== null) expect(e.communication.workEmail).toMatch(/^[a-z0-9]+@eksempel\.dk$/);
      for (const phone of [e.communication.workPhone, e.communication.mobilePhone]) if (phone !== null) expect(phone).toMatch(/^\d{8}$/);
      expectSequential(e.salaryPlacement, `${e.employmentNumber} salary`);
      for (const s of e.salaryPlacement) {
        expect(s.step).toBeGreaterThanOrEqual(1);
        expect(s.step).toBeLessThanOrEqual(50);
        expect(s.annualBaseSalary).toBeGreaterThanOrEqual(300_000);
        expect(s.annualBaseSalary).toBeLessThanOrEqual(800_000);
      }
      for (const f of e.fixedPayItems) expect(f.wageType).toMatch(/^\d{4}$/);
      for (const p of e.oneOffPayments) expect(p.wageType).toMatch(/^\d{4}$/);
      const [main] = e.pensions;
      if (main) expect(main.employeePercent).toBeCloseTo((main.employeePercent + main.employerPercent) / 3, 1);
      for (const t of e.tax) expect(t.withholdingRate).toBeGreaterThanOrEqual(36);
    }
    expect(es.some((e) => e.salaryPlacement.length > 1)).toBe(true);
    expect(es.some((e) => e.fixedPayItems.some((f) => f.kind === 'deduction'))).toBe(true);
    expect(es.some((e) => e.oneOffPayments.length > 0)).toBe(true);
    expect(es.filter((e) => e.tax.some((t) => t.year === 2026 && t.cardType === 'main')).length / es.length).toBeGreaterThan(0.7);
  });

  it('keeps absences inside the two-year window and the employment, without overlaps', () => {
    const windowStart = addDays(TODAY, -730);
    const types = new Set<string>();
    let refunds = 0;
    let partDay = 0;
    for (const e of m.opus.employments) {
      const sorted = [...e.absences];
      expectSequential(sorted, `${e.employmentNumber} absences`);
      for (const a of e.absences) {
        types.add(a.type);
        expect(a.from >= windowStart && a.to !== null && a.to <= TODAY, `${a.id} ${a.from}..${a.to}`).toBe(true);
        expect(a.from >= e.contract.start && (e.contract.end === null || a.to! <= e.contract.end)).toBe(true);
        for (const r of a.refusions) {
          refunds++;
          expect(r.from >= a.from && r.to !== null && r.to <= a.to!).toBe(true);
        }
        if (a.partDayHours !== null) partDay++;
      }
      for (const b of e.vacationBalances) expect(b.holidayYear).toMatch(/^\d{4}\/\d{2}$/);
    }
    for (const t of ['ferie', 'sygdom', 'barsel', 'omsorgsdage', 'seniordage', 'feriefridage']) expect(types).toContain(t);
    expect(refunds).toBeGreaterThan(0);
    expect(partDay).toBeGreaterThan(0);
    const statuses = new Set(m.opus.employments.flatMap((e) => e.absences.map((a) => a.status)));
    expect(statuses).toContain('approved');
  });

  it('generates 2,000 employments quickly', () => {
    const start = performance.now();
    generateMunicipality({ employees: 2000, seed: 99 });
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('generates 50,000 employments and reports progress', () => {
    const progress: number[] = [];
    const start = performance.now();
    const big = generateMunicipality({ employees: 50_000, seed: 5, onProgress: (done, total) => { expect(total).toBe(50_000); progress.push(done); } });
    const ms = performance.now() - start;
    expect(big.opus.employments).toHaveLength(50_000);
    expect(progress.at(-1)).toBe(50_000);
    expect(progress.length).toBeGreaterThanOrEqual(50);
    expect(big.org.units.length).toBeGreaterThan(2000);
    expect(ms).toBeLessThan(60_000);
  }, 180_000);
});

