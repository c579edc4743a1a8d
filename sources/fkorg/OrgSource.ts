// What the subgraphs may ask of FK ORG (Organisation SF1500 v6), in domain terms. `FkOrgSoapClient`
// implements it over SOAP 1.2; the wire names (OrganisationEnhed, Virkning, ...) stay in this folder.
import type { InterestGroup, ItSystem, OrgFunction, OrgPerson, OrgUnit, OrgUser } from '../model.js';

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
  type?: 'Leder' | 'Stilling';
  unitId?: string;
  userId?: string;
}

export interface Page<T> {
  items: T[];
  /** Offset of the next page (FoersteResultatReference), null at the end. */
  next: number | null;
}

export interface OrgSource {
  /** The most UUIDs one `list` call may carry. DataLoaders use it as their batch size. */
  readonly maxBatchSize: number;
  /** `list` on OrganisationEnhed (addresses resolved with one `list` on Adresse). Unknown ids are absent. */
  units(ids: readonly string[]): Promise<Map<string, OrgUnit>>;
  /** `soeg` on OrganisationEnhed: matching UUIDs, paged. */
  findUnits(criteria: UnitCriteria, offset: number, limit: number): Promise<Page<string>>;
  functions(ids: readonly string[]): Promise<Map<string, OrgFunction>>;
  findFunctions(criteria: FunctionCriteria, offset: number, limit: number): Promise<Page<string>>;
  users(ids: readonly string[]): Promise<Map<string, OrgUser>>;
  persons(ids: readonly string[]): Promise<Map<string, OrgPerson>>;
  interestGroups(ids: readonly string[]): Promise<Map<string, InterestGroup>>;
  findInterestGroups(criteria: { unitId?: string }, offset: number, limit: number): Promise<Page<string>>;
  itSystems(ids: readonly string[]): Promise<Map<string, ItSystem>>;
  /**
   * `OrganisationSystem.fremsoegobjekthierarki`: every unit of the organisation in pages, for tree
   * questions (subtree, ancestors) without one call per level.
   */
  hierarchy(): Promise<OrgUnit[]>;
}
