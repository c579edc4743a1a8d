// The names FK ORG (Organisation SF1500 v6) uses on the wire, in one place: services, SOAP actions,
// namespaces, status codes, and how this project encodes the references FK ORG keeps as Klassifikation
// classes (KLE tasks, unit types, function types, address types).
//
// Namespaces and action URIs follow the public v6 WSDL/XSD set (as used by OS2sync and the KOMBIT
// examples): the operation element lives in the object type's namespace
// `http://stoettesystemerne.dk/organisation/<type>/6/`, the shared sagdok elements (UUIDIdentifikator,
// StandardRetur, Virkning, ...) in `urn:oio:sagdok:3.0.0`. Parsing strips prefixes, so namespaces only
// matter when writing.

export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
export const SAGDOK_NS = 'urn:oio:sagdok:3.0.0';
export const STS_NS = 'urn:oio:sts:6';
export const REQUEST_HEADER_NS = 'http://kombit.dk/xml/schemas/RequestHeader/1/';

export const ORG_SERVICES = [
  'organisationenhed',
  'organisationfunktion',
  'bruger',
  'person',
  'adresse',
  'interessefaellesskab',
  'itsystem',
  'organisationsystem',
] as const;
export type OrgService = (typeof ORG_SERVICES)[number];

export type OrgOperation = 'laes' | 'list' | 'soeg' | 'fremsoegobjekthierarki';

/** The object services (all but OrganisationSystem) answer laes, list and soeg. */
export type ObjectService = Exclude<OrgService, 'organisationsystem'>;

export function serviceNamespace(service: OrgService): string {
  return `http://stoettesystemerne.dk/organisation/${service}/6/`;
}

export function servicePath(service: OrgService): string {
  return `organisation/${service}/6/`;
}

export function soapAction(service: OrgService, operation: OrgOperation): string {
  return `http://kombit.dk/sts/organisation/${service}/${operation}`;
}

/** The body elements of each operation (`<op>Input` in, `<op>Output` out). */
export const OPERATION_ELEMENTS: Record<OrgOperation, { input: string; output: string }> = {
  laes: { input: 'LaesInput', output: 'LaesOutput' },
  list: { input: 'ListInput', output: 'ListOutput' },
  soeg: { input: 'SoegInput', output: 'SoegOutput' },
  fremsoegobjekthierarki: { input: 'FremsoegObjekthierarkiInput', output: 'FremsoegObjekthierarkiOutput' },
};

/** StandardRetur.StatusKode values. */
export const STATUS = {
  ok: '20',
  badInput: '40',
  notFound: '44',
  serviceError: '49',
  systemError: '50',
} as const;

/** The repeated collections of FremsoegObjekthierarkiOutput, each a list of FiltreretOejebliksbillede. */
export const HIERARCHY_COLLECTIONS = ['Organisationer', 'OrganisationEnheder', 'OrganisationFunktioner', 'Brugere', 'Interessefaellesskaber', 'ItSystemer'] as const;

/** The most results FK ORG hands out per soeg or fremsoegobjekthierarki page. */
export const FKORG_MAX_PAGE = 500;

// ---------------------------------------------------------------- references to Klassifikation
//
// In production, Opgaver, Enhedstype and Funktionstype point at Klasse UUIDs in Klassifikation (SF1514),
// which differ per municipality. The simulator has no Klassifikation, so it writes these references
// as URNs in ReferenceID/URNIdentifikator (the sagdok UnikIdType allows either a UUID or a URN):
//   KLE task:       urn:kle:<number>               e.g. urn:kle:00.01.10; local and longer numbers as they are
//   unit type:      urn:enhedstype:<key>:<name>    name percent-encoded, e.g. urn:enhedstype:afdeling:Afdeling;
//                                                  soeg matches on the key alone (urn:enhedstype:<key>)
//   function type:  urn:funktionstype:<Leder|Stilling>
// The client reads both forms: URNs as above, UUIDs through the Klasse tables given in its options.

export const KLE_URN_PREFIX = 'urn:kle:';
export const UNIT_TYPE_URN_PREFIX = 'urn:enhedstype:';
export const FUNCTION_TYPE_URN_PREFIX = 'urn:funktionstype:';

export function kleUrn(kle: string): string {
  return KLE_URN_PREFIX + kle;
}

export function kleFromUrn(urn: string): string | null {
  return urn.toLowerCase().startsWith(KLE_URN_PREFIX) && urn.length > KLE_URN_PREFIX.length ? urn.slice(KLE_URN_PREFIX.length) : null;
}

export function unitTypeUrn(key: string, name?: string): string {
  return name === undefined ? UNIT_TYPE_URN_PREFIX + key : `${UNIT_TYPE_URN_PREFIX}${key}:${encodeURIComponent(name)}`;
}

export function unitTypeFromUrn(urn: string): { key: string; name: string | null } | null {
  if (!urn.toLowerCase().startsWith(UNIT_TYPE_URN_PREFIX)) return null;
  const rest = urn.slice(UNIT_TYPE_URN_PREFIX.length);
  const colon = rest.indexOf(':');
  if (colon < 0) return rest ? { key: rest, name: null } : null;
  let name: string;
  try {
    name = decodeURIComponent(rest.slice(colon + 1));
  } catch {
    return null;
  }
  return { key: rest.slice(0, colon), name };
}

export function functionTypeUrn(type: string): string {
  return FUNCTION_TYPE_URN_PREFIX + type;
}

export function functionTypeFromUrn(urn: string): string | null {
  return urn.toLowerCase().startsWith(FUNCTION_TYPE_URN_PREFIX) ? urn.slice(FUNCTION_TYPE_URN_PREFIX.length) : null;
}

// Address relations carry Rolle and Type as UUID + Label. The labels are what the client reads; the
// UUIDs are this project's fixed stand-ins for the municipality's Klasse UUIDs.
export const ADDRESS_TYPE_UUIDS = {
  Postadresse: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5001',
  Email: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5002',
  Telefon: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5003',
  EAN: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5004',
  'P-nummer': 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5005',
  SE: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5006',
  CVR: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5007',
  Lokation: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5008',
} as const;

/** Rolle of every address relation the simulator writes: the unit's contact data. */
export const ADDRESS_ROLE = { uuid: 'a7f6a1f3-2b38-4c3a-9b0e-6f1a0c1e5100', label: 'Henvendelsessted' } as const;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
