// FK ORG objects as parsed from the wire -> the domain types of model.ts. The inverse (used by the
// simulator) is encode.ts; the two are kept symmetric, so a snapshot served and read back is unchanged.
// Which element each field comes from is listed in docs/organisation.md.
//
// Classification references (Enhedstype, Funktionstype, Opgaver) are Klasse UUIDs of the municipality
// (registreringsmønstre): resolved through `ctx.classes` (classes.ts). A UUID no table knows is kept as
// `{ id, key: id, name: 'unknown' }` and reported in `ctx.unknown`, never dropped. An address's kind is
// its relation's Rolle (wire.ts ADDRESS_ROLES); an unknown Rolle gives type 'Ukendt' with its UUID.
//
// Fields FK ORG's standard has no element for travel in this project's LokalUdvidelse (beside the
// Egenskab items in AttributListe, wire.ts LOKAL_UDVIDELSE_NS): a unit's short name and cost centre
// (KortNavn, Omkostningssted), a user's Opus employment number (Ansaettelsesnummer). Production data
// without them reads as: short name = EnhedNavn, cost centre '', employment null.
import type { OrgUnitCore } from './OrgSource.js';
import type { InterestGroup, ItSystem, OrgAddressType, OrgClass, OrgFunction, OrgFunctionKind, Organisation, OrgPerson, OrgUnit, OrgUnitVersion, OrgUser } from '../model.js';
import {
  activeIntervals,
  currentAt,
  dated,
  latest,
  lokalUdvidelse,
  readObject,
  referencedUuid,
  span,
  stretches,
  WireShapeError,
  type Dated,
  type ObjectRegistration,
} from './registrering.js';
import { OPEN_START, intervalToPeriod, periodToInterval, type Interval } from './virkning.js';
import { isUuid, type AddressKind } from './wire.js';
import { child, text, type XmlNode } from './xml.js';

export interface MappingContext {
  /** The class of a Klasse UUID (lower case), when known. */
  classes: (id: string) => OrgClass | undefined;
  /** The kind of an address Rolle UUID (lower case), when known. */
  addressRoles: (id: string) => AddressKind | undefined;
  /** Collects the class UUIDs that could not be resolved. */
  unknown: Set<string>;
}

/** A unit before its addresses are resolved: the Adresse UUIDs and the kind each relation's Rolle gives it. */
export interface UnitWithAddressRefs {
  unit: Omit<OrgUnit, 'addresses'>;
  addressRefs: Array<{ uuid: string; type: OrgAddressType; roleId: string | null }>;
}

export interface AddressObject {
  uuid: string;
  value: string;
  /** BrugervendtNoegleTekst: for a postal address, its DAR address UUID (encode.ts). */
  key?: string;
}

function egenskabText(item: Dated | undefined, name: string): string | undefined {
  return item ? text(item.node, name) : undefined;
}

/** BrugervendtNoegleTekst, the sagdok name; `BrugervendtNoegle` as some exports write it. */
function userKey(item: Dated | undefined): string | undefined {
  return egenskabText(item, 'BrugervendtNoegleTekst') ?? egenskabText(item, 'BrugervendtNoegle');
}

function extension(o: ObjectRegistration, name: string): string | undefined {
  return text(lokalUdvidelse(o, 'AttributListe'), name);
}

/** The valid time the object is Aktiv: span of its Aktiv Gyldighed, or of `fallback` items without any. */
function lifetime(o: ObjectRegistration, fallback: readonly Dated[], path: string): Interval | null {
  const active = activeIntervals(o, path);
  return span(active ?? fallback.map((f) => f.interval));
}

function uuidsOf(items: readonly Dated[]): string[] {
  const out: string[] = [];
  for (const it of items) {
    const uuid = referencedUuid(it.node);
    if (uuid) out.push(uuid);
  }
  return out;
}

export function unknownClass(id: string): OrgClass {
  return { id, key: id, name: 'unknown' };
}

/** The class a relation item points at; unknown (and reported) when no table knows it; null without a target. */
function classOf(item: Dated | undefined, ctx: MappingContext): OrgClass | null {
  const id = item ? referencedUuid(item.node) : null;
  if (!id) return null;
  const known = ctx.classes(id);
  if (known) return known;
  ctx.unknown.add(id);
  return unknownClass(id);
}

/** Leder and Stilling by the class's key or title (the Anvisninger's names); any other Funktionstype is a role. */
export function functionKind(c: OrgClass): OrgFunctionKind {
  for (const kind of ['Leder', 'Stilling'] as const) if (c.key.toLowerCase() === kind.toLowerCase() || c.name.toLowerCase() === kind.toLowerCase()) return kind;
  return 'role';
}

function indexOf(item: Dated): string {
  return text(item.node, 'Indeks') ?? '';
}

