// An extract record (the stored `record` jsonb, the file's field names) as the areas of
// Medarbejderoplysninger it can fill. The extract holds one state per employment: the working time
// and placement it gives carry no dates of their own, so they are shown over the contract period
// (entryDate..leaveDate) of the version; how they changed is in the registrations (`registeredAt`).
import type { Communication, Contract, Employment, Period, PersonData, Placement, WorkingTime } from '../../../model.js';
import type { OpusCoverage } from '../../coverage.js';
import type { EmploymentAreas, OpusArea } from '../../OpusSource.js';
import type { ExtractEmployee } from '../types.js';

/** The areas whose every field comes from an `<employee>` element (see docs/employee.md, "Extract mode"). */
export const EXTRACT_COVERAGE: OpusCoverage = {
  mode: 'extract',
  areas: new Set<OpusArea>(['Persondata', 'Adresse', 'Kommunikation', 'Kontraktindhold', 'Arbejdstid', 'Organisation']),
  // Dataservice fields in those areas that no element of the file carries.
  missingFields: new Set(['contract.employmentType', 'contract.agreement', 'workingTime.weeklyHours', 'communication.mobilePhone']),
  registrationTime: true,
};

export type StoredEmployee = Partial<ExtractEmployee> & { id?: string };

const overlaps = (p: Period, v: Period) => (p.to === null || p.to >= v.from) && (v.to === null || v.to >= p.from);

/**
 * Fields of `missingFields` are left out (undefined), never filled: the graph answers them with
 * SOURCE_NOT_AVAILABLE. Hence the casts to the domain types, which have no "absent" for them.
 */
export function employmentFromRecord(employmentNumber: string, r: StoredEmployee, areas: ReadonlySet<OpusArea>, virkning?: Period): EmploymentAreas {
  const e: EmploymentAreas = { employmentNumber };
  const period: Period = { from: r.entryDate ?? '0001-01-01', to: r.leaveDate ?? null };
  const within = <T extends Period>(items: T[]) => (virkning ? items.filter((i) => overlaps(i, virkning)) : items);
  if (areas.has('Persondata') || areas.has('Adresse')) {
    e.person = {
      cpr: r.cpr,
      firstName: r.firstName,
      lastName: r.lastName,
      address: { street: r.address, postalCode: r.postalCode, city: r.city, country: r.country, protected: r.protectedAddress === true },
    } as PersonData;
  }
  if (areas.has('Kommunikation')) e.communication = { workEmail: r.email ?? null, workPhone: r.workPhone ?? null } as Communication;
  if (areas.has('Kontraktindhold')) {
    e.contract = {
      workContract: r.workContract,
      workContractText: r.workContractText,
      start: r.entryDate,
      end: r.leaveDate ?? null,
      positionId: r.positionId,
      position: r.position,
      positionShort: r.positionShort,
      jobId: r.jobId,
      job: r.job,
      isManager: r.isManager === true,
      initialEntry: r.initialEntry,
      entryIntoGroup: r.entryIntoGroup,
    } as Contract;
    e.userId = r.userId ?? null;
  }
  if (areas.has('Arbejdstid')) {
    const known = typeof r.numerator === 'number' && typeof r.denominator === 'number';
    e.workingTime = within(known ? [{ ...period, numerator: r.numerator, denominator: r.denominator } as WorkingTime] : []);
  }
  if (areas.has('Organisation')) e.placements = within<Placement>(r.orgUnit ? [{ ...period, orgUnitOpusId: r.orgUnit }] : []);
  return e as EmploymentAreas & Partial<Employment>;
}
