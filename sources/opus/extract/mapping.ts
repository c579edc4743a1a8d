// From the domain model to extract records, as Opus would write them on a given day. The extract
// holds one state per record, not history: effective-dated areas contribute the version valid on the
// file date, or the latest one when none is (a future hire's first placement, a leaver's last).
import type { Employment, IsoDate, OpusOrgUnit, OpusSnapshot, Period } from '../../model.js';
import type { ExtractEmployee, ExtractOrgUnit, ExtractRecord } from './types.js';
import { pushTo } from '../../../platform/collections.js';

/** The file date: the extract's UTC calendar date, matching the UTC timestamp in its name. */
export function extractDate(at: Date): IsoDate {
  return at.toISOString().slice(0, 10);
}

export function isValidOn(period: Period, date: IsoDate): boolean {
  return period.from <= date && (period.to === null || period.to >= date);
}

export function validOnOrLatest<T extends Period>(periods: readonly T[], date: IsoDate): T | null {
  let latest: T | null = null;
  for (const p of periods) {
    if (isValidOn(p, date)) return p;
    if (latest === null || p.from > latest.from) latest = p;
  }
  return latest;
}

/**
 * The contract ended on or before the file date: Opus marks it `action="leave"`. The file is produced
 * in the night, so an employment whose last day is the file date is reported as a leaver that day;
 * waiting a day would make systems fed by the file keep access open a day too long.
 */
export function hasLeft(employment: Employment, date: IsoDate): boolean {
  return employment.contract.end !== null && employment.contract.end <= date;
}

/**
 * Org units grouped by id, one version each: the snapshot may hold several versions of a unit
 * (a re-organisation closes one and opens the next), the extract holds one element per unit.
 */
export function orgUnitsOn(snapshot: OpusSnapshot, date: IsoDate): ExtractOrgUnit[] {
  const versions = new Map<string, OpusOrgUnit[]>();
  for (const unit of snapshot.orgUnits) {
    pushTo(versions, unit.id, unit);
  }
  const result: ExtractOrgUnit[] = [];
  for (const list of versions.values()) {
    const unit = validOnOrLatest(list, date)!;
    result.push(toExtractOrgUnit(unit, snapshot.kommunekode, lastChangedOf(list.map((v) => v.from), date)));
  }
  return result;
}

export function toExtractOrgUnit(unit: OpusOrgUnit, client: string, lastChanged: IsoDate | null): ExtractOrgUnit {
  return {
    id: unit.id,
    client,
    lastChanged,
    startDate: unit.from,
    endDate: unit.to,
    parentOrgUnit: text(unit.parentId),
    shortName: text(unit.shortName),
    longName: text(unit.longName),
    street: text(unit.street),
    zipCode: text(unit.zipCode),
    city: text(unit.city),
    phoneNumber: text(unit.phoneNumber),
    cvrNr: text(unit.cvrNr),
    eanNr: text(unit.eanNr),
    seNr: text(unit.seNr),
    pNr: text(unit.pNr),
    costCenter: text(unit.costCenter),
    orgType: text(unit.orgType),
    orgTypeTxt: text(unit.orgTypeTxt),
  };
}

export function toExtractEmployee(employment: Employment, client: string, date: IsoDate): ExtractEmployee {
  const { person, communication, contract } = employment;
  const placement = validOnOrLatest(employment.placements, date);
  const workingTime = validOnOrLatest(employment.workingTime, date);
  const salary = validOnOrLatest(employment.salaryPlacement, date);
  const changes = [contract.start, ...[placement, workingTime, salary].flatMap((p) => (p ? [p.from] : []))];
  if (contract.end !== null) changes.push(contract.end);
  return {
    id: employment.employmentNumber,
    client,
    lastChanged: lastChangedOf(changes, date),
    action: hasLeft(employment, date) ? 'leave' : null,
    entryDate: contract.start,
    leaveDate: contract.end,
    cpr: text(person.cpr),
    firstName: text(person.firstName),
    lastName: text(person.lastName),
    address: text(person.address.street),
    protectedAddress: person.address.protected,
    postalCode: text(person.address.postalCode),
    city: text(person.address.city),
    country: text(person.address.country),
    workPhone: text(communication.workPhone),
    email: text(communication.workEmail),
    workContract: text(contract.workContract),
    workContractText: text(contract.workContractText),
    positionId: text(contract.positionId),
    position: text(contract.position),
    positionShort: text(contract.positionShort),
    jobId: text(contract.jobId),
    job: text(contract.job),
    isManager: contract.isManager,
    // The domain model has no manager levels; Opus leaves them empty for most employments too.
    superiorLevel: null,
    subordinateLevel: null,
    orgUnit: placement ? text(placement.orgUnitOpusId) : null,
    userId: text(employment.userId),
    payGradeText: salary ? text(salary.payGroupText) : null,
    numerator: workingTime ? workingTime.numerator : null,
    denominator: workingTime ? workingTime.denominator : null,
    initialEntry: text(contract.initialEntry),
    entryIntoGroup: text(contract.entryIntoGroup),
  };
}

/** The record as the reader yields it, without a line: for comparing a written file with its source. */
export function extractRecordFromEmployment(employment: Employment, client: string, date: IsoDate): Omit<Extract<ExtractRecord, { kind: 'employee' }>, 'line'> {
  return { kind: 'employee', employee: toExtractEmployee(employment, client, date) };
}

/**
 * The latest change on or before the file date, approximated by the effective dates the record
 * shows: Opus stamps registration time, which the domain model does not keep. A record with only
 * future dates (a future hire) was registered by the file date at the latest.
 */
function lastChangedOf(dates: readonly IsoDate[], fileDate: IsoDate): IsoDate {
  let last: IsoDate | null = null;
  for (const d of dates) if (d <= fileDate && (last === null || d > last)) last = d;
  return last ?? fileDate;
}

/** The file cannot tell an empty element from an absent one, so empty strings are written as absent. */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}
