// The organisation tree of the sample municipality and its re-organisation. The tree grows with the
// number of employments (about one unit per 15-25) by adding institutions and teams to a fixed
// administrative skeleton, so small samples stay readable and large ones stay realistic.
import type { IsoDate, OrgAddress, OrgUnit, OrgUnitTypeKey, OrgUnitVersion } from '../model.js';
import { makeCvr, makeEan } from '../identifiers.js';
import {
  DIRECTORATES,
  DISTRICTS,
  INSTITUTIONS,
  PLACE_NAMES,
  type Area,
  type DepartmentTemplate,
  type InstitutionKind,
  type InstitutionTemplate,
} from './catalogue.js';
import { addDays } from '../days.js';
import { SampleClasses } from './classes.js';
import { UNIT_POSTAL_DISTRICTS, UNIT_STREET_NAMES } from './places.js';
import type { Random } from './random.js';

export type UnitKind = 'kommune' | 'forvaltning' | 'afdeling' | 'team' | InstitutionKind;

/** A unit while the sample is built: the model's fields plus what the employment generator needs. */
export interface UnitPlan {
  index: number;
  id: string;
  opusId: string;
  name: string;
  shortName: string;
  key: OrgUnitTypeKey;
  typeName: string;
  kind: UnitKind;
  area: Area;
  level: number;
  parent: UnitPlan | null;
  /** The forvaltning the unit belongs to (itself for a forvaltning; null for the root). */
  directorate: UnitPlan | null;
  children: UnitPlan[];
  from: IsoDate;
  /** Last day of a unit closed in the re-organisation. */
  closedTo: IsoDate | null;
  createdInReorganisation: boolean;
  /** The second version opened by the re-organisation: a new name and/or a new parent. */
  change: { name?: string; parent?: UnitPlan } | null;
  /** Where the staff of a closed unit go. */
  successor: UnitPlan | null;
  /** Relative share of the municipality's staff placed here. */
  staffWeight: number;
  kle: string[];
  costCenter: string;
  street: string;
  zipCode: string;
  city: string;
  phone: string;
  email: string;
  darId: string;
  ean: string;
  pNumber: string;
  se: string;
  /** Own CVR (the root's is the municipality's); null when the unit uses the municipality's. */
  cvr: string | null;
}

export interface OrgTree {
  units: UnitPlan[];
  root: UnitPlan;
  municipalityCvr: string;
  reorganisationDate: IsoDate;
}

const FOUNDED = '2007-01-01';
const LATER_FOUNDINGS = ['2007-01-01', '2009-08-01', '2011-01-01', '2012-08-01', '2014-01-01', '2015-01-01'];
const TYPE_NAMES: Record<Exclude<OrgUnitTypeKey, 'institution'>, string> = {
  kommune: 'Kommune',
  forvaltning: 'Forvaltning',
  afdeling: 'Afdeling',
  team: 'Team',
};
const TEAM_RENAMES = ['Rådgivning', 'Udvikling', 'Service', 'Drift', 'Kvalitet'];

