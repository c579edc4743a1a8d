// What the subgraphs may ask of FK ORG (Organisation SF1500 v6), in domain terms. `FkOrgSoapClient`
// implements it over SOAP 1.2; the wire names (OrganisationEnhed, Virkning, ...) stay in this folder.
import type { InterestGroup, ItSystem, OrgAddressType, OrgClass, OrgFunction, OrgFunctionKind, Organisation, OrgPerson, OrgUnit, OrgUser } from '../model.js';

/** A unit as `list` on OrganisationEnhed returns it: its Adresse relations not yet resolved. */
export interface OrgUnitRecord extends Omit<OrgUnit, 'addresses'> {
  /** The Adresse objects related to the unit, in FK ORG's order (Indeks), with the kind each relation's Rolle gives. */
  addressRefs: Array<{ id: string; type: OrgAddressType; roleId: string | null }>;
}

/**
 * A unit as `list` on OrganisationEnhed returns it, read without its Adresser and Opgaver (KLE)
 * relations: its names, types, parents and versions. Those two relations are most of a unit's XML
 * (about two thirds in the sample), and most queries select neither.
 */
export type OrgUnitCore = Omit<OrgUnitRecord, 'addressRefs' | 'kle'>;

/** An Adresse object: its text and BrugervendtNoegle (for a postal address, its DAR address UUID). */
export interface OrgAddressObject {
  id: string;
  value: string;
  key?: string;
}

/**
 * What one walk through `fremsoegobjekthierarki` tells about the whole organisation: every unit, and
 * the functions (Leder, Stilling, roles), interest groups and IT systems with the units and users they
 * relate to, and the Organisation objects. Its users (Brugere) are skipped, as nothing here needs them.
 * Limited to the configured organisations (FKORG_ORGANISATION_UUID) when there are any.
 */
export interface OrgHierarchySnapshot {
  organisations: Organisation[];
  units: OrgUnitRecord[];
  functions: OrgFunction[];
  interestGroups: InterestGroup[];
  itSystems: ItSystem[];
}

export interface UnitCriteria {
  /** Substring match on EnhedNavn (case-insensitive), as soeg does with wildcards. */
  name?: string;
  /** BrugervendtNoegle: the Opus org unit number. */
  opusId?: string;
  parentId?: string;
  unitTypeKey?: string;
  kle?: string;
}

export interface FunctionCriteria {
  /** The Funktionstype's key (BrugervendtNoegle): Leder, Stilling or a role's. */
  type?: string;
  unitId?: string;
  userId?: string;
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page (FoersteResultatReference), null at the end. */
  next: number | null;
}

/** The OrgSource methods that `list` objects by UUID: the ones that batch, cache per key and merge. */
export const ORG_READS_BY_ID = ['units', 'unitRecords', 'unitCores', 'addresses', 'functions', 'users', 'persons', 'interestGroups', 'itSystems', 'classes'] as const;
export type OrgReadById = (typeof ORG_READS_BY_ID)[number];

/** One of those methods, as any of them is called. */
export type OrgListRead = (ids: readonly string[]) => Promise<Map<string, unknown>>;

/** `wrap(name, read)` for each read by UUID: the part of an OrgSource decorator they share. */
export function mapReadsById(inner: OrgSource, wrap: (name: OrgReadById, read: OrgListRead) => OrgListRead): Pick<OrgSource, OrgReadById> {
  const reads = inner as unknown as Record<OrgReadById, OrgListRead>;
  return Object.fromEntries(ORG_READS_BY_ID.map((name) => [name, wrap(name, (ids) => reads[name](ids))])) as unknown as Pick<OrgSource, OrgReadById>;
}

export interface OrgSource {
  /** The most UUIDs one `list` call may carry. DataLoaders use it as their batch size. */
  readonly maxBatchSize: number;
  /** `list` on OrganisationEnhed (addresses resolved with one `list` on Adresse). Unknown ids are absent. */
  units(ids: readonly string[]): Promise<Map<string, OrgUnit>>;
  /** `list` on OrganisationEnhed alone: the units with the ids of their Adresse objects. */
  unitRecords(ids: readonly string[]): Promise<Map<string, OrgUnitRecord>>;
  /** The same `list` on OrganisationEnhed, its Adresser and Opgaver passed over unparsed. */
  unitCores(ids: readonly string[]): Promise<Map<string, OrgUnitCore>>;
  /** `list` on Adresse. */
  addresses(ids: readonly string[]): Promise<Map<string, OrgAddressObject>>;
  /** `soeg` on OrganisationEnhed: matching UUIDs, paged. */
  findUnits(criteria: UnitCriteria, offset: number, limit: number): Promise<Page<string>>;
  functions(ids: readonly string[]): Promise<Map<string, OrgFunction>>;
  findFunctions(criteria: FunctionCriteria, offset: number, limit: number): Promise<Page<string>>;
  users(ids: readonly string[]): Promise<Map<string, OrgUser>>;
  persons(ids: readonly string[]): Promise<Map<string, OrgPerson>>;
  /** `soeg` on Person by CPR-NummerTekst: the Person objects with the number (normally one). */
  findPersons(criteria: { cpr: string }, offset: number, limit: number): Promise<Page<string>>;
  /** `soeg` on Bruger by TilknyttedePersoner: the person's users. */
  findUsers(criteria: { personId: string }, offset: number, limit: number): Promise<Page<string>>;
  interestGroups(ids: readonly string[]): Promise<Map<string, InterestGroup>>;
  findInterestGroups(criteria: { unitId?: string }, offset: number, limit: number): Promise<Page<string>>;
  itSystems(ids: readonly string[]): Promise<Map<string, ItSystem>>;
  /** `list` on Klasse (Klassifikation): classes by UUID. */
  classes(ids: readonly string[]): Promise<Map<string, OrgClass>>;
  /**
   * `OrganisationSystem.fremsoegobjekthierarki`: the whole organisation in pages, for tree questions
   * (subtree, ancestors) and relation questions (a unit's functions) without one call per unit or level.
   */
  hierarchy(options?: { signal?: AbortSignal }): Promise<OrgHierarchySnapshot>;
}
