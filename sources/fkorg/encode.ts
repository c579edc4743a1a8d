// The domain types of model.ts -> FK ORG objects (ObjektType + Registrering) as the simulator serves
// them, valid against KOMBIT's XSDs (xsd/6.0.STS-0/<Type>.xsd): elements in their sequence order and
// namespaces (wire.ts), one Overordnet/Enhedstype per registration, so a unit's versions are successive
// registrations, each holding the items of its own valid time. The inverse of mapping.ts. Output is the
// inner content of a FiltreretOejebliksbillede, which serves laes/list and fremsoegobjekthierarki alike;
// the `sd:`, `fa:`, `sts:` and `lu:` prefixes are declared on the operation element that encloses it.
import type { InterestGroup, ItSystem, OrgAddress, OrgClass, OrgFunction, OrgPerson, Organisation, OrgUnit, OrgUser, Period } from '../model.js';
import { nameBasedUuid } from '../uuid.js';
import { mergeIntervals } from './registrering.js';
import { OPEN_START, intervalToVirkningXml, periodToInterval, type Interval } from './virkning.js';
import { ADDRESS_OWNER_TYPE, ADDRESS_ROLE_OF, OPGAVE_ROLLE_ANSVARLIG, OPGAVE_TYPE_KLASSE, RELATION_ORDER, serviceNamespace, type ObjectService } from './wire.js';
import { escapeXml } from './xml.js';

const ALWAYS: Interval = { start: OPEN_START, end: null };

export interface EncodeContext {
  /** The Organisation objects belong to when they name none (Tilhoerer). */
  organisationId: string;
  /** Registration time of the newest registration; older ones are registered a second apart before it. */
  registeredAt: string;
}

/** The Adresse object UUID of an address: derived from its content, so units sharing an address share the object. */
export function addressObjectId(address: Pick<OrgAddress, 'value' | 'darId'>): string {
  return nameBasedUuid(`kommunegraf-adresse\n${address.value}\n${address.darId ?? ''}`);
}

/** `<sd:name>text</sd:name>`, nothing for null/undefined. */
function sd(name: string, value: string | number | null | undefined, prefix = 'sd'): string {
  return value === undefined || value === null ? '' : `<${prefix}:${name}>${escapeXml(String(value))}</${prefix}:${name}>`;
}

function uuidLabel(name: string, uuid: string, label?: string): string {
  return `<sd:${name}>${sd('UUIDIdentifikator', uuid)}${sd('Label', label)}</sd:${name}>`;
}

interface Relation {
  name: string;
  xml: string;
}

function relation(name: string, iv: Interval, uuid: string, extra = ''): Relation {
  return { name, xml: `<sd:${name}>${intervalToVirkningXml(iv)}<sd:ReferenceID>${sd('UUIDIdentifikator', uuid)}</sd:ReferenceID>${extra}</sd:${name}>` };
}

/** One registration: its valid time, Egenskab elements already written, the LokalUdvidelse fields, Gyldighed intervals and relations. */
interface RegistrationParts {
  /** When the registration's items are in effect (the valid time a VirkningFraFilter/TilFilter selects on). */
  iv: Interval;
  egenskaber: string;
  extension?: Record<string, string | null | undefined>;
  /** Intervals the object is Aktiv; none for types without Gyldighed (Person, Adresse). */
  active?: Interval[];
  relations: Relation[];
}

function lokalUdvidelse(fields: Record<string, string | null | undefined> | undefined): string {
  const inner = Object.entries(fields ?? {})
    .map(([k, v]) => sd(k, v, 'lu'))
    .join('');
  return inner ? `<sd:LokalUdvidelse>${inner}</sd:LokalUdvidelse>` : '';
}

function timestampBefore(registeredAt: string, seconds: number): string {
  return seconds === 0 ? registeredAt : new Date(Date.parse(registeredAt) - seconds * 1000).toISOString();
}

/** Whether two valid times share a day (ends exclusive, null open). */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return (a.end === null || a.end > b.start) && (b.end === null || b.end > a.start);
}

/**
 * `window`: the valid time a list/laes asked for (VirkningFraFilter/TilFilter); registrations with
 * nothing in effect then are left out, as FK ORG leaves out the items. Without, the whole history.
 */
