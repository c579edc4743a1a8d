// The outside judge of FK ORG SOAP traffic: KOMBIT's own SF1500 v6 WSDL/XSD set (read in place from
// ../shared/sf1500-v6, never copied into the project). The client and the simulator share one wire
// module, so a mistake they share passes every other test; here every body, header block, SOAP action
// and input/output pairing is checked against the WSDLs and XSDs themselves, generically over every
// WSDL in the set (Organisation types, OrganisationSystem, Klassifikation's Klasse, ...).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The WSDL/XSD set: `SF1500_DIR`, else `<repo>/../shared/sf1500-v6`. */
export const SF1500_DIR = path.resolve(process.env.SF1500_DIR || path.join(REPO_ROOT, '../shared/sf1500-v6'));

const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
const WSDL_SOAP12_NS = 'http://schemas.xmlsoap.org/wsdl/soap12/';
const XSD_NS = 'http://www.w3.org/2001/XMLSchema';
export const SOAP12_ENV_NS = 'http://www.w3.org/2003/05/soap-envelope';
export const WSA_NS = 'http://www.w3.org/2005/08/addressing';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
/** xsd/common/RequestHeader.xsd's targetNamespace. */
export const REQUEST_HEADER_NS = 'http://kombit.dk/xml/schemas/RequestHeader/1/';
/** Operation elements live in `http://stoettesystemerne.dk/<domain>/<type>/6/` (the *Operationer.xsd targetNamespaces). */
const SERVICE_NS_RE = /^http:\/\/stoettesystemerne\.dk\/([a-z]+)\/([a-z]+)\/6\/$/;
/** The fault codes SOAP 1.2 part 1, 5.4.6 allows in Code/Value. */
const SOAP12_FAULT_CODES = new Set(['VersionMismatch', 'MustUnderstand', 'DataEncodingUnknown', 'Sender', 'Receiver']);

export function sf1500Available(): boolean {
  return existsSync(path.join(SF1500_DIR, 'wsdl')) && existsSync(path.join(SF1500_DIR, 'xsd'));
}

/**
 * For test files: true when the set is there. Missing outside CI: false, with a message saying what is
 * skipped. Missing under CI: throws, because CI promises the set and a skip would hide a gap (the
 * convention of services.ts for Redis and PostgreSQL).
 */
export function sf1500OrSkip(what: string): boolean {
  if (sf1500Available()) return true;
  const message = `the SF1500 v6 WSDL/XSD set is not at ${SF1500_DIR}`;
  if (process.env.CI) throw new Error(`${message}; CI must provide it (${what})`);
  console.warn(`[skipped] ${what}: ${message} (set SF1500_DIR or check out ../shared/sf1500-v6)`);
  return false;
}

// ---------------------------------------------------------------- XML helpers

export interface QName {
  ns: string;
  local: string;
}

export const qnameText = (q: QName): string => `{${q.ns}}${q.local}`;
const sameQName = (a: QName, b: QName) => a.ns === b.ns && a.local === b.local;

/** Parses XML; throws an Error with xmldom's message when it is not well-formed (namespaces included). */
export function parseXmlDocument(xml: string): Document {
  const fail = (level: string, msg: string) => {
    throw new Error(`${level}: ${msg.split('\n')[0]}`);
  };
  return new DOMParser({ onError: (level, msg) => (level === 'warning' ? undefined : fail(level, msg)) }).parseFromString(xml, 'text/xml');
}

export function childElements(el: Element, ns?: string, local?: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if ((ns === undefined || e.namespaceURI === ns) && (local === undefined || e.localName === local)) out.push(e);
  }
  return out;
}

const qnameOf = (el: Element): QName => ({ ns: el.namespaceURI ?? '', local: el.localName ?? el.nodeName });

/** An element serialized on its own; XMLSerializer adds the namespace declarations it inherits. */
export function serializeElement(el: Element): string {
  return new XMLSerializer().serializeToString(el);
}

/** A prefixed name in an attribute value (WSDL `element="org:ListInput"`) against the attribute's element. */
function resolveQName(el: Element, value: string): QName {
  const colon = value.indexOf(':');
  const prefix = colon < 0 ? null : value.slice(0, colon);
  return { ns: el.lookupNamespaceURI(prefix) ?? '', local: colon < 0 ? value : value.slice(colon + 1) };
}

/** `organisationenhed` for `http://stoettesystemerne.dk/organisation/organisationenhed/6/`; the namespace itself otherwise. */
export function typeOfNamespace(ns: string): string {
  return SERVICE_NS_RE.exec(ns)?.[2] ?? ns;
}

/** `/organisation/organisationenhed/6/`: the endpoint path ending of the service an operation element belongs to. */
export function servicePathOfNamespace(ns: string): string | null {
  const m = SERVICE_NS_RE.exec(ns);
  return m ? `/${m[1]}/${m[2]}/6/` : null;
}

// ---------------------------------------------------------------- WSDL

export interface WsdlMessageSide {
  /** The body part's element. */
  element: QName;
  /** Elements the binding puts in the SOAP Header (`soap12:header`), e.g. RequestHeader. */
  headers: QName[];
}

