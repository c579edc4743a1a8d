// The names FK ORG (Organisation SF1500 v6) uses on the wire, in one place: services, SOAP actions,
// namespaces, status codes and the Anvisninger's classification UUIDs. Every value here is checked by
// test/sources/fkorg-conformance.test.ts against KOMBIT's WSDL/XSD set (../shared/sf1500-v6).
//
// Namespaces (xsd/6.0.STS-0/<Type>Operationer.xsd, xsd/common/SagDokObjekt.xsd): the operation element
// and the object's own elements (FiltreretOejebliksbillede, Registrering, AttributListe, Egenskab, ...)
// live in the type's namespace; every element *declared* in SagDokObjekt.xsd keeps `urn:oio:sagdok:3.0.0`
// wherever it appears (StandardRetur, paging, relations, Virkning, UUIDIdentifikator, LokalUdvidelse, ...);
// Gyldighed in OrganisationFaelles.xsd's namespace; CPR-NummerTekst and AdresseTekst in
// GenerelleDefinitioner.xsd's `urn:oio:sts:6`. Parsing strips prefixes, so namespaces only matter when
// writing.

export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
export const SAGDOK_NS = 'urn:oio:sagdok:3.0.0';
/** GenerelleDefinitioner.xsd: CPR-NummerTekst, AdresseTekst. */
export const STS_NS = 'urn:oio:sts:6';
/** OrganisationFaelles.xsd: Gyldighed, GyldighedStatusKode. */
export const ORGFAELLES_NS = 'http://stoettesystemerne.dk/organisation/6/';
export const REQUEST_HEADER_NS = 'http://kombit.dk/xml/schemas/RequestHeader/1/';
/**
 * This project's own LokalUdvidelse content (KortNavn, Omkostningssted, Ansaettelsesnummer, DarAdresseUuid,
 * CVR): not part of SF1500. SagDokObjekt.xsd lets LokalUdvidelse hold elements of any other namespace,
 * validated strictly, so the namespace has its schema beside this file (lokaludvidelse.xsd).
 */
export const LOKAL_UDVIDELSE_NS = 'urn:kommunegraf:fkorg:lokaludvidelse:1';

/**
 * The prefixes every answer and request body this project writes uses for the shared elements, declared
 * once on the operation element: `sd:` sagdok, `fa:` OrganisationFaelles, `sts:` GenerelleDefinitioner,
 * `lu:` our LokalUdvidelse.
 */
export const PREFIX_DECLARATIONS = `xmlns:sd="${SAGDOK_NS}" xmlns:fa="${ORGFAELLES_NS}" xmlns:sts="${STS_NS}" xmlns:lu="${LOKAL_UDVIDELSE_NS}"`;

export const ORG_SERVICES = [
  'organisationenhed',
  'organisationfunktion',
  'bruger',
  'person',
  'adresse',
  'interessefaellesskab',
  'itsystem',
  'organisation',
  'organisationsystem',
  'klasse',
] as const;
export type OrgService = (typeof ORG_SERVICES)[number];

export type OrgOperation = 'laes' | 'list' | 'soeg' | 'fremsoegobjekthierarki';

/** The object services (all but OrganisationSystem) answer laes, list and soeg. */
export type ObjectService = Exclude<OrgService, 'organisationsystem'>;

/** Klasse lives in Klassifikation (wsdl/Klasse.wsdl), every other service in Organisation. */
function family(service: OrgService): 'organisation' | 'klassifikation' {
  return service === 'klasse' ? 'klassifikation' : 'organisation';
}

/** targetNamespace of xsd/6.0.STS-0/<Type>Operationer.xsd. */
export function serviceNamespace(service: OrgService): string {
  return `http://stoettesystemerne.dk/${family(service)}/${service}/6/`;
}

/** Endpoint path under the service root, as KOMBIT publishes them (`.../organisation/organisationenhed/6/`). */
export function servicePath(service: OrgService): string {
  return `${family(service)}/${service}/6/`;
}

/**
 * The `soapAction` of wsdl/<Service>.wsdl. OrganisationSystem's actions are spelt
 * `organisationssystem` (double s) in wsdl/OrganisationSystem.wsdl, unlike its namespace and path.
 */
