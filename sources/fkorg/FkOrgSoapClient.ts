// OrgSource over FK ORG's SOAP 1.2 services (production, or the simulator in simulator.ts). Batching:
// one `list` per maxBatchSize ids; a unit batch resolves its addresses with one `list` on Adresse for
// all units of the batch (more only when the batch's distinct addresses exceed maxBatchSize). Any
// answer that does not match the contract becomes a SourceProtocolError, never a half-filled object.
import type { InterestGroup, ItSystem, OrgAddress, OrgFunction, OrgPerson, OrgUnit, OrgUser } from '../model.js';
import type { FunctionCriteria, OrgAddressObject, OrgHierarchySnapshot, OrgSource, OrgUnitRecord, Page, UnitCriteria } from './OrgSource.js';
import { chunk, mapConcurrently } from '../concurrency.js';
import { SourceProtocolError } from '../errors.js';
import { SOURCE_NAME } from './errors.js';
import {
  addressFromWire,
  functionFromWire,
  interestGroupFromWire,
  itSystemFromWire,
  personFromWire,
  unitFromWire,
  userFromWire,
  type AddressObject,
  type KlasseTables,
  type UnitWithAddressRefs,
} from './mapping.js';
import { WireShapeError } from './registrering.js';
import { fremsoegObjekthierarkiInput, laesInput, listInput, soegInput, type RelationCriterion, type SoegCriteria } from './requests.js';
import type { SoapSecurity } from './security.js';
import { SoapTransport, type TlsOptions } from './transport.js';
import { FKORG_MAX_PAGE, functionTypeUrn, HIERARCHY_COLLECTIONS, isUuid, kleUrn, unitTypeUrn, type ObjectService, type OrgOperation, type OrgService } from './wire.js';
import { child, children, texts, type XmlNode } from './xml.js';

export interface FkOrgSoapClientOptions {
  /** Service root; endpoints are `<baseUrl>/organisation/<type>/6/`. */
  baseUrl: string;
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
  /** The Organisation UUID; when given, every soeg is limited to objects that belong to it (Tilhoerer). */
  organisationUuid?: string;
  /** Units per fremsoegobjekthierarki page asked for; FK ORG hands out at most 500. Default 500. */
  hierarchyPageSize?: number;
  /** Most calls one method runs at the same time. Default 4. */
  maxConcurrency?: number;
  /** Most sockets to FK ORG. Default 32. */
  connections?: number;
  /** Klasse UUID tables for references production holds as Klassifikation UUIDs. */
  classes?: KlasseTables;
}

type Decoded = { id: string } | UnitWithAddressRefs | AddressObject;

// The collections of a fremsoegobjekthierarki page the client reads; the others are skipped unparsed.
const HIERARCHY_READ = ['OrganisationEnheder', 'OrganisationFunktioner', 'Interessefaellesskaber', 'ItSystemer'] as const;
type HierarchyCollection = (typeof HIERARCHY_READ)[number];
const HIERARCHY_IGNORED: ReadonlySet<string> = new Set(HIERARCHY_COLLECTIONS.filter((c) => !(HIERARCHY_READ as readonly string[]).includes(c)));

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
  return { ...unit, addressRefs: addressRefs.map((a) => ({ id: a.uuid, type: a.type })) };
}

function withResolvedAddresses({ unit, addressRefs }: UnitWithAddressRefs, addresses: ReadonlyMap<string, OrgAddressObject>): OrgUnit {
  const list: OrgAddress[] = [];
  for (const ref of addressRefs) {
    const a = addresses.get(ref.uuid);
    // An address relation to an Adresse that is gone is skipped, as FK ORG's own UI does.
    if (a) list.push(a.darId ? { type: ref.type, value: a.value, darId: a.darId } : { type: ref.type, value: a.value });
  }
  return { ...unit, addresses: list };
}
type Decoder<T extends Decoded> = (obj: XmlNode, path: string) => T | null;

function idOf(item: Decoded): string {
  return 'unit' in item ? item.unit.id : 'uuid' in item ? item.uuid : item.id;
}

export class FkOrgSoapClient implements OrgSource {
  readonly maxBatchSize: number;
  private readonly transport: SoapTransport;
  private readonly organisationUuid?: string;
  private readonly hierarchyPageSize: number;
  private readonly maxConcurrency: number;
  private readonly classes: KlasseTables;