export interface WsdlOperation {
  /** File name in wsdl/, e.g. `OrganisationEnhed.wsdl`. */
  wsdl: string;
  /** `wsdl:service` name, e.g. `OrganisationEnhedService`. */
  service: string;
  /** The operation name, e.g. `list`. */
  operation: string;
  /** `soap12:operation/@soapAction`, exactly. */
  soapAction: string;
  input: WsdlMessageSide;
  output: WsdlMessageSide;
}

let wsdlCache: WsdlOperation[] | null = null;

/** Every operation of every `wsdl/*.wsdl` with a SOAP 1.2 binding. */
export function wsdlOperations(): WsdlOperation[] {
  if (wsdlCache) return wsdlCache;
  const dir = path.join(SF1500_DIR, 'wsdl');
  const ops: WsdlOperation[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.wsdl')).sort()) {
    const defs = parseXmlDocument(readFileSync(path.join(dir, file), 'utf8')).documentElement!;
    const tns = defs.getAttribute('targetNamespace') ?? '';
    const local = (v: string) => v.slice(v.indexOf(':') + 1);
    const messages = new Map<string, Map<string, QName>>();
    for (const m of childElements(defs, WSDL_NS, 'message')) {
      const parts = new Map<string, QName>();
      for (const p of childElements(m, WSDL_NS, 'part')) {
        const element = p.getAttribute('element');
        if (element) parts.set(p.getAttribute('name')!, resolveQName(p, element));
      }
      messages.set(m.getAttribute('name')!, parts);
    }
    const portTypes = new Map<string, Map<string, { input: string; output: string }>>();
    for (const pt of childElements(defs, WSDL_NS, 'portType')) {
      const opsOf = new Map<string, { input: string; output: string }>();
      for (const op of childElements(pt, WSDL_NS, 'operation')) {
        const input = childElements(op, WSDL_NS, 'input')[0]?.getAttribute('message');
        const output = childElements(op, WSDL_NS, 'output')[0]?.getAttribute('message');
        if (input && output) opsOf.set(op.getAttribute('name')!, { input: local(input), output: local(output) });
      }
      portTypes.set(pt.getAttribute('name')!, opsOf);
    }
    const serviceOfBinding = new Map<string, string>();
    for (const s of childElements(defs, WSDL_NS, 'service')) {
      for (const port of childElements(s, WSDL_NS, 'port')) serviceOfBinding.set(local(port.getAttribute('binding') ?? ''), s.getAttribute('name')!);
    }
    for (const binding of childElements(defs, WSDL_NS, 'binding')) {
      if (childElements(binding, WSDL_SOAP12_NS, 'binding').length === 0) continue;
      const bindingName = binding.getAttribute('name')!;
      const portType = portTypes.get(local(binding.getAttribute('type') ?? ''));
      for (const bop of childElements(binding, WSDL_NS, 'operation')) {
        const name = bop.getAttribute('name')!;
        const abstract = portType?.get(name);
        const soapAction = childElements(bop, WSDL_SOAP12_NS, 'operation')[0]?.getAttribute('soapAction');
        if (!abstract || soapAction == null) continue;
        const side = (which: 'input' | 'output', message: string): WsdlMessageSide | null => {
          const parts = messages.get(message);
          const b = childElements(bop, WSDL_NS, which)[0];
          if (!parts || !b) return null;
          const headers = childElements(b, WSDL_SOAP12_NS, 'header').flatMap((h) => {
            const q = messages.get(local(h.getAttribute('message') ?? ''))?.get(h.getAttribute('part') ?? '');
            return q ? [q] : [];
          });
          // soap12:body/@parts names the body parts; without it every part not bound to a header is body.
          const bodyParts = childElements(b, WSDL_SOAP12_NS, 'body')[0]?.getAttribute('parts')?.split(/\s+/).filter(Boolean);
          const body = bodyParts ? bodyParts.map((p) => parts.get(p)).find((q) => q) : [...parts.values()].find((q) => !headers.some((h) => sameQName(h, q)));
          return body ? { element: body, headers } : null;
        };
        const input = side('input', abstract.input);
        const output = side('output', abstract.output);
        if (!input || !output) continue;
        ops.push({ wsdl: file, service: serviceOfBinding.get(bindingName) ?? `${tns}#${bindingName}`, operation: name, soapAction, input, output });
      }
    }
  }
  wsdlCache = ops;
  return ops;
}

/** The WSDL operations whose input is this element (normally exactly one). */
export function wsdlOperationsForInput(element: QName): WsdlOperation[] {
  return wsdlOperations().filter((o) => sameQName(o.input.element, element));
}

/** The soapAction the WSDL gives the operation with this input element, or null when no operation has it. */
export function soapActionFor(input: QName): string | null {
  return wsdlOperationsForInput(input)[0]?.soapAction ?? null;
}

// ---------------------------------------------------------------- XSD validation

interface SchemaSet {
  main: XMLFileInfo;
  preload: XMLFileInfo[];
}

const schemaCache = new Map<string, SchemaSet>();

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full, ext) : name.endsWith(ext) ? [full] : [];
  });
}

