// The FK ORG side of the sample: persons, users, manager and position functions, interest groups
// and IT systems, all derived from the employments so that both sources describe the same people.
import type { InterestGroup, IsoDate, ItSystem, OrgFunction, OrgPerson, OrgSnapshot, OrgUser } from '../model.js';
import { SampleClasses } from './classes.js';
import { IT_SYSTEMS } from './catalogue.js';
import type { EmploymentPlan } from './employments.js';
import { toOrgUnit, type OrgTree, type UnitPlan } from './orgTree.js';
import type { PersonPlan } from './persons.js';
import { Random } from './random.js';

const MED_FROM = '2019-01-01';

export function buildOrgSnapshot(rng: Random, tree: OrgTree, plans: EmploymentPlan[], today: IsoDate, kommunekode: string): OrgSnapshot {
  const personIds = new Map<PersonPlan, OrgPerson>();
  const persons: OrgPerson[] = [];
  const users: OrgUser[] = [];
  const functions: OrgFunction[] = [];
  const userOf = new Map<EmploymentPlan, OrgUser>();
  const classes = new SampleClasses();
  const stilling = classes.functionType('Stilling');
  const leder = classes.functionType('Leder');

  for (const plan of plans) {
    let person = personIds.get(plan.person);
    if (!person) {
      person = { id: rng.uuid(), cpr: plan.person.data.cpr, name: `${plan.person.data.firstName} ${plan.person.data.lastName}` };
      personIds.set(plan.person, person);
      persons.push(person);
    }
    const e = plan.employment;
    let user: OrgUser | undefined;
    if (e.userId !== null) {
      user = { id: rng.uuid(), userName: e.userId, personId: person.id, employmentNumber: e.employmentNumber, from: e.contract.start, to: e.contract.end };
      users.push(user);
      userOf.set(plan, user);
    }
    const userIds = user ? [user.id] : [];
    // One Stilling per unit the employment has sat in; a re-versioned placement in the same unit is one.
    let last: OrgFunction | null = null;
    for (const p of plan.placedIn) {
      if (last && last.unitIds[0] === p.unit.id) {
        last.to = p.to;
        continue;
      }
      last = { id: rng.uuid(), type: 'Stilling', functionType: stilling, name: e.contract.position, userIds, unitIds: [p.unit.id], from: p.from, to: p.to };
      functions.push(last);
    }
    if (plan.manages) {
      const unit = plan.manages;
      functions.push({
        id: rng.uuid(),
        type: 'Leder',
        functionType: leder,
        name: e.contract.position,
        userIds,
        unitIds: [unit.id],
        from: e.contract.start > unit.from ? e.contract.start : unit.from,
        to: unit.closedTo,
      });
    }
  }

  // Roles draw from a stream of their own (seeded from the root's id), so the rest of the sample stays as it was.
  functions.push(...roles(new Random(parseInt(tree.root.id.slice(0, 8), 16)), plans, userOf, classes));
  const units = tree.units.map((u) => toOrgUnit(u, tree.reorganisationDate, classes));
  return {
    organisation: { id: tree.root.id, name: tree.root.name, cvr: tree.municipalityCvr, kommunekode },
    units,
    functions,
    users,
    persons,
    interestGroups: interestGroups(rng, tree, plans, userOf, today),
    itSystems: itSystems(rng, plans, userOf, today),
    classes: classes.all(),
  };
}

// Union representatives hold a role in FK ORG besides their position: the municipality's own
// Funktionstype classes, as roles are in production.
const ROLE_ACTIVITIES: Record<string, string> = { TR: 'Tillidsrepræsentant', AMR: 'Arbejdsmiljørepræsentant' };

