// Reading and writing the XML FK ORG speaks, without a DOM. Writing is string templates with proper
// escaping (fast enough for the simulator to answer pages of hundreds of objects); reading (xmlReader.ts)
// strips namespace prefixes, keeps every value as text (UUIDs, CPR numbers and BrugervendtNoegle values
// with leading zeros must survive), and always makes arrays of the elements that may repeat, so one item
// and many look the same to the code that walks the result.
import { HIERARCHY_COLLECTIONS } from './wire.js';
import { readXml, XmlSyntaxError, type SkipElement, type Unread, type XmlNode } from './xmlReader.js';

export { XmlSyntaxError, type SkipElement, type Unread, type XmlNode };

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 cannot carry at all, even escaped; dropped rather than producing a broken document.
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(INVALID_XML_CHARS, '').replace(/[&<>"']/g, (c) => TEXT_ESCAPES[c]);
}

/** `<name>escaped text</name>`; nothing for undefined/null, so optional elements can be written inline. */
export function textElement(name: string, value: string | number | boolean | null | undefined, ns?: string): string {
  if (value === undefined || value === null) return '';
  const open = ns ? `${name} xmlns="${ns}"` : name;
  return `<${open}>${escapeXml(String(value))}</${name}>`;
}

/** `<name>children</name>` with already written children. */
export function element(name: string, children: string, ns?: string): string {
  const open = ns ? `${name} xmlns="${ns}"` : name;
  return children === '' ? `<${open}/>` : `<${open}>${children}</${name}>`;
}

// Elements that occur more than once somewhere in a v6 message. Relation names are listed whatever the
// object type: an unknown relation on another type is harmless as an array.
const REPEATED = new Set<string>([
  'FiltreretOejebliksbillede',
  'Registrering',
  'Egenskab',
  'Gyldighed',
  'Overordnet',
  'Tilhoerer',
  'Enhedstype',
  'Adresser',
  'Opgaver',
  'Funktionstype',
  'Systemtyper',
  'TilknyttedeBrugere',
  'TilknyttedeEnheder',
  'TilknyttedePersoner',
  'TilknyttedeFunktioner',
  'TilknyttedeOrganisationer',
  'TilknyttedeInteressefaellesskaber',
  'TilknyttedeItSystemer',
  'Text',
  ...HIERARCHY_COLLECTIONS,
]);
// UUIDIdentifikator repeats only as the list of ids in ListInput and SoegOutput/IdListe; elsewhere
// (ObjektType, ReferenceID, Rolle, Type) it is single.
const REPEATED_UUID_PARENTS = new Set(['ListInput', 'IdListe']);

function isRepeated(name: string, parent: string): boolean {
  return REPEATED.has(name) || (name === 'UUIDIdentifikator' && REPEATED_UUID_PARENTS.has(parent));
}

/**
 * The document as nested objects; throws XmlSyntaxError when it is not well-formed XML. `unread` as in
 * readXml: collections the caller has no use for, or objects it reads itself.
 */
export function parseXml(xml: string, unread?: Unread): XmlNode {
  return readXml(xml, isRepeated, unread);
}

/** The unparsed content of every child element `name` that readXml was told to keep raw. */
export function rawChildren(node: XmlNode, name: string): string[] {
  return occurrences(node, name).filter((x): x is string => typeof x === 'string');
}

/** Every child element `name`, one or many, as a list. */
function occurrences(node: XmlNode, name: string): unknown[] {
  const v = node[name];
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
}

export function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single child element `name` as a node; an empty element (parsed as '') counts as an empty node. */
export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  const v = Array.isArray(node[name]) ? (node[name] as unknown[])[0] : node[name];
  if (v === '') return {};
  return isNode(v) ? v : undefined;
}

/** Every child element `name` that is a node (or empty). */
export function children(node: XmlNode | undefined, name: string): XmlNode[] {
  if (!node) return [];
  return occurrences(node, name).map((x) => (x === '' ? {} : x)).filter(isNode);
}

/** The text of child element `name`, undefined when absent or not text. */
export function text(node: XmlNode | undefined, name: string): string | undefined {
  if (!node) return undefined;
  const raw = node[name];
  const v = Array.isArray(raw) ? raw[0] : raw;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** Every text value of repeated child element `name`. */
export function texts(node: XmlNode | undefined, name: string): string[] {
  if (!node) return [];
  const v = node[name];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string');
}