  constructor(options: FkOrgSoapClientOptions) {
    const maxBatchSize = options.maxBatchSize ?? 100;
    if (!Number.isInteger(maxBatchSize) || maxBatchSize < 1) throw new RangeError('maxBatchSize must be a positive integer');
    const timeoutMs = options.timeoutMs ?? 10_000;
    if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    const pageSize = options.hierarchyPageSize ?? FKORG_MAX_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('hierarchyPageSize must be a positive integer');
    if (options.organisationUuid && !isUuid(options.organisationUuid)) throw new RangeError('organisationUuid must be a UUID');
    if (options.municipalityCvr && !/^\d{8}$/.test(options.municipalityCvr)) throw new RangeError('municipalityCvr must be 8 digits');

    this.maxBatchSize = maxBatchSize;
    this.organisationUuid = options.organisationUuid?.toLowerCase();
    this.hierarchyPageSize = pageSize;
    this.maxConcurrency = Math.max(1, options.maxConcurrency ?? 4);
    this.classes = options.classes ?? {};
    const onCall = options.onCall;
    this.transport = new SoapTransport({
      baseUrl: options.baseUrl,
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
    const result = await this.transport.call('organisationenhed', 'laes', laesInput('organisationenhed', id.toLowerCase()), 1);
    if (result.status === 'notFound') return undefined;
    const unit = this.decodeAll('organisationenhed.laes', result.output, [id.toLowerCase()], (o, p) => unitFromWire(o, p, this.classes))[0];
    if (!unit) return undefined;
    return (await this.withAddresses([unit]))[0];
  }

  // ---------------------------------------------------------------- list

  async units(ids: readonly string[]): Promise<Map<string, OrgUnit>> {
    return this.byId(ids, async (batch) => {
      const found = await this.listBatch('organisationenhed', batch, (o, p) => unitFromWire(o, p, this.classes));
      return this.withAddresses(found);
    });
  }

  async unitRecords(ids: readonly string[]): Promise<Map<string, OrgUnitRecord>> {
    return this.byId(ids, async (batch) => (await this.listBatch('organisationenhed', batch, (o, p) => unitFromWire(o, p, this.classes))).map(toRecord));
  }

  async addresses(ids: readonly string[]): Promise<Map<string, OrgAddressObject>> {
    return this.byId(ids, async (batch) => (await this.listBatch('adresse', batch, addressFromWire)).map(({ uuid, ...a }) => ({ id: uuid, ...a })));
  }

  async functions(ids: readonly string[]): Promise<Map<string, OrgFunction>> {
    return this.byId(ids, (batch) => this.listBatch('organisationfunktion', batch, (o, p) => functionFromWire(o, p, this.classes)));
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

  private async listBatch<T extends Decoded>(service: ObjectService, batch: string[], decode: Decoder<T>): Promise<T[]> {
    const result = await this.transport.call(service, 'list', listInput(service, batch), batch.length);
    if (result.status === 'notFound') return [];
    return this.decodeAll(`${service}.list`, result.output, batch, decode);
  }

  /** Every FiltreretOejebliksbillede of a laes/list output; each must be one of the asked UUIDs. */
  private decodeAll<T extends Decoded>(name: string, output: XmlNode, asked: readonly string[], decode: Decoder<T>): T[] {
    const askedSet = new Set(asked);
    return this.decoding(name, () =>
      children(output, 'FiltreretOejebliksbillede').flatMap((obj, i) => {
        const item = decode(obj, `FiltreretOejebliksbillede[${i}]`);
        if (item === null) return [];
        if (!askedSet.has(idOf(item))) throw new WireShapeError(`FiltreretOejebliksbillede[${i}].ObjektType.UUIDIdentifikator`, 'one of the requested UUIDs');
        return [item];
      }),
    );
  }

  private decoding<T>(name: string, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (err instanceof WireShapeError) throw new SourceProtocolError(`FK ORG ${name} answered an unexpected shape: ${err.message}`, SOURCE_NAME, name, 200, { cause: err });
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
    if (criteria.unitTypeKey !== undefined) {
      const uuid = Object.entries(this.classes.unitTypes ?? {}).find(([, t]) => t.key === criteria.unitTypeKey)?.[0];
      relations.push(uuid ? { name: 'Enhedstype', uuid } : { name: 'Enhedstype', urn: unitTypeUrn(criteria.unitTypeKey) });
    }
    if (criteria.kle !== undefined) {
      const uuid = Object.entries(this.classes.kle ?? {}).find(([, k]) => k === criteria.kle)?.[0];
      relations.push(uuid ? { name: 'Opgaver', uuid } : { name: 'Opgaver', urn: kleUrn(criteria.kle) });
    }
    return this.soeg('organisationenhed', { egenskab, relations, offset, limit });
  }

  async findFunctions(criteria: FunctionCriteria, offset: number, limit: number): Promise<Page<string>> {
    const relations: RelationCriterion[] = [];
    if (criteria.type !== undefined) {
      const uuid = Object.entries(this.classes.functionTypes ?? {}).find(([, t]) => t === criteria.type)?.[0];
      relations.push(uuid ? { name: 'Funktionstype', uuid } : { name: 'Funktionstype', urn: functionTypeUrn(criteria.type) });
    }
    for (const [name, id] of [
      ['TilknyttedeEnheder', criteria.unitId],
      ['TilknyttedeBrugere', criteria.userId],
    ] as const) {
      if (id === undefined) continue;
      if (!isUuid(id)) return { items: [], next: null };
      relations.push({ name, uuid: id.toLowerCase() });
    }
    return this.soeg('organisationfunktion', { relations, offset, limit });
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
    if (this.organisationUuid) relations.push({ name: 'Tilhoerer', uuid: this.organisationUuid });
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
  async hierarchy(): Promise<OrgHierarchySnapshot> {
    const service: OrgService = 'organisationsystem';
    const operation: OrgOperation = 'fremsoegobjekthierarki';
    const name = `${service}.${operation}`;
    const units = new Map<string, OrgUnitRecord>();
    const functions = new Map<string, OrgFunction>();
    const groups = new Map<string, InterestGroup>();
    const systems = new Map<string, ItSystem>();
    const open = new Set<HierarchyCollection>(HIERARCHY_READ);
    let offset = 0;
    let cap = 0;
    while (open.size > 0) {
      const input = fremsoegObjekthierarkiInput(offset, this.hierarchyPageSize);
      const result = await this.transport.call(service, operation, input, 1, HIERARCHY_IGNORED);
      if (result.status === 'notFound') break;
      const pages = this.decoding(name, () => new Map(HIERARCHY_READ.map((c) => [c, hierarchyObjects(result.output, c)] as const)));
      const lengths = [...pages.values()].map((p) => p.length);
      const largest = Math.max(...lengths);
      if (largest > this.hierarchyPageSize) {
        throw new SourceProtocolError(`FK ORG ${name} answered ${largest} objects of one kind, more than the ${this.hierarchyPageSize} asked for`, SOURCE_NAME, name, 200);
      }
      const decoded = this.decoding(name, () => {
        const at = (c: string, i: number) => `${c}.FiltreretOejebliksbillede[${offset + i}]`;
        return {
          units: pages.get('OrganisationEnheder')!.flatMap((obj, i) => {
            const u = unitFromWire(obj, at('OrganisationEnheder', i), this.classes);
            return u ? [toRecord(u)] : [];
          }),
          functions: pages.get('OrganisationFunktioner')!.flatMap((obj, i) => functionFromWire(obj, at('OrganisationFunktioner', i), this.classes) ?? []),
          groups: pages.get('Interessefaellesskaber')!.flatMap((obj, i) => interestGroupFromWire(obj, at('Interessefaellesskaber', i)) ?? []),
          systems: pages.get('ItSystemer')!.flatMap((obj, i) => itSystemFromWire(obj, at('ItSystemer', i)) ?? []),
        };
      });
      // The decoded strings are slices of this page's XML. A whole organisation is kept for minutes, so
      // it keeps copies, and each page (megabytes of XML) can go as soon as it is read.
      const kept = structuredClone(decoded);
      for (const u of kept.units) if (!units.has(u.id)) units.set(u.id, u);
      for (const f of kept.functions) functions.set(f.id, f);
      for (const g of kept.groups) groups.set(g.id, g);
      for (const sys of kept.systems) systems.set(sys.id, sys);
      cap = Math.max(cap, largest);
      for (const [c, page] of pages) if (page.length === 0 || page.length < cap) open.delete(c);
      offset += cap;
    }
    return { units: [...units.values()], functions: [...functions.values()], interestGroups: [...groups.values()], itSystems: [...systems.values()] };
  }
}