/** Indeks is a string (DynamicFlerRelationType): numbers compare as numbers, anything else as text. */
function byIndeks(a: { index: string; order: number }, b: { index: string; order: number }): number {
  const na = Number(a.index);
  const nb = Number(b.index);
  if (a.index !== '' && b.index !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb || a.order - b.order;
  return a.index.localeCompare(b.index) || a.order - b.order;
}

function sortedByIndeks(items: readonly Dated[]): Dated[] {
  return items
    .map((item, order) => ({ item, order, index: indexOf(item) }))
    .sort(byIndeks)
    .map((x) => x.item);
}

function sameVersion(a: OrgUnitVersion, b: OrgUnitVersion): boolean {
  return a.name === b.name && a.shortName === b.shortName && a.parentId === b.parentId && a.unitType.id === b.unitType.id;
}

/**
 * OrganisationEnhed -> OrgUnit without addresses. Versions are the stretches between the breakpoints of
 * its Egenskab, Overordnet and Enhedstype items (and Gyldighed), where an Egenskab is in force and the
 * unit is Aktiv. Null when the unit is gone or never Aktiv.
 */
export function unitFromWire(obj: XmlNode, path: string, ctx: MappingContext): UnitWithAddressRefs | null {
  const read = readUnit(obj, path, ctx);
  if (!read) return null;
  const { o, life, core } = read;
  const addressRefs: UnitWithAddressRefs['addressRefs'] = [];
  for (const item of sortedByIndeks(currentAt(dated(o, 'RelationListe', 'Adresser', path), life))) {
    const uuid = referencedUuid(item.node);
    if (!uuid) continue;
    const roleId = text(child(item.node, 'Rolle'), 'UUIDIdentifikator')?.toLowerCase() ?? null;
    addressRefs.push({ uuid, type: (roleId && ctx.addressRoles(roleId)) || 'Ukendt', roleId });
  }
  const kle: OrgClass[] = [];
  for (const item of sortedByIndeks(currentAt(dated(o, 'RelationListe', 'Opgaver', path), life))) {
    const c = classOf(item, ctx);
    if (c) kle.push(c);
  }
  return { unit: { ...core, kle }, addressRefs };
}

/** The relations of an OrganisationEnhed that unitCoreFromWire does not read: an answer can pass them over unparsed. */
export const UNIT_RELATIONS_NOT_IN_CORE: ReadonlySet<string> = new Set(['Adresser', 'Opgaver']);

/** OrganisationEnhed -> as unitFromWire, without its Adresser and Opgaver (which need not even be parsed). */
export function unitCoreFromWire(obj: XmlNode, path: string, ctx: MappingContext): OrgUnitCore | null {
  return readUnit(obj, path, ctx)?.core ?? null;
}

function readUnit(obj: XmlNode, path: string, ctx: MappingContext): { o: ObjectRegistration; life: Interval; core: OrgUnitCore } | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskaber = dated(o, 'AttributListe', 'Egenskab', path);
  const parents = dated(o, 'RelationListe', 'Overordnet', path);
  const types = dated(o, 'RelationListe', 'Enhedstype', path);
  const states = dated(o, 'TilstandListe', 'Gyldighed', path);
  const versions: OrgUnitVersion[] = [];
  let previous: { egenskab: Dated; end: string | null } | undefined;
  for (const { interval, items } of stretches([egenskaber, parents, types, states])) {
    const [egenskab, parent, type, state] = items as [Dated, ...Array<Dated | undefined>];
    if (states.length > 0 && (!state || text(state.node, 'GyldighedStatusKode') !== 'Aktiv')) continue;
    const name = egenskabText(egenskab, 'EnhedNavn');
    if (name === undefined) throw new WireShapeError(`${path}.Egenskab.EnhedNavn`, 'a unit name');
    // KortNavn belongs to the registration the version's Egenskab came from.
    const shortName = text(child(child(o.registreringer[egenskab.rank], 'AttributListe'), 'LokalUdvidelse'), 'KortNavn');
    const version: OrgUnitVersion = {
      ...intervalToPeriod(interval),
      name,
      shortName: shortName ?? name,
      parentId: parent ? referencedUuid(parent.node) : null,
      unitType: classOf(type, ctx) ?? unknownClass(''),
    };
    // A breakpoint that changes nothing (a relation or Gyldighed re-registered with the same value) is
    // not a re-organisation. Only stretches of the same Egenskab item are joined: every Egenskab is a
    // version of its own, which keeps the encoding of a snapshot and its reading exact inverses.
    const last = versions[versions.length - 1];
    if (last && previous?.egenskab === egenskab && previous.end === interval.start && sameVersion(last, version)) last.to = version.to;
    else versions.push(version);
    previous = { egenskab, end: interval.end };
  }
  if (versions.length === 0) return null;
  const newest = latest(egenskaber);
  const life = periodToInterval({ from: versions[0].from, to: versions[versions.length - 1].to });
  const owner = latest(dated(o, 'RelationListe', 'Tilhoerer', path));
  return {
    o,
    life,
    core: {
      id: o.uuid,
      opusId: userKey(newest) ?? '',
      organisationId: (owner && referencedUuid(owner.node)) ?? undefined,
      versions,
      costCenter: extension(o, 'Omkostningssted') ?? '',
    },
  };
}

