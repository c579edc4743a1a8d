// The municipality as the sources hold it, in the graph's English domain terms.
// The sample generator produces one `Municipality`; each simulator serves its own part of it over its
// own protocol, and each source client translates its wire format back into these same types. So a
// resolver only ever sees these shapes, whether the data came from a simulator or from production.
//
// Dates are ISO calendar dates (`YYYY-MM-DD`). Every period is `from` inclusive and `to` inclusive,
// `to: null` meaning open-ended, as Danish HR end dates are written (fratrædelsesdato = last day).

export type IsoDate = string;

export interface Period {
  from: IsoDate;
  to: IsoDate | null;
}

// ---------------------------------------------------------------- FK ORG (Organisation SF1500)

export type OrgUnitTypeKey = 'kommune' | 'forvaltning' | 'afdeling' | 'team' | 'institution';

/**
 * A Klasse in Klassifikation that FK ORG data points at (a registreringsmønster: Enhedstype,
 * Funktionstype, KLE task): its UUID, BrugervendtNoegle and Titel. A class the client could not resolve
 * is kept as `{ id, key: id, name: 'unknown' }`, never dropped.
 */
export interface OrgClass {
  id: string;
  key: string;
  name: string;
}

/** One effective-dated version of an org unit's attributes and its place in the tree. */
export interface OrgUnitVersion extends Period {
  name: string;
  shortName: string;
  parentId: string | null;
  /** Enhedstype; `key` is the class's BrugervendtNoegle (the sample uses kommune, forvaltning, afdeling, team, institution). */
  unitType: OrgClass;
}

/** What an address is, from its relation's Rolle (wire.ts ADDRESS_ROLES); 'Ukendt' for a role no table names. */
export type OrgAddressType = 'Postadresse' | 'Email' | 'Telefon' | 'EAN' | 'P-nummer' | 'SE' | 'CVR' | 'Lokation' | 'Ukendt';

export interface OrgAddress {
  type: OrgAddressType;
  value: string;
  /** DAR address UUID, for postal addresses. */
  darId?: string;
  /** The relation's Rolle UUID, when read from FK ORG. */
  roleId?: string;
}

export interface OrgUnit {
  /** FK ORG UUID (lower case). */
  id: string;
  /** BrugervendtNoegle: the Opus org unit number, as synchronised from Opus into FK ORG. */
  opusId: string;
  /** The Organisation the unit belongs to (Tilhoerer); the snapshot's own organisation when not given. */
  organisationId?: string;
  /** Versions sorted by `from`, non-overlapping. A re-organisation closes one version and opens the next. */
  versions: OrgUnitVersion[];
  addresses: OrgAddress[];
  /** The KLE tasks (Opgaver) the unit handles: `key` is the KLE number, `name` its title. */
  kle: OrgClass[];
  costCenter: string;
}

/** Leder and Stilling are the Anvisninger's function types; every other Funktionstype is a role. */
export type OrgFunctionKind = 'Leder' | 'Stilling' | 'role';

/** OrganisationFunktion: a manager (Leder), position (Stilling) or role binding users to units. */
export interface OrgFunction extends Period {
  id: string;
  type: OrgFunctionKind;
  /** The Funktionstype class itself. */
  functionType: OrgClass;
  name: string;
  userIds: string[];
  unitIds: string[];
}

/** Bruger: an IT user belonging to a person. */
export interface OrgUser extends Period {
  id: string;
  /** BrugerNavn / AD account name. */
  userName: string;
  personId: string;
  /** The Opus employment this account was provisioned for. */
  employmentNumber: string | null;
}

/** Person as FK ORG knows it. */
export interface OrgPerson {
  id: string;
  cpr: string;
  name: string;
}

/** Interessefaellesskab: a cross-unit group (network, committee, MED-udvalg). */
export interface InterestGroup extends Period {
  id: string;
  name: string;
  type: string;
  unitIds: string[];
  userIds: string[];
}

export interface ItSystem {
  id: string;
  name: string;
  shortName: string;
  userIds: string[];
}

/** An Organisation object: the municipality itself, or another legal body it administers (a utility). */
export interface Organisation {
  id: string;
  name: string;
  cvr: string;
  /** BrugervendtNoegle; the kommunekode for a municipality. */
  kommunekode: string;
}

export interface OrgSnapshot {
  /** The Organisation object itself (the municipality). */
  organisation: Organisation;
  /** Further Organisation objects the municipality administers in FK ORG; their units name them in `organisationId`. */
  otherOrganisations?: Organisation[];
  units: OrgUnit[];
  functions: OrgFunction[];
  users: OrgUser[];
  persons: OrgPerson[];
  interestGroups: InterestGroup[];
  itSystems: ItSystem[];
  /** The Klassifikation classes the data points at (unit types, function types, KLE), served by the simulator's Klasse service. */
  classes: OrgClass[];
}

// ---------------------------------------------------------------- KMD Opus Personale

export type Gender = 'female' | 'male';

/** Persondata + Adresse. */
export interface PersonData {
  cpr: string;
  firstName: string;
  lastName: string;
  address: {
    street: string;
    postalCode: string;
    city: string;
    country: string;
    /** Navne- og adressebeskyttelse: the address must not be disclosed without the right scope. */
    protected: boolean;
  };
}