/**
 * One schema importing every namespace the WSDLs' types import (each once: libxml2 skips a second import
 * of a namespace, so the *Operationer.xsd that includes the object types is the one taken), so any
 * operation element or header block of any service validates in one xmllint run. The XSDs themselves
 * are read from the set and handed to xmllint as preloaded files, under their paths in the set.
 * `extra`: further XSD files (absolute paths), imported by their targetNamespace: the schema of what a
 * party puts in LokalUdvidelse, whose wildcard (SagDokObjekt.xsd) is processContents="strict".
 */
function schemaSet(extra: readonly string[] = []): SchemaSet {
  const cacheKey = extra.join('\n');
  const cached = schemaCache.get(cacheKey);
  if (cached) return cached;
  const byNs = new Map<string, string[]>();
  const wsdlDir = path.join(SF1500_DIR, 'wsdl');
  for (const file of readdirSync(wsdlDir).filter((f) => f.endsWith('.wsdl'))) {
    const defs = parseXmlDocument(readFileSync(path.join(wsdlDir, file), 'utf8')).documentElement!;
    for (const types of childElements(defs, WSDL_NS, 'types')) {
      for (const schema of childElements(types, XSD_NS, 'schema')) {
        for (const imp of childElements(schema, XSD_NS, 'import')) {
          const ns = imp.getAttribute('namespace');
          const loc = imp.getAttribute('schemaLocation');
          if (!ns || !loc) continue;
          const rel = path.relative(SF1500_DIR, path.resolve(wsdlDir, loc)).split(path.sep).join('/');
          const list = byNs.get(ns) ?? [];
          if (!list.includes(rel)) list.push(rel);
          byNs.set(ns, list);
        }
      }
    }
  }
  const extraFiles = extra.map((full, i) => {
    const contents = readFileSync(full, 'utf8');
    const ns = parseXmlDocument(contents).documentElement?.getAttribute('targetNamespace');
    if (!ns) throw new Error(`${full} has no targetNamespace`);
    if (byNs.has(ns)) throw new Error(`${full} declares ${ns}, a namespace of the SF1500 set`);
    const fileName = `extra/${i}/${path.basename(full)}`;
    byNs.set(ns, [fileName]);
    return { fileName, contents };
  });
  const imports = [...byNs.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([ns, locs]) => `<xs:import namespace="${ns}" schemaLocation="${locs.find((l) => l.endsWith('Operationer.xsd')) ?? locs[0]}"/>`);
  const main = { fileName: 'sf1500-all.xsd', contents: `<?xml version="1.0" encoding="UTF-8"?><xs:schema xmlns:xs="${XSD_NS}">${imports.join('')}</xs:schema>` };
  const preload = filesUnder(path.join(SF1500_DIR, 'xsd'), '.xsd').map((full) => ({
    fileName: path.relative(SF1500_DIR, full).split(path.sep).join('/'),
    contents: readFileSync(full, 'utf8'),
  }));
  const set = { main, preload: [...preload, ...extraFiles] };
  schemaCache.set(cacheKey, set);
  return set;
}

let deepCache: Set<string> | null = null;

/**
 * Elements worth validating on their own as well: global in the set, and never declared locally with
 * another type (so alone they mean what they mean in place). libxml2 stops checking a content model at
 * its first unexpected child, so one early mistake (say StandardRetur's namespace) would hide every later
 * one; validating the global elements inside a message (Registrering, AttributListe, Egenskab, ...) on
 * their own reports those too.
 */
function deepValidatable(): Set<string> {
  if (deepCache) return deepCache;
  const globals = new Map<string, string>();
  const locals: Array<[string, string]> = [];
  let anonymous = 0;
  for (const full of filesUnder(path.join(SF1500_DIR, 'xsd'), '.xsd')) {
    const root = parseXmlDocument(readFileSync(full, 'utf8')).documentElement!;
    const tns = root.getAttribute('targetNamespace') ?? '';
    const qualified = root.getAttribute('elementFormDefault') === 'qualified';
    const typeOf = (el: Element) => {
      const t = el.getAttribute('type');
      return t ? qnameText(resolveQName(el, t)) : `anonymous type ${anonymous++}`;
    };
    const walk = (el: Element, top: boolean) => {
      for (const c of childElements(el, XSD_NS)) {
        if (c.localName === 'element' && c.getAttribute('name')) {
          const form = c.getAttribute('form');
          const key = qnameText({ ns: top || (form ? form === 'qualified' : qualified) ? tns : '', local: c.getAttribute('name')! });
          if (top) globals.set(key, typeOf(c));
          else locals.push([key, typeOf(c)]);
        }
        walk(c, false);
      }
    };
    walk(root, true);
  }
  for (const [key, type] of locals) if (globals.get(key) !== undefined && globals.get(key) !== type) globals.delete(key);
  deepCache = new Set(globals.keys());
  return deepCache;
}

/** Inner elements validated per message kind, path and shape. */
const INNER_PER_SHAPE = 3;

/** An element's tree of element names, without text or attributes. */
function skeleton(el: Element): string {
  const kids = childElements(el);
  return `${qnameText(qnameOf(el))}${kids.length ? `(${kids.map(skeleton).join(',')})` : ''}`;
}

