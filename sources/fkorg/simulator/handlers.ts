// What each operation of the simulator answers, as the body of a SOAP response. Outcomes FK ORG reports
// in StandardRetur (not found, bad input, too many UUIDs) are answered that way; requests it cannot read
// at all are SOAP Faults, thrown as SoapFailure by the caller.
import { FKORG_MAX_PAGE, HIERARCHY_COLLECTIONS, isUuid, OPERATION_ELEMENTS, PREFIX_DECLARATIONS, serviceNamespace, STATUS, type ObjectService, type OrgOperation, type OrgService } from '../wire.js';
import { child, escapeXml, texts, type XmlNode } from '../xml.js';
import { validTimeFilter, VirkningError, type Interval } from '../virkning.js';
import { today } from '../../../platform/today.js';
import type { Collection, OrgIndex } from './OrgIndex.js';
import { parseSoeg, runSoeg, SoegRefusal } from './soeg.js';

export interface HandlerState {
  index: OrgIndex;
  maxBatchSize: number;
  /** Most objects of each collection per fremsoegobjekthierarki page. */
  pageSize: number;
}

const STATUS_TEXT: Record<string, string> = {
  [STATUS.ok]: 'OK',
  [STATUS.badInput]: 'Ugyldigt input',
  [STATUS.notFound]: 'Objektet findes ikke',
  [STATUS.serviceError]: 'Der opstod en fejl i servicen',
  [STATUS.systemError]: 'Der opstod en systemfejl',
};

/** StandardRetur and its children are sagdok elements (SagDokObjekt.xsd StandardReturType). */
export function standardRetur(status: string, tekst?: string): string {
  return `<sd:StandardRetur><sd:StatusKode>${escapeXml(status)}</sd:StatusKode><sd:FejlbeskedTekst>${escapeXml(tekst ?? STATUS_TEXT[status] ?? 'Fejl')}</sd:FejlbeskedTekst></sd:StandardRetur>`;
}

/** The operation's output element in the service's namespace, declaring the shared prefixes once. */
export function outputElement(service: OrgService, operation: OrgOperation, content: string): string {
  const name = OPERATION_ELEMENTS[operation].output;
  return `<${name} xmlns="${serviceNamespace(service)}" ${PREFIX_DECLARATIONS}>${content}</${name}>`;
}

/**
 * An answer that refuses (or reports 44) with StandardRetur alone; FremsoegObjekthierarkiOutput also
 * needs its six collections, empty (OrganisationSystemOperationer.xsd declares them required).
 */
export function refusal(service: OrgService, operation: OrgOperation, status: string, tekst?: string): string {
  const collections = operation === 'fremsoegobjekthierarki' ? HIERARCHY_COLLECTIONS.map((c) => `<${c}/>`).join('') : '';
  return outputElement(service, operation, standardRetur(status, tekst) + collections);
}

/** The size of a request as the simulator records it: UUIDs for list, 1 for a single read or a search page. */
export function requestSize(operation: OrgOperation, input: XmlNode): number {
  return operation === 'list' ? texts(input, 'UUIDIdentifikator').length : 1;
}

/** The valid time a laes/list asks for (virkning.ts validTimeFilter): undefined for all of it, null when unreadable. */
function windowOf(input: XmlNode): Interval | undefined | null {
  try {
    return validTimeFilter(child(input, 'VirkningFraFilter'), child(input, 'VirkningTilFilter'), today());
  } catch (err) {
    if (err instanceof VirkningError) return null;
    throw err;
  }
}

