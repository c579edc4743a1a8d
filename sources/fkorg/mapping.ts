// FK ORG objects as parsed from the wire -> the domain types of model.ts. The inverse (used by the
// simulator) is encode.ts; the two are kept symmetric, so a snapshot served and read back is unchanged.
//
// Fields FK ORG's standard has no element for travel in the Egenskab's LokalUdvidelse (the sagdok
// extension point): a unit's short name and cost centre (KortNavn, Omkostningssted), a user's Opus
// employment number (Ansaettelsesnummer), an address's DAR UUID (DarAdresseUuid). Kept there rather
// than as pseudo-addresses or in BrugervendtNoegleTekst, which production fills with the Opus unit
// number and the AD account. Production data without them reads as: short name = EnhedNavn, cost
// centre '', employment null, no darId.
import type { InterestGroup, ItSystem, OrgAddressType, OrgFunction, OrgPerson, OrgUnit, OrgUnitTypeKey, OrgUnitVersion, OrgUser } from '../model.js';
import {
  activeIntervals,
  currentAt,
  dated,
  latest,
  readObject,
  reference,
  referencedUuid,
  span,
  stretches,
  WireShapeError,
  type Dated,
} from './registrering.js';
import { OPEN_START, intervalToPeriod, periodToInterval, type Interval } from './virkning.js';
import { ADDRESS_TYPE_UUIDS, functionTypeFromUrn, kleFromUrn, unitTypeFromUrn } from './wire.js';
import { child, text, type XmlNode } from './xml.js';

/**
 * The municipality's Klassifikation classes, by Klasse UUID, for references that production FK ORG
 * holds as UUIDs (the simulator writes URNs, which need no table).
 */
export interface KlasseTables {
  unitTypes?: Record<string, { key: OrgUnitTypeKey; name: string }>;
  functionTypes?: Record<string, 'Leder' | 'Stilling'>;
  /** Klasse UUID -> KLE number. */
  kle?: Record<string, string>;
  addressTypes?: Record<string, OrgAddressType>;
}

export const UNIT_TYPE_KEYS: readonly OrgUnitTypeKey[] = ['kommune', 'forvaltning', 'afdeling', 'team', 'institution'];
const ADDRESS_TYPES = Object.keys(ADDRESS_TYPE_UUIDS) as OrgAddressType[];
const ADDRESS_TYPE_BY_UUID = new Map<string, OrgAddressType>(Object.entries(ADDRESS_TYPE_UUIDS).map(([type, uuid]) => [uuid, type as OrgAddressType]));

/** A unit type the client cannot name (an unmapped Klasse): kept as a plain department. */
export const UNKNOWN_UNIT_TYPE = { key: 'afdeling', name: 'Ukendt enhedstype' } as const satisfies OrgUnitVersion['unitType'];

/** A unit before its addresses are resolved: the Adresse UUIDs and the type each relation gives it. */
export interface UnitWithAddressRefs {
  unit: Omit<OrgUnit, 'addresses'>;
  addressRefs: Array<{ uuid: string; type: OrgAddressType }>;
}

export interface AddressObject {
  uuid: string;
  value: string;
  darId?: string;
}

function egenskabText(item: Dated | undefined, name: string): string | undefined {
  return item ? text(item.node, name) : undefined;
}

/** BrugervendtNoegleTekst, the sagdok name; `BrugervendtNoegle` as some exports write it. */
function userKey(item: Dated | undefined): string | undefined {
  return egenskabText(item, 'BrugervendtNoegleTekst') ?? egenskabText(item, 'BrugervendtNoegle');
}

function extension(item: Dated | undefined, name: string): string | undefined {
  return item ? text(child(item.node, 'LokalUdvidelse'), name) : undefined;
}