export function soapAction(service: OrgService, operation: OrgOperation): string {
  const name = service === 'organisationsystem' ? 'organisationssystem' : service;
  return `http://kombit.dk/sts/${family(service)}/${name}/${operation}`;
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

/** The collections of FremsoegObjekthierarkiOutput in their XSD order (OrganisationSystemOperationer.xsd). */
export const HIERARCHY_COLLECTIONS = ['Organisationer', 'OrganisationEnheder', 'OrganisationFunktioner', 'Brugere', 'Interessefaellesskaber', 'ItSystemer'] as const;

/** The most results FK ORG hands out per soeg or fremsoegobjekthierarki page. */
export const FKORG_MAX_PAGE = 500;

/**
 * The relations of each object type's RelationListe in the order of its XSD sequence
 * (xsd/6.0.STS-0/<Type>.xsd, RelationListeType): writers emit them in this order, and a search only
 * names relations the type has.
 */
export const RELATION_ORDER: Record<ObjectService, readonly string[]> = {
  organisationenhed: ['Adresser', 'Ansatte', 'Branche', 'Enhedstype', 'Opgaver', 'Overordnet', 'Produktionsenhed', 'Skatteenhed', 'Tilhoerer', 'TilknyttedeBrugere', 'TilknyttedeEnheder', 'TilknyttedeFunktioner', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer'],
  organisationfunktion: ['Adresser', 'Funktionstype', 'TilknyttedeOpgaver', 'TilknyttedeBrugere', 'TilknyttedeEnheder', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer'],
  bruger: ['Adresser', 'BrugerTyper', 'TilknyttedeOpgaver', 'Tilhoerer', 'TilknyttedeEnheder', 'TilknyttedeFunktioner', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer'],
  interessefaellesskab: ['Adresser', 'Branche', 'Interessefaellesskabstype', 'TilknyttedeOpgaver', 'Overordnet', 'Tilhoerer', 'TilknyttedeBrugere', 'TilknyttedeEnheder', 'TilknyttedeFunktioner', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer'],
  itsystem: ['Adresser', 'TilknyttedeOpgaver', 'SystemTyper', 'Tilhoerer', 'TilknyttedeBrugere', 'TilknyttedeEnheder', 'TilknyttedeFunktioner', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer'],
  organisation: ['Adresser', 'Ansatte', 'Branche', 'Organisationstype', 'Myndighed', 'Myndighedstype', 'TilknyttedeOpgaver', 'Overordnet', 'Produktionsenhed', 'Skatteenhed', 'Tilhoerer', 'TilknyttedeBrugere', 'TilknyttedeEnheder', 'TilknyttedeFunktioner', 'TilknyttedeInteressefaellesskaber', 'TilknyttedeOrganisationer', 'TilknyttedePersoner', 'TilknyttedeItSystemer', 'Virksomhed', 'Virksomhedstype'],
  person: [],
  adresse: [],
  klasse: ['Ansvarlig', 'Ejer', 'Erstatter', 'Facet', 'LovligeKombinationer', 'Mapninger', 'OverordnetKlasse', 'Redaktoerer', 'Sideordnede', 'Tilfoejelser'],
};

// ---------------------------------------------------------------- the Anvisninger's UUIDs
//
// KOMBIT's "Anvisninger til anvendelse af STS-Organisation" fixes some classification UUIDs for every
// municipality. The values below are as OS2sync carries them (OS2sync/OS2sync,
// IntegrationLayer/Source/stubs/constants/UUIDConstants.cs, "copied from Anvisninger til anvendelse af
// STS-Organisation v 1.2"). Everything else (unit types beyond Afdeling/Team, roles, KLE) is the
// municipality's own Klasse: read from Klassifikation or FKORG_CLASSES_FILE (classes.ts).

/** An Adresser relation's `Type`: the kind of object that owns the address (UUIDConstants.ADDRESS_TYPE_*). */
export const ADDRESS_OWNER_TYPE = {
  orgUnit: '9b33c0a0-a566-4ec0-8200-325cb1e5bb9a',
  orgFunction: '1a8374f6-0ee8-4201-b27c-0e84d57db0ba',
  user: '71a08d28-3af7-4bb4-9964-bc2b76b93d64',
} as const;

/** The address kinds the graph names (model.ts OrgAddressType). */
export type AddressKind = 'Postadresse' | 'Email' | 'Telefon' | 'EAN' | 'P-nummer' | 'SE' | 'CVR' | 'Lokation';

/**
 * An org unit's Adresser relation's `Rolle`: what the address is (UUIDConstants.ADDRESS_ROLE_ORGUNIT_*).
 * SE and CVR have no Anvisning role: FK ORG keeps them as Skatteenhed/Virksomhed relations. This project
 * writes them as address roles of its own (the two `kommunegraf` UUIDs below); a municipality maps its
 * own in FKORG_CLASSES_FILE (`addressRoles`).
 */
export const ADDRESS_ROLES: Record<string, AddressKind> = {
  '80b610c6-314b-485a-a014-a9a1d7070bc4': 'Postadresse', // ADDRESS_ROLE_ORGUNIT_POST
  '639a3ed9-86b0-4968-825b-434666cf6220': 'Postadresse', // ADDRESS_ROLE_ORGUNIT_CONTACT_ADDRESS (henvendelsessted)
  '2b670843-ce42-411a-8fb5-311dfdd5caf0': 'Email', // ADDRESS_ROLE_ORGUNIT_EMAIL
  '8dcfa714-5ed3-4000-b551-2ba520e7d8ad': 'Telefon', // ADDRESS_ROLE_ORGUNIT_PHONE
  '02826f64-5613-468e-ace5-3f089cb3ed20': 'Telefon', // ADDRESS_ROLE_ORGUNIT_LANDLINE
  '9ccaafe4-c4b2-4d25-942a-2ec5730d4ed8': 'EAN', // ADDRESS_ROLE_ORGUNIT_EAN
  '7c6e2a82-ec39-4ec4-a2b7-fdfe667e1d2b': 'P-nummer', // ADDRESS_ROLE_ORGUNIT_PNR
  'ec387d90-263c-4cce-8de2-63b407a0daac': 'Lokation', // ADDRESS_ROLE_ORGUNIT_LOCATION
  'b1c6b8f0-5e2a-5d4e-9f1a-6b6f6d6d5e01': 'SE', // this project's own, see above
  'b1c6b8f0-5e2a-5d4e-9f1a-6b6f6d6d5e02': 'CVR', // this project's own, see above
};

/** The role the simulator writes for each address kind: the Anvisning's where there is one. */
export const ADDRESS_ROLE_OF: Record<AddressKind, string> = {
  Postadresse: '80b610c6-314b-485a-a014-a9a1d7070bc4',
  Email: '2b670843-ce42-411a-8fb5-311dfdd5caf0',
  Telefon: '8dcfa714-5ed3-4000-b551-2ba520e7d8ad',
  EAN: '9ccaafe4-c4b2-4d25-942a-2ec5730d4ed8',
  'P-nummer': '7c6e2a82-ec39-4ec4-a2b7-fdfe667e1d2b',
  Lokation: 'ec387d90-263c-4cce-8de2-63b407a0daac',
  SE: 'b1c6b8f0-5e2a-5d4e-9f1a-6b6f6d6d5e01',
  CVR: 'b1c6b8f0-5e2a-5d4e-9f1a-6b6f6d6d5e02',
};

/** An Opgaver relation's Rolle (Ansvarlig) and Type (Klasse), as OS2sync writes them (OrganisationEnhedStubHelper.cs). */
export const OPGAVE_ROLLE_ANSVARLIG = '2a5f38d8-7092-4b3f-85cc-7e272c3c4bb0';
export const OPGAVE_TYPE_KLASSE = '9870b51e-3bc0-4f98-8827-eba991dd89a9';

/** The Anvisninger's Funktionstype and Enhedstype classes (UUIDConstants.ORGFUN_*, ORGUNIT_TYPE_*). */
export const ANVISNING_CLASSES: ReadonlyArray<{ id: string; key: string; name: string }> = [
  { id: '02e61900-33e0-407f-a2a7-22f70221f003', key: 'Stilling', name: 'Stilling' }, // ORGFUN_POSITION
  { id: '46c73630-f7ad-4000-9624-c06131cde671', key: 'Leder', name: 'Leder' }, // ORGFUN_MANAGER
  { id: 'faf29ba2-da6d-49c4-8a2f-0739172f4227', key: 'Udbetalingsenhed', name: 'Udbetalingsenhed' }, // ORGFUN_PAYOUT_UNIT
  { id: '7368482a-177e-4e04-8574-f558e6f1ef45', key: 'Kontaktenhed', name: 'Kontaktenhed' }, // ORGFUN_CONTACT_UNIT
  { id: '16bf18c3-ed6f-44b0-b7a1-35f94984e519', key: 'afdeling', name: 'Afdeling' }, // ORGUNIT_TYPE_DEPARTMENT
  { id: '2d9710bf-e9cc-465f-8ec7-46d5f2a64412', key: 'team', name: 'Team' }, // ORGUNIT_TYPE_TEAM
];

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