/** The elements below `root` to validate on their own (see deepValidatable), with their paths from it. */
function innerDocuments(root: Element): Array<{ path: string; el: Element }> {
  const wanted = deepValidatable();
  const out: Array<{ path: string; el: Element }> = [];
  const walk = (el: Element, at: string) => {
    for (const c of childElements(el)) {
      const here = `${at}/${c.localName}`;
      const kids = childElements(c);
      if (kids.length === 0) continue;
      if (wanted.has(qnameText(qnameOf(c)))) out.push({ path: here, el: c });
      walk(c, here);
    }
  };
  walk(root, root.localName ?? '');
  return out;
}

export interface XmlDocumentInput {
  /** Any label; only used in thrown errors. */
  name: string;
  /** One element (e.g. `<ListInput xmlns=…>`), with its namespace declarations. */
  xml: string;
}

/** Content per xmllint run, so its wasm memory stays moderate. */
const BATCH_BYTES = 48 * 1024 * 1024;
/** Files per xmllint run: 1,000 take well under a second, while a run of 4,000 stalled (xmllint-wasm 5.3). */
const BATCH_DOCS = 1000;
const PARALLEL_RUNS = 4;

export interface ValidateOptions {
  /** Further XSDs (absolute paths) for LokalUdvidelse content; see schemaSet. */
  extraSchemas?: readonly string[];
}

async function runXmllint(docs: readonly XmlDocumentInput[], options: ValidateOptions): Promise<string[][]> {
  const { main, preload } = schemaSet(options.extraSchemas);
  const files = docs.map((d, i) => ({ fileName: `doc${i}.xml`, contents: d.xml }));
  const size = docs.reduce((n, d) => n + d.xml.length, 0);
  const result = await validateXML({
    xml: files,
    schema: [main],
    preload,
    initialMemoryPages: memoryPages.defaultInitialMemoryPages,
    // Headroom: the documents, their trees and the compiled schema all live in wasm memory.
    maxMemoryPages: Math.min(memoryPages.max, Math.max(memoryPages.defaultMaxMemoryPages, Math.ceil((size * 12) / (64 * 1024)) + 128 * memoryPages.MiB)),
  });
  const errors: string[][] = docs.map(() => []);
  const failed = new Set<number>();
  for (const line of result.rawOutput.split('\n')) {
    const located = /^doc(\d+)\.xml:(\d+): (.*)$/.exec(line);
    if (located) {
      // "element X: Schemas validity error : Element '…': …": keep what libxml2 says about the element.
      errors[Number(located[1])].push(located[3].replace(/^(element [^:]*: )?Schemas validity error : /, ''));
      continue;
    }
    const fails = /^doc(\d+)\.xml fails to validate$/.exec(line);
    if (fails) failed.add(Number(fails[1]));
  }
  for (const i of failed) if (errors[i].length === 0) errors[i].push('fails to validate');
  return errors;
}

/**
 * Validates each document against the whole set, in as few xmllint runs as the sizes allow; one list
 * of errors per document (empty = valid). A root element no XSD declares globally is an error too.
 */
export async function validateXmlDocuments(docs: readonly XmlDocumentInput[], options: ValidateOptions = {}): Promise<string[][]> {
  const batches: Array<{ from: number; docs: XmlDocumentInput[] }> = [];
  let bytes = 0;
  docs.forEach((d, i) => {
    const last = batches.at(-1);
    if (!last || last.docs.length >= BATCH_DOCS || (bytes > 0 && bytes + d.xml.length > BATCH_BYTES)) {
      batches.push({ from: i, docs: [d] });
      bytes = d.xml.length;
    } else {
      last.docs.push(d);
      bytes += d.xml.length;
    }
  });
  const out: string[][] = new Array(docs.length);
  const run = async (batch: XmlDocumentInput[]): Promise<string[][]> => {
    try {
      return await runXmllint(batch, options);
    } catch (err) {
      // xmllint gives up on the whole run for some errors (e.g. a document it cannot parse); find which.
      const failed = (d: XmlDocumentInput, e: unknown) => [`xmllint could not validate ${d.name}: ${(e as Error).message.split('\n')[0]}`];
      if (batch.length === 1) return [failed(batch[0], err)];
      const each: string[][] = [];
      for (const d of batch) each.push((await runXmllint([d], options).catch((e: unknown) => [failed(d, e)]))[0]);
      return each;
    }
  };
  // Each run is a worker thread of its own; a few at a time.
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++];
      (await run(batch.docs)).forEach((errors, k) => (out[batch.from + k] = errors));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_RUNS, batches.length) }, worker));
  return out;
}

/** One element's errors against the set (empty = valid). */
export async function validateElementXml(xml: string, options: ValidateOptions = {}): Promise<string[]> {
  return (await validateXmlDocuments([{ name: 'element', xml }], options))[0];
}

// ---------------------------------------------------------------- SOAP envelopes

export interface SoapEnvelopeParts {
  envelope: Element;
  headerBlocks: Element[];
  /** The Body's element children (exactly one for a valid document/literal message). */
  bodyElements: Element[];
}

