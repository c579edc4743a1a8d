// OrgSource over FK ORG's SOAP 1.2 services (production, or the simulator in simulator.ts). Batching:
// one `list` per maxBatchSize ids; a unit batch resolves its addresses with one `list` on Adresse for
// all units of the batch (more only when the batch's distinct addresses exceed maxBatchSize). Any
// answer that does not match the contract becomes a SourceProtocolError, never a half-filled object.
import type { InterestGroup, ItSystem, OrgAddress, OrgClass, OrgFunction, Organisation, OrgPerson, OrgUnit, OrgUser } from '../model.js';
import type { FunctionCriteria, OrgAddressObject, OrgHierarchySnapshot, OrgSource, OrgUnitCore, OrgUnitRecord, Page, UnitCriteria } from './OrgSource.js';
import { chunk, mapConcurrently } from '../concurrency.js';
import { SourceProtocolError, SourceUnavailableError } from '../errors.js';
import { SOURCE_NAME } from './errors.js';
import { KlasseCatalog, type ClassesConfig } from './classes.js';
import {
  addressFromWire,
  darIdOf,
  functionFromWire,
  interestGroupFromWire,
  itSystemFromWire,
  klasseFromWire,
  organisationFromWire,
  personFromWire,
  unitCoreFromWire,
  unitFromWire,
  UNIT_RELATIONS_NOT_IN_CORE,
  userFromWire,
  type AddressObject,
  type MappingContext,
  type UnitWithAddressRefs,
} from './mapping.js';
import { WireShapeError } from './registrering.js';
import { fremsoegObjekthierarkiInput, laesInput, listInput, soegInput, type RelationCriterion, type SoegCriteria } from './requests.js';
import type { SoapSecurity } from './security.js';
import { ValuePool } from './valuePool.js';
import { SoapTransport, type TlsOptions } from './transport.js';
import { FKORG_MAX_PAGE, HIERARCHY_COLLECTIONS, isUuid, OPERATION_ELEMENTS, RELATION_ORDER, type ObjectService, type OrgOperation, type OrgService } from './wire.js';
import { child, children, rawChildren, texts, XmlSyntaxError, type SkipElement, type XmlNode } from './xml.js';
import { DecodedObjects } from './decodedObjects.js';

export interface FkOrgSoapClientOptions {
  /** Service root; endpoints are `<baseUrl>/organisation/<type>/6/`. */
  baseUrl: string;
  /** Klassifikation's service root (`<url>/klassifikation/klasse/6/`); `baseUrl` when not given. */
  klassifikationUrl?: string;
  /** UUIDs per `list` call. Default 100. */
  maxBatchSize?: number;
  /** Per SOAP call, from sending the request to the last byte of the answer. Default 10,000. */
  timeoutMs?: number;
  /** OIOIDWS in production (see security.ts); none by default. */
  security?: SoapSecurity;
  tls?: TlsOptions;
  /** Called once per SOAP call, before it is sent (metrics, tests). */
  onCall?: (service: string, operation: string, size: number) => void;
  /** The municipality's CVR (see soap.ts on how it travels). */
  municipalityCvr?: string;
  /**
   * The municipality's Organisation UUID(s) (FKORG_ORGANISATION_UUID). The hierarchy keeps only units
   * that belong to one of them (Tilhoerer) and the functions and groups of those units; with exactly one,
   * every soeg on a type that has Tilhoerer is limited to it too. All organisations when not given.
   */
  organisationUuids?: readonly string[];
  /** The municipality's classes where Klassifikation cannot tell them (FKORG_CLASSES_FILE, classes.ts). */
  classesConfig?: ClassesConfig;
  /** Told once per Klasse UUID that neither Klassifikation nor the configuration knows. */
  onUnknownClass?: (id: string) => void;
  /** Units per fremsoegobjekthierarki page asked for; FK ORG hands out at most 500. Default 500. */
  hierarchyPageSize?: number;
  /** Most calls one method runs at the same time. Default 4. */
  maxConcurrency?: number;
  /** Most sockets to FK ORG. Default 32. */
  connections?: number;
  /** Decoded `list`/`laes` objects kept by content (decodedObjects.ts); 0 decodes every answer afresh. Default 20,000. */
  decodedObjects?: number;
}