/** Role functions for TR/AMR activities. */
function roles(rng: Random, plans: EmploymentPlan[], userOf: Map<EmploymentPlan, OrgUser>, classes: SampleClasses): OrgFunction[] {
  const out: OrgFunction[] = [];
  for (const plan of plans) {
    const user = userOf.get(plan);
    if (!user) continue;
    for (const a of plan.employment.activities) {
      const role = ROLE_ACTIVITIES[a.code];
      if (!role) continue;
      // The unit the employment sat in when the role began.
      const unit = plan.placedIn.find((p) => p.from <= a.from && (p.to === null || p.to >= a.from))?.unit ?? plan.placedIn[plan.placedIn.length - 1].unit;
      out.push({
        id: rng.uuid(),
        type: 'role',
        functionType: classes.functionType(role),
        name: role,
        userIds: [user.id],
        unitIds: [unit.id],
        from: a.from,
        to: a.to,
      });
    }
  }
  return out;
}
function activeOn(plan: EmploymentPlan, date: IsoDate): boolean {
  const c = plan.employment.contract;
  return c.start <= date && (c.end === null || c.end >= date);
}

function interestGroups(rng: Random, tree: OrgTree, plans: EmploymentPlan[], userOf: Map<EmploymentPlan, OrgUser>, today: IsoDate): InterestGroup[] {
  const active = plans.filter((p) => activeOn(p, today) && userOf.has(p));
  const ids = (list: EmploymentPlan[]): string[] => list.map((p) => userOf.get(p)!.id);
  const managers = active.filter((p) => p.manages !== null);
  const directorateOf = (p: EmploymentPlan): UnitPlan | null => p.placedIn[p.placedIn.length - 1].unit.directorate;
  const withActivity = (code: string): EmploymentPlan[] => active.filter((p) => p.employment.activities.some((a) => a.code === code));
  const group = (name: string, type: string, unitIds: string[], members: EmploymentPlan[], from = MED_FROM): InterestGroup => ({
    id: rng.uuid(),
    name,
    type,
    unitIds,
    userIds: ids(members),
    from,
    to: null,
  });

  const representatives = [...withActivity('TR'), ...withActivity('AMR')];
  const topManagers = managers.filter((p) => p.manages!.key === 'kommune' || p.manages!.key === 'forvaltning');
  const groups: InterestGroup[] = [group('Hoved-MED', 'MED-udvalg', [tree.root.id], [...topManagers, ...rng.sample(representatives, 8)])];
  for (const dir of tree.units.filter((u) => u.key === 'forvaltning')) {
    const inside = (p: EmploymentPlan): boolean => directorateOf(p) === dir;
    const members = [...managers.filter(inside).slice(0, 12), ...rng.sample(representatives.filter(inside), 8)];
    groups.push(group(`Område-MED ${dir.name}`, 'MED-udvalg', [dir.id], members));
  }
  groups.push(group('Ledernetværket', 'Netværk', [tree.root.id], managers));
  groups.push(group('Netværk for arbejdsmiljørepræsentanter', 'Netværk', [], withActivity('AMR'), '2021-03-01'));
  groups.push(group('Netværk for tillidsrepræsentanter', 'Netværk', [], withActivity('TR'), '2021-03-01'));
  const digital = tree.units.filter((u) => u.area === 'admin' && u.key !== 'kommune').slice(0, 6);
  groups.push(group('Digitaliseringsnetværket', 'Netværk', digital.map((u) => u.id), rng.sample(active.filter((p) => p.job.area === 'admin'), 25), '2023-01-01'));
  return groups;
}

function itSystems(rng: Random, plans: EmploymentPlan[], userOf: Map<EmploymentPlan, OrgUser>, today: IsoDate): ItSystem[] {
  const opus: string[] = [];
  const sbsys: string[] = [];
  const aula: string[] = [];
  for (const p of plans) {
    const user = userOf.get(p);
    if (!user || !activeOn(p, today)) continue;
    const area = p.job.area;
    const unitName = p.placedIn[p.placedIn.length - 1].unit.name;
    // Managers approve absence and pay in Opus; HR and payroll staff work in it daily.
    if (p.manages !== null || unitName === 'HR og Løn' || unitName === 'Lønservice') opus.push(user.id);
    if (area === 'admin' || area === 'social' || area === 'technical') {
      if (rng.chance(0.8)) sbsys.push(user.id);
    }
    if (area === 'school' || area === 'daycare') aula.push(user.id);
  }
  const byName = { 'KMD Opus': opus, SBSYS: sbsys, Aula: aula } as const;
  return IT_SYSTEMS.map((s) => ({ id: rng.uuid(), name: s.name, shortName: s.shortName, userIds: byName[s.name] }));
}
