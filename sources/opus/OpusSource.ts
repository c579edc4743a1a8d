// What the subgraphs may ask of KMD Opus, in domain terms. `OpusHttpClient` implements it over the
// real JSON gateway protocol; the wire names (Medarbejdernummer, VirkningFilter, ...) stay inside
// `wire.ts` of this folder.
import type { Communication, Employment, IsoDate, OneOffPayment, OpusOrgUnit, Period, PersonData } from '../model.js';
import type { OpusCoverage } from './coverage.js';

/** The areas (områder) of Dataservice Medarbejderoplysninger, by their Opus names. */
export const OPUS_AREAS = [
  'Persondata',
  'Adresse',
  'Kommunikation',
  'Kontraktindhold',
  'Arbejdstid',
  'Arbejdsfunktion',
  'Aktiviteter',
  'Tilslutninger',
  'Tjenesteplansindplacering',
  'Moedetidsplaner',
  'Organisation',
  'FravaerNaervaer',
  'Feriesaldo',
  'Loenindplacering',
  'FasteTillaegFradrag',
  'Pensionsordninger',
  'Skattedata',
] as const;
export type OpusArea = (typeof OPUS_AREAS)[number];

/**
 * Which Employment fields each area fills (`employmentNumber` is always there). Adresse fills
 * `person.address` of the person Persondata fills, and is read only together with it (wireAreasFor).
 */
export const AREA_FIELDS: Record<OpusArea, ReadonlyArray<keyof Employment>> = {
  Persondata: ['person'],
  Adresse: ['person'],
  Kommunikation: ['communication'],
  Kontraktindhold: ['contract', 'userId'],
  Arbejdstid: ['workingTime'],
  Arbejdsfunktion: ['jobFunction'],
  Aktiviteter: ['activities'],
  Tilslutninger: ['affiliations'],
  Tjenesteplansindplacering: ['dutyPlanPlacement'],
  Moedetidsplaner: ['schedules'],
  Organisation: ['placements'],
  FravaerNaervaer: ['absences'],
  Feriesaldo: ['vacationBalances'],
  Loenindplacering: ['salaryPlacement'],
  FasteTillaegFradrag: ['fixedPayItems'],
  Pensionsordninger: ['pensions'],
  Skattedata: ['tax'],
};

/** A person as read: Persondata, with the home address only when Adresse was read too. */
export type PersonRead = Omit<PersonData, 'address'> & { address?: PersonData['address'] };

/** An employment with only the requested areas filled in. */
export type EmploymentAreas = Pick<Employment, 'employmentNumber'> & Partial<Omit<Employment, 'person'>> & { person?: PersonRead };

/** Whether `e` holds what `area` fills: for Adresse, the address on its person. */
export function hasArea(e: EmploymentAreas, area: OpusArea): boolean {
  if (area === 'Adresse') return e.person?.address !== undefined;
  return AREA_FIELDS[area].every((f) => e[f] !== undefined);
}

export interface EmploymentFilter {
  /** Employments placed in any of these Opus org units on `activeOn`. */
  orgUnitOpusIds?: string[];
  /** Employments active (between start and end) on this date. */
  activeOn?: IsoDate;
  /**
   * Employments active on at least one day of this period; with `orgUnitOpusIds`, placed in one of
   * those units on such a day. For questions about a period, where one date would miss whoever
   * started, left or moved in between.
   */
  activeDuring?: { from: IsoDate; to: IsoDate };
  /** As the source registered it at this instant (ISO date-time); only a source whose coverage has registration time. */
  registeredAt?: string;
}

/** A one-off payment line as submitted to Engangsydelser (update). */
export interface OneOffPaymentLine {
  startDate: IsoDate;
  /** Lønart, 4 digits. */
  wageType: string;
  sequence: string;
  sequenceNumber?: string;
  quantity: number;
  costCenter?: string;
  pspElement?: string;
  sendingSystem: string;
  remark?: string;
}

export interface OneOffPaymentUpdate {
  employmentNumber: string;
  /** OpdateringsID: a UUID; the client sends it upper case without hyphens. */
  updateId: string;
  validateOnly: boolean;
  payments: OneOffPaymentLine[];
}

