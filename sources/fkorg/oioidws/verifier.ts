// Checks an answer from the service (WSP) before anything in it is read, following [KOMBIT]
// SoapCore/Bindings/OioIdwsSoapChannel.cs (Validate) and CommonCore/MessageVerificationExtensions.cs:
// a SOAP Fault is not checked (the channel validates only non-fault answers, and a Fault never becomes
// data); any other answer must carry a wsse:Security ds:Signature made with the service certificate
// ([POLICY] sp:RecipientToken X509Token) that covers the Body, wsa:Action (when present), wsa:MessageID,
// wsa:RelatesTo and the wsu:Timestamp; wsa:RelatesTo must be the request's wsa:MessageID; the timestamp
// must not have expired.
import type { X509Certificate } from 'node:crypto';
import { DS, SOAP12, WSA, WSSE, WSU } from './namespaces.js';
import { checkSignature, elementChildren, onlyChild, parseDateTime, parseXmlDocument, textOf, wsuId, XmlSecurityError } from './xmlDsig.js';

export interface ResponseCheck {
  serviceCert: X509Certificate;
  /** The request's wsa:MessageID. */
  messageId: string;
  now: number;
  /** Tolerated clock difference to the service. Default 60 s. */
  clockSkewMs?: number;
}

/** Throws XmlSecurityError when the answer must not be trusted. */
export function verifyResponse(xml: string, check: ResponseCheck): void {
  const doc = parseXmlDocument(xml);
  const root = doc.documentElement!;
  if (root.namespaceURI !== SOAP12 || root.localName !== 'Envelope') throw new XmlSecurityError('the answer is not a SOAP 1.2 envelope');
  const body = onlyChild(root, SOAP12, 'Body');
  if (!body) throw new XmlSecurityError('the answer has no Body');
  if (elementChildren(body)[0] && onlyChild(body, SOAP12, 'Fault')) return;
  const header = onlyChild(root, SOAP12, 'Header');
  const security = onlyChild(header, WSSE, 'Security');
  const signature = onlyChild(security, DS, 'Signature');
  if (!signature) throw new XmlSecurityError('the answer is not signed');
  const referenced = new Set(checkSignature(xml, signature, check.serviceCert));
  const action = onlyChild(header, WSA, 'Action');
  const required: [string, ReturnType<typeof onlyChild>][] = [
    ['Body', body],
    ['MessageID', onlyChild(header, WSA, 'MessageID')],
    ['RelatesTo', onlyChild(header, WSA, 'RelatesTo')],
    ['Timestamp', onlyChild(security, WSU, 'Timestamp')],
  ];
  if (action) required.push(['Action', action]);
  for (const [what, el] of required) {
    const id = wsuId(el);
    if (!el || !id || !referenced.has(id)) throw new XmlSecurityError(`${what} is missing or not signed`);
  }
  if (textOf(onlyChild(header, WSA, 'RelatesTo')) !== check.messageId) throw new XmlSecurityError('RelatesTo does not name the request');
  const expires = parseDateTime(textOf(onlyChild(onlyChild(security, WSU, 'Timestamp'), WSU, 'Expires')), 'Timestamp/Expires');
  if (check.now >= expires + (check.clockSkewMs ?? 60_000)) throw new XmlSecurityError('the answer has expired');
}