export function buildOrgTree(rng: Random, employees: number, reorganisationDate: IsoDate): OrgTree {
  const builder = new TreeBuilder(rng);
  const target = Math.max(12, Math.round(employees / 19));
  const directorates = employees < 400 ? 4 : employees < 3000 ? 5 : 6;
  const departmentsEach = employees < 400 ? 2 : employees < 1500 ? 3 : 4;

  const root = builder.add({ name: 'Eksempel Kommune', shortName: 'EK', key: 'kommune', kind: 'kommune', area: 'admin', parent: null, from: FOUNDED, kle: ['00.01', '00.05'], staffWeight: 3 });
  root.cvr = builder.municipalityCvr;
  root.se = builder.municipalityCvr;

  const departments: Array<{ unit: UnitPlan; template: DepartmentTemplate }> = [];
  for (const d of DIRECTORATES.slice(0, directorates)) {
    const dir = builder.add({ name: d.name, shortName: d.shortName, key: 'forvaltning', kind: 'forvaltning', area: 'admin', parent: root, from: FOUNDED, kle: d.kle, staffWeight: 2 });
    for (const t of d.departments.slice(0, departmentsEach)) {
      const unit = builder.add({ name: t.name, shortName: abbreviate(t.name), key: 'afdeling', kind: 'afdeling', area: t.area, parent: dir, from: FOUNDED, kle: t.kle, staffWeight: 4 });
      departments.push({ unit, template: t });
    }
  }

  const withInstitutions = departments.filter((d) => d.template.institutions !== undefined);
  const teamCursor = new Map<UnitPlan, number>();
  const addDepartmentTeam = (dept: { unit: UnitPlan; template: DepartmentTemplate }): void => {
    const n = teamCursor.get(dept.unit) ?? 0;
    teamCursor.set(dept.unit, n + 1);
    const names = dept.template.teams;
    const name = n < names.length ? names[n] : `${names[n % names.length]} ${DISTRICTS[Math.floor(n / names.length - 1) % DISTRICTS.length]}${n >= names.length * (DISTRICTS.length + 1) ? ` ${n}` : ''}`;
    const kle = rng.sample(dept.template.kle, rng.int(1, 2));
    builder.add({ name, shortName: abbreviate(name), key: 'team', kind: 'team', area: dept.unit.area, parent: dept.unit, from: later(rng, dept.unit.from), kle, staffWeight: 8 });
  };
  const addInstitution = (dept: UnitPlan, template: InstitutionTemplate): void => {
    const inst = builder.add({
      name: builder.institutionName(template),
      shortName: '',
      key: 'institution',
      kind: template.kind,
      typeName: template.typeName,
      area: template.area,
      parent: dept,
      from: later(rng, dept.from),
      kle: template.kle,
      staffWeight: 6,
    });
    inst.shortName = abbreviate(inst.name);
    // A minority of institutions are registered as their own legal unit with a CVR and SE number.
    if (rng.chance(0.15)) {
      inst.cvr = builder.newCvr();
      inst.se = inst.cvr;
    }
    const teamCount = Math.min(template.teams.length, rng.int(employees < 400 ? 1 : 2, template.teams.length));
    for (const teamName of template.teams.slice(0, teamCount)) {
      const team = builder.add({ name: teamName, shortName: abbreviate(teamName), key: 'team', kind: 'team', area: template.area, parent: inst, from: inst.from, kle: rng.sample(template.kle, 1), staffWeight: 10 });
      if (template.subTeams && employees >= 1000 && rng.chance(0.4)) {
        for (const sub of template.subTeams) {
          builder.add({ name: `${teamName}, ${sub.toLowerCase()}`, shortName: abbreviate(`${teamName} ${sub}`), key: 'team', kind: 'team', area: template.area, parent: team, from: team.from, kle: team.kle, staffWeight: 8 });
        }
      }
    }
  };

  // Schools always exist and always have teams, so the tree is at least five levels deep.
  const school = departments.find((d) => d.template.institutions === 'skole')!;
  addInstitution(school.unit, INSTITUTIONS.skole);
  const withTeams = departments.filter((d) => d.template.teams.length > 0);
  if (employees < 400) {
    // Small samples stay small, but keep enough department teams for the re-organisation to move and close.
    for (let i = 0; i < 4; i++) addDepartmentTeam(rng.pick(withTeams));
  } else {
    for (const d of withTeams) if (rng.chance(0.7)) addDepartmentTeam(d);
  }

  const institutionWeights = withInstitutions.map((d) => INSTITUTIONS[d.template.institutions!].weight);
  while (builder.units.length < target) {
    if (withInstitutions.length > 0 && rng.chance(0.55)) {
      const dept = rng.weighted(withInstitutions, institutionWeights);
      addInstitution(dept.unit, INSTITUTIONS[dept.template.institutions!]);
    } else {
      addDepartmentTeam(rng.pick(departments));
    }
  }

  reorganise(rng, builder, departments, reorganisationDate);
  return { units: builder.units, root, municipalityCvr: builder.municipalityCvr, reorganisationDate };
}

/**
 * Renames departments, moves teams between departments of the same forvaltning, creates a new
 * department with teams and closes a few teams whose staff move to the new ones.
 */