type Decoded = { id: string } | UnitWithAddressRefs | AddressObject;
/** The objects of a `laes` or `list` answer (LaesOutputType, ListOutputType in SagDokObjekt.xsd), read by decodeAll itself. */
const RAW_OBJECTS: SkipElement = (element, parent) => element === 'FiltreretOejebliksbillede' && (parent === OPERATION_ELEMENTS.list.output || parent === OPERATION_ELEMENTS.laes.output);
/** A unit's Adresser and Opgaver, for unitCores: element names of OrganisationEnhed's RelationListe (xsd/6.0.STS-0/OrganisationEnhed.xsd). */
const SKIP_UNIT_RELATIONS: SkipElement = (element, parent) => parent === 'RelationListe' && UNIT_RELATIONS_NOT_IN_CORE.has(element);

// The collections of a fremsoegobjekthierarki page the client reads; Brugere is skipped unparsed.
const HIERARCHY_READ = ['Organisationer', 'OrganisationEnheder', 'OrganisationFunktioner', 'Interessefaellesskaber', 'ItSystemer'] as const;
type HierarchyCollection = (typeof HIERARCHY_READ)[number];
const HIERARCHY_IGNORED: ReadonlySet<string> = new Set(HIERARCHY_COLLECTIONS.filter((c) => !(HIERARCHY_READ as readonly string[]).includes(c)));
const HIERARCHY_OUTPUT = OPERATION_ELEMENTS.fremsoegobjekthierarki.output;
const SKIP_HIERARCHY_IGNORED: SkipElement = (element, parent) => parent === HIERARCHY_OUTPUT && HIERARCHY_IGNORED.has(element);

/**
 * The objects of one collection of a fremsoegobjekthierarki page: the collection element holds a
 * FiltreretOejebliksbillede per object. A toolkit that flattens the list (one collection element per
 * object, the object directly inside) is read too.
 */
function hierarchyObjects(output: XmlNode, collection: HierarchyCollection): XmlNode[] {
  return children(output, collection).flatMap((wrapper) => {
    const objects = children(wrapper, 'FiltreretOejebliksbillede');
    return objects.length === 0 && child(wrapper, 'ObjektType') ? [wrapper] : objects;
  });
}

function toRecord({ unit, addressRefs }: UnitWithAddressRefs): OrgUnitRecord {
  return { ...unit, addressRefs: addressRefs.map((a) => ({ id: a.uuid, type: a.type, roleId: a.roleId })) };
}

function withResolvedAddresses({ unit, addressRefs }: UnitWithAddressRefs, addresses: ReadonlyMap<string, OrgAddressObject>): OrgUnit {
  const list: OrgAddress[] = [];
  for (const ref of addressRefs) {
    const a = addresses.get(ref.uuid);
    // An address relation to an Adresse that is gone is skipped, as FK ORG's own UI does.
    if (!a) continue;
    const address: OrgAddress = { type: ref.type, value: a.value };
    const darId = darIdOf(ref.type, { uuid: a.id, value: a.value, key: a.key });
    if (darId) address.darId = darId;
    if (ref.roleId) address.roleId = ref.roleId;
    list.push(address);
  }
  return { ...unit, addresses: list };
}
type Decoder<T extends Decoded> = (obj: XmlNode, path: string, ctx: MappingContext) => T | null;

function idOf(item: Decoded): string {
  return 'unit' in item ? item.unit.id : 'uuid' in item ? item.uuid : item.id;
}

export class FkOrgSoapClient implements OrgSource {
  readonly maxBatchSize: number;
  private readonly transport: SoapTransport;
  private readonly organisationUuids: ReadonlySet<string> | null;
  private readonly hierarchyPageSize: number;
  private readonly maxConcurrency: number;
  private readonly catalog: KlasseCatalog;
  private readonly reportedUnknown = new Set<string>();
  private readonly onUnknownClass?: (id: string) => void;
  private readonly objects: DecodedObjects;