/** Adresse -> its text and BrugervendtNoegle. Null when gone. */
export function addressFromWire(obj: XmlNode, path: string): AddressObject | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o, 'AttributListe', 'Egenskab', path));
  const value = egenskabText(egenskab, 'AdresseTekst');
  if (value === undefined) throw new WireShapeError(`${path}.Egenskab.AdresseTekst`, 'the address text');
  const key = userKey(egenskab);
  return key ? { uuid: o.uuid, value, key } : { uuid: o.uuid, value };
}

/** The DAR UUID of a postal address: its Adresse's BrugervendtNoegle when that is a UUID other than the object's own. */
export function darIdOf(type: OrgAddressType, a: AddressObject): string | undefined {
  return type === 'Postadresse' && a.key && isUuid(a.key) && a.key.toLowerCase() !== a.uuid ? a.key.toLowerCase() : undefined;
}

/** OrganisationFunktion -> OrgFunction: Leder, Stilling or a role. Null when gone or never Aktiv. */
export function functionFromWire(obj: XmlNode, path: string, ctx: MappingContext): OrgFunction | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskaber = dated(o, 'AttributListe', 'Egenskab', path);
  const life = lifetime(o, egenskaber, path);
  if (!life) return null;
  const functionType = classOf(latest(dated(o, 'RelationListe', 'Funktionstype', path)), ctx) ?? unknownClass('');
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    type: functionKind(functionType),
    functionType,
    name: egenskabText(latest(egenskaber), 'FunktionNavn') ?? '',
    userIds: uuidsOf(currentAt(dated(o, 'RelationListe', 'TilknyttedeBrugere', path), life)),
    unitIds: uuidsOf(currentAt(dated(o, 'RelationListe', 'TilknyttedeEnheder', path), life)),
  };
}

/** Bruger -> OrgUser: the account name is BrugervendtNoegleTekst (FK ORG's user key), else BrugerNavn. */
export function userFromWire(obj: XmlNode, path: string): OrgUser | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskaber = dated(o, 'AttributListe', 'Egenskab', path);
  const life = lifetime(o, egenskaber, path);
  if (!life) return null;
  const egenskab = latest(egenskaber);
  const person = latest(dated(o, 'RelationListe', 'TilknyttedePersoner', path));
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    userName: userKey(egenskab) || egenskabText(egenskab, 'BrugerNavn') || '',
    // A service account has no person; '' rather than inventing one.
    personId: (person && referencedUuid(person.node)) ?? '',
    employmentNumber: extension(o, 'Ansaettelsesnummer') || null,
  };
}

export function personFromWire(obj: XmlNode, path: string): OrgPerson | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o, 'AttributListe', 'Egenskab', path));
  return {
    id: o.uuid,
    cpr: egenskabText(egenskab, 'CPR-NummerTekst') ?? '',
    name: egenskabText(egenskab, 'NavnTekst') ?? '',
  };
}

export function interestGroupFromWire(obj: XmlNode, path: string): InterestGroup | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskaber = dated(o, 'AttributListe', 'Egenskab', path);
  const life = lifetime(o, egenskaber, path);
  if (!life) return null;
  const egenskab = latest(egenskaber);
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    name: egenskabText(egenskab, 'InteressefaellesskabNavn') ?? '',
    type: egenskabText(egenskab, 'InteressefaellesskabTypeTekst') ?? '',
    unitIds: uuidsOf(currentAt(dated(o, 'RelationListe', 'TilknyttedeEnheder', path), life)),
    userIds: uuidsOf(currentAt(dated(o, 'RelationListe', 'TilknyttedeBrugere', path), life)),
  };
}

/** ItSystem -> ItSystem: ItSystemNavn is the name, BrugervendtNoegleTekst the short name. */
export function itSystemFromWire(obj: XmlNode, path: string): ItSystem | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskaber = dated(o, 'AttributListe', 'Egenskab', path);
  const life = lifetime(o, egenskaber, path) ?? { start: OPEN_START, end: null };
  const egenskab = latest(egenskaber);
  return {
    id: o.uuid,
    name: egenskabText(egenskab, 'ItSystemNavn') ?? '',
    shortName: userKey(egenskab) ?? '',
    userIds: uuidsOf(currentAt(dated(o, 'RelationListe', 'TilknyttedeBrugere', path), life)),
  };
}

/** Organisation -> Organisation: OrganisationNavn, BrugervendtNoegle (kommunekode), CVR from our LokalUdvidelse. */
export function organisationFromWire(obj: XmlNode, path: string): Organisation | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o, 'AttributListe', 'Egenskab', path));
  return { id: o.uuid, name: egenskabText(egenskab, 'OrganisationNavn') ?? '', kommunekode: userKey(egenskab) ?? '', cvr: extension(o, 'CVR') ?? '' };
}

/** Klasse -> OrgClass: BrugervendtNoegleTekst is the key, TitelTekst the name (Klasse.xsd). */
export function klasseFromWire(obj: XmlNode, path: string): OrgClass | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o, 'AttributListe', 'Egenskab', path));
  const key = userKey(egenskab) ?? '';
  return { id: o.uuid, key, name: egenskabText(egenskab, 'TitelTekst') || key };
}
