// The event rules on single records, for the cases the day-by-day sequence (history.test.ts) does not meet.
import { describe, expect, it } from 'vitest';
import { employmentDecision, orgUnitDecision } from '../../sources/opus/extract/store/changes.js';
import type { ExtractEmployee, ExtractOrgUnit } from '../../sources/opus/extract/types.js';

const DAY = '2025-03-02';

function emp(overrides: Partial<ExtractEmployee> = {}): ExtractEmployee {
  return {
    id: '7', client: '851', lastChanged: null, action: null, entryDate: '2020-01-01', leaveDate: null, cpr: '0101801234',
    firstName: 'A', lastName: 'B', address: 'Vej 1', protectedAddress: false, postalCode: '9000', city: 'Aalborg', country: 'DK',
    workPhone: null, email: null, workContract: null, workContractText: null, positionId: null, position: 'Lærer', positionShort: null,
    jobId: null, job: null, isManager: false, superiorLevel: null, subordinateLevel: null, orgUnit: '10', userId: null,
    payGradeText: null, numerator: 37, denominator: 37, initialEntry: null, entryIntoGroup: null, ...overrides,
  };
}

function unit(overrides: Partial<ExtractOrgUnit> = {}): ExtractOrgUnit {
  return {
    id: '10', client: '851', lastChanged: null, startDate: '2020-01-01', endDate: null, parentOrgUnit: '1', shortName: 'S', longName: 'Skole',
    street: null, zipCode: null, city: null, phoneNumber: null, cvrNr: null, eanNr: null, seNr: null, pNr: null, costCenter: null,
    orgType: null, orgTypeTxt: null, ...overrides,
  };
}

const stored = <T>(status: string, record: T) => ({ status, record: JSON.parse(JSON.stringify(record)) as Record<string, unknown> });

describe('employment rules', () => {
  it('a record first seen as a leaver gives LEFT only', () => {
    const d = employmentDecision(null, emp({ action: 'leave', leaveDate: '2025-02-28' }), DAY);
    expect(d).toEqual({ status: 'left', events: [{ type: 'EMPLOYMENT_LEFT', entity: 'Employment', key: '7', effectiveFrom: '2025-02-28', orgUnits: ['10'], fields: [] }] });
  });

  it('a protection put on an address is a contact change named address', () => {
    const before = stored('active', emp());
    const after = emp({ protectedAddress: true, address: null, postalCode: null, city: null, country: null });
    expect(employmentDecision(before as never, after, DAY).events).toEqual([
      { type: 'EMPLOYMENT_CONTACT_CHANGED', entity: 'Employment', key: '7', effectiveFrom: DAY, orgUnits: ['10'], fields: ['address', 'postalCode', 'city', 'country'] },
    ]);
  });

  it('a leave date announced on an active employment, a cpr correction and unknown elements: a new version, no event', () => {
    const before = stored('active', emp({ extra: { productionNumber: '1' } }));
    const d = employmentDecision(before as never, emp({ leaveDate: '2025-06-30', cpr: '0101801235', extra: { productionNumber: '2', invoiceRecipient: 'x' } }), DAY);
    expect(d).toEqual({ status: 'active', events: [] });
  });

  it('lastChanged alone is no change', () => {
    expect(employmentDecision(stored('active', emp()) as never, emp({ lastChanged: '2025-03-01' }), DAY)).toEqual({ status: null, events: [] });
  });

  it('changes take effect on lastChanged, which may lie ahead', () => {
    const d = employmentDecision(stored('active', emp()) as never, emp({ numerator: 30, lastChanged: '2025-04-01' }), DAY);
    expect(d.events).toMatchObject([{ type: 'EMPLOYMENT_WORKING_TIME_CHANGED', effectiveFrom: '2025-04-01', fields: ['numerator'] }]);
  });
});

describe('org unit rules', () => {
  it('a unit first seen closed is created and closed', () => {
    expect(orgUnitDecision(null, unit({ endDate: '2024-12-31' }), DAY).events.map((e) => [e.type, e.effectiveFrom])).toEqual([
      ['ORG_UNIT_CREATED', '2020-01-01'],
      ['ORG_UNIT_CLOSED', '2024-12-31'],
    ]);
  });

  it('an end date taken away, or an address changed: a new version, no event', () => {
    expect(orgUnitDecision(stored('active', unit({ endDate: '2025-12-31' })) as never, unit(), DAY)).toEqual({ status: 'active', events: [] });
    expect(orgUnitDecision(stored('active', unit()) as never, unit({ street: 'Ny Vej 2' }), DAY)).toEqual({ status: 'active', events: [] });
  });

  it('a unit back after annulment is created again', () => {
    expect(orgUnitDecision(stored('annulled', unit()) as never, unit(), DAY).events.map((e) => e.type)).toEqual(['ORG_UNIT_CREATED']);
  });
});
