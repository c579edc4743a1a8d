// Payroll reads through the gateway: salary placement, fixed supplements and deductions, pensions and
// tax cards of every employment of one person, each Opus area read once per plan step; tax only with
// payroll:tax and audited; one-off payments one call per employment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../gateway/stack.js';
import type { Employment, Period } from '../../sources/model.js';
import { effective, versionOn } from '../../subgraphs/shared/dates.js';
import { ALL_SCOPES } from '../../platform/auth/scopes.js';
import { codes, post } from '../support/http.js';
import { testStack } from '../support/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await testStack({ employees: 300 });
});
afterAll(() => stack?.close());

const PAYROLL_AREAS = ['FasteTillaegFradrag', 'Loenindplacering', 'Pensionsordninger', 'Skattedata'];

const PERSON_PAY = /* GraphQL */ `
  query PersonPay($n: ID!, $asOf: Date) {
    employment(employmentNumber: $n) {
      employee {
        employments {
          employmentNumber
          salaryPlacement(asOf: $asOf) { payGroup payGroupText step scale annualBaseSalary validFrom validTo }
          salaryPlacementHistory { step validFrom validTo }
          fixedPayItems(asOf: $asOf) { kind wageType name monthlyAmount validFrom validTo }
          pensionSchemes(asOf: $asOf) { provider schemeCode employeePercent employerPercent validFrom validTo }
          taxCard(asOf: $asOf) { year cardType withholdingRate monthlyDeduction validFrom validTo }
        }
      }
    }
  }
`;

const PERSON_NAMES = /* GraphQL */ `
  query PersonNames($n: ID!) {
    employment(employmentNumber: $n) { employee { employments { employmentNumber } } }
  }
`;

/** A person with several employments, one of them with a raise, so histories differ between employments. */
function personWithSeveralEmployments(): Employment[] {
  const byPerson = new Map<string, Employment[]>();
  for (const e of stack.municipality.opus.employments) byPerson.set(e.person.cpr, [...(byPerson.get(e.person.cpr) ?? []), e]);
  const people = [...byPerson.values()].filter((l) => l.length > 1);
  const person = people.find((l) => l.some((e) => e.salaryPlacement.length > 1) && l.some((e) => e.tax.length > 0)) ?? people[0];
  expect(person.length).toBeGreaterThan(1);
  return person;
}

const period = <T extends Period>(p: T) => ({ validFrom: p.from, validTo: p.to });
const readCalls = () => stack.sources.opus.calls.filter((c) => c.endpoint === 'read-employee-data');
const payrollReads = () => readCalls().filter((c) => c.areas?.some((a) => PAYROLL_AREAS.includes(a)));

describe('payroll of every employment of one person', () => {
  it('answers salary placement, its history, fixed items, pensions and tax as of a date, from the source data', async () => {
    const person = personWithSeveralEmployments();
    for (const asOf of [stack.municipality.today, '2025-06-15']) {
      const res = await post(stack.url, PERSON_PAY, { n: person[0].employmentNumber, asOf }, await stack.headers());
      expect(res.body.errors).toBeUndefined();
      const got = res.body.data.employment.employee.employments as any[];
      expect(got.map((e) => e.employmentNumber).sort()).toEqual(person.map((e) => e.employmentNumber).sort());
      for (const e of got) {
        const source = person.find((p) => p.employmentNumber === e.employmentNumber)!;
        const placement = versionOn(source.salaryPlacement, asOf);
        expect(e.salaryPlacement).toEqual(
          placement
            ? { payGroup: placement.payGroup, payGroupText: placement.payGroupText, step: placement.step, scale: placement.scale, annualBaseSalary: placement.annualBaseSalary, ...period(placement) }
            : null,
        );
        expect(e.salaryPlacementHistory).toEqual(source.salaryPlacement.map((s) => ({ step: s.step, ...period(s) })));
        expect(e.fixedPayItems).toEqual(
          effective(source.fixedPayItems, { asOf })
            .sort((a, b) => a.from.localeCompare(b.from) || a.wageType.localeCompare(b.wageType))
            .map((f) => ({ kind: f.kind.toUpperCase(), wageType: f.wageType, name: f.name, monthlyAmount: f.monthlyAmount, ...period(f) })),
        );
        expect(e.pensionSchemes).toEqual(
          effective(source.pensions, { asOf }).map((p) => ({ provider: p.provider, schemeCode: p.schemeCode, employeePercent: p.employeePercent, employerPercent: p.employerPercent, ...period(p) })),
        );
        const card = source.tax.find((t) => t.year === Number(asOf.slice(0, 4)));
        const cardType = { main: 'MAIN', secondary: 'SECONDARY', free: 'FREE' } as const;
        expect(e.taxCard).toEqual(
          card ? { year: card.year, cardType: cardType[card.cardType], withholdingRate: card.withholdingRate, monthlyDeduction: card.monthlyDeduction, validFrom: `${card.year}-01-01`, validTo: `${card.year}-12-31` } : null,
        );
      }
      // The sample has salary data for every employment; the comparison above is not vacuous.
      expect(got.every((e) => e.salaryPlacementHistory.length > 0)).toBe(true);
    }
  });

  it('reads all four payroll areas of all the employments in one Medarbejderoplysninger call', async () => {
    const person = personWithSeveralEmployments();
    const headers = await stack.headers();
    stack.sources.opus.resetCalls();
    const without = await post(stack.url, PERSON_NAMES, { n: person[0].employmentNumber }, headers);
    expect(without.body.errors).toBeUndefined();
    const baseline = readCalls().length;

    stack.sources.opus.resetCalls();
    const res = await post(stack.url, PERSON_PAY, { n: person[0].employmentNumber }, headers);
    expect(res.body.errors).toBeUndefined();
    expect(readCalls()).toHaveLength(baseline + 1);
    expect(payrollReads()).toHaveLength(1);
    expect(payrollReads()[0].batchSize).toBe(person.length);
    expect([...payrollReads()[0].areas!].sort()).toEqual(PAYROLL_AREAS);
  });

  it('asks Opus for no payroll area when the query selects no payroll field', async () => {
    const person = personWithSeveralEmployments();
    stack.sources.opus.resetCalls();
    await post(stack.url, PERSON_NAMES, { n: person[0].employmentNumber }, await stack.headers());
    expect(payrollReads()).toHaveLength(0);
  });
});

