// Employments (ansættelser): where and when a person works, on what terms, and the areas Opus keeps
// for it. Dates are drawn so that every placement falls inside its unit's lifetime, and employments
// in units closed or moved by the re-organisation are re-placed from the re-organisation date.
import type { CodedPeriod, Communication, Contract, Employment, IsoDate, Placement, Schedule, WorkingTime } from '../model.js';
import { generateAbsences } from './absences.js';
import { AGREEMENTS, JOBS, MANAGER_JOBS, WORK_CONTRACTS, jobIdOf, type AgreementKey, type Job } from './catalogue.js';
import { addDays, addYears, dayOf, isoOf } from '../days.js';
import type { UnitPlan } from './orgTree.js';
import { generatePayroll, type ObjectIdCounter } from './payroll.js';
import type { PersonPlan } from './persons.js';
import type { Random } from './random.js';

export interface EmploymentPlan {
  employment: Employment;
  person: PersonPlan;
  /** The unit the employment is managed from, when it is a manager's. */
  manages: UnitPlan | null;
  /** Placements with their units, for building FK ORG functions. */
  placedIn: Array<{ from: IsoDate; to: IsoDate | null; unit: UnitPlan }>;
  job: { position: string; area: UnitPlan['area'] };
}

const JOB_WEIGHTS = Object.fromEntries(Object.entries(JOBS).map(([area, jobs]) => [area, jobs.map((j) => j.weight)])) as Record<keyof typeof JOBS, number[]>;
const LEADER_FUNCTION = { code: 'LED', name: 'Ledelse' };
const MOBILE_PREFIXES = ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '30', '31', '40', '41', '42', '50', '51', '52', '53', '60', '61', '71', '81', '91', '93'];
const PART_TIME_NUMERATORS = [25, 28, 30, 32, 32, 34, 35];
const ROTA_PLANS = [
  { code: 'D', name: 'Dagvagt', start: 7 * 60 },
  { code: 'A', name: 'Aftenvagt', start: 15 * 60 },
  { code: 'N', name: 'Nattevagt', start: 23 * 60 },
  { code: 'RUL', name: 'Rulleplan dag/aften', start: 7 * 60 },
];

/** Which of a person's employments a staff employment is (see EmploymentFactory.staff). */
export interface StaffRole {
  role: 'primary' | 'second' | 'former';
  /** For `former`: the primary employment's start, which it ends before. */
  before?: IsoDate;
  /** For `former`: whether it may become a second job when it cannot fit before. */
  secondAllowed?: boolean;
}

/** A second job's weekly hours: small, beside a main job. */
const SECOND_JOB_HOURS = [8, 10, 12, 15];

export class EmploymentFactory {
  private readonly staffable: UnitPlan[];
  private readonly cumulative: number[];
  private readonly userIds = new Set<string>();
  private readonly todayDay: number;
  private readonly reorgDay: number;
  readonly objectIds: ObjectIdCounter = { next: 40_000_001 };

  constructor(
    private readonly rng: Random,
    units: UnitPlan[],
    private readonly root: UnitPlan,
    private readonly today: IsoDate,
    private readonly reorganisationDate: IsoDate,
  ) {
    this.staffable = units.filter((u) => u.staffWeight > 0);
    this.cumulative = [];
    let sum = 0;
    for (const u of this.staffable) this.cumulative.push((sum += u.staffWeight));
    this.todayDay = dayOf(today);
    this.reorgDay = dayOf(reorganisationDate);
  }

