// XML Signature the way OIOIDWS uses it, on @xmldom/xmldom documents with xml-crypto: exclusive c14n,
// SHA-256 digests and RSA-SHA256 over references by wsu:Id ([POLICY] sp:Basic256Sha256; [KOMBIT]
// SoapCore/Utils/XmlSignatureUtils.cs), plus the STR-Transform that signs a SAML token through the
// SecurityTokenReference pointing at it ([KOMBIT] SoapCore/StrCustomization/StrTransform.cs, which
// digests the exclusive-c14n form of the assertion; OASIS WSS SOAP Message Security 1.1 §8.3).
// Signing builds SignedInfo itself (so the STR-Transform can carry its TransformationParameters);
// checking is xml-crypto's SignedXml.checkSignature with the STR-Transform registered.
import { createHash, createSign, X509Certificate, type KeyObject } from 'node:crypto';
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from '@xmldom/xmldom';
import { ExclusiveCanonicalization, SignedXml } from 'xml-crypto';
import { DS, EXC_C14N, RSA_SHA256, SAML2, SHA256, STR_TRANSFORM, WSSE, WSU } from './namespaces.js';

export class XmlSecurityError extends Error {}

export function parseXmlDocument(xml: string): Document {
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new XmlSecurityError(`not well-formed XML: ${message}`);
    },
  }).parseFromString(xml, 'text/xml');
  if (!doc.documentElement) throw new XmlSecurityError('no document element');
  return doc;
}

export function serialize(node: Node | Document): string {
  return new XMLSerializer().serializeToString(node);
}

export function elementChildren(parent: Node | null | undefined, ns?: string, localName?: string): Element[] {
  const out: Element[] = [];
  if (!parent) return out;
  for (let n = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const e = n as Element;
    if ((ns === undefined || e.namespaceURI === ns) && (localName === undefined || e.localName === localName)) out.push(e);
  }
  return out;
}

/** The only child `ns:localName` of `parent`; undefined when absent, an error when repeated. */
export function onlyChild(parent: Node | null | undefined, ns: string, localName: string): Element | undefined {
  const found = elementChildren(parent, ns, localName);
  if (found.length > 1) throw new XmlSecurityError(`more than one ${localName}`);
  return found[0];
}

export function textOf(e: Element | undefined): string | undefined {
  return e?.textContent?.trim() ?? undefined;
}

export function wsuId(e: Element | undefined): string | undefined {
  return e?.getAttributeNS(WSU, 'Id') || undefined;
}

export function setWsuId(e: Element, id: string): void {
  e.setAttributeNS(WSU, 'wsu:Id', id);
}

/** Elements (anywhere) whose Id/ID/id attribute in any namespace is `id`, as xml-crypto resolves references. */
export function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      for (let i = 0; i < e.attributes.length; i++) {
        const a = e.attributes.item(i)!;
        if ((a.localName === 'Id' || a.localName === 'ID' || a.localName === 'id') && a.value === id) {
          out.push(e);
          break;
        }
      }
      walk(e);
    }
  };
  walk(doc);
  return out;
}

