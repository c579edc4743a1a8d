// The records of the Opus "Individuelt dataudtræk" as the file holds them: field names are the XML
// element names, so a reader of this code can hold it next to KMD's file description. Translating to
// the domain model (model.ts) is the consumer's business; the extract carries less than the domain
// (one placement, one working time, no history), so it cannot round-trip into an Employment.
//
// Every optional value is `null` when its element is absent or empty. Dates are `YYYY-MM-DD`; the
// "open end" date 9999-12-31 that Opus writes is read as `null`.
import type { IsoDate } from '../../model.js';

export interface ExtractOrgUnit {
  id: string;
  /** Kommunekode (Opus ClientID). */
  client: string;
  lastChanged: IsoDate | null;
  startDate: IsoDate | null;
  endDate: IsoDate | null;
  parentOrgUnit: string | null;
  shortName: string | null;
  longName: string | null;
  street: string | null;
  zipCode: string | null;
  city: string | null;
  phoneNumber: string | null;
  cvrNr: string | null;
  eanNr: string | null;
  seNr: string | null;
  pNr: string | null;
  costCenter: string | null;
  orgType: string | null;
  orgTypeTxt: string | null;
  /** Child elements the reader has no field for, by element name; only with `keepUnknownElements`, and only when any. */
  extra?: Record<string, string>;
}

export interface ExtractEmployee {
  /** Medarbejdernummer: one record per employment, not per person. */
  id: string;
  client: string;
  lastChanged: IsoDate | null;
  /** `leave`: the employment has ended (fratrådt). */
  action: 'leave' | null;
  entryDate: IsoDate | null;
  leaveDate: IsoDate | null;
  cpr: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Street address; `null` when protected and the reader was not asked to disclose it. */
  address: string | null;
  /** Navne- og adressebeskyttelse, marked in the file as `<address protected="true">`. */
  protectedAddress: boolean;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  workPhone: string | null;
  email: string | null;
  workContract: string | null;
  workContractText: string | null;
  positionId: string | null;
  position: string | null;
  positionShort: string | null;
  jobId: string | null;
  job: string | null;
  /** Absent element reads as `false`. */
  isManager: boolean;
  superiorLevel: string | null;
  subordinateLevel: string | null;
  /** Opus id of the org unit the employment is placed in. */
  orgUnit: string | null;
  userId: string | null;
  payGradeText: string | null;
  /** Working time as numerator/denominator of full time. */
  numerator: number | null;
  denominator: number | null;
  initialEntry: IsoDate | null;
  entryIntoGroup: IsoDate | null;
  /** Child elements the reader has no field for, by element name; only with `keepUnknownElements`, and only when any. */
  extra?: Record<string, string>;
}

/** `line` is where the record's element starts, for error messages and duplicate checks. */
export type ExtractRecord =
  | { kind: 'orgUnit'; orgUnit: ExtractOrgUnit; line: number }
  | { kind: 'employee'; employee: ExtractEmployee; line: number };

/** Child elements of `<orgUnit>`, in file order. */
export const ORG_UNIT_ELEMENTS = [
  'startDate',
  'endDate',
  'parentOrgUnit',
  'shortName',
  'longName',
  'street',
  'zipCode',
  'city',
  'phoneNumber',
  'cvrNr',
  'eanNr',
  'seNr',
  'pNr',
  'costCenter',
  'orgType',
  'orgTypeTxt',
] as const satisfies readonly (keyof ExtractOrgUnit)[];

/** Child elements of `<employee>`, in file order. */
export const EMPLOYEE_ELEMENTS = [
  'entryDate',
  'leaveDate',
  'cpr',
  'firstName',
  'lastName',
  'address',
  'postalCode',
  'city',
  'country',
  'workPhone',
  'email',
  'workContract',
  'workContractText',
  'positionId',
  'position',
  'positionShort',
  'jobId',
  'job',
  'isManager',
  'superiorLevel',
  'subordinateLevel',
  'orgUnit',
  'userId',
  'payGradeText',
  'numerator',
  'denominator',
  'initialEntry',
  'entryIntoGroup',
] as const satisfies readonly (keyof ExtractEmployee)[];

export const DATE_ELEMENTS: ReadonlySet<string> = new Set(['startDate', 'endDate', 'entryDate', 'leaveDate', 'initialEntry', 'entryIntoGroup']);
export const NUMBER_ELEMENTS: ReadonlySet<string> = new Set(['numerator', 'denominator']);

/** Opus writes open-ended periods with this end date. */
export const OPEN_END_DATE = '9999-12-31';