/** The valid time the object is Aktiv: span of its Aktiv Gyldighed, or of `fallback` items without any. */
function lifetime(registrering: XmlNode, fallback: readonly Dated[], path: string): Interval | null {
  const active = activeIntervals(registrering, path);
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

function unitTypeOf(item: Dated | undefined, tables: KlasseTables): OrgUnitVersion['unitType'] {
  const ref = item ? reference(item.node) : null;
  if (ref && 'urn' in ref) {
    const parsed = unitTypeFromUrn(ref.urn);
    const key = parsed?.key as OrgUnitTypeKey | undefined;
    if (parsed && key && UNIT_TYPE_KEYS.includes(key)) return { key, name: parsed.name ?? key.charAt(0).toUpperCase() + key.slice(1) };
  }
  if (ref && 'uuid' in ref) {
    const known = tables.unitTypes?.[ref.uuid];
    if (known) return { key: known.key, name: known.name };
  }
  return { ...UNKNOWN_UNIT_TYPE };
}

function kleOf(item: Dated, tables: KlasseTables): string | null {
  const ref = reference(item.node);
  if (!ref) return null;
  if ('urn' in ref) return kleFromUrn(ref.urn);
  return tables.kle?.[ref.uuid] ?? null;
}

function addressTypeOf(item: Dated, tables: KlasseTables): OrgAddressType | null {
  const type = child(item.node, 'Type');
  const label = text(type, 'Label');
  if (label && (ADDRESS_TYPES as string[]).includes(label)) return label as OrgAddressType;
  const uuid = text(type, 'UUIDIdentifikator')?.toLowerCase();
  if (!uuid) return null;
  return tables.addressTypes?.[uuid] ?? ADDRESS_TYPE_BY_UUID.get(uuid) ?? null;
}

function indexOf(item: Dated): number {
  const n = Number(text(item.node, 'Indeks'));
  return Number.isFinite(n) ? n : Number.MAX_SAFE_INTEGER;
}

function sameVersion(a: OrgUnitVersion, b: OrgUnitVersion): boolean {
  return a.name === b.name && a.shortName === b.shortName && a.parentId === b.parentId && a.unitType.key === b.unitType.key && a.unitType.name === b.unitType.name;
}

/**
 * OrganisationEnhed -> OrgUnit without addresses. Versions are the stretches between the breakpoints of
 * its Egenskab, Overordnet and Enhedstype items (and Gyldighed), where an Egenskab is in force and the
 * unit is Aktiv. Null when the unit is gone or never Aktiv.
 */
export function unitFromWire(obj: XmlNode, path: string, tables: KlasseTables = {}): UnitWithAddressRefs | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const reg = o.registrering;
  const egenskaber = dated(reg, 'AttributListe', 'Egenskab', path);
  const parents = dated(reg, 'RelationListe', 'Overordnet', path);
  const types = dated(reg, 'RelationListe', 'Enhedstype', path);
  const states = dated(reg, 'TilstandListe', 'Gyldighed', path);
  const versions: OrgUnitVersion[] = [];
  let previous: { egenskab: Dated; end: string | null } | undefined;
  for (const { interval, items } of stretches([egenskaber, parents, types, states])) {
    const [egenskab, parent, type, state] = items as [Dated, ...Array<Dated | undefined>];
    if (states.length > 0 && (!state || text(state.node, 'GyldighedStatusKode') !== 'Aktiv')) continue;
    const name = egenskabText(egenskab, 'EnhedNavn');
    if (name === undefined) throw new WireShapeError(`${path}.Egenskab.EnhedNavn`, 'a unit name');
    const version: OrgUnitVersion = {
      ...intervalToPeriod(interval),
      name,
      shortName: extension(egenskab, 'KortNavn') ?? name,
      parentId: parent ? referencedUuid(parent.node) : null,
      unitType: unitTypeOf(type, tables),
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
  const addressItems = currentAt(dated(reg, 'RelationListe', 'Adresser', path), life)
    .map((item, order) => ({ item, order, index: indexOf(item) }))
    .sort((a, b) => a.index - b.index || a.order - b.order);
  const addressRefs: UnitWithAddressRefs['addressRefs'] = [];
  for (const { item } of addressItems) {
    const uuid = referencedUuid(item.node);
    const type = addressTypeOf(item, tables);
    if (uuid && type) addressRefs.push({ uuid, type });
  }
  const kle: string[] = [];
  for (const item of currentAt(dated(reg, 'RelationListe', 'Opgaver', path), life)) {
    const k = kleOf(item, tables);
    if (k) kle.push(k);
  }
  return {
    unit: {
      id: o.uuid,
      opusId: userKey(newest) ?? '',
      versions,
      kle,
      costCenter: extension(newest, 'Omkostningssted') ?? '',
    },
    addressRefs,
  };
}

/** Adresse -> its text (and DAR UUID). Null when gone. */
export function addressFromWire(obj: XmlNode, path: string): AddressObject | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o.registrering, 'AttributListe', 'Egenskab', path));
  const value = egenskabText(egenskab, 'AdresseTekst');
  if (value === undefined) throw new WireShapeError(`${path}.Egenskab.AdresseTekst`, 'the address text');
  const darId = extension(egenskab, 'DarAdresseUuid');
  return darId ? { uuid: o.uuid, value, darId: darId.toLowerCase() } : { uuid: o.uuid, value };
}