/** The parts of a SOAP 1.2 envelope; throws when the text is not XML or not a SOAP 1.2 envelope. */
export function soapEnvelopeParts(xml: string): SoapEnvelopeParts {
  const envelope = parseXmlDocument(xml).documentElement;
  if (!envelope) throw new Error('no document element');
  if (envelope.namespaceURI !== SOAP12_ENV_NS || envelope.localName !== 'Envelope') throw new Error(`root is ${qnameText(qnameOf(envelope))}, not a SOAP 1.2 Envelope`);
  const headers = childElements(envelope, SOAP12_ENV_NS, 'Header');
  const bodies = childElements(envelope, SOAP12_ENV_NS, 'Body');
  if (bodies.length !== 1) throw new Error(`${bodies.length} SOAP Body elements`);
  const order = childElements(envelope).map((e) => qnameOf(e));
  const expected = [...headers.map(() => 'Header'), 'Body'];
  if (order.length !== expected.length || order.some((q, i) => q.ns !== SOAP12_ENV_NS || q.local !== expected[i])) {
    throw new Error(`Envelope children are ${order.map(qnameText).join(', ')}; SOAP 1.2 allows an optional Header, then Body`);
  }
  return { envelope, headerBlocks: headers.flatMap((h) => childElements(h)), bodyElements: childElements(bodies[0]) };
}

/** The Body's first element, serialized with its namespace declarations (for validateXmlDocuments). */
export function soapBodyXml(envelopeXml: string): string {
  const el = soapEnvelopeParts(envelopeXml).bodyElements[0];
  if (!el) throw new Error('empty SOAP Body');
  return serializeElement(el);
}

/** The media type and the `action` parameter of a SOAP 1.2 Content-Type (RFC 3902). */
export function parseSoapContentType(value: string | undefined): { mediaType: string; action: string | null } {
  const [type, ...params] = (value ?? '').split(';');
  let action: string | null = null;
  for (const p of params) {
    const m = /^\s*action\s*=\s*(?:"([^"]*)"|([^\s;]*))\s*$/i.exec(p);
    if (m) action = m[1] ?? m[2];
  }
  return { mediaType: type.trim().toLowerCase(), action };
}

/**
 * A SOAP 1.2 Fault envelope's structure (there is no SOAP envelope XSD in the set): HTTP status per the
 * SOAP 1.2 HTTP binding (Sender 400/405/415, else 500), Body holding only Fault, Fault = Code(Value, Subcode?),
 * Reason(Text+ with xml:lang), then optional Node, Role, Detail, with Value a QName in the SOAP 1.2
 * namespace naming one of the five fault codes.
 */
export function checkSoapFault(xml: string, status: number | null, contentType?: string): string[] {
  const errors: string[] = [];
  let parts: SoapEnvelopeParts;
  try {
    parts = soapEnvelopeParts(xml);
  } catch (err) {
    return [`not a SOAP 1.2 envelope: ${(err as Error).message}`];
  }
  if (contentType !== undefined && parseSoapContentType(contentType).mediaType !== 'application/soap+xml') errors.push(`Content-Type is ${contentType}, not application/soap+xml`);
  if (parts.bodyElements.length !== 1) errors.push(`Body holds ${parts.bodyElements.length} elements; a fault Body holds only Fault`);
  const fault = parts.bodyElements[0];
  if (!fault || fault.namespaceURI !== SOAP12_ENV_NS || fault.localName !== 'Fault') return [...errors, `Body element is ${fault ? qnameText(qnameOf(fault)) : 'missing'}, not a SOAP 1.2 Fault`];
  const kids = childElements(fault);
  const names = kids.map((k) => (k.namespaceURI === SOAP12_ENV_NS ? k.localName : qnameText(qnameOf(k))));
  const allowed = ['Code', 'Reason', 'Node', 'Role', 'Detail'];
  let at = -1;
  for (const n of names) {
    const i = allowed.indexOf(n ?? '');
    if (i <= at) {
      errors.push(`Fault children are ${names.join(', ')}; expected Code, Reason, then optional Node, Role, Detail in that order`);
      break;
    }
    at = i;
  }
  const code = childElements(fault, SOAP12_ENV_NS, 'Code')[0];
  const value = code && childElements(code, SOAP12_ENV_NS, 'Value')[0];
  let codeLocal: string | null = null;
  if (!value) errors.push('Fault has no Code/Value');
  else {
    if (childElements(code).some((c) => c !== value && !(c.namespaceURI === SOAP12_ENV_NS && c.localName === 'Subcode'))) errors.push('Code holds more than Value and Subcode');
    const q = resolveQName(value, (value.textContent ?? '').trim());
    codeLocal = q.local;
    if (q.ns !== SOAP12_ENV_NS || !SOAP12_FAULT_CODES.has(q.local)) errors.push(`Code/Value ${value.textContent} is not one of SOAP 1.2's fault codes (env:${[...SOAP12_FAULT_CODES].join('|')})`);
  }
  const reason = childElements(fault, SOAP12_ENV_NS, 'Reason')[0];
  const texts = reason ? childElements(reason, SOAP12_ENV_NS, 'Text') : [];
  if (!reason) errors.push('Fault has no Reason');
  else if (texts.length === 0 || childElements(reason).length !== texts.length) errors.push('Reason must hold one or more Text elements and nothing else');
  for (const t of texts) if (!t.getAttributeNS(XML_NS, 'lang')) errors.push('Reason/Text has no xml:lang');
  if (status !== null) {
    // SOAP 1.2 part 2, 7.5.2.2: a Sender fault is 400 (or the binding's own 405/415), every other 500.
    const expected = codeLocal === 'Sender' ? [400, 405, 415] : [500];
    if (!expected.includes(status)) errors.push(`HTTP ${status} for a ${codeLocal ?? '?'} fault; the SOAP 1.2 HTTP binding answers ${expected.join(' or ')}`);
  }
  return errors;
}