function object(type: ObjectService, uuid: string, ctx: EncodeContext, registrations: RegistrationParts[], window?: Interval): string {
  const ns = serviceNamespace(type);
  const order = RELATION_ORDER[type];
  let out = `<ObjektType xmlns="${ns}">${sd('UUIDIdentifikator', uuid)}</ObjektType>`;
  registrations.forEach((r, i) => {
    if (window && !intervalsOverlap(r.iv, window)) return;
    const states = mergeIntervals(r.active ?? [])
      .map((iv) => `<fa:Gyldighed>${intervalToVirkningXml(iv)}<fa:GyldighedStatusKode>Aktiv</fa:GyldighedStatusKode></fa:Gyldighed>`)
      .join('');
    // A stable sort keeps the relations of one name in the order given (Indeks order for Adresser).
    const relations = [...r.relations].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    out +=
      `<Registrering xmlns="${ns}">` +
      sd('Tidspunkt', timestampBefore(ctx.registeredAt, registrations.length - 1 - i)) +
      sd('LivscyklusKode', 'Importeret') +
      `<AttributListe>${r.egenskaber}${lokalUdvidelse(r.extension)}</AttributListe>` +
      `<TilstandListe>${states}</TilstandListe>` +
      `<RelationListe>${relations.map((x) => x.xml).join('')}</RelationListe>` +
      `</Registrering>`;
  });
  return out;
}

function egenskab(iv: Interval, fields: string): string {
  return `<Egenskab>${intervalToVirkningXml(iv)}${fields}</Egenskab>`;
}

function lifeOf(periods: readonly Period[]): Interval {
  return periodToInterval({ from: periods[0].from, to: periods[periods.length - 1].to });
}

function classRelation(name: string, iv: Interval, c: OrgClass): Relation {
  return relation(name, iv, c.id);
}

export function encodeUnit(u: OrgUnit, ctx: EncodeContext, window?: Interval): string {
  if (u.versions.length === 0) return object('organisationenhed', u.id, ctx, []);
  const owner = u.organisationId ?? ctx.organisationId;
  const registrations = u.versions.map((v): RegistrationParts => {
    const iv = periodToInterval(v);
    const relations: Relation[] = [];
    u.addresses.forEach((a, i) => {
      const extra = uuidLabel('Rolle', a.roleId ?? ADDRESS_ROLE_OF[a.type as keyof typeof ADDRESS_ROLE_OF]) + uuidLabel('Type', ADDRESS_OWNER_TYPE.orgUnit) + sd('Indeks', i + 1);
      relations.push(relation('Adresser', iv, addressObjectId(a), extra));
    });
    relations.push(classRelation('Enhedstype', iv, v.unitType));
    u.kle.forEach((k, i) => {
      relations.push(relation('Opgaver', iv, k.id, uuidLabel('Rolle', OPGAVE_ROLLE_ANSVARLIG) + uuidLabel('Type', OPGAVE_TYPE_KLASSE) + sd('Indeks', i + 1)));
    });
    if (v.parentId) relations.push(relation('Overordnet', iv, v.parentId));
    relations.push(relation('Tilhoerer', iv, owner));
    return {
      iv,
      egenskaber: egenskab(iv, sd('BrugervendtNoegleTekst', u.opusId) + sd('EnhedNavn', v.name)),
      extension: { KortNavn: v.shortName, Omkostningssted: u.costCenter },
      active: [iv],
      relations,
    };
  });
  return object('organisationenhed', u.id, ctx, registrations, window);
}

/**
 * An Adresse: AdresseTekst is the address; a postal address carries its DAR address UUID as
 * BrugervendtNoegleTekst (Adresse has no LokalUdvidelse in Adresse.xsd), others the object's own UUID.
 */
export function encodeAddress(uuid: string, a: Pick<OrgAddress, 'value' | 'darId'>, ctx: EncodeContext, window?: Interval): string {
  return object('adresse', uuid, ctx, [{ iv: ALWAYS, egenskaber: egenskab(ALWAYS, sd('BrugervendtNoegleTekst', a.darId ?? uuid) + sd('AdresseTekst', a.value, 'sts')), relations: [] }], window);
}