function reorganise(rng: Random, builder: TreeBuilder, departments: Array<{ unit: UnitPlan; template: DepartmentTemplate }>, date: IsoDate): void {
  const units = builder.units;
  for (const d of departments) if (d.template.renamedTo) d.unit.change = { name: d.template.renamedTo };

  const departmentTeams = units.filter((u) => u.kind === 'team' && u.parent?.kind === 'afdeling' && u.children.length === 0);
  const scale = Math.max(2, Math.round(units.length * 0.012));

  // Moves stay within the forvaltning, as a re-organisation usually reshuffles one area at a time.
  let moved = 0;
  for (const team of rng.sample(departmentTeams, departmentTeams.length)) {
    if (moved >= scale) break;
    const siblings = departments.filter((d) => d.unit.directorate === team.directorate && d.unit !== team.parent);
    if (siblings.length === 0) continue;
    team.change = { parent: rng.pick(siblings).unit, ...(rng.chance(0.5) ? { name: `${team.name} og ${rng.pick(TEAM_RENAMES)}` } : {}) };
    moved++;
  }

  const home = departments[0].unit.directorate!;
  const center = builder.add({
    name: 'Center for Sammenhængende Indsatser',
    shortName: 'CSI',
    key: 'afdeling',
    kind: 'afdeling',
    area: 'social',
    parent: home,
    from: date,
    kle: ['27.24', '28.10', '17.21'],
    staffWeight: 4,
  });
  center.createdInReorganisation = true;
  const created: UnitPlan[] = [];
  const newTeams = ['Tværfagligt Team', 'Tidlig Indsats', 'Overgange', 'Koordination', 'Netværk og Familie'];
  for (let i = 0; i < Math.max(1, scale - 1); i++) {
    const name = i < newTeams.length ? newTeams[i] : `${newTeams[i % newTeams.length]} ${DISTRICTS[Math.floor(i / newTeams.length - 1) % DISTRICTS.length]}`;
    const team = builder.add({ name, shortName: abbreviate(name), key: 'team', kind: 'team', area: 'social', parent: center, from: date, kle: ['27.24', '28.10'], staffWeight: 8 });
    team.createdInReorganisation = true;
    created.push(team);
  }

  // Teams from the new centre's own forvaltning close first, as their staff fit its new teams best.
  const closable = rng.sample(
    departmentTeams.filter((u) => u.change === null),
    departmentTeams.length,
  ).sort((a, b) => Number(b.directorate === home) - Number(a.directorate === home));
  let closed = 0;
  for (const team of closable) {
    if (closed >= scale) break;
    team.closedTo = addDays(date, -1);
    team.successor = created[closed % created.length];
    closed++;
  }
}

interface NewUnit {
  name: string;
  shortName: string;
  key: OrgUnitTypeKey;
  kind: UnitKind;
  typeName?: string;
  area: Area;
  parent: UnitPlan | null;
  from: IsoDate;
  kle: string[];
  staffWeight: number;
}

class TreeBuilder {
  readonly units: UnitPlan[] = [];
  readonly municipalityCvr: string;
  private readonly emails = new Set<string>();
  private readonly places: string[];
  private readonly placeUse = new Map<InstitutionKind, number>();
  private readonly cvrs = new Set<string>();
  private readonly eanBase: number;
  private readonly pBase: number;
  private readonly seBase: number;
  private readonly opusBase: number;
  private readonly costBase: number;
  private readonly phoneBase: number;

  constructor(private readonly rng: Random) {
    this.municipalityCvr = this.newCvr();
    this.places = rng.sample(PLACE_NAMES, PLACE_NAMES.length);
    this.eanBase = rng.int(100_000, 600_000) * 10;
    // P-numbers are issued from 1000000000 upwards.
    this.pBase = rng.int(10_000_000, 30_000_000) * 100;
    this.seBase = rng.int(20_000_000, 29_000_000);
    this.opusBase = rng.int(100, 400) * 100;
    this.costBase = rng.int(10, 40) * 10_000;
    this.phoneBase = rng.int(8700, 8790) * 10_000;
  }

  newCvr(): string {
    for (;;) {
      const cvr = makeCvr(String(this.rng.int(1_000_000, 9_999_999)));
      if (!this.cvrs.has(cvr)) {
        this.cvrs.add(cvr);
        return cvr;
      }
    }
  }

  institutionName(template: InstitutionTemplate): string {
    const n = this.placeUse.get(template.kind) ?? 0;
    this.placeUse.set(template.kind, n + 1);
    const place = this.places[n % this.places.length];
    const round = Math.floor(n / this.places.length);
    const pattern = template.namePatterns[(n + round) % template.namePatterns.length];
    return pattern.replace('{}', place) + (round > 0 ? ` ${round + 1}` : '');
  }