  /**
   * A staff employment in a unit picked by staff weight: a person's `primary` one; a `second` job beside
   * it (hourly or part-time, at most 15 hours a week, never a trainee's); or a `former` one that ended
   * before the primary one began (`before`). A former one that cannot fit before it becomes a second
   * job when `secondAllowed`, else it is drawn as late as it can be and ends the day before.
   */
  staff(employmentNumber: string, person: PersonPlan, role: StaffRole): EmploymentPlan {
    const rng = this.rng;
    const adultDay = dayOf(addYears(person.birthDate, 18));
    const beforeDay = role.before === undefined ? Infinity : dayOf(role.before);
    let kind = role.role;
    // A former employment lasts at least 90 days and ends before the primary one starts.
    const latestStart = (upper: number): number => (kind === 'former' ? Math.min(upper, beforeDay - 92) : upper);
    let unit = this.root;
    let lower = 0;
    let upper = 0;
    let found = false;
    for (let attempt = 0; attempt < 6 && !found; attempt++) {
      const candidate = attempt < 5 ? this.pickUnit() : this.root;
      const [lo, hi] = this.startBounds(candidate, adultDay);
      if (lo <= latestStart(hi)) {
        [unit, lower, upper, found] = [candidate, lo, latestStart(hi), true];
      }
    }
    if (!found && kind === 'former' && role.secondAllowed) {
      kind = 'second';
      [lower, upper] = this.startBounds(this.root, adultDay);
    } else if (!found) {
      [lower, upper] = this.startBounds(this.root, adultDay);
      if (kind === 'former') upper = lower = Math.max(adultDay, beforeDay - 92);
    }
    const jobs = kind === 'second' ? JOBS[unit.area].filter((j) => !j.position.startsWith('Elev')) : JOBS[unit.area];
    const job = kind === 'second' ? rng.weighted(jobs, jobs.map((j) => j.weight)) : rng.weighted(JOBS[unit.area], JOB_WEIGHTS[unit.area]);
    const trainee = job.position.startsWith('Elev');
    const hourly = !trainee && rng.chance(kind === 'second' ? 0.6 : 0.04);
    const fixedTerm = !trainee && !hourly && kind !== 'second' && rng.chance(0.06);
    if ((fixedTerm || trainee) && kind === 'primary') lower = Math.max(lower, Math.min(upper, this.todayDay - 730));

    let startDay = upper - Math.floor((upper - lower) * rng.next() ** 1.6);
    // Most Danish employments start on the first of a month.
    const firstOfMonth = dayOf(isoOf(startDay).slice(0, 8) + '01');
    if (rng.chance(0.7) && firstOfMonth >= lower) startDay = firstOfMonth;
    const start = isoOf(startDay);

    let end: IsoDate | null = null;
    if (trainee) end = addDays(addYears(start, 2), -1);
    else if (fixedTerm) end = isoOf(dayOf(start) + rng.int(6, 24) * 30 - 1);
    else if (kind === 'former') end = isoOf(rng.int(Math.min(startDay + 90, beforeDay - 1), beforeDay - 1));
    else if (rng.chance(0.05) && startDay + 90 < this.todayDay - 1) end = isoOf(rng.int(startDay + 90, this.todayDay - 1));
    if (kind === 'former' && end !== null && dayOf(end) >= beforeDay) end = isoOf(beforeDay - 1);
    const employmentType: Contract['employmentType'] = trainee ? 'trainee' : hourly ? 'hourly' : fixedTerm ? 'fixedTerm' : 'permanent';
    return this.build({ employmentNumber, person, unit, job, start, end, employmentType, manager: null, secondary: kind === 'second' });
  }

  /** The manager of `unit`, in post on today. */
  manager(employmentNumber: string, person: PersonPlan, unit: UnitPlan): EmploymentPlan {
    const rng = this.rng;
    const m = MANAGER_JOBS[unit.kind];
    const job: Job = {
      positionId: m.positionId,
      position: m.position,
      positionShort: m.positionShort,
      jobId: jobIdOf(m.positionId),
      agreement: 'leder',
      weight: 1,
      steps: m.steps,
      function: LEADER_FUNCTION,
      activity: LEADER_FUNCTION,
      shift: 'day',
      partTime: 0,
    };
    let start: IsoDate;
    if (unit.createdInReorganisation) start = this.reorganisationDate;
    else {
      const lower = Math.max(dayOf(unit.from), dayOf(addYears(person.birthDate, 28)));
      const upper = this.todayDay - 60;
      start = isoOf(lower >= upper ? upper : dayOf(isoOf(upper - Math.floor((upper - lower) * rng.next() ** 1.3)).slice(0, 8) + '01'));
      if (start < unit.from) start = unit.from;
    }
    return this.build({ employmentNumber, person, unit, job, start, end: null, employmentType: 'permanent', manager: unit, secondary: false });
  }

  private pickUnit(): UnitPlan {
    const total = this.cumulative[this.cumulative.length - 1];
    const r = this.rng.next() * total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    return this.staffable[lo];
  }

  /** The range a start date in `unit` may be drawn from: inside the unit's life and adult working life. */
  private startBounds(unit: UnitPlan, adultDay: number): [number, number] {
    let lower = Math.max(dayOf(unit.from), adultDay);
    if (unit.createdInReorganisation) lower = Math.max(lower, this.reorgDay);
    const upper = unit.closedTo !== null ? this.reorgDay - 30 : this.todayDay - 14;
    // Most staff were hired within the last 25 years, even in units that are older.
    return [Math.max(lower, Math.min(upper, this.todayDay - 25 * 365)), upper];
  }