/** Kommunikation: callers may update it (update-communication), as Persondata and Adresse (update-personal-data). */
export interface Communication {
  workEmail: string | null;
  workPhone: string | null;
  mobilePhone: string | null;
}

/** Kontraktindhold. */
export interface Contract {
  employmentType: 'permanent' | 'fixedTerm' | 'hourly' | 'trainee';
  /** Opus arbejdskontrakt code and text. */
  workContract: string;
  workContractText: string;
  start: IsoDate;
  end: IsoDate | null;
  positionId: string;
  position: string;
  positionShort: string;
  /** Overenskomst. */
  agreement: { code: string; name: string };
  jobId: string;
  job: string;
  isManager: boolean;
  initialEntry: IsoDate;
  entryIntoGroup: IsoDate;
}

/** Arbejdstid: occupation as a fraction of full time (37 hours). */
export interface WorkingTime extends Period {
  numerator: number;
  denominator: number;
  weeklyHours: number;
}

export interface CodedPeriod extends Period {
  code: string;
  name: string;
}

/** Mødetidsplan: a repeating weekly schedule. */
export interface Schedule extends Period {
  name: string;
  days: Array<{ weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; start: string; end: string }>;
}

/** Organisation area: where the employment sits, effective-dated (moves on re-organisation). */
export interface Placement extends Period {
  orgUnitOpusId: string;
}

export type AbsenceType =
  | 'ferie'
  | 'feriefridage'
  | 'sygdom'
  | 'barnsSygedag'
  | 'barsel'
  | 'orlov'
  | 'omsorgsdage'
  | 'seniordage'
  | 'tjenestefri';

export interface Refusion extends Period {
  type: 'sygedagpenge' | 'barselsdagpenge' | 'forsikring';
  amount: number;
}

export interface Absence extends Period {
  id: string;
  type: AbsenceType;
  /** Hours for a part-day absence (delvis fravær), null for whole days. */
  partDayHours: number | null;
  status: 'approved' | 'requested' | 'rejected';
  refusions: Refusion[];
}

/** Feriesaldo per holiday year (ferieår starting 1 September). */
export interface VacationBalance {
  /** The calendar year the ferieår starts in, alone ("2025") or with the next ("2025/26"). */
  holidayYear: string;
  earnedDays: number;
  usedDays: number;
  transferredDays: number;
}

/** Lønindplacering. */
export interface SalaryPlacement extends Period {
  payGroup: string;
  payGroupText: string;
  step: number;
  scale: string;
  /** Annual base salary in DKK at the placement's 31.03.2000 level adjusted to now. */
  annualBaseSalary: number;
}

/** Faste tillæg og fradrag. */
export interface FixedPayItem extends Period {
  wageType: string;
  name: string;
  kind: 'supplement' | 'deduction';
  monthlyAmount: number;
}

/** Pensionsordning. */
export interface PensionScheme extends Period {
  provider: string;
  schemeCode: string;
  employeePercent: number;
  employerPercent: number;
}

/** Skattedata. */
export interface TaxData {
  year: number;
  cardType: 'main' | 'secondary' | 'free';
  withholdingRate: number;
  monthlyDeduction: number;
}

/** Engangsydelse as stored by Opus. */
export interface OneOffPayment {
  startDate: IsoDate;
  objectId: string;
  wageType: string;
  sequence: string;
  amount: number;
  quantity: number;
}

/** One Opus employment (ansættelse), keyed by medarbejdernummer. All areas of Medarbejderoplysninger. */
export interface Employment {
  employmentNumber: string;
  person: PersonData;
  communication: Communication;
  contract: Contract;
  workingTime: WorkingTime[];
  jobFunction: CodedPeriod[];
  activities: CodedPeriod[];
  affiliations: CodedPeriod[];
  dutyPlanPlacement: CodedPeriod[];
  schedules: Schedule[];
  placements: Placement[];
  absences: Absence[];
  vacationBalances: VacationBalance[];
  salaryPlacement: SalaryPlacement[];
  fixedPayItems: FixedPayItem[];
  pensions: PensionScheme[];
  tax: TaxData[];
  oneOffPayments: OneOffPayment[];
  /** The AD user id Opus holds for the employment. */
  userId: string | null;
}

/** The Opus organisation unit as Opus knows it (dataudtræk orgUnit element). */
export interface OpusOrgUnit extends Period {
  id: string;
  parentId: string | null;
  shortName: string;
  longName: string;
  street: string;
  zipCode: string;
  city: string;
  phoneNumber: string;
  cvrNr: string;
  eanNr: string;
  seNr: string;
  pNr: string;
  costCenter: string;
  orgType: string;
  orgTypeTxt: string;
}

export interface OpusSnapshot {
  kommunekode: string;
  orgUnits: OpusOrgUnit[];
  employments: Employment[];
}

/** The whole sample municipality: both sources' data, consistent with each other. */
export interface Municipality {
  name: string;
  seed: number;
  /** The date the sample is "today"; dates in the data are relative to it. */
  today: IsoDate;
  /** The date of the generated re-organisation (units renamed and moved, employments re-placed). */
  reorganisationDate: IsoDate;
  org: OrgSnapshot;
  opus: OpusSnapshot;
}
