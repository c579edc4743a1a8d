// Endpoints, limits, status values, Meddelelse codes and the constants of the Opus business rules:
// what the client, the simulator and the subgraphs name by the same value.

// ---------------------------------------------------------------- endpoints and limits

export const OPUS_ENDPOINTS = {
  readEmployeeData: 'read-employee-data',
  listEmployees: 'list-employees',
  findEmployeesByCpr: 'find-employees-by-cpr',
  updateCommunication: 'update-communication',
  readOnetimePayments: 'read-onetime-payments',
  updateOnetimePayments: 'update-onetime-payments',
  /** Personoplysninger og faste tillæg: modelled, KMD's contract is not public. */
  updateFixedPayItems: 'update-fixed-pay-items',
  /** Personoplysninger og faste tillæg, its personal-data half: modelled, KMD's contract is not public. */
  updatePersonalData: 'update-personal-data',
  readOrgUnits: 'read-org-units',
} as const;
export type OpusEndpoint = (typeof OPUS_ENDPOINTS)[keyof typeof OPUS_ENDPOINTS];
export const ALL_OPUS_ENDPOINTS: readonly OpusEndpoint[] = Object.values(OPUS_ENDPOINTS);

/** Path below the configured base URL. */
export function endpointPath(endpoint: OpusEndpoint): string {
  return `lpe/${endpoint}`;
}

/** Most employees (or CPR numbers) one multi-employee call may carry. */
export const OPUS_MAX_BATCH_SIZE = 100;
/** Most numbers one list-employees page may return; numbers are cheap, so pages can be larger than batches. */
export const OPUS_MAX_LIST_PAGE = 1000;

/** Header.Status of read endpoints. */
export const READ_STATUS = { ok: '0', notFound: '1', rejected: '2' } as const;
export const NOT_FOUND_TEXT = 'Data ikke fundet.';
/** Header.Status of update endpoints ("Error" is what the real Engangsydelser service sends). */
export const UPDATE_STATUS = { ok: 'OK', error: 'Error' } as const;

/** Opus (SAP) writes an open end date as the last representable day. */
export const OPEN_END_DATE = '9999-12-31';

/**
 * Meddelelse codes. 119, 138, 151 and 167 are the real Engangsydelser codes; the others are this
 * project's own until KMD's list is at hand.
 */
export const MESSAGE_CODES = {
  unknownClient: '100',
  invalidUpdateId: '101',
  invalidWageType: '102',
  invalidStartDate: '103',
  invalidQuantity: '104',
  invalidSequence: '105',
  noPayments: '106',
  unknownEmployee: '110',
  invalidCostCentre: '119',
  employeeLocked: '138',
  invalidPspElement: '151',
  costCentreAndPsp: '167',
  invalidEmail: '201',
  invalidPhone: '202',
  // Faste tillæg/fradrag (update-fixed-pay-items): this project's own codes, like the above.
  noFixedPayItems: '300',
  unknownFixedPayWageType: '301',
  wrongFixedPayKind: '302',
  fixedPayOverlap: '303',
  employmentNotActive: '304',
  endBeforeStart: '305',
  fixedPayItemNotFound: '306',
  invalidMonthlyAmount: '307',
  invalidFixedPayAction: '308',
  invalidEndDate: '309',
  // Personoplysninger (update-personal-data): this project's own codes, like the above.
  noPersonalData: '310',
  invalidName: '311',
  invalidStreet: '312',
  invalidPostalCode: '313',
  invalidCity: '314',
  invalidCountry: '315',
  employmentEnded: '316',
} as const;

/**
 * Longest value Opus takes per Persondata/Adresse element. KMD does not publish them; Opus Personale
 * runs on SAP HCM, whose infotypes hold these fields as Fornavn PA0002-VORNA CHAR 40, Efternavn
 * PA0002-NACHN CHAR 40, Gade PA0006-STRAS CHAR 60, By PA0006-ORT01 CHAR 40 and Postnr PA0006-PSTLZ
 * CHAR 10 (a foreign one; a Danish one is 4 digits): the bounds chosen until KMD's contract says otherwise.
 */
export const PERSONAL_DATA_MAX_LENGTH = { Fornavn: 40, Efternavn: 40, Gade: 60, By: 40, Postnr: 10 } as const;
/**
 * Land as the read side's Adresse.Land shows it: the Danish name (the sample's "Danmark"). Danish
 * postal codes are 4 digits from 1000 (København K) to 9990 (Skagen): the postnumre of Dataforsyningen's
 * register (DAWA /postnumre).
 */
export const DENMARK = 'Danmark';
export const DANISH_POSTAL_CODE = /^[1-9]\d{3}$/;
export function isDanishPostalCode(code: string): boolean {
  return DANISH_POSTAL_CODE.test(code) && Number(code) >= 1000 && Number(code) <= 9990;
}

/** Handling of a faste tillæg/fradrag line (modelled). */
export const FIXED_PAY_ACTIONS = { add: 'Opret', stop: 'Stop' } as const;
/** Art of an added line: the two lists the FasteTillaegFradrag area reads them back in. */
export const FIXED_PAY_KINDS = { supplement: 'Tillaeg', deduction: 'Fradrag' } as const;

/**
 * Ascending Medarbejdernummer order: numerically, by comparing the numbers zero-padded to equal
 * width, so "00123" and "123" sort by value (ties broken by the raw string, to stay a total order).
 */
export function compareEmploymentNumbers(a: string, b: string): number {
  if (a === b) return 0;
  const width = Math.max(a.length, b.length);
  const pa = a.padStart(width, '0');
  const pb = b.padStart(width, '0');
  if (pa !== pb) return pa < pb ? -1 : 1;
  return a < b ? -1 : 1;
}