// ---------------------------------------------------------------- exchanges

/** One HTTP exchange as a capture records it (soapCapture.ts's CapturedExchange has this shape). */
export interface SoapExchange {
  /** Request path, e.g. `/organisation/organisationenhed/6/`. */
  path: string;
  requestHeaders: Record<string, string | string[] | undefined>;
  requestBody: string;
  /** null when no answer came (connection dropped, timed out). */
  status: number | null;
  responseHeaders?: Record<string, string | string[] | undefined>;
  responseBody: string | null;
}

export type CheckKind = 'xsd' | 'action' | 'pairing' | 'endpoint' | 'header' | 'soap' | 'fault';

export interface Finding {
  /** Index of the exchange in the list given. */
  exchange: number;
  /** What was judged, e.g. `organisationenhed ListOutput (simulator answer)`. */
  message: string;
  check: CheckKind;
  errors: string[];
}

export interface CheckOptions extends ValidateOptions {
  /** Who sends the requests, for messages (default `client`). */
  requester?: string;
  /** Who answers (default `server`). */
  responder?: string;
  /** Judge only the requests, e.g. for exchanges sent deliberately wrong to provoke a fault (default: both). */
  only?: 'request' | 'response';
}

export interface CheckReport {
  findings: Finding[];
  /** Distinct documents handed to xmllint (messages, their header blocks and inner elements). */
  documents: number;
  /** Time spent in xmllint. */
  validationMs: number;
  /** Kinds of message judged (e.g. `organisationenhed ListInput (client request)`) with how many of each. */
  judged: Map<string, number>;
}

const headerValue = (h: SoapExchange['requestHeaders'] | undefined, name: string): string | undefined => {
  const v = h?.[name];
  return Array.isArray(v) ? v.join(', ') : v;
};

/**
 * Judges exchanges against the set: every request's Body element and WSDL header blocks (XSD), its SOAP
 * action (Content-Type `action` and wsa:Action, each exactly the WSDL's soapAction for the input element),
 * its endpoint path, and every answer: a non-fault answer must be the WSDL output of the same operation,
 * carry the WSDL's output header blocks and validate; a fault must be a well-formed SOAP 1.2 Fault.
 */
