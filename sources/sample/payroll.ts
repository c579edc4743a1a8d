// Payroll areas of an employment: salary placement (with the odd raise), fixed supplements and
// deductions, pension, tax card and one-off payments.
import type { FixedPayItem, IsoDate, OneOffPayment, PensionScheme, SalaryPlacement, TaxData } from '../model.js';
import { AGREEMENTS, DEDUCTIONS, MANAGER_SUPPLEMENT, ONE_OFF_WAGE_TYPES, SUPPLEMENTS, jobIdOf, oneOffAmount, type AgreementKey } from './catalogue.js';
import { addDays, dayOf, isoOf } from '../days.js';
import type { Random } from './random.js';

export interface PayrollContext {
  employmentNumber: string;
  start: IsoDate;
  end: IsoDate | null;
  today: IsoDate;
  agreement: AgreementKey;
  steps: [number, number];
  position: string;
  positionId: string;
  isManager: boolean;
  hourly: boolean;
  /** A person's second and third employments are taxed on the secondary card. */
  secondaryCard: boolean;
  unionMember: boolean;
}

export interface Payroll {
  salaryPlacement: SalaryPlacement[];
  fixedPayItems: FixedPayItem[];
  pensions: PensionScheme[];
  tax: TaxData[];
  oneOffPayments: OneOffPayment[];
}

/** Shared across employments so Opus object ids are unique in the municipality. */
export interface ObjectIdCounter {
  next: number;
}

export function generatePayroll(rng: Random, ctx: PayrollContext, objectIds: ObjectIdCounter): Payroll {
  return {
    salaryPlacement: salaryPlacement(rng, ctx),
    fixedPayItems: fixedPayItems(rng, ctx),
    pensions: pensions(rng, ctx),
    tax: tax(rng, ctx),
    oneOffPayments: oneOffPayments(rng, ctx, objectIds),
  };
}

/** Roughly the 2026 municipal pay scale: about 10,000 DKK a year per step above a base. */
function salaryOf(step: number, rng: Random): number {
  const raw = 262_000 + step * 10_300 + rng.normal(0, 4_000);
  return Math.round(Math.min(800_000, Math.max(300_000, raw)) * 100) / 100;
}

function salaryPlacement(rng: Random, ctx: PayrollContext): SalaryPlacement[] {
  const agreement = AGREEMENTS[ctx.agreement];
  // One løngruppe per stilling, so a løngruppe has one text (jobIdOf's digits start with the agreement's).
  const payGroup = agreement.payGroup === ctx.positionId.slice(0, 2) ? jobIdOf(ctx.positionId) : `${agreement.payGroup}${ctx.positionId.slice(4, 6)}`;
  const scale = ctx.isManager ? 'Lederløn' : ctx.hourly ? 'Timeløn' : 'Basisløn';
  const step = rng.int(ctx.steps[0], ctx.steps[1]);
  const first: SalaryPlacement = { from: ctx.start, to: ctx.end, payGroup, payGroupText: ctx.position, step, scale, annualBaseSalary: salaryOf(step, rng) };
  // Raises take effect on 1 April (the usual date for local pay negotiations) within the last two years.
  const raiseYear = Number(ctx.today.slice(0, 4)) - rng.int(0, 1);
  const raise = `${raiseYear}-04-01`;
  if (rng.chance(0.3) && raise > ctx.start && raise <= ctx.today && (ctx.end === null || raise <= ctx.end) && step < 50) {
    first.to = addDays(raise, -1);
    const next = Math.min(50, step + rng.int(1, 3));
    return [first, { ...first, from: raise, to: ctx.end, step: next, annualBaseSalary: Math.max(first.annualBaseSalary, salaryOf(next, rng)) }];
  }
  return [first];
}

function fixedPayItems(rng: Random, ctx: PayrollContext): FixedPayItem[] {
  const items: FixedPayItem[] = [];
  const item = (t: { wageType: string; name: string; min: number; max: number }, kind: FixedPayItem['kind'], from: IsoDate): FixedPayItem => ({
    from,
    to: ctx.end,
    wageType: t.wageType,
    name: t.name,
    kind,
    monthlyAmount: Math.round(rng.int(t.min * 100, t.max * 100)) / 100,
  });
  if (ctx.isManager) items.push(item(MANAGER_SUPPLEMENT, 'supplement', ctx.start));
  if (!ctx.hourly) {
    for (const t of rng.sample(SUPPLEMENTS, rng.weighted([0, 1, 2], [55, 33, 12]))) items.push(item(t, 'supplement', laterStart(rng, ctx)));
  }
  if (ctx.unionMember && rng.chance(0.35)) items.push(item(DEDUCTIONS[0], 'deduction', ctx.start));
  for (const t of DEDUCTIONS.slice(1)) if (rng.chance(0.2)) items.push(item(t, 'deduction', laterStart(rng, ctx)));
  return items;
}