export function encodeFunction(f: OrgFunction, ctx: EncodeContext, window?: Interval): string {
  const iv = periodToInterval(f);
  const relations = [classRelation('Funktionstype', iv, f.functionType)];
  for (const id of f.userIds) relations.push(relation('TilknyttedeBrugere', iv, id));
  for (const id of f.unitIds) relations.push(relation('TilknyttedeEnheder', iv, id));
  return object('organisationfunktion', f.id, ctx, [{ iv, egenskaber: egenskab(iv, sd('BrugervendtNoegleTekst', f.id) + sd('FunktionNavn', f.name)), active: [iv], relations }], window);
}

export function encodeUser(u: OrgUser, ctx: EncodeContext, window?: Interval): string {
  const iv = periodToInterval(u);
  const relations = [relation('Tilhoerer', iv, ctx.organisationId)];
  if (u.personId) relations.push(relation('TilknyttedePersoner', iv, u.personId));
  return object('bruger', u.id, ctx, [
    {
      iv,
      egenskaber: egenskab(iv, sd('BrugervendtNoegleTekst', u.userName) + sd('BrugerNavn', u.userName)),
      extension: { Ansaettelsesnummer: u.employmentNumber },
      active: [iv],
      relations,
    },
  ], window);
}

export function encodePerson(p: OrgPerson, ctx: EncodeContext, window?: Interval): string {
  // Person.xsd: CPR-NummerTekst from GenerelleDefinitioner (sts:), NavnTekst Person's own (default namespace).
  const fields = sd('BrugervendtNoegleTekst', p.id) + sd('CPR-NummerTekst', p.cpr, 'sts') + `<NavnTekst>${escapeXml(p.name)}</NavnTekst>`;
  return object('person', p.id, ctx, [{ iv: ALWAYS, egenskaber: egenskab(ALWAYS, fields), relations: [] }], window);
}

export function encodeInterestGroup(g: InterestGroup, ctx: EncodeContext, window?: Interval): string {
  const iv = periodToInterval(g);
  const relations = [relation('Tilhoerer', iv, ctx.organisationId)];
  for (const id of g.userIds) relations.push(relation('TilknyttedeBrugere', iv, id));
  for (const id of g.unitIds) relations.push(relation('TilknyttedeEnheder', iv, id));
  const fields = sd('BrugervendtNoegleTekst', g.id) + sd('InteressefaellesskabNavn', g.name) + sd('InteressefaellesskabTypeTekst', g.type);
  return object('interessefaellesskab', g.id, ctx, [{ iv, egenskaber: egenskab(iv, fields), active: [iv], relations }], window);
}

export function encodeItSystem(s: ItSystem, ctx: EncodeContext, window?: Interval): string {
  const relations = [relation('Tilhoerer', ALWAYS, ctx.organisationId)];
  for (const id of s.userIds) relations.push(relation('TilknyttedeBrugere', ALWAYS, id));
  return object('itsystem', s.id, ctx, [{ iv: ALWAYS, egenskaber: egenskab(ALWAYS, sd('BrugervendtNoegleTekst', s.shortName) + sd('ItSystemNavn', s.name)), relations }], window);
}

export function encodeOrganisation(org: Organisation, ctx: EncodeContext, window?: Interval): string {
  return object('organisation', org.id, ctx, [
    {
      iv: ALWAYS,
      egenskaber: egenskab(ALWAYS, sd('BrugervendtNoegleTekst', org.kommunekode) + sd('OrganisationNavn', org.name)),
      extension: { CVR: org.cvr },
      active: [ALWAYS],
      relations: [],
    },
  ], window);
}

/** A Klasse (Klasse.xsd): BrugervendtNoegleTekst and TitelTekst, published (PubliceretStatus). */
export function encodeKlasse(c: OrgClass, ctx: EncodeContext): string {
  const ns = serviceNamespace('klasse');
  return (
    `<ObjektType xmlns="${ns}">${sd('UUIDIdentifikator', c.id)}</ObjektType>` +
    `<Registrering xmlns="${ns}">${sd('Tidspunkt', ctx.registeredAt)}${sd('LivscyklusKode', 'Importeret')}` +
    `<AttributListe>${egenskab(ALWAYS, sd('BrugervendtNoegleTekst', c.key) + sd('TitelTekst', c.name))}</AttributListe>` +
    `<TilstandListe><PubliceretStatus>${intervalToVirkningXml(ALWAYS)}${sd('ErPubliceretIndikator', 'true')}</PubliceretStatus></TilstandListe>` +
    `<RelationListe/></Registrering>`
  );
}