  private placements(unit: UnitPlan, start: IsoDate, end: IsoDate | null): Array<{ from: IsoDate; to: IsoDate | null; unit: UnitPlan }> {
    const reorg = this.reorganisationDate;
    const crosses = start < reorg && (end === null || end >= reorg);
    if (unit.closedTo !== null && crosses && unit.successor) {
      return [
        { from: start, to: unit.closedTo, unit },
        { from: reorg, to: end, unit: unit.successor },
      ];
    }
    // Opus re-versions the placement when the unit moves in the hierarchy, though the unit number stays.
    if (unit.change?.parent && crosses) {
      return [
        { from: start, to: addDays(reorg, -1), unit },
        { from: reorg, to: end, unit },
      ];
    }
    return [{ from: start, to: end, unit }];
  }

  private build(spec: {
    employmentNumber: string;
    person: PersonPlan;
    unit: UnitPlan;
    job: Job;
    start: IsoDate;
    end: IsoDate | null;
    employmentType: Contract['employmentType'];
    manager: UnitPlan | null;
    secondary: boolean;
  }): EmploymentPlan {
    const rng = this.rng;
    const { employmentNumber, person, unit, job, start, end, employmentType } = spec;
    const agreement = AGREEMENTS[job.agreement as AgreementKey];
    const hourly = employmentType === 'hourly';
    const isManager = spec.manager !== null;

    const adult = addYears(person.birthDate, 18);
    let initialEntry = start;
    if (rng.chance(0.35)) {
      const earliest = Math.max(dayOf(adult), dayOf(start) - 15 * 365);
      if (earliest < dayOf(start)) initialEntry = isoOf(rng.int(earliest, dayOf(start)));
    }
    const entryIntoGroup = initialEntry === start || rng.chance(0.5) ? start : isoOf(rng.int(dayOf(initialEntry), dayOf(start)));
    const workContract = isManager ? WORK_CONTRACTS.manager : WORK_CONTRACTS[employmentType];
    const contract: Contract = {
      employmentType,
      workContract: workContract.code,
      workContractText: workContract.text,
      start,
      end,
      positionId: job.positionId,
      position: job.position,
      positionShort: job.positionShort,
      agreement: { code: agreement.code, name: agreement.name },
      jobId: job.jobId,
      job: job.position,
      isManager,
      initialEntry,
      entryIntoGroup,
    };

    const workingTime = this.workingTime(job, start, end, hourly, isManager, spec.secondary);
    const placedIn = this.placements(unit, start, end);
    const placements: Placement[] = placedIn.map((p) => ({ from: p.from, to: p.to, orgUnitOpusId: p.unit.opusId }));
    const period = { from: start, to: end };
    const unionMember = rng.chance(0.78);
    const dutyPlan = job.shift === 'rota' ? rng.pick(ROTA_PLANS) : job.shift === 'school' ? { code: 'SKO', name: 'Skoleårsplan', start: 7 * 60 + 45 } : { code: 'DAG', name: 'Dagarbejde', start: 8 * 60 };

    const activities: CodedPeriod[] = [{ ...period, code: job.activity.code, name: job.activity.name }];
    for (const [code, name, p] of [['TR', 'Tillidsrepræsentant', 0.03], ['AMR', 'Arbejdsmiljørepræsentant', 0.04]] as const) {
      if (!isManager && !hourly && rng.chance(p)) activities.push({ from: this.laterDate(start, end), to: end, code, name });
    }
    const pensionFrom = hourly ? addDays(start, 120) : start;
    // One code per ATP sats: A-sats for the monthly paid, the hour-based satser for the hourly paid.
    const affiliations: CodedPeriod[] = [{ ...period, ...(hourly ? { code: 'ATPT', name: 'ATP, timelønnede' } : { code: 'ATPA', name: 'ATP, A-sats' }) }];
    if (unionMember) affiliations.push({ from: rng.chance(0.8) ? start : this.laterDate(start, end), to: end, code: `FAG${agreement.code}`, name: agreement.union });
    if (end === null || pensionFrom <= end) affiliations.push({ from: pensionFrom, to: end, code: `PEN${agreement.pension.schemeCode}`, name: agreement.pension.provider });

    const payroll = generatePayroll(
      rng,
      {
        employmentNumber,
        start,
        end,
        today: this.today,
        agreement: job.agreement as AgreementKey,
        steps: job.steps,
        position: job.position,
        positionId: job.positionId,
        isManager,
        hourly,
        secondaryCard: spec.secondary,
        unionMember,
      },
      this.objectIds,
    );
    const { absences, vacationBalances } = generateAbsences(rng, {
      employmentNumber,
      start,
      end,
      today: this.today,
      gender: person.gender,
      age: person.age,
      weeklyHours: workingTime[workingTime.length - 1].weeklyHours,
    });

    const employment: Employment = {
      employmentNumber,
      person: person.data,
      communication: this.communication(person, hourly),
      contract,
      workingTime,
      jobFunction: [{ ...period, code: job.function.code, name: job.function.name }],
      activities,
      affiliations,
      dutyPlanPlacement: [{ ...period, code: dutyPlan.code, name: dutyPlan.name }],
      schedules: workingTime.map((w) => schedule(rng, w, job.shift, dutyPlan)),
      placements,
      absences,
      vacationBalances,
      ...payroll,
      userId: hourly && rng.chance(0.4) ? null : this.userId(person),
    };
    return { employment, person, manages: spec.manager, placedIn, job: { position: job.position, area: unit.area } };
  }

