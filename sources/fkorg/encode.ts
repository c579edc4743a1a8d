// The domain types of model.ts -> FK ORG objects (ObjektType + Registrering), as the simulator serves
// them. The inverse of mapping.ts; see there (and wire.ts) for the encoding of what FK ORG's standard
// has no element for. Output is the inner content of a FiltreretOejebliksbillede, so the same string
// serves laes/list (wrapped in FiltreretOejebliksbillede) and fremsoegobjekthierarki (wrapped in
// OrganisationEnheder, Brugere, ...).
import { createHash } from 'node:crypto';
import type { InterestGroup, ItSystem, OrgAddress, OrgFunction, OrgPerson, OrgSnapshot, OrgUnit, OrgUser, Period } from '../model.js';
import { mergeIntervals } from './registrering.js';
import { OPEN_START, intervalToVirkningXml, periodToInterval, type Interval } from './virkning.js';
import { ADDRESS_ROLE, ADDRESS_TYPE_UUIDS, functionTypeUrn, kleUrn, unitTypeUrn } from './wire.js';
import { element, textElement } from './xml.js';

const ALWAYS: Interval = { start: OPEN_START, end: null };

export interface EncodeContext {
  /** The Organisation every object belongs to (Tilhoerer). */
  organisationId: string;
  /** Registration time written in every Registrering. */
  registeredAt: string;
}

