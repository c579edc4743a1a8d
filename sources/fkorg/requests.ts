// The operation elements the client sends (the SOAP Body content), per the v6 operation schemas
// (xsd/6.0.STS-0/<Type>Operationer.xsd): paging and relation elements are sagdok's (`sd:`), AttributListe,
// Egenskab, TilstandListe and RelationListe the type's own, everything in XSD sequence order.
import { OPGAVE_ROLLE_ANSVARLIG, OPGAVE_TYPE_KLASSE, PREFIX_DECLARATIONS, RELATION_ORDER, SAGDOK_NS, serviceNamespace, type ObjectService } from './wire.js';
import { element, escapeXml, textElement } from './xml.js';

// Both valid-time filters unbounded (TidspunktType's GraenseIndikator): the whole valid-time history,
// which `asOf` and a unit's versions need. Without them FK ORG answers only what is in effect now. So a
// public client reads history: OS2sync, IntegrationLayer/Source/stubs/OrganisationFunktionStub.cs,
// GetLatestRegistrations ("this ensures that we get the full history when reading, and not just what is
// valid right now"). Elements and their order: SagDokObjekt.xsd, LaesInputType and ListInputType.
const OPEN_BOUND = textElement('GraenseIndikator', 'true', SAGDOK_NS);
const WHOLE_VALID_TIME = element('VirkningFraFilter', OPEN_BOUND, SAGDOK_NS) + element('VirkningTilFilter', OPEN_BOUND, SAGDOK_NS);

export function laesInput(service: ObjectService, uuid: string): string {
  return element('LaesInput', textElement('UUIDIdentifikator', uuid, SAGDOK_NS) + WHOLE_VALID_TIME, serviceNamespace(service));
}

export function listInput(service: ObjectService, uuids: readonly string[]): string {
  return element('ListInput', uuids.map((u) => textElement('UUIDIdentifikator', u, SAGDOK_NS)).join('') + WHOLE_VALID_TIME, serviceNamespace(service));
}

/** A relation criterion: the related object's UUID. */
export interface RelationCriterion {
  name: string;
  uuid: string;
}

export interface SoegCriteria {
  offset: number;
  limit: number;
  /**
   * Egenskab elements to match; `*` is FK ORG's wildcard. Sagdok elements by name, others with their
   * prefix (`sts:CPR-NummerTekst`, from GenerelleDefinitioner.xsd as Person.xsd refers to it).
   */
  egenskab?: Record<string, string>;
  relations?: RelationCriterion[];
}

const sdText = (name: string, value: string | number) => `<sd:${name}>${escapeXml(String(value))}</sd:${name}>`;

// Opgaver is a DynamicFlerRelationType (SagDokObjekt.xsd): Rolle, Type and Indeks are required even in
// a search. The values are those every Opgaver relation carries (wire.ts); Indeks is left empty.
const OPGAVE_SEARCH =
  `<sd:Rolle>${sdText('UUIDIdentifikator', OPGAVE_ROLLE_ANSVARLIG)}</sd:Rolle>` + `<sd:Type>${sdText('UUIDIdentifikator', OPGAVE_TYPE_KLASSE)}</sd:Type>` + sdText('Indeks', '');

// Every Egenskab type begins with Virkning, BrugervendtNoegleTekst; the type's own fields follow.
const EGENSKAB_FIRST = ['BrugervendtNoegleTekst'];

export function soegInput(service: ObjectService, c: SoegCriteria): string {
  const names = Object.keys(c.egenskab ?? {}).sort((a, b) => Number(!EGENSKAB_FIRST.includes(a)) - Number(!EGENSKAB_FIRST.includes(b)));
  const egenskab = names.map((name) => (name.includes(':') ? `<${name}>${escapeXml(c.egenskab![name])}</${name}>` : sdText(name, c.egenskab![name]))).join('');
  const order = RELATION_ORDER[service];
  for (const r of c.relations ?? []) if (!order.includes(r.name)) throw new RangeError(`${service} has no relation ${r.name}`);
  const relations = [...(c.relations ?? [])]
    .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
    .map((r) => `<sd:${r.name}><sd:ReferenceID>${sdText('UUIDIdentifikator', r.uuid)}</sd:ReferenceID>${r.name === 'Opgaver' ? OPGAVE_SEARCH : ''}</sd:${r.name}>`)
    .join('');
  return (
    `<SoegInput xmlns="${serviceNamespace(service)}" ${PREFIX_DECLARATIONS}>` +
    sdText('FoersteResultatReference', c.offset) +
    sdText('MaksimalAntalKvantitet', c.limit) +
    `<AttributListe>${egenskab ? `<Egenskab>${egenskab}</Egenskab>` : ''}</AttributListe>` +
    `<TilstandListe/>` +
    `<RelationListe>${relations}</RelationListe>` +
    `</SoegInput>`
  );
}

export function fremsoegObjekthierarkiInput(offset: number, limit: number): string {
  return (
    `<FremsoegObjekthierarkiInput xmlns="${serviceNamespace('organisationsystem')}" xmlns:sd="${SAGDOK_NS}">` +
    sdText('FoersteResultatReference', offset) +
    sdText('MaksimalAntalKvantitet', limit) +
    `</FremsoegObjekthierarkiInput>`
  );
}