export async function checkExchanges(exchanges: readonly SoapExchange[], options: CheckOptions = {}): Promise<CheckReport> {
  const requester = options.requester ?? 'client';
  const responder = options.responder ?? 'server';
  const findings: Finding[] = [];
  const judged = new Map<string, number>();
  const docs: Array<XmlDocumentInput & { exchange: number; path: string | null }> = [];
  const note = (message: string) => judged.set(message, (judged.get(message) ?? 0) + 1);
  const add = (exchange: number, message: string, check: CheckKind, errors: string[]) => {
    if (errors.length > 0) findings.push({ exchange, message, check, errors });
  };
  // Inner elements (see deepValidatable) of one shape mostly fail alike; a few of each shape are enough.
  const shapes = new Map<string, number>();
  const validate = (exchange: number, message: string, el: Element) => {
    note(message);
    docs.push({ exchange, name: message, xml: serializeElement(el), path: null });
    for (const inner of innerDocuments(el)) {
      const shape = `${message}\n${inner.path}\n${skeleton(inner.el)}`;
      const seen = shapes.get(shape) ?? 0;
      if (seen >= INNER_PER_SHAPE) continue;
      shapes.set(shape, seen + 1);
      docs.push({ exchange, name: message, xml: serializeElement(inner.el), path: inner.path });
    }
  };

  exchanges.forEach((x, i) => {
    let op: WsdlOperation | undefined;
    let inputQ: QName | undefined;
    if (options.only === 'response') {
      // Not judged, only read for the names of its answer.
      try {
        const body = soapEnvelopeParts(x.requestBody).bodyElements[0];
        if (body) {
          inputQ = qnameOf(body);
          op = wsdlOperationsForInput(inputQ)[0];
        }
      } catch {
        /* a request that is not SOAP: its answer is named by the path */
      }
    }
    // ---- request
    if (options.only !== 'response') {
      let req: SoapEnvelopeParts | undefined;
      try {
        req = soapEnvelopeParts(x.requestBody);
      } catch (err) {
        add(i, `${x.path} (${requester} request)`, 'soap', [`not a SOAP 1.2 envelope: ${(err as Error).message}`]);
      }
      if (req) {
        const body = req.bodyElements[0];
        if (req.bodyElements.length !== 1) add(i, `${x.path} (${requester} request)`, 'soap', [`Body holds ${req.bodyElements.length} elements, document/literal wants one`]);
        if (body) {
          inputQ = qnameOf(body);
          const type = typeOfNamespace(inputQ.ns);
          const label = `${type} ${inputQ.local} (${requester} request)`;
          validate(i, label, body);
          const candidates = wsdlOperationsForInput(inputQ);
          const servicePath = servicePathOfNamespace(inputQ.ns);
          op = candidates[0];
          if (!op) {
            const sameName = wsdlOperations().filter((o) => o.input.element.local === inputQ!.local).map((o) => o.input.element.ns);
            add(i, label, 'pairing', [`no WSDL operation has the input element ${qnameText(inputQ)}${sameName.length ? `; ${inputQ.local} is an input in ${[...new Set(sameName)].join(', ')}` : ''}`]);
          }
          if (servicePath && !x.path.split('?')[0].endsWith(servicePath)) add(i, label, 'endpoint', [`sent to ${x.path}, but ${inputQ.local} of ${inputQ.ns} belongs to the service at …${servicePath}`]);
          // ---- SOAP action: Content-Type parameter and wsa:Action
          const ct = parseSoapContentType(headerValue(x.requestHeaders, 'content-type'));
          const wsaAction = req.headerBlocks.filter((h) => h.namespaceURI === WSA_NS && h.localName === 'Action').map((h) => (h.textContent ?? '').trim());
          const actionErrors: string[] = [];
          if (ct.mediaType !== 'application/soap+xml') actionErrors.push(`Content-Type is ${ct.mediaType || '(none)'}, SOAP 1.2 wants application/soap+xml`);
          if (op) {
            if (ct.action !== null && ct.action !== op.soapAction) actionErrors.push(`Content-Type action="${ct.action}", WSDL ${op.wsdl} ${op.operation} soapAction="${op.soapAction}"`);
            if (wsaAction.length !== 1) actionErrors.push(`${wsaAction.length} wsa:Action header blocks, WS-Addressing wants one`);
            for (const a of wsaAction) if (a !== op.soapAction) actionErrors.push(`wsa:Action "${a}", WSDL ${op.wsdl} ${op.operation} soapAction="${op.soapAction}"`);
          }
          note(`${type} ${inputQ.local} SOAP action (${requester} request)`);
          add(i, `${type} ${inputQ.local} SOAP action (${requester} request)`, 'action', actionErrors);
          // wsa:To, when given, names the endpoint the request was sent to.
          const to = req.headerBlocks.find((h) => h.namespaceURI === WSA_NS && h.localName === 'To')?.textContent?.trim();
          if (to) {
            let toPath: string | null = null;
            try {
              toPath = new URL(to).pathname;
            } catch {
              /* reported below */
            }
            if (toPath !== x.path.split('?')[0]) add(i, label, 'endpoint', [`wsa:To ${to} does not name the path the request was sent to (${x.path})`]);
          }
          // ---- header blocks the WSDL binding puts in the input
          for (const hq of op?.input.headers ?? []) {
            const hLabel = `${type} ${hq.local} (${requester} request header)`;
            const blocks = req.headerBlocks.filter((h) => sameQName(qnameOf(h), hq));
            if (blocks.length !== 1) {
              const named = req.headerBlocks.filter((h) => h.localName === hq.local).map((h) => qnameText(qnameOf(h)));
              add(i, hLabel, 'header', [`${blocks.length} ${qnameText(hq)} header blocks; WSDL ${op!.wsdl} ${op!.operation} input binds one${named.length ? ` (found ${named.join(', ')})` : ''}`]);
            }
            for (const b of blocks) validate(i, hLabel, b);
          }
        }
      }
    }

    // ---- response
    if (options.only === 'request' || x.status === null || x.responseBody === null) return;
    let res: SoapEnvelopeParts | undefined;
    const resLabelBase = inputQ ? `${typeOfNamespace(inputQ.ns)} ${inputQ.local}` : x.path;
    try {
      res = soapEnvelopeParts(x.responseBody);
    } catch (err) {
      add(i, `${resLabelBase} answer (${responder} answer)`, 'soap', [`HTTP ${x.status}, not a SOAP 1.2 envelope: ${(err as Error).message}`]);
      return;
    }
    const out = res.bodyElements[0];
    if (out && out.namespaceURI === SOAP12_ENV_NS && out.localName === 'Fault') {
      const label = `${resLabelBase} Fault (${responder} answer)`;
      note(label);
      add(i, label, 'fault', checkSoapFault(x.responseBody, x.status, headerValue(x.responseHeaders, 'content-type')));
      return;
    }
    if (!out) {
      add(i, `${resLabelBase} answer (${responder} answer)`, 'soap', ['empty SOAP Body']);
      return;
    }
    const outQ = qnameOf(out);
    const label = `${typeOfNamespace(outQ.ns)} ${outQ.local} (${responder} answer)`;
    validate(i, label, out);
    const errors: string[] = [];
    if (res.bodyElements.length !== 1) errors.push(`Body holds ${res.bodyElements.length} elements`);
    if (x.status !== 200) errors.push(`HTTP ${x.status} with a non-fault answer`);
    const mediaType = parseSoapContentType(headerValue(x.responseHeaders, 'content-type')).mediaType;
    if (x.responseHeaders && mediaType !== 'application/soap+xml') errors.push(`Content-Type is ${mediaType || '(none)'}, not application/soap+xml`);
    if (op && !sameQName(op.output.element, outQ)) errors.push(`answered ${qnameText(outQ)} to ${qnameText(op.input.element)}; WSDL ${op.wsdl} ${op.operation} outputs ${qnameText(op.output.element)}`);
    else if (!op && inputQ && !(outQ.ns === inputQ.ns && outQ.local === inputQ.local.replace(/Input$/, 'Output'))) errors.push(`answered ${qnameText(outQ)} to ${qnameText(inputQ)}`);
    add(i, label, 'pairing', errors);
    for (const hq of op?.output.headers ?? []) {
      const hLabel = `${typeOfNamespace(outQ.ns)} ${hq.local} (${responder} answer header)`;
      const blocks = res.headerBlocks.filter((h) => sameQName(qnameOf(h), hq));
      if (blocks.length !== 1) add(i, hLabel, 'header', [`${blocks.length} ${qnameText(hq)} header blocks; WSDL ${op!.wsdl} ${op!.operation} output binds one`]);
      for (const b of blocks) validate(i, hLabel, b);
    }
  });

  // Identical subtrees (a Virkning, a relation) are validated once.
  const unique = new Map<string, number>();
  const toRun: XmlDocumentInput[] = [];
  const slot = docs.map((d) => {
    let k = unique.get(d.xml);
    if (k === undefined) {
      k = toRun.push(d) - 1;
      unique.set(d.xml, k);
    }
    return k;
  });
  const started = performance.now();
  const results = await validateXmlDocuments(toRun, options);
  const validationMs = performance.now() - started;
  // One xsd finding per message: its own errors, then those only an inner element shows, each once.
  const merged = new Map<string, { exchange: number; message: string; seen: Set<string>; errors: string[] }>();
  docs.forEach((d, k) => {
    const key = `${d.exchange}\n${d.name}`;
    let m = merged.get(key);
    if (!m) merged.set(key, (m = { exchange: d.exchange, message: d.name, seen: new Set(), errors: [] }));
    for (const e of results[slot[k]]) {
      if (m.seen.has(e)) continue;
      m.seen.add(e);
      m.errors.push(d.path === null ? e : `in ${d.path}: ${e}`);
    }
  });
  for (const m of merged.values()) add(m.exchange, m.message, 'xsd', m.errors);
  findings.sort((a, b) => a.exchange - b.exchange);
  return { findings, documents: toRun.length, validationMs, judged };
}

