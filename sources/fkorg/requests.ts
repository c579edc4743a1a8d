// The operation elements the client sends (the SOAP Body content), per the v6 operation schemas.
import { SAGDOK_NS, serviceNamespace, type ObjectService } from './wire.js';
import { element, textElement } from './xml.js';

export function laesInput(service: ObjectService, uuid: string): string {
  return element('LaesInput', textElement('UUIDIdentifikator', uuid, SAGDOK_NS), serviceNamespace(service));
}

export function listInput(service: ObjectService, uuids: readonly string[]): string {
  return element('ListInput', uuids.map((u) => textElement('UUIDIdentifikator', u, SAGDOK_NS)).join(''), serviceNamespace(service));
}

/** A relation criterion: the related object's UUID, or a URN for references kept as URNs. */
export type RelationCriterion = { name: string; uuid: string } | { name: string; urn: string };

export interface SoegCriteria {
  offset: number;
  limit: number;
  /** Egenskab elements to match; `*` is FK ORG's wildcard. */
  egenskab?: Record<string, string>;
  relations?: RelationCriterion[];
}

export function soegInput(service: ObjectService, c: SoegCriteria): string {
  const egenskab = Object.entries(c.egenskab ?? {})
    .map(([name, value]) => textElement(name, value))
    .join('');
  const relations = (c.relations ?? [])
    .map((r) => {
      const ref = 'uuid' in r ? textElement('UUIDIdentifikator', r.uuid, SAGDOK_NS) : textElement('URNIdentifikator', r.urn, SAGDOK_NS);
      return `<${r.name}><ReferenceID>${ref}</ReferenceID></${r.name}>`;
    })
    .join('');
  return element(
    'SoegInput',
    textElement('FoersteResultatReference', c.offset) +
      textElement('MaksimalAntalKvantitet', c.limit) +
      element('AttributListe', egenskab ? element('Egenskab', egenskab) : '') +
      element('TilstandListe', '') +
      element('RelationListe', relations),
    serviceNamespace(service),
  );
}

export function fremsoegObjekthierarkiInput(offset: number, limit: number): string {
  return element(
    'FremsoegObjekthierarkiInput',
    textElement('FoersteResultatReference', offset) + textElement('MaksimalAntalKvantitet', limit),
    serviceNamespace('organisationsystem'),
  );
}