  private workingTime(job: Job, start: IsoDate, end: IsoDate | null, hourly: boolean, manager: boolean, second: boolean): WorkingTime[] {
    const rng = this.rng;
    const hours = (): number => (hourly || second ? rng.pick(SECOND_JOB_HOURS) : manager || !rng.chance(job.partTime) ? 37 : rng.pick(PART_TIME_NUMERATORS));
    const numerator = hours();
    const periodOf = (from: IsoDate, to: IsoDate | null, n: number): WorkingTime => ({ from, to, numerator: n, denominator: 37, weeklyHours: n });
    const lastDay = Math.min(end === null ? this.todayDay : dayOf(end), this.todayDay) - 30;
    const firstChange = dayOf(start) + 365;
    if (!hourly && firstChange < lastDay && rng.chance(0.12)) {
      const change = isoOf(rng.int(firstChange, lastDay)).slice(0, 8) + '01';
      const next = hours();
      if (next !== numerator && change > start) return [periodOf(start, addDays(change, -1), numerator), periodOf(change, end, next)];
    }
    return [periodOf(start, end, numerator)];
  }

  private communication(person: PersonPlan, hourly: boolean): Communication {
    const rng = this.rng;
    return {
      workEmail: hourly && rng.chance(0.3) ? null : `${person.initials}@eksempel.dk`,
      workPhone: rng.chance(hourly ? 0.3 : 0.9) ? `87${rng.digits(6)}` : null,
      mobilePhone: rng.chance(0.4) ? `${rng.pick(MOBILE_PREFIXES)}${rng.digits(6)}` : null,
    };
  }

  /** AD user names: three letters from the initials and three digits, unique in the municipality. */
  private userId(person: PersonPlan): string {
    const letters = (person.initials.replace(/[^a-z]/g, '') + 'xxx').slice(0, 3);
    for (let i = 0; ; i++) {
      const candidate = i < 50 ? `${letters}${this.rng.int(100, 999)}` : `${letters}${1000 + i}`;
      if (!this.userIds.has(candidate)) {
        this.userIds.add(candidate);
        return candidate;
      }
    }
  }

  private laterDate(start: IsoDate, end: IsoDate | null): IsoDate {
    const hi = Math.min(end === null ? this.todayDay : dayOf(end), this.todayDay);
    const lo = dayOf(start);
    return hi > lo ? isoOf(this.rng.int(lo, hi)) : start;
  }
}

function schedule(rng: Random, w: WorkingTime, shift: Job['shift'], plan: { code: string; name: string; start: number }): Schedule {
  const rota = shift === 'rota';
  const dayCount = rota ? Math.min(7, Math.max(2, Math.ceil(w.weeklyHours / 8))) : Math.min(5, Math.max(1, Math.ceil(w.weeklyHours / 7.4)));
  const weekdays: Array<1 | 2 | 3 | 4 | 5 | 6 | 7> = rota
    ? rng.pick([
        [1, 2, 3, 4, 5, 6, 7],
        [1, 3, 5, 6, 7],
        [2, 3, 4, 6, 7],
        [1, 2, 4, 5, 6],
      ] as Array<Array<1 | 2 | 3 | 4 | 5 | 6 | 7>>).slice(0, dayCount)
    : ([1, 2, 3, 4, 5] as Array<1 | 2 | 3 | 4 | 5>).slice(0, dayCount);
  const minutes = Math.round((w.weeklyHours * 60) / weekdays.length);
  return {
    from: w.from,
    to: w.to,
    name: `${plan.name}, ${formatHours(w.weeklyHours)} t/uge`,
    days: weekdays.map((weekday) => ({ weekday, start: clock(plan.start), end: clock(plan.start + minutes) })),
  };
}

function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function formatHours(h: number): string {
  return String(h).replace('.', ',');
}
