// Signs one SOAP 1.2 request the way the OIOIDWS SOAP profile wants it, following [KOMBIT]
// SoapCore/Bindings/OioIdwsSoapMessageTransformer.cs and SoapCore/Utils/XmlSignatureUtils.cs:
// - a wsa:ReplyTo (anonymous) after wsa:MessageID;
// - wsu:Id on the WS-Addressing headers ([POLICY] sp:SignedParts: To, From, FaultTo, ReplyTo, MessageID,
//   RelatesTo, Action; whichever are present) and on the Body ([POLICY] sp:Body);
// - a wsse:Security header (mustUnderstand) with a wsu:Timestamp ([POLICY] sp:IncludeTimestamp; 5 minutes),
//   the SAML assertion as issued ([POLICY] sp:SignedSupportingTokens IssuedToken IncludeToken/AlwaysToRecipient)
//   and a SecurityTokenReference to it (KeyIdentifier ValueType #SAMLID, wsse11:TokenType SAMLV2.0);
// - a ds:Signature with the holder-of-key (the client certificate's) key: exclusive c14n, RSA-SHA256, a
//   SHA-256 reference per signed element, the token signed through its SecurityTokenReference with the
//   STR-Transform ([POLICY] sp:ProtectTokens), KeyInfo the SecurityTokenReference.
// No Liberty Framework header ([OS2SYNC] IncludeLibertyHeader = false).
import type { KeyObject } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { IDS, SAML2_TOKEN_TYPE, SAML_ID_VALUE_TYPE, SOAP12, TIMESTAMP_MINUTES, WSA, WSA_ANONYMOUS, WSSE, WSSE11, WSU } from './namespaces.js';
import type { IssuedToken } from './stsClient.js';
import { appendSignature, elementChildren, onlyChild, parseXmlDocument, serialize, setWsuId, textOf, XmlSecurityError, xsdDateTime, type SignedReference } from './xmlDsig.js';

/** The WS-Addressing headers [POLICY] sp:SignedParts names, with the wsu:Id each gets. */
const ADDRESSING_IDS: Record<string, string> = {
  Action: IDS.action,
  MessageID: IDS.messageId,
  ReplyTo: IDS.replyTo,
  To: IDS.to,
  From: 'from',
  FaultTo: 'faultto',
  RelatesTo: IDS.relatesTo,
};

export interface SignedRequest {
  body: string;
  /** The request's wsa:MessageID, which the answer's wsa:RelatesTo must repeat. */
  messageId: string;
}

function securityTokenReference(assertionId: string, id?: string): string {
  return (
    `<wsse:SecurityTokenReference xmlns:wsse="${WSSE}" xmlns:wsse11="${WSSE11}" wsse11:TokenType="${SAML2_TOKEN_TYPE}"` +
    (id ? ` xmlns:wsu="${WSU}" wsu:Id="${id}"` : '') +
    `><wsse:KeyIdentifier ValueType="${SAML_ID_VALUE_TYPE}">${assertionId}</wsse:KeyIdentifier></wsse:SecurityTokenReference>`
  );
}

function importXml(doc: Document, xml: string): Element {
  return doc.importNode(parseXmlDocument(xml).documentElement!, true) as Element;
}

export function signRequest(envelope: string, token: Pick<IssuedToken, 'assertionXml' | 'assertionId'>, key: KeyObject | string, now: number): SignedRequest {
  const doc = parseXmlDocument(envelope);
  const root = doc.documentElement!;
  if (root.namespaceURI !== SOAP12 || root.localName !== 'Envelope') throw new XmlSecurityError('not a SOAP 1.2 envelope');
  const header = onlyChild(root, SOAP12, 'Header');
  const body = onlyChild(root, SOAP12, 'Body');
  if (!header || !body) throw new XmlSecurityError('the envelope needs a Header and a Body');
  if (onlyChild(header, WSSE, 'Security')) throw new XmlSecurityError('the envelope is already secured');
  const messageIdEl = onlyChild(header, WSA, 'MessageID');
  const messageId = textOf(messageIdEl);
  if (!messageIdEl || !messageId) throw new XmlSecurityError('the envelope has no wsa:MessageID');
  if (!onlyChild(header, WSA, 'Action') || !onlyChild(header, WSA, 'To')) throw new XmlSecurityError('the envelope needs wsa:Action and wsa:To');
  if (!onlyChild(header, WSA, 'ReplyTo')) {
    const replyTo = importXml(doc, `<a:ReplyTo xmlns:a="${WSA}"><a:Address>${WSA_ANONYMOUS}</a:Address></a:ReplyTo>`);
    header.insertBefore(replyTo, messageIdEl.nextSibling);
  }

  const signed: SignedReference[] = [];
  setWsuId(body, IDS.body);
  signed.push({ element: body });
  for (const el of elementChildren(header, WSA)) {
    const id = ADDRESSING_IDS[el.localName ?? ''];
    if (!id) continue;
    setWsuId(el, id);
    signed.push({ element: el });
  }
  const security = importXml(
    doc,
    `<wsse:Security xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" xmlns:s="${SOAP12}" s:mustUnderstand="1">` +
      `<wsu:Timestamp wsu:Id="${IDS.timestamp}"><wsu:Created>${xsdDateTime(now)}</wsu:Created><wsu:Expires>${xsdDateTime(now + TIMESTAMP_MINUTES * 60_000)}</wsu:Expires></wsu:Timestamp>` +
      `</wsse:Security>`,
  );
  header.appendChild(security);
  security.appendChild(importXml(doc, token.assertionXml));
  const str = importXml(doc, securityTokenReference(token.assertionId, IDS.securityTokenReference));
  security.appendChild(str);
  signed.push({ element: elementChildren(security, WSU, 'Timestamp')[0] }, { element: str, strTransform: true });
  appendSignature(doc, security, signed, key, securityTokenReference(token.assertionId));
  return { body: serialize(doc), messageId };
}
