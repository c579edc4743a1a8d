// SOAP 1.2 envelopes as FK ORG exchanges them: WS-Addressing Action/MessageID/To and the KOMBIT
// RequestHeader (TransactionUUID) in the header, one operation element in the body, and SOAP 1.2 Faults.
// Used by both the client and the simulator, so the two always agree on the framing.
import { randomUUID } from 'node:crypto';
import { REQUEST_HEADER_NS, SOAP12_NS, WSA_NS } from './wire.js';
import { child, escapeXml, isNode, parseXml, text, XmlSyntaxError, type Unread, type XmlNode } from './xml.js';

/** A local namespace: the block is this project's, not part of the v6 contract. */
export const AUTHORITY_NS = 'urn:kommunegraf:fkorg:authoritycontext';

export const SOAP12_CONTENT_TYPE = 'application/soap+xml';

export function soapContentType(action: string): string {
  return `${SOAP12_CONTENT_TYPE}; charset=utf-8; action="${action}"`;
}

export interface RequestEnvelope {
  action: string;
  /** The endpoint URL (wsa:To). */
  to: string;
  /** The operation element, already written. */
  body: string;
  /**
   * The municipality's CVR. FK ORG v6 takes the CVR from the OIOIDWS token (v4/v5 had an AuthorityContext
   * element for it); it is also sent as a header block without mustUnderstand, which production ignores
   * and the simulator uses to refuse calls for another municipality.
   */
  municipalityCvr?: string;
}

export function buildRequestEnvelope(req: RequestEnvelope): string {
  const authority = req.municipalityCvr
    ? `<AuthorityContext xmlns="${AUTHORITY_NS}"><MunicipalityCVR>${escapeXml(req.municipalityCvr)}</MunicipalityCVR></AuthorityContext>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}">` +
    `<s:Header>` +
    `<a:Action s:mustUnderstand="1">${escapeXml(req.action)}</a:Action>` +
    `<a:MessageID>urn:uuid:${randomUUID()}</a:MessageID>` +
    `<a:To s:mustUnderstand="1">${escapeXml(req.to)}</a:To>` +
    `<h:RequestHeader xmlns:h="${REQUEST_HEADER_NS}"><h:TransactionUUID>${randomUUID()}</h:TransactionUUID></h:RequestHeader>` +
    authority +
    `</s:Header>` +
    `<s:Body>${req.body}</s:Body>` +
    `</s:Envelope>`
  );
}

/**
 * An answer. The WSDLs bind the RequestHeader as a header of every output too (`soap12:header` in each
 * `wsdl:output`), so the answer carries the request's TransactionUUID back.
 */
export function buildResponseEnvelope(action: string, body: string, transactionUuid?: string): string {
  const requestHeader = transactionUuid
    ? `<h:RequestHeader xmlns:h="${REQUEST_HEADER_NS}"><h:TransactionUUID>${escapeXml(transactionUuid)}</h:TransactionUUID></h:RequestHeader>`
    : '';
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12_NS}" xmlns:a="${WSA_NS}">` +
    `<s:Header><a:Action s:mustUnderstand="1">${escapeXml(`${action}Response`)}</a:Action>${requestHeader}</s:Header>` +
    `<s:Body>${body}</s:Body>` +
    `</s:Envelope>`
  );
}

export type FaultCode = 'Sender' | 'Receiver';

export function buildFaultEnvelope(code: FaultCode, reason: string): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?>` +
    `<s:Envelope xmlns:s="${SOAP12_NS}">` +
    `<s:Body><s:Fault>` +
    `<s:Code><s:Value>s:${code}</s:Value></s:Code>` +
    `<s:Reason><s:Text xml:lang="da">${escapeXml(reason)}</s:Text></s:Reason>` +
    `</s:Fault></s:Body>` +
    `</s:Envelope>`
  );
}

/** The parts of an envelope, prefixes stripped. */
export interface ParsedEnvelope {
  header: XmlNode;
  /** Name of the first element in the Body. */
  bodyName: string;
  bodyContent: XmlNode;
  fault: { code: string; reason: string } | null;
}

/** Not a SOAP 1.2 envelope at all (not XML, no Envelope/Body). */
export class SoapShapeError extends Error {}

export function parseEnvelope(xml: string, unread?: Unread): ParsedEnvelope {
  let doc: XmlNode;
  try {
    doc = parseXml(xml, unread);
  } catch (err) {
    if (err instanceof XmlSyntaxError) throw new SoapShapeError(err.message);
    throw err;
  }
  const envelope = child(doc, 'Envelope');
  if (!envelope) throw new SoapShapeError('no SOAP Envelope');
  const body = child(envelope, 'Body');
  if (!body) throw new SoapShapeError('no SOAP Body');
  const bodyName = Object.keys(body)[0];
  if (!bodyName) throw new SoapShapeError('empty SOAP Body');
  const raw = body[bodyName];
  const content = Array.isArray(raw) ? raw[0] : raw;
  const bodyContent = isNode(content) ? content : {};
  let fault: ParsedEnvelope['fault'] = null;
  if (bodyName === 'Fault') {
    const code = text(child(bodyContent, 'Code'), 'Value') ?? text(bodyContent, 'faultcode') ?? '';
    const reason = text(child(bodyContent, 'Reason'), 'Text') ?? text(bodyContent, 'faultstring') ?? '';
    fault = { code: code.replace(/^[^:]*:/, ''), reason };
  }
  return { header: child(envelope, 'Header') ?? {}, bodyName, bodyContent, fault };
}

/**
 * The operation output `name` from a parsed envelope: directly in the Body, or one level down when a
 * toolkit wraps it in a `<op>Response` element.
 */
export function findOutput(envelope: ParsedEnvelope, name: string): XmlNode | undefined {
  if (envelope.bodyName === name) return envelope.bodyContent;
  return child(envelope.bodyContent, name);
}