/** The Adresse object UUID of an address: derived from its content, so units sharing an address share the object. */
export function addressObjectId(address: Pick<OrgAddress, 'value' | 'darId'>): string {
  const h = createHash('sha1').update(`kommunegraf-adresse\n${address.value}\n${address.darId ?? ''}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function object(uuid: string, ctx: EncodeContext, attributes: string, states: string, relations: string): string {
  return (
    `<ObjektType>${textElement('UUIDIdentifikator', uuid)}</ObjektType>` +
    `<Registrering>${textElement('Tidspunkt', ctx.registeredAt)}<LivscyklusKode>Importeret</LivscyklusKode>` +
    element('AttributListe', attributes) +
    element('TilstandListe', states) +
    element('RelationListe', relations) +
    `</Registrering>`
  );
}

function uuidRelation(name: string, iv: Interval, uuid: string, extra = ''): string {
  return `<${name}>${intervalToVirkningXml(iv)}<ReferenceID>${textElement('UUIDIdentifikator', uuid)}</ReferenceID>${extra}</${name}>`;
}

function urnRelation(name: string, iv: Interval, urn: string): string {
  return `<${name}>${intervalToVirkningXml(iv)}<ReferenceID>${textElement('URNIdentifikator', urn)}</ReferenceID></${name}>`;
}

function activeStates(intervals: Interval[]): string {
  return mergeIntervals(intervals)
    .map((iv) => `<Gyldighed>${intervalToVirkningXml(iv)}<GyldighedStatusKode>Aktiv</GyldighedStatusKode></Gyldighed>`)
    .join('');
}

function extension(fields: Record<string, string | null | undefined>): string {
  const inner = Object.entries(fields)
    .map(([k, v]) => textElement(k, v))
    .join('');
  return inner ? `<LokalUdvidelse>${inner}</LokalUdvidelse>` : '';
}

function lifeOf(periods: readonly Period[]): Interval {
  return periodToInterval({ from: periods[0].from, to: periods[periods.length - 1].to });
}

export function encodeUnit(u: OrgUnit, ctx: EncodeContext): string {
  if (u.versions.length === 0) return object(u.id, ctx, '', '', '');
  const life = lifeOf(u.versions);
  let attributes = '';
  let relations = uuidRelation('Tilhoerer', life, ctx.organisationId);
  const intervals: Interval[] = [];
  for (const v of u.versions) {
    const iv = periodToInterval(v);
    intervals.push(iv);
    attributes +=
      `<Egenskab>${intervalToVirkningXml(iv)}` +
      textElement('BrugervendtNoegleTekst', u.opusId) +
      textElement('EnhedNavn', v.name) +
      extension({ KortNavn: v.shortName, Omkostningssted: u.costCenter }) +
      `</Egenskab>`;
    if (v.parentId) relations += uuidRelation('Overordnet', iv, v.parentId);
    relations += urnRelation('Enhedstype', iv, unitTypeUrn(v.unitType.key, v.unitType.name));
  }
  u.addresses.forEach((a, i) => {
    const role = `<Rolle>${textElement('UUIDIdentifikator', ADDRESS_ROLE.uuid)}${textElement('Label', ADDRESS_ROLE.label)}</Rolle>`;
    const type = `<Type>${textElement('UUIDIdentifikator', ADDRESS_TYPE_UUIDS[a.type])}${textElement('Label', a.type)}</Type>`;
    relations += uuidRelation('Adresser', life, addressObjectId(a), `${role}${type}${textElement('Indeks', i + 1)}`);
  });
  for (const k of u.kle) relations += urnRelation('Opgaver', life, kleUrn(k));
  return object(u.id, ctx, attributes, activeStates(intervals), relations);
}

export function encodeAddress(uuid: string, a: Pick<OrgAddress, 'value' | 'darId'>, ctx: EncodeContext): string {
  const attributes =
    `<Egenskab>${intervalToVirkningXml(ALWAYS)}` +
    textElement('BrugervendtNoegleTekst', uuid) +
    textElement('AdresseTekst', a.value) +
    extension({ DarAdresseUuid: a.darId }) +
    `</Egenskab>`;
  return object(uuid, ctx, attributes, '', '');
}

export function encodeFunction(f: OrgFunction, ctx: EncodeContext): string {
  const iv = periodToInterval(f);
  const attributes = `<Egenskab>${intervalToVirkningXml(iv)}${textElement('BrugervendtNoegleTekst', f.id)}${textElement('FunktionNavn', f.name)}</Egenskab>`;
  let relations = uuidRelation('Tilhoerer', iv, ctx.organisationId) + urnRelation('Funktionstype', iv, functionTypeUrn(f.type));
  for (const id of f.userIds) relations += uuidRelation('TilknyttedeBrugere', iv, id);
  for (const id of f.unitIds) relations += uuidRelation('TilknyttedeEnheder', iv, id);
  return object(f.id, ctx, attributes, activeStates([iv]), relations);
}

export function encodeUser(u: OrgUser, ctx: EncodeContext): string {
  const iv = periodToInterval(u);
  const attributes =
    `<Egenskab>${intervalToVirkningXml(iv)}` +
    textElement('BrugervendtNoegleTekst', u.userName) +
    textElement('BrugerNavn', u.userName) +
    extension({ Ansaettelsesnummer: u.employmentNumber }) +
    `</Egenskab>`;
  let relations = uuidRelation('Tilhoerer', iv, ctx.organisationId);
  if (u.personId) relations += uuidRelation('TilknyttedePersoner', iv, u.personId);
  return object(u.id, ctx, attributes, activeStates([iv]), relations);
}

export function encodePerson(p: OrgPerson, ctx: EncodeContext): string {
  const attributes =
    `<Egenskab>${intervalToVirkningXml(ALWAYS)}` +
    textElement('BrugervendtNoegleTekst', p.id) +
    textElement('NavnTekst', p.name) +
    textElement('CPR-NummerTekst', p.cpr) +
    `</Egenskab>`;
  return object(p.id, ctx, attributes, '', '');
}

export function encodeInterestGroup(g: InterestGroup, ctx: EncodeContext): string {
  const iv = periodToInterval(g);
  const attributes =
    `<Egenskab>${intervalToVirkningXml(iv)}` +
    textElement('BrugervendtNoegleTekst', g.id) +
    textElement('InteressefaellesskabNavn', g.name) +
    textElement('InteressefaellesskabTypeNavn', g.type) +
    `</Egenskab>`;
  let relations = uuidRelation('Tilhoerer', iv, ctx.organisationId);
  for (const id of g.unitIds) relations += uuidRelation('TilknyttedeEnheder', iv, id);
  for (const id of g.userIds) relations += uuidRelation('TilknyttedeBrugere', iv, id);
  return object(g.id, ctx, attributes, activeStates([iv]), relations);
}

export function encodeItSystem(s: ItSystem, ctx: EncodeContext): string {
  const attributes = `<Egenskab>${intervalToVirkningXml(ALWAYS)}${textElement('BrugervendtNoegleTekst', s.shortName)}${textElement('ItSystemNavn', s.name)}</Egenskab>`;
  let relations = uuidRelation('Tilhoerer', ALWAYS, ctx.organisationId);
  for (const id of s.userIds) relations += uuidRelation('TilknyttedeBrugere', ALWAYS, id);
  return object(s.id, ctx, attributes, '', relations);
}

export function encodeOrganisation(org: OrgSnapshot['organisation'], ctx: EncodeContext): string {
  const attributes =
    `<Egenskab>${intervalToVirkningXml(ALWAYS)}` +
    textElement('BrugervendtNoegleTekst', org.kommunekode) +
    textElement('OrganisationNavn', org.name) +
    extension({ CVR: org.cvr }) +
    `</Egenskab>`;
  return object(org.id, ctx, attributes, activeStates([ALWAYS]), '');
}