// ---------------------------------------------------------------- reports

export interface FindingGroup {
  message: string;
  check: CheckKind;
  /** Each distinct error (values blanked) with how many messages showed it, first seen first. */
  errors: Array<{ error: string; count: number }>;
  /** How many messages of this kind had findings. */
  count: number;
  /** First exchange index with one. */
  example: number;
}

/** Values in libxml2's messages vary per message (UUIDs, texts, numbers); for grouping they are blanked. */
export function errorKey(e: string): string {
  return e
    .replace(/The value '[^']*'/g, "The value '…'")
    .replace(/': '[^']*' is not/g, "': '…' is not")
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '…');
}

/** Findings grouped by message kind and check, each distinct error once: the distinct failures. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup & { index: Map<string, { error: string; count: number }> }>();
  for (const f of findings) {
    const key = `${f.message}\n${f.check}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { message: f.message, check: f.check, errors: [], count: 0, example: f.exchange, index: new Map() }));
    g.count++;
    for (const e of new Set(f.errors.map(errorKey))) {
      let entry = g.index.get(e);
      if (!entry) {
        entry = { error: e, count: 0 };
        g.index.set(e, entry);
        g.errors.push(entry);
      }
      entry.count++;
    }
  }
  return [...groups.values()]
    .map(({ index: _, ...g }) => g)
    .sort((a, b) => a.message.localeCompare(b.message) || a.check.localeCompare(b.check));
}

/** A readable report: per kind of message, its distinct errors (the first `errorsPerGroup`), with counts. */
export function formatFindings(findings: readonly Finding[], errorsPerGroup = 6): string {
  return groupFindings(findings)
    .map((g) => {
      const shown = g.errors.slice(0, errorsPerGroup).map((e) => `    ${e.count > 1 ? `(×${e.count}) ` : ''}${e.error}`);
      if (g.errors.length > errorsPerGroup) shown.push(`    … and ${g.errors.length - errorsPerGroup} more distinct errors`);
      return `✗ ${g.message} [${g.check}] in ${g.count} message${g.count === 1 ? '' : 's'} (first: exchange #${g.example})\n${shown.join('\n')}`;
    })
    .join('\n');
}