export function handle(state: HandlerState, service: OrgService, operation: OrgOperation, input: XmlNode): string {
  const out = (content: string) => outputElement(service, operation, content);
  const refuse = (status: string, tekst?: string) => refusal(service, operation, status, tekst);
  if (operation === 'fremsoegobjekthierarki') return fremsoeg(state, input);
  const collection = state.index.collections[service as ObjectService] as Collection<unknown>;
  switch (operation) {
    case 'laes': {
      const ids = texts(input, 'UUIDIdentifikator');
      if (ids.length !== 1 || !isUuid(ids[0])) return refuse(STATUS.badInput, 'UUIDIdentifikator skal være ét UUID.');
      const window = windowOf(input);
      if (window === null) return refuse(STATUS.badInput, 'VirkningFraFilter/VirkningTilFilter kunne ikke læses.');
      const x = collection.xml(ids[0], window);
      if (x === undefined) return refuse(STATUS.notFound);
      return out(standardRetur(STATUS.ok) + `<FiltreretOejebliksbillede>${x}</FiltreretOejebliksbillede>`);
    }
    case 'list': {
      const ids = texts(input, 'UUIDIdentifikator');
      if (ids.length === 0) return refuse(STATUS.badInput, 'Mindst ét UUIDIdentifikator skal angives.');
      if (ids.length > state.maxBatchSize) return refuse(STATUS.badInput, `Der kan højst listes ${state.maxBatchSize} objekter pr. kald.`);
      if (!ids.every(isUuid)) return refuse(STATUS.badInput, 'UUIDIdentifikator skal være et UUID.');
      const window = windowOf(input);
      if (window === null) return refuse(STATUS.badInput, 'VirkningFraFilter/VirkningTilFilter kunne ikke læses.');
      let found = '';
      for (const id of ids) {
        const x = collection.xml(id, window);
        if (x !== undefined) found += `<FiltreretOejebliksbillede>${x}</FiltreretOejebliksbillede>`;
      }
      if (found === '') return refuse(STATUS.notFound);
      return out(standardRetur(STATUS.ok) + found);
    }
    case 'soeg': {
      try {
        const req = parseSoeg(input, FKORG_MAX_PAGE);
        const page = runSoeg(collection, req);
        return out(standardRetur(STATUS.ok) + `<sd:IdListe>${page.map((id) => `<sd:UUIDIdentifikator>${id}</sd:UUIDIdentifikator>`).join('')}</sd:IdListe>`);
      } catch (err) {
        if (err instanceof SoegRefusal) return refuse(STATUS.badInput, err.message);
        throw err;
      }
    }
  }
}

const HIERARCHY_SERVICES: Record<(typeof HIERARCHY_COLLECTIONS)[number], ObjectService | null> = {
  Organisationer: null, // the Organisation objects, paged like the rest
  OrganisationEnheder: 'organisationenhed',
  OrganisationFunktioner: 'organisationfunktion',
  Brugere: 'bruger',
  Interessefaellesskaber: 'interessefaellesskab',
  ItSystemer: 'itsystem',
};

/**
 * One page of every collection: objects [offset, offset + limit) of each, every collection one element
 * holding a FiltreretOejebliksbillede per object, as FremsoegObjekthierarkiOutput has them.
 */
function fremsoeg(state: HandlerState, input: XmlNode): string {
  const out = (content: string) => outputElement('organisationsystem', 'fremsoegobjekthierarki', content);
  let offset: number;
  let limit: number;
  try {
    ({ offset, limit } = parseSoeg(input, state.pageSize));
  } catch (err) {
    if (err instanceof SoegRefusal) return refusal('organisationsystem', 'fremsoegobjekthierarki', STATUS.badInput, err.message);
    throw err;
  }
  const parts = [standardRetur(STATUS.ok)];
  for (const name of HIERARCHY_COLLECTIONS) {
    const service = HIERARCHY_SERVICES[name];
    let objects: string[];
    if (service === null) {
      const orgs = state.index.collections.organisation;
      objects = orgs.ids.slice(offset, offset + limit).map((id) => orgs.xml(id)!);
    } else {
      const collection = state.index.collections[service];
      objects = collection.ids.slice(offset, offset + limit).map((id) => collection.xml(id)!);
    }
    parts.push(`<${name}>${objects.map((x) => `<FiltreretOejebliksbillede>${x}</FiltreretOejebliksbillede>`).join('')}</${name}>`);
  }
  return out(parts.join(''));
}