function pensions(rng: Random, ctx: PayrollContext): PensionScheme[] {
  const p = AGREEMENTS[ctx.agreement].pension;
  // Of the total contribution the employee pays one third, the employer two thirds.
  const employeePercent = Math.round((p.total / 3) * 100) / 100;
  const employerPercent = Math.round((p.total - employeePercent) * 100) / 100;
  // Hourly staff only join the scheme after a qualifying period.
  const from = ctx.hourly ? addDays(ctx.start, 120) : ctx.start;
  if (ctx.end !== null && from > ctx.end) return [];
  const schemes: PensionScheme[] = [{ from, to: ctx.end, provider: p.provider, schemeCode: p.schemeCode, employeePercent, employerPercent }];
  if (rng.chance(0.03) && !ctx.hourly) {
    schemes.push({ from: laterStart(rng, ctx), to: ctx.end, provider: 'AP Pension', schemeCode: 'AP-FRI', employeePercent: rng.int(1, 5), employerPercent: 0 });
  }
  return schemes;
}

function tax(rng: Random, ctx: PayrollContext): TaxData[] {
  const year = Number(ctx.today.slice(0, 4));
  const cardType: TaxData['cardType'] = ctx.secondaryCard ? 'secondary' : rng.chance(0.01) ? 'free' : 'main';
  const rate = cardType === 'secondary' ? rng.int(38, 40) : rng.int(36, 40);
  const monthlyDeduction = cardType === 'main' ? rng.int(3_200, 5_800) : 0;
  const result: TaxData[] = [];
  if (ctx.start < `${year}-01-01` && (ctx.end === null || ctx.end >= `${year - 1}-01-01`)) {
    result.push({ year: year - 1, cardType, withholdingRate: rate, monthlyDeduction: Math.max(0, monthlyDeduction - (cardType === 'main' ? rng.int(0, 150) : 0)) });
  }
  if (ctx.end === null || ctx.end >= `${year}-01-01`) result.push({ year, cardType, withholdingRate: rate, monthlyDeduction });
  return result;
}

function oneOffPayments(rng: Random, ctx: PayrollContext, objectIds: ObjectIdCounter): OneOffPayment[] {
  if (!rng.chance(ctx.hourly ? 0.6 : 0.2)) return [];
  const lo = Math.max(dayOf(ctx.start), dayOf(ctx.today) - 365);
  const hi = Math.min(ctx.end === null ? dayOf(ctx.today) : dayOf(ctx.end), dayOf(ctx.today));
  if (lo > hi) return [];
  const payments: OneOffPayment[] = [];
  const count = rng.int(1, 4);
  for (let i = 0; i < count; i++) {
    const t = rng.pick(ONE_OFF_WAGE_TYPES);
    const quantity = t.unit === 'hours' ? rng.int(2, 30) / 2 : t.unit === 'km' ? rng.int(10, 400) : rng.int(1, 4);
    // Opus pays one-off amounts with the monthly payroll, dated the first of the month.
    const startDate = isoOf(rng.int(lo, hi)).slice(0, 8) + '01';
    payments.push({
      startDate: startDate < ctx.start ? ctx.start : startDate,
      objectId: String(objectIds.next++),
      wageType: t.wageType,
      sequence: String(i + 1).padStart(3, '0'),
      amount: oneOffAmount(t.rate, quantity),
      quantity,
    });
  }
  return payments.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
}

/** A date on or after the employment's start, within its first years, for items added later. */
function laterStart(rng: Random, ctx: PayrollContext): IsoDate {
  const startDay = dayOf(ctx.start);
  const limit = Math.min(ctx.end === null ? dayOf(ctx.today) : dayOf(ctx.end), startDay + 3 * 365);
  if (limit <= startDay || rng.chance(0.5)) return ctx.start;
  const first = isoOf(rng.int(startDay, limit)).slice(0, 8) + '01';
  return first < ctx.start ? ctx.start : first;
}