function excC14n(node: Node): string {
  // xml-crypto's canonicalizer is typed against the DOM lib's Node; @xmldom nodes carry the same shape.
  return String(new ExclusiveCanonicalization().process(node as unknown as Parameters<ExclusiveCanonicalization['process']>[0], {}));
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/**
 * STR-Transform: the SecurityTokenReference stands for the token it names (a SAML assertion by its ID,
 * KeyIdentifier ValueType #SAMLID), which is canonicalized with exclusive c14n.
 */
export class StrTransform {
  process(node: globalThis.Node): string {
    const str = node as unknown as Element;
    const keyId = textOf(elementChildren(str, WSSE, 'KeyIdentifier')[0]);
    if (!keyId) throw new XmlSecurityError('SecurityTokenReference without KeyIdentifier');
    const doc = str.ownerDocument;
    if (!doc) throw new XmlSecurityError('SecurityTokenReference outside a document');
    const matches = elementsWithId(doc, keyId);
    if (matches.length !== 1 || matches[0].namespaceURI !== SAML2 || matches[0].localName !== 'Assertion') {
      throw new XmlSecurityError('SecurityTokenReference does not name exactly one SAML assertion');
    }
    return excC14n(matches[0]);
  }
  getAlgorithmName(): string {
    return STR_TRANSFORM;
  }
}

export interface SignedReference {
  /** The element, which already carries its wsu:Id (or SAML ID). */
  element: Element;
  /** Sign the token this SecurityTokenReference names, through the STR-Transform. */
  strTransform?: boolean;
}

/**
 * Appends a ds:Signature over `references` to `parent` (the wsse:Security header), signed with `key`.
 * `keyInfo` is the XML inside ds:KeyInfo (a SecurityTokenReference).
 */
export function appendSignature(doc: Document, parent: Element, references: SignedReference[], key: KeyObject | string, keyInfo: string): Element {
  let refs = '';
  for (const { element, strTransform } of references) {
    const id = wsuId(element) ?? element.getAttribute('ID');
    if (!id) throw new XmlSecurityError(`${element.localName} has no Id to reference`);
    const transform = strTransform
      ? `<Transform Algorithm="${STR_TRANSFORM}"><wsse:TransformationParameters xmlns:wsse="${WSSE}"><CanonicalizationMethod Algorithm="${EXC_C14N}"/></wsse:TransformationParameters></Transform>`
      : `<Transform Algorithm="${EXC_C14N}"/>`;
    const digest = sha256(strTransform ? new StrTransform().process(element as unknown as globalThis.Node) : excC14n(element));
    refs += `<Reference URI="#${id}"><Transforms>${transform}</Transforms><DigestMethod Algorithm="${SHA256}"/><DigestValue>${digest}</DigestValue></Reference>`;
  }
  const signatureXml =
    `<Signature xmlns="${DS}"><SignedInfo><CanonicalizationMethod Algorithm="${EXC_C14N}"/><SignatureMethod Algorithm="${RSA_SHA256}"/>${refs}</SignedInfo>` +
    `<SignatureValue></SignatureValue><KeyInfo>${keyInfo}</KeyInfo></Signature>`;
  const signature = doc.importNode(parseXmlDocument(signatureXml).documentElement!, true) as Element;
  parent.appendChild(signature);
  const signedInfo = elementChildren(signature, DS, 'SignedInfo')[0];
  const value = createSign('RSA-SHA256').update(excC14n(signedInfo), 'utf8').sign(key, 'base64');
  elementChildren(signature, DS, 'SignatureValue')[0].appendChild(doc.createTextNode(value));
  return signature;
}

/**
 * Checks `signature` (an element of the document `xml` was parsed into) with `cert`: every reference's
 * digest and the signature value. Returns the referenced ids (without '#'). Throws XmlSecurityError.
 */
export function checkSignature(xml: string, signature: Element, cert: X509Certificate | string): string[] {
  const pem = typeof cert === 'string' ? cert : cert.toString();
  const sig = new SignedXml({ publicCert: pem });
  (sig.CanonicalizationAlgorithms as Record<string, unknown>)[STR_TRANSFORM] = StrTransform;
  const method = elementChildren(elementChildren(signature, DS, 'SignedInfo')[0], DS, 'SignatureMethod')[0]?.getAttribute('Algorithm');
  if (method !== RSA_SHA256) throw new XmlSecurityError(`signature method ${method ?? '(none)'} is not ${RSA_SHA256}`);
  let ok: boolean;
  try {
    sig.loadSignature(serialize(signature));
    ok = sig.checkSignature(xml);
  } catch (err) {
    throw new XmlSecurityError(`signature does not verify: ${(err as Error).message}`);
  }
  if (!ok) throw new XmlSecurityError('signature does not verify: a reference digest does not match');
  return sig.getReferences().map((r) => (r.uri ?? '').replace(/^#/, ''));
}

/** The X.509 certificate of an element's ds:KeyInfo/ds:X509Data/ds:X509Certificate (base64 DER). */
export function x509FromKeyInfo(keyInfo: Element | undefined): X509Certificate | undefined {
  const data = elementChildren(keyInfo, DS, 'X509Data')[0];
  const b64 = textOf(elementChildren(data, DS, 'X509Certificate')[0]);
  if (!b64) return undefined;
  return new X509Certificate(Buffer.from(b64.replace(/\s+/g, ''), 'base64'));
}

/** Base64 DER of a certificate, as BinarySecurityToken and X509Certificate carry it. */
export function certBase64(cert: X509Certificate): string {
  return cert.raw.toString('base64');
}

/** xsd:dateTime in UTC without fractions, the format [KOMBIT] Common.DateTimeFormat says the spec mandates. */
export function xsdDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function parseDateTime(value: string | undefined, what: string): number {
  const t = value ? Date.parse(value) : NaN;
  if (!Number.isFinite(t)) throw new XmlSecurityError(`${what} is not a dateTime: ${value ?? '(missing)'}`);
  return t;
}