describe('tax data', () => {
  const TAX = /* GraphQL */ `
    query Tax($n: ID!) { employment(employmentNumber: $n) { employmentNumber salaryPlacement { step } taxCard { year withholdingRate } taxCardHistory { year } } }
  `;
  const taxed = () => stack.municipality.opus.employments.find((e) => e.tax.length === 2 && e.contract.end === null)!;

  it('needs payroll:tax: without it the tax fields are FORBIDDEN nulls, Skattedata is never read, and salary still answers', async () => {
    const e = taxed();
    stack.sources.opus.resetCalls();
    const res = await post(stack.url, TAX, { n: e.employmentNumber }, await stack.headers({ scopes: ALL_SCOPES.filter((s) => s !== 'payroll:tax') }));
    expect(codes(res)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect(res.body.errors!.map((x) => x.path?.at(-1)).sort()).toEqual(['taxCard', 'taxCardHistory']);
    expect(res.body.data.employment).toMatchObject({ taxCard: null, taxCardHistory: null, salaryPlacement: { step: versionOn(e.salaryPlacement, stack.municipality.today)!.step } });
    expect(payrollReads()).toHaveLength(1);
    expect(payrollReads()[0].areas).not.toContain('Skattedata');
  });

  it('is audited as tax, with the employment number, when read', async () => {
    const e = taxed();
    const records = stack.auditRecords!;
    records.length = 0;
    const res = await post(stack.url, TAX, { n: e.employmentNumber }, await stack.headers({ scopes: ['employee:read', 'payroll:tax'], subject: 'loenkonsulent-1' }));
    expect(codes(res)).toEqual(['FORBIDDEN']); // salaryPlacement: no payroll:read in this token
    expect(res.body.data.employment.taxCard).toEqual({ year: 2026, withholdingRate: e.tax[1].withholdingRate });
    expect(res.body.data.employment.taxCardHistory).toEqual(e.tax.map((t) => ({ year: t.year })));
    const tax = records.filter((r) => r.category === 'tax');
    expect(tax.map((r) => r.field).sort()).toEqual(['taxCard', 'taxCardHistory']);
    for (const r of tax) expect(r).toMatchObject({ kind: 'read', subgraph: 'payroll', entityType: 'Employment', subject: 'loenkonsulent-1', entityIds: [e.employmentNumber] });
  });
});

describe('one-off payments (engangsydelser)', () => {
  const PAYMENTS = /* GraphQL */ `
    query Payments($ns: [ID!]!, $from: Date!, $to: Date!) {
      employmentsByNumber(employmentNumbers: $ns) {
        employmentNumber
        recent: oneOffPayments(from: $from) { startDate objectId wageType sequence quantity amount }
        window: oneOffPayments(from: $from, to: $to) { objectId }
      }
    }
  `;

  it('reads each employment once per plan step, whatever periods are asked, and filters by start date', async () => {
    const m = stack.municipality;
    const withPayments = m.opus.employments.filter((e) => e.oneOffPayments.length > 0).slice(0, 12);
    const numbers = [...withPayments, m.opus.employments.find((e) => e.oneOffPayments.length === 0)!].map((e) => e.employmentNumber);
    const from = '2026-01-01';
    const to = '2026-06-30';
    stack.sources.opus.resetCalls();
    const res = await post(stack.url, PAYMENTS, { ns: numbers, from, to }, await stack.headers());
    expect(res.body.errors).toBeUndefined();
    const reads = stack.sources.opus.calls.filter((c) => c.endpoint === 'read-onetime-payments');
    expect(reads).toHaveLength(numbers.length);

    const got = res.body.data.employmentsByNumber as any[];
    let seen = 0;
    for (const e of got) {
      const source = m.opus.employments.find((x) => x.employmentNumber === e.employmentNumber)!.oneOffPayments;
      const recent = source.filter((p) => p.startDate >= from);
      seen += recent.length;
      expect(e.recent.map((p: any) => p.objectId).sort()).toEqual(recent.map((p) => p.objectId).sort());
      for (const p of e.recent) {
        const s = source.find((x) => x.objectId === p.objectId)!;
        expect(p).toEqual({ startDate: s.startDate, objectId: s.objectId, wageType: s.wageType, sequence: s.sequence, quantity: s.quantity, amount: s.amount });
      }
      expect(e.window.map((p: any) => p.objectId).sort()).toEqual(recent.filter((p) => p.startDate <= to).map((p) => p.objectId).sort());
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('refuses a period that ends before it starts', async () => {
    const n = stack.municipality.opus.employments[0].employmentNumber;
    const res = await post(stack.url, PAYMENTS, { ns: [n], from: '2026-06-01', to: '2026-01-01' }, await stack.headers());
    expect(codes(res)).toContain('BAD_USER_INPUT');
  });
});