/**
 * One line of a faste tillæg/fradrag update ("Personoplysninger og faste tillæg"): add an item, or
 * stop one. An item is named the way Medarbejderoplysninger's FasteTillaegFradrag area shows it: by
 * lønart and start date (the area carries no id of its own).
 */
export type FixedPayItemLine =
  | {
      action: 'add';
      kind: 'supplement' | 'deduction';
      /** Lønart, 4 digits. */
      wageType: string;
      from: IsoDate;
      /** Null: open-ended. */
      to: IsoDate | null;
      /** Månedsbeløb in DKK, positive for supplements and deductions alike (as the read side shows it). */
      monthlyAmount: number;
      sequenceNumber: string;
      sendingSystem: string;
    }
  | {
      action: 'stop';
      wageType: string;
      /** The start date of the item to stop. */
      from: IsoDate;
      /** Its new end date (last day it is paid or withheld). */
      to: IsoDate;
      sequenceNumber: string;
      sendingSystem: string;
    };

export interface FixedPayItemUpdate {
  employmentNumber: string;
  /** OpdateringsID: a UUID; the client sends it upper case without hyphens. */
  updateId: string;
  validateOnly: boolean;
  items: FixedPayItemLine[];
}

/**
 * Persondata and Adresse as a caller may change them ("Personoplysninger og faste tillæg", its
 * personal-data half): a field left out keeps Opus's value. Not the CPR number (an identity) nor
 * navne- og adressebeskyttelse (Opus has it from CPR). Country as the read side shows it ("Danmark").
 */
export type PersonalDataChanges = Partial<Pick<PersonData, 'firstName' | 'lastName'> & Omit<PersonData['address'], 'protected'>>;

export interface PersonalDataUpdate {
  /** Any employment of the person; Opus changes the person, so every employment of the CPR number shows it. */
  employmentNumber: string;
  /** OpdateringsID: a UUID; the client sends it upper case without hyphens. */
  updateId: string;
  validateOnly: boolean;
  changes: PersonalDataChanges;
}

export interface OpusMessage {
  code: string;
  type: 'E' | 'W' | 'I' | 'S';
  text: string;
}

export interface OneOffPaymentResult {
  updateId: string;
  timestamp: string;
  /** Opus header status; messages of type E mean nothing was stored. */
  status: string;
  accepted: boolean;
  messages: OpusMessage[];
}

export interface OpusSource {
  /** The most employments one multi-employee call may carry. DataLoaders use it as their batch size. */
  readonly maxBatchSize: number;
  /** What the source carries (coverage.ts); absent: all of Medarbejderoplysninger, current registration only (the Dataservice). */
  readonly coverage?: OpusCoverage;
  /**
   * Medarbejderoplysninger for many employments in as few calls as the batch limit allows. Unknown numbers are absent.
   * `registeredAt`: as registered at that instant; only when `coverage.registrationTime`.
   */
  readEmployments(numbers: readonly string[], areas: readonly OpusArea[], virkning?: Period, registeredAt?: string): Promise<Map<string, EmploymentAreas>>;
  /** Employment numbers in ascending order after `after`, for cursor pagination. */
  listEmployments(filter: EmploymentFilter, after: string | null, limit: number): Promise<{ numbers: string[]; hasMore: boolean }>;
  /** Employment numbers per CPR, for many CPR numbers in one call. */
  findEmploymentsByCpr(cprs: readonly string[], registeredAt?: string): Promise<Map<string, string[]>>;
  /** Writes Kommunikation and returns what Opus stored. */
  updateCommunication(employmentNumber: string, communication: Communication, updateId: string): Promise<Communication>;
  readOneOffPayments(employmentNumber: string, period: Period): Promise<OneOffPayment[]>;
  updateOneOffPayments(update: OneOffPaymentUpdate): Promise<OneOffPaymentResult>;
  /** Adds or stops faste tillæg/fradrag, all lines or none; Opus's verdict, rejections included (same shape as Engangsydelser). */
  updateFixedPayItems(update: FixedPayItemUpdate): Promise<OneOffPaymentResult>;
  /** Changes a person's Persondata/Adresse, all fields or none; Opus's verdict, rejections included (same shape as Engangsydelser). */
  updatePersonalData(update: PersonalDataUpdate): Promise<OneOffPaymentResult>;
  /** Opus's own organisation tree (for absence statistics by unit). */
  readOrgUnits(): Promise<OpusOrgUnit[]>;
}