/** OrganisationFunktion -> OrgFunction. Null when gone, never Aktiv, or of a type other than Leder/Stilling. */
export function functionFromWire(obj: XmlNode, path: string, tables: KlasseTables = {}): OrgFunction | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const reg = o.registrering;
  const egenskaber = dated(reg, 'AttributListe', 'Egenskab', path);
  const life = lifetime(reg, egenskaber, path);
  if (!life) return null;
  const typeItem = latest(dated(reg, 'RelationListe', 'Funktionstype', path));
  const ref = typeItem ? reference(typeItem.node) : null;
  const typeName = ref ? ('urn' in ref ? functionTypeFromUrn(ref.urn) : (tables.functionTypes?.[ref.uuid] ?? null)) : null;
  if (typeName !== 'Leder' && typeName !== 'Stilling') return null;
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    type: typeName,
    name: egenskabText(latest(egenskaber), 'FunktionNavn') ?? '',
    userIds: uuidsOf(currentAt(dated(reg, 'RelationListe', 'TilknyttedeBrugere', path), life)),
    unitIds: uuidsOf(currentAt(dated(reg, 'RelationListe', 'TilknyttedeEnheder', path), life)),
  };
}

/** Bruger -> OrgUser: the account name is BrugervendtNoegleTekst (FK ORG's user key), else BrugerNavn. */
export function userFromWire(obj: XmlNode, path: string): OrgUser | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const reg = o.registrering;
  const egenskaber = dated(reg, 'AttributListe', 'Egenskab', path);
  const life = lifetime(reg, egenskaber, path);
  if (!life) return null;
  const egenskab = latest(egenskaber);
  const person = latest(dated(reg, 'RelationListe', 'TilknyttedePersoner', path));
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    userName: userKey(egenskab) || egenskabText(egenskab, 'BrugerNavn') || '',
    // A service account has no person; '' rather than inventing one.
    personId: (person && referencedUuid(person.node)) ?? '',
    employmentNumber: extension(egenskab, 'Ansaettelsesnummer') || null,
  };
}

export function personFromWire(obj: XmlNode, path: string): OrgPerson | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const egenskab = latest(dated(o.registrering, 'AttributListe', 'Egenskab', path));
  return {
    id: o.uuid,
    cpr: egenskabText(egenskab, 'CPR-NummerTekst') ?? '',
    name: egenskabText(egenskab, 'NavnTekst') ?? '',
  };
}

export function interestGroupFromWire(obj: XmlNode, path: string): InterestGroup | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const reg = o.registrering;
  const egenskaber = dated(reg, 'AttributListe', 'Egenskab', path);
  const life = lifetime(reg, egenskaber, path);
  if (!life) return null;
  const egenskab = latest(egenskaber);
  return {
    id: o.uuid,
    ...intervalToPeriod(life),
    name: egenskabText(egenskab, 'InteressefaellesskabNavn') ?? '',
    type: egenskabText(egenskab, 'InteressefaellesskabTypeNavn') ?? '',
    unitIds: uuidsOf(currentAt(dated(reg, 'RelationListe', 'TilknyttedeEnheder', path), life)),
    userIds: uuidsOf(currentAt(dated(reg, 'RelationListe', 'TilknyttedeBrugere', path), life)),
  };
}

/** ItSystem -> ItSystem: ItSystemNavn is the name, BrugervendtNoegleTekst the short name. */
export function itSystemFromWire(obj: XmlNode, path: string): ItSystem | null {
  const o = readObject(obj, path);
  if (!o) return null;
  const reg = o.registrering;
  const egenskaber = dated(reg, 'AttributListe', 'Egenskab', path);
  const life = lifetime(reg, egenskaber, path) ?? { start: OPEN_START, end: null };
  const egenskab = latest(egenskaber);
  return {
    id: o.uuid,
    name: egenskabText(egenskab, 'ItSystemNavn') ?? '',
    shortName: userKey(egenskab) ?? '',
    userIds: uuidsOf(currentAt(dated(reg, 'RelationListe', 'TilknyttedeBrugere', path), life)),
  };
}