  constructor(options: FkOrgSoapClientOptions) {
    const maxBatchSize = options.maxBatchSize ?? 100;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError('maxBatchSize must be a positive integer');
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    const pageSize = options.hierarchyPageSize ?? FKORG_MAX_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('hierarchyPageSize must be a positive integer');
    for (const id of options.organisationUuids ?? []) if (!isUuid(id)) throw new RangeError(`organisationUuids: "${id}" is not a UUID`);
    if (options.municipalityCvr && !/^\d{8}$/.test(options.municipalityCvr)) throw new RangeError('municipalityCvr must be 8 digits');

    this.maxBatchSize = maxBatchSize;
    this.organisationUuids = options.organisationUuids?.length ? new Set(options.organisationUuids.map((id) => id.toLowerCase())) : null;
    this.hierarchyPageSize = pageSize;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 4);
    this.catalog = new KlasseCatalog(options.classesConfig);
    this.objects = new DecodedObjects(options.decodedObjects);
    this.onUnknownClass = options.onUnknownClass;
    const onCall = options.onCall;
    this.transport = new SoapTransport({
      baseUrl: options.baseUrl,
      klassifikationUrl: options.klassifikationUrl,
      timeoutMs,
      security: options.security,
      tls: options.tls,
      municipalityCvr: options.municipalityCvr,
      connections: options.connections,
      onCall: onCall ? (service, operation, size) => onCall(service, operation, size) : undefined,
    });
  }

  /** Closes the kept-alive sockets. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  // ---------------------------------------------------------------- laes

  /** `laes` on one object; undefined for 44 (or a passivated/deleted object). */
  async readUnit(id: string): Promise<OrgUnit | undefined> {
    if (!isUuid(id)) return undefined;
    const result = await this.transport.call('organisationenhed', 'laes', laesInput('organisationenhed', id.toLowerCase()), 1, { raw: RAW_OBJECTS });
    if (result.status === 'notFound') return undefined;
    const unit = (await this.decodeAll('organisationenhed.laes', result.output, [id.toLowerCase()], unitFromWire))[0];
    if (!unit) return undefined;
    return (await this.withAddresses([unit]))[0];
  }

  // ---------------------------------------------------------------- list

  async units(ids: readonly string[]): Promise<Map<string, OrgUnit>> {
    return this.byId(ids, async (batch) => {
      const found = await this.listBatch('organisationenhed', batch, unitFromWire);
      return this.withAddresses(found);
    });
  }

  async unitRecords(ids: readonly string[]): Promise<Map<string, OrgUnitRecord>> {
    return this.byId(ids, async (batch) => (await this.listBatch('organisationenhed', batch, unitFromWire)).map(toRecord));
  }

  /** The same `list` call; the answer's Adresser and Opgaver are found by their end tags and not parsed. */
  async unitCores(ids: readonly string[]): Promise<Map<string, OrgUnitCore>> {
    return this.byId(ids, (batch) => this.listBatch('organisationenhed', batch, unitCoreFromWire, SKIP_UNIT_RELATIONS));
  }

  async addresses(ids: readonly string[]): Promise<Map<string, OrgAddressObject>> {
    return this.byId(ids, async (batch) => (await this.listBatch('adresse', batch, addressFromWire)).map(({ uuid, ...a }) => ({ id: uuid, ...a })));
  }

  /** `list` on Klasse (Klassifikation): the classes the data points at. */
  async classes(ids: readonly string[]): Promise<Map<string, OrgClass>> {
    return this.byId(ids, (batch) => this.listBatch('klasse', batch, klasseFromWire));
  }

  async functions(ids: readonly string[]): Promise<Map<string, OrgFunction>> {
    return this.byId(ids, (batch) => this.listBatch('organisationfunktion', batch, functionFromWire));
  }

  async users(ids: readonly string[]): Promise<Map<string, OrgUser>> {
    return this.byId(ids, (batch) => this.listBatch('bruger', batch, userFromWire));
  }

  async persons(ids: readonly string[]): Promise<Map<string, OrgPerson>> {
    return this.byId(ids, (batch) => this.listBatch('person', batch, personFromWire));
  }

  async interestGroups(ids: readonly string[]): Promise<Map<string, InterestGroup>> {
    return this.byId(ids, (batch) => this.listBatch('interessefaellesskab', batch, interestGroupFromWire));
  }

  async itSystems(ids: readonly string[]): Promise<Map<string, ItSystem>> {
    return this.byId(ids, (batch) => this.listBatch('itsystem', batch, itSystemFromWire));
  }

  async organisations(ids: readonly string[]): Promise<Map<string, Organisation>> {
    return this.byId(ids, (batch) => this.listBatch('organisation', batch, organisationFromWire));
  }

  /**
   * The found objects keyed by the ids as the caller gave them (FK ORG UUIDs are compared lower case).
   * Ids that are not UUIDs are never sent: FK ORG would refuse the whole batch with 40.
   */
  private async byId<T extends { id: string }>(ids: readonly string[], load: (batch: string[]) => Promise<T[]>): Promise<Map<string, T>> {
    const wanted = [...new Set(ids.filter(isUuid).map((id) => id.toLowerCase()))];
    const found = new Map<string, T>();
    for (const page of await mapConcurrently(chunk(wanted, this.maxBatchSize), this.maxConcurrency, load)) for (const item of page) found.set(item.id, item);
    const out = new Map<string, T>();
    for (const id of ids) {
      const item = found.get(id.toLowerCase());
      if (item) out.set(id, item);
    }
    return out;
  }

  private async listBatch<T extends Decoded>(service: ObjectService, batch: string[], decode: Decoder<T>, skip?: SkipElement): Promise<T[]> {
    const result = await this.transport.call(service, 'list', listInput(service, batch), batch.length, { raw: RAW_OBJECTS });
    if (result.status === 'notFound') return [];
    return this.decodeAll(`${service}.list`, result.output, batch, decode, skip);
  }

  /**
   * Every FiltreretOejebliksbillede of a laes/list output (kept raw by the transport), decoded once
   * per content (decodedObjects.ts); each must be one of the asked UUIDs.
   */
  private decodeAll<T extends Decoded>(name: string, output: XmlNode, asked: readonly string[], decode: Decoder<T>, skip?: SkipElement): Promise<T[]> {
    const askedSet = new Set(asked);
    // What the kept objects are told apart by besides their content: the operation, the decoder and what it skips.
    const kind = `${name} ${decode.name} ${skip?.name ?? ''}`;
    const objects = rawChildren(output, 'FiltreretOejebliksbillede');
    return this.withClasses(name, (ctx) =>
      objects.flatMap((content, i) => {
        const item = this.objects.decode(kind, content, `FiltreretOejebliksbillede[${i}]`, ctx, decode, skip);
        if (item === null) return [];
        if (!askedSet.has(idOf(item))) throw new WireShapeError(`FiltreretOejebliksbillede[${i}].ObjektType.UUIDIdentifikator`, 'one of the requested UUIDs');
        return [item];
      }),
    );
  }

  /**
   * Decodes with the class catalog; classes the answer points at that the catalog lacks are read from
   * Klassifikation (one `list` on Klasse per batch) and the answer decoded again. What stays unknown is
   * kept as class `unknown` and reported once per UUID. Klassifikation being out of reach costs the
   * names, not the answer.
   */
  private async withClasses<T>(name: string, decode: (ctx: MappingContext) => T): Promise<T> {
    let ctx = this.catalog.context();
    let out = this.decoding(name, () => decode(ctx));
    const missing = this.catalog.unresolved(ctx.unknown);
    if (missing.length > 0) {
      try {
        const found = await this.classes(missing);
        this.catalog.learn(missing, [...found.values()]);
      } catch {
        this.catalog.learn(missing, []);
      }
      ctx = this.catalog.context();
      out = this.decoding(name, () => decode(ctx));
    }
    for (const id of ctx.unknown) {
      if (this.reportedUnknown.has(id)) continue;
      this.reportedUnknown.add(id);
      this.onUnknownClass?.(id);
    }
    return out;
  }

  private decoding<T>(name: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof WireShapeError) throw new SourceProtocolError(`FK ORG ${name} answered an unexpected shape: ${err.message}`, SOURCE_NAME, name, 200, { cause: err });
      if (err instanceof XmlSyntaxError) throw new SourceProtocolError(`FK ORG ${name} answered an object that is not well-formed XML: ${err.message}`, SOURCE_NAME, name, 200, { cause: err });
      throw err;
    }
  }

  /** Resolves the Adresse objects of units with `list` on Adresse, maxBatchSize UUIDs per call. */
  private async withAddresses(units: UnitWithAddressRefs[]): Promise<OrgUnit[]> {
    const addresses = await this.addresses(units.flatMap((u) => u.addressRefs.map((a) => a.uuid)));
    return units.map((u) => withResolvedAddresses(u, addresses));
  }

  // ---------------------------------------------------------------- soeg

  async findUnits(criteria: UnitCriteria, offset: number, limit: number): Promise<Page<string>> {
    const egenskab: Record<string, string> = {};
    const relations: RelationCriterion[] = [];
    if (criteria.name !== undefined) egenskab.EnhedNavn = `*${criteria.name}*`;
    if (criteria.opusId !== undefined) egenskab.BrugervendtNoegleTekst = criteria.opusId;
    if (criteria.parentId !== undefined) {
      if (!isUuid(criteria.parentId)) return { items: [], next: null };
      relations.push({ name: 'Overordnet', uuid: criteria.parentId.toLowerCase() });
    }
    return this.soegWithClasses('organisationenhed', egenskab, relations, [
      ['Enhedstype', criteria.unitTypeKey],
      ['Opgaver', criteria.kle],
    ], offset, limit);
  }

  async findFunctions(criteria: FunctionCriteria, offset: number, limit: number): Promise<Page<string>> {
    const relations: RelationCriterion[] = [];
    for (const [name, id] of [
      ['TilknyttedeEnheder', criteria.unitId],
      ['TilknyttedeBrugere', criteria.userId],
    ] as const) {
      if (id === undefined) continue;
      if (!isUuid(id)) return { items: [], next: null };
      relations.push({ name, uuid: id.toLowerCase() });
    }
    return this.soegWithClasses('organisationfunktion', {}, relations, [['Funktionstype', criteria.type]], offset, limit);
  }

  async findPersons(criteria: { cpr: string }, offset: number, limit: number): Promise<Page<string>> {
    if (!/^\d{10}$/.test(criteria.cpr)) return { items: [], next: null };
    // Person.xsd: CPR-NummerTekst is GenerelleDefinitioner's element (sts:), not sagdok's.
    return this.soeg('person', { egenskab: { 'sts:CPR-NummerTekst': criteria.cpr }, offset, limit });
  }

  async findUsers(criteria: { personId: string }, offset: number, limit: number): Promise<Page<string>> {
    if (!isUuid(criteria.personId)) return { items: [], next: null };
    return this.soeg('bruger', { relations: [{ name: 'TilknyttedePersoner', uuid: criteria.personId.toLowerCase() }], offset, limit });
  }

  async findInterestGroups(criteria: { unitId?: string }, offset: number, limit: number): Promise<Page<string>> {
    const relations: RelationCriterion[] = [];
    if (criteria.unitId !== undefined) {
      if (!isUuid(criteria.unitId)) return { items: [], next: null };
      relations.push({ name: 'TilknyttedeEnheder', uuid: criteria.unitId.toLowerCase() });
    }
    return this.soeg('interessefaellesskab', { relations, offset, limit });
  }

  /**
   * soeg with criteria on classes given by key. A class is searched by its UUID: the catalog's, else
   * Klassifikation's by BrugervendtNoegle. Several classes may share a key (the Anvisninger's Leder and a
   * municipality's own, unit types "Institution: Skole" and "Institution: Dagtilbud"), and soeg ANDs its
   * criteria: then one soeg per class, the union in UUID order.
   */
  private async soegWithClasses(
    service: ObjectService,
    egenskab: Record<string, string>,
    relations: RelationCriterion[],
    byKey: ReadonlyArray<readonly [string, string | undefined]>,
    offset: number,
    limit: number,
  ): Promise<Page<string>> {
    let alternatives: RelationCriterion[][] = [[]];
    for (const [name, key] of byKey) {
      if (key === undefined) continue;
      const ids = await this.classIdsWithKey(key);
      if (ids.length === 0) return { items: [], next: null };
      alternatives = alternatives.flatMap((alt) => ids.map((uuid) => [...alt, { name, uuid }]));
    }
    if (alternatives.length === 1) return this.soeg(service, { egenskab, relations: [...relations, ...alternatives[0]], offset, limit });
    const found = new Set<string>();
    let more = false;
    for (const alt of alternatives) {
      const page = await this.soeg(service, { egenskab, relations: [...relations, ...alt], offset: 0, limit: offset + limit });
      page.items.forEach((id) => found.add(id));
      if (page.next !== null) more = true;
    }
    const all = [...found].sort();
    const items = all.slice(offset, offset + limit);
    return { items, next: more || all.length > offset + limit ? offset + items.length : null };
  }

  /** Class UUIDs with BrugervendtNoegle `key`: from the catalog, else `soeg` on Klasse. */
  private async classIdsWithKey(key: string): Promise<string[]> {
    const known = this.catalog.idsWithKey(key);
    if (known.length > 0) return known;
    const page = await this.soeg('klasse', { egenskab: { BrugervendtNoegleTekst: key }, offset: 0, limit: 10 });
    const found = await this.classes(page.items);
    this.catalog.learn(page.items, [...found.values()]);
    return this.catalog.idsWithKey(key);
  }

  /**
   * One soeg page. FK ORG says nothing about whether more follow, so the client asks for one more than
   * the page (when that stays within FK ORG's maximum) and knows exactly; at the maximum, a full page
   * means "maybe more".
   */
  private async soeg(service: ObjectService, c: Omit<SoegCriteria, 'offset' | 'limit'> & { offset: number; limit: number }): Promise<Page<string>> {
    if (!Number.isInteger(c.offset) || c.offset < 0) throw new RangeError('offset must be a non-negative integer');
    if (!Number.isInteger(c.limit) || c.limit < 1) throw new RangeError('limit must be a positive integer');
    const limit = Math.min(c.limit, FKORG_MAX_PAGE);
    const ask = limit < FKORG_MAX_PAGE ? limit + 1 : limit;
    const relations = [...(c.relations ?? [])];
    // Tilhoerer only where the type has it (RELATION_ORDER, from the XSDs) and it can name one organisation.
    if (this.organisationUuids?.size === 1 && RELATION_ORDER[service].includes('Tilhoerer')) relations.push({ name: 'Tilhoerer', uuid: [...this.organisationUuids][0] });
    const result = await this.transport.call(service, 'soeg', soegInput(service, { ...c, relations, offset: c.offset, limit: ask }), 1);
    if (result.status === 'notFound') return { items: [], next: null };
    const ids = this.decoding(`${service}.soeg`, () => {
      const list = texts(children(result.output, 'IdListe')[0], 'UUIDIdentifikator').map((u) => u.toLowerCase());
      if (list.length > ask) throw new WireShapeError('IdListe', `at most ${ask} UUIDs`);
      list.forEach((u, i) => {
        if (!isUuid(u)) throw new WireShapeError(`IdListe.UUIDIdentifikator[${i}]`, 'a UUID');
      });
      return list;
    });
    const items = ids.slice(0, limit);
    const more = ask > limit ? ids.length > limit : ids.length === limit;
    return { items, next: more ? c.offset + items.length : null };
  }

  // ---------------------------------------------------------------- fremsoegobjekthierarki

  /**
   * The whole organisation, paging until every collection read has run out. FK ORG pages all
   * collections with the same offset and limit, and may cap a page below what was asked; so the
   * largest collection page seen is the cap, a collection with a shorter page has ended, and the
   * offset moves on by the cap. The first page may be short only because of the cap, so a collection
   * ends there only when another one's page shows the cap is larger.
   */
  async hierarchy(options: { signal?: AbortSignal } = {}): Promise<OrgHierarchySnapshot> {
    const service: OrgService = 'organisationsystem';
    const operation: OrgOperation = 'fremsoegobjekthierarki';
    const name = `${service}.${operation}`;
    this.catalog.forgetMisses();
    const organisations = new Map<string, Organisation>();
    const units = new Map<string, OrgUnitRecord>();
    const functions = new Map<string, OrgFunction>();
    const groups = new Map<string, InterestGroup>();
    const systems = new Map<string, ItSystem>();
    const open = new Set<HierarchyCollection>(HIERARCHY_READ);
    const pool = new ValuePool();
    let offset = 0;
    let cap = 0;
    let previousIds = '';
    while (open.size > 0) {
      // A walk its caller gave up on (past the load bound) stops before asking for another page.
      if (options.signal?.aborted) throw new SourceUnavailableError(`FK ORG ${name} walk stopped after ${offset} objects: its caller gave up`, SOURCE_NAME, name, null);
      const input = fremsoegObjekthierarkiInput(offset, this.hierarchyPageSize);
      const result = await this.transport.call(service, operation, input, 1, { skip: SKIP_HIERARCHY_IGNORED });
      if (result.status === 'notFound') break;
      const pages = this.decoding(name, () => new Map(HIERARCHY_READ.map((c) => [c, hierarchyObjects(result.output, c)] as const)));
      const lengths = [...pages.values()].map((p) => p.length);
      const largest = Math.max(...lengths);
      if (largest > this.hierarchyPageSize) {
        throw new SourceProtocolError(`FK ORG ${name} answered ${largest} objects of one kind, more than the ${this.hierarchyPageSize} asked for`, SOURCE_NAME, name, 200);
      }
      const decoded = await this.withClasses(name, (ctx) => {
        const at = (c: string, i: number) => `${c}.FiltreretOejebliksbillede[${offset + i}]`;
        return {
          organisations: pages.get('Organisationer')!.flatMap((obj, i) => organisationFromWire(obj, at('Organisationer', i)) ?? []),
          units: pages.get('OrganisationEnheder')!.flatMap((obj, i) => {
            const u = unitFromWire(obj, at('OrganisationEnheder', i), ctx);
            return u ? [toRecord(u)] : [];
          }),
          functions: pages.get('OrganisationFunktioner')!.flatMap((obj, i) => functionFromWire(obj, at('OrganisationFunktioner', i), ctx) ?? []),
          groups: pages.get('Interessefaellesskaber')!.flatMap((obj, i) => interestGroupFromWire(obj, at('Interessefaellesskaber', i)) ?? []),
          systems: pages.get('ItSystemer')!.flatMap((obj, i) => itSystemFromWire(obj, at('ItSystemer', i)) ?? []),
        };
      });
      // A service that ignores FoersteResultatReference answers the first page forever: stop clearly.
      const ids = [decoded.units, decoded.functions, decoded.groups, decoded.systems].map((list) => list.map((x) => x.id).join(',')).join('|');
      if (offset > 0 && largest > 0 && ids === previousIds) {
        throw new SourceProtocolError(`FK ORG ${name} answered the same page for FoersteResultatReference ${offset} as for ${offset - cap}: paging is not honoured`, SOURCE_NAME, name, 200);
      }
      previousIds = ids;
      // The decoded strings are slices of this page's XML. A whole organisation is kept for minutes, so
      // it keeps copies, and each page (megabytes of XML) can go as soon as it is read; repeated values
      // (dates, classes, the UUIDs that relate objects) are one copy across the walk.
      const kept = pool.share(structuredClone(decoded));
      for (const o of kept.organisations) organisations.set(o.id, o);
      for (const u of kept.units) if (!units.has(u.id)) units.set(u.id, u);
      for (const f of kept.functions) functions.set(f.id, f);
      for (const g of kept.groups) groups.set(g.id, g);
      for (const sys of kept.systems) systems.set(sys.id, sys);
      cap = Math.max(cap, largest);
      // A short page ends its collection; a page shorter than asked for everywhere ends the walk.
      for (const [c, page] of pages) if (page.length === 0 || page.length < cap) open.delete(c);
      offset += cap;
    }
    return this.scoped({
      organisations: [...organisations.values()],
      units: [...units.values()],
      functions: [...functions.values()],
      interestGroups: [...groups.values()],
      itSystems: [...systems.values()],
    });
  }

  /**
   * The snapshot limited to the configured organisations: their units (Tilhoerer), the functions related
   * to those units, and the interest groups related to them or to no unit at all. OrganisationFunktion
   * has no Tilhoerer (OrganisationFunktion.xsd), so functions follow their units.
   */
  private scoped(all: OrgHierarchySnapshot): OrgHierarchySnapshot {
    const wanted = this.organisationUuids;
    if (!wanted) return all;
    const units = all.units.filter((u) => u.organisationId !== undefined && wanted.has(u.organisationId));
    const unitIds = new Set(units.map((u) => u.id));
    const related = (ids: readonly string[]) => ids.some((id) => unitIds.has(id.toLowerCase()));
    return {
      organisations: all.organisations.filter((o) => wanted.has(o.id)),
      units,
      functions: all.functions.filter((f) => related(f.unitIds)),
      interestGroups: all.interestGroups.filter((g) => g.unitIds.length === 0 || related(g.unitIds)),
      itSystems: all.itSystems,
    };
  }
}