  add(spec: NewUnit): UnitPlan {
    const rng = this.rng;
    const index = this.units.length;
    const [zipCode, city] = rng.pick(UNIT_POSTAL_DISTRICTS);
    const parent = spec.parent;
    const unit: UnitPlan = {
      index,
      id: rng.uuid(),
      // Spaced numbers with a random offset look like real Opus numbers and stay unique.
      opusId: String(this.opusBase + index * 3 + rng.int(0, 2)),
      name: spec.name,
      shortName: spec.shortName,
      key: spec.key,
      typeName: spec.typeName ?? TYPE_NAMES[spec.key as Exclude<OrgUnitTypeKey, 'institution'>],
      kind: spec.kind,
      area: spec.area,
      level: parent ? parent.level + 1 : 1,
      parent,
      directorate: spec.key === 'forvaltning' ? null : (parent?.directorate ?? null),
      children: [],
      from: spec.from,
      closedTo: null,
      createdInReorganisation: false,
      change: null,
      successor: null,
      staffWeight: spec.staffWeight,
      kle: spec.kle,
      costCenter: String(this.costBase + index * 7 + rng.int(0, 6)),
      street: `${rng.pick(UNIT_STREET_NAMES)} ${rng.int(1, 120)}`,
      zipCode,
      city,
      phone: String(this.phoneBase + index * 3 + rng.int(0, 2)),
      email: '',
      darId: rng.uuid(),
      ean: makeEan('5798' + String(this.eanBase + index).padStart(8, '0')),
      pNumber: String(this.pBase + index * 13 + rng.int(0, 12)),
      se: parent?.se ?? '',
      cvr: null,
    };
    if (spec.key === 'forvaltning') {
      unit.directorate = unit;
      unit.se = String(this.seBase + index);
    }
    unit.email = this.uniqueEmail(unit.name, unit.opusId);
    parent?.children.push(unit);
    this.units.push(unit);
    return unit;
  }

  private uniqueEmail(name: string, opusId: string): string {
    const slug = asciiSlug(name);
    const email = this.emails.has(slug) ? `${slug}-${opusId}` : slug;
    this.emails.add(email);
    return `${email}@eksempel.dk`;
  }
}

function later(rng: Random, notBefore: IsoDate): IsoDate {
  const d = rng.pick(LATER_FOUNDINGS);
  return d < notBefore ? notBefore : d;
}

export function asciiSlug(s: string): string {
  return s
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

function abbreviate(name: string): string {
  const words = name.split(/[\s,-]+/).filter((w) => w.length > 0 && !['og', 'for', 'i', 'med'].includes(w.toLowerCase()));
  if (words.length === 1) return words[0].length <= 12 ? words[0] : `${words[0].slice(0, 8)}.`;
  return words.map((w) => (/^\d+$/.test(w) ? w : w[0].toUpperCase())).join('');
}

// ---------------------------------------------------------------- to the model

/** The unit as FK ORG holds it: one version before the re-organisation and one after when it changed. */
export function toOrgUnit(u: UnitPlan, date: IsoDate, classes: SampleClasses = new SampleClasses()): OrgUnit {
  const unitType = classes.unitType(u.key, u.typeName);
  const first: OrgUnitVersion = { from: u.from, to: u.closedTo, name: u.name, shortName: u.shortName, parentId: u.parent?.id ?? null, unitType };
  const versions = [first];
  if (u.change) {
    first.to = addDays(date, -1);
    versions.push({
      from: date,
      to: null,
      name: u.change.name ?? u.name,
      shortName: u.change.name ? abbreviate(u.change.name) : u.shortName,
      parentId: (u.change.parent ?? u.parent)?.id ?? null,
      unitType,
    });
  }
  const addresses: OrgAddress[] = [
    { type: 'Postadresse', value: `${u.street}, ${u.zipCode} ${u.city}`, darId: u.darId },
    { type: 'Email', value: u.email },
    { type: 'Telefon', value: u.phone },
    { type: 'EAN', value: u.ean },
    { type: 'P-nummer', value: u.pNumber },
    { type: 'SE', value: u.se },
  ];
  if (u.cvr) addresses.push({ type: 'CVR', value: u.cvr });
  return { id: u.id, opusId: u.opusId, versions, addresses, kle: u.kle.map((k) => classes.kle(k)), costCenter: u.costCenter };
}

/** The parent on a date, following a move in the re-organisation. */
export function parentOn(u: UnitPlan, date: IsoDate, reorganisationDate: IsoDate): UnitPlan | null {
  return u.change?.parent && date >= reorganisationDate ? u.change.parent : u.parent;
}
