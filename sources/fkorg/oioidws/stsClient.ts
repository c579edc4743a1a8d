// WS-Trust 1.3 Issue to KOMBIT's STS: a signed SOAP 1.2 RequestSecurityToken asking for a SAML 2.0
// holder-of-key token for the service (AppliesTo = the WSP's entity id) on behalf of the municipality
// (CVR claim), and the checks on the answer before its token is used. The message follows [KOMBIT]
// OioWsTrustMessageTransformer.cs (header, timestamp, BinarySecurityToken, what is signed) and
// OioWSTrustChannelSecurityTokenProvider.cs (Claims, Lifetime, UseKey, Issuer); the element order follows
// the recorded Tests/Digst.OioIdws.OioWsTrustCore.Test/Data/Request.xml.
import { randomUUID, type X509Certificate } from 'node:crypto';
import { request } from 'undici';
import type { ClientIdentity } from './certificates.js';
import {
  AUTH,
  AUTH_CLAIMS_DIALECT,
  BASE64_ENCODING,
  CVR_CLAIM,
  DS,
  IDS,
  SAML2,
  SAML2_TOKEN_TYPE,
  SAML_HOK,
  SOAP12,
  TIMESTAMP_MINUTES,
  WSA,
  WSP,
  WSSE,
  WSU,
  WST,
  WST_ISSUE_ACTION,
  WST_KEY_TYPE_PUBLIC_KEY,
  WST_REQUEST_TYPE_ISSUE,
  X509V3_VALUE_TYPE,
} from './namespaces.js';
import {
  appendSignature,
  certBase64,
  checkSignature,
  elementChildren,
  onlyChild,
  parseDateTime,
  parseXmlDocument,
  serialize,
  textOf,
  wsuId,
  x509FromKeyInfo,
  XmlSecurityError,
  xsdDateTime,
} from './xmlDsig.js';

export interface StsClientOptions {
  /** The STS endpoint, e.g. https://n2adgangsstyring.stoettesystemerne.dk/runtime/services/kombittrust/14/certificatemixed ([OS2SYNC]). */
  stsUrl: string;
  /** The STS entity id, sent as trust:Issuer ([KOMBIT] OioWsTrustMessageTransformer.AddIssuerToRequest). */
  stsEntityId: string;
  /** Verifies the STS's answers and the tokens it issues. */
  stsCert: X509Certificate;
  /** The service's (WSP's) entity id, sent as AppliesTo, e.g. http://stoettesystemerne.dk/service/organisation/3 ([OS2SYNC]). */
  serviceEntityId: string;
  client: ClientIdentity;
  /** The municipality's CVR, the dk:gov:saml:attribute:CvrNumberIdentifier claim. */
  cvr: string;
  /** Asked token lifetime; the STS may issue a shorter one ([KOMBIT] StsTokenServiceConfiguration.TokenLifeTimeInMinutes). */
  lifetimeMinutes?: number;
  timeoutMs?: number;
  now?: () => number;
}

export interface IssuedToken {
  /** The saml:Assertion exactly as issued. */
  assertionXml: string;
  assertionId: string;
  /** RSTR Lifetime (ms since epoch). */
  createdAt: number;
  expiresAt: number;
}

/** The STS could not be reached, refused, or answered something that must not be trusted. */
export class StsError extends Error {}

const RESPONSE_LIMIT = 4 * 1024 * 1024;

export function buildIssueRequest(opts: StsClientOptions, messageId: string, now: number): string {
  const cert = certBase64(opts.client.cert);
  const lifetime = opts.lifetimeMinutes
    ? `<trust:Lifetime><wsu:Expires>${xsdDateTime(now + opts.lifetimeMinutes * 60_000)}</wsu:Expires></trust:Lifetime>`
    : '';
  const xml =
    `<s:Envelope xmlns:s="${SOAP12}" xmlns:a="${WSA}" xmlns:wsu="${WSU}" xmlns:wsse="${WSSE}" xmlns:trust="${WST}">` +
    `<s:Header>` +
    `<a:Action s:mustUnderstand="1" wsu:Id="${IDS.action}">${WST_ISSUE_ACTION}</a:Action>` +
    `<a:MessageID wsu:Id="${IDS.messageId}">${messageId}</a:MessageID>` +
    `<a:To wsu:Id="${IDS.to}">${escape(opts.stsUrl)}</a:To>` +
    `<wsse:Security s:mustUnderstand="1">` +
    `<wsu:Timestamp wsu:Id="${IDS.timestamp}"><wsu:Created>${xsdDateTime(now)}</wsu:Created><wsu:Expires>${xsdDateTime(now + TIMESTAMP_MINUTES * 60_000)}</wsu:Expires></wsu:Timestamp>` +
    `<wsse:BinarySecurityToken wsu:Id="${IDS.binarySecurityToken}" ValueType="${X509V3_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">${cert}</wsse:BinarySecurityToken>` +
    `</wsse:Security>` +
    `</s:Header>` +
    `<s:Body wsu:Id="${IDS.body}">` +
    `<trust:RequestSecurityToken Context="urn:uuid:${randomUUID()}">` +
    `<trust:RequestType>${WST_REQUEST_TYPE_ISSUE}</trust:RequestType>` +
    `<trust:TokenType>${SAML2_TOKEN_TYPE}</trust:TokenType>` +
    `<trust:KeyType>${WST_KEY_TYPE_PUBLIC_KEY}</trust:KeyType>` +
    `<wsp:AppliesTo xmlns:wsp="${WSP}"><a:EndpointReference><a:Address>${escape(opts.serviceEntityId.replace(/\/$/, ''))}</a:Address></a:EndpointReference></wsp:AppliesTo>` +
    `<trust:Claims Dialect="${AUTH_CLAIMS_DIALECT}"><auth:ClaimType xmlns:auth="${AUTH}" Uri="${CVR_CLAIM}" Optional="false"><auth:Value>${escape(opts.cvr)}</auth:Value></auth:ClaimType></trust:Claims>` +
    lifetime +
    `<trust:UseKey><wsse:BinarySecurityToken ValueType="${X509V3_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">${cert}</wsse:BinarySecurityToken></trust:UseKey>` +
    `<trust:Issuer><a:EndpointReference><a:Address>${escape(opts.stsEntityId)}</a:Address></a:EndpointReference></trust:Issuer>` +
    `</trust:RequestSecurityToken>` +
    `</s:Body>` +
    `</s:Envelope>`;
  const doc = parseXmlDocument(xml);
  const header = elementChildren(doc.documentElement, SOAP12, 'Header')[0];
  const security = elementChildren(header, WSSE, 'Security')[0];
  // [KOMBIT] OioWsTrustMessageTransformer.SignMessage: Action, MessageID, To, Timestamp, BinarySecurityToken and
  // Body, signed with the client certificate, KeyInfo a reference to the BinarySecurityToken.
  const signed = [
    ...elementChildren(header, WSA).filter((e) => ['Action', 'MessageID', 'To'].includes(e.localName ?? '')),
    ...elementChildren(security, WSU, 'Timestamp'),
    ...elementChildren(security, WSSE, 'BinarySecurityToken'),
    elementChildren(doc.documentElement, SOAP12, 'Body')[0],
  ];
  appendSignature(
    doc,
    security,
    signed.map((element) => ({ element })),
    opts.client.key,
    `<wsse:SecurityTokenReference xmlns:wsse="${WSSE}"><wsse:Reference URI="#${IDS.binarySecurityToken}" ValueType="${X509V3_VALUE_TYPE}"/></wsse:SecurityTokenReference>`,
  );
  return serialize(doc);
}

/** Replayed answers are recognised by their SignatureValue ([KOMBIT] OioWsTrustMessageTransformer.ValidateReplayAttack). */
export class ReplayCache {
  private readonly seen = new Map<string, number>();
  /** false when `key` was seen and has not expired; remembers it until `until`. */
  add(key: string, until: number, now: number): boolean {
    for (const [k, t] of this.seen) if (t <= now) this.seen.delete(k);
    if (this.seen.has(key)) return false;
    this.seen.set(key, until);
    return true;
  }
}

export class StsClient {
  private readonly replay = new ReplayCache();
  issued = 0;

  constructor(readonly options: StsClientOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async issue(): Promise<IssuedToken> {
    const messageId = `urn:uuid:${randomUUID()}`;
    const body = buildIssueRequest(this.options, messageId, this.now());
    let status: number;
    let raw: string;
    try {
      const res = await request(this.options.stsUrl, {
        method: 'POST',
        headers: { 'content-type': `application/soap+xml; charset=utf-8; action="${WST_ISSUE_ACTION}"` },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      status = res.statusCode;
      raw = await res.body.text();
    } catch (err) {
      throw new StsError(`the STS at ${this.options.stsUrl} could not be reached: ${(err as Error).message}`, { cause: err });
    }
    if (raw.length > RESPONSE_LIMIT) throw new StsError('the STS answer is too large');
    this.issued++;
    try {
      return this.readResponse(raw, status, messageId);
    } catch (err) {
      if (err instanceof XmlSecurityError) throw new StsError(`the STS answer was refused: ${err.message}`, { cause: err });
      throw err;
    }
  }

  /** [KOMBIT] OioWsTrustMessageTransformer.ValidateAndModifyMessageAccordingToWsTrust / ValidateRstr. */
  private readResponse(raw: string, status: number, messageId: string): IssuedToken {
    let doc;
    try {
      doc = parseXmlDocument(raw);
    } catch {
      throw new StsError(`the STS answered HTTP ${status} without a SOAP envelope`);
    }
    const envelope = doc.documentElement!;
    const header = onlyChild(envelope, SOAP12, 'Header');
    const body = onlyChild(envelope, SOAP12, 'Body');
    if (envelope.namespaceURI !== SOAP12 || envelope.localName !== 'Envelope' || !body) throw new StsError(`the STS answered HTTP ${status} without a SOAP 1.2 envelope`);
    const fault = onlyChild(body, SOAP12, 'Fault');
    if (fault) {
      const reason = textOf(elementChildren(onlyChild(fault, SOAP12, 'Reason'), SOAP12, 'Text')[0]) ?? '';
      throw new StsError(`the STS refused to issue a token (HTTP ${status}): ${reason}`);
    }
    if (status !== 200) throw new StsError(`the STS answered HTTP ${status}`);
    const security = onlyChild(header, WSSE, 'Security');
    const signature = onlyChild(security, DS, 'Signature');
    if (!signature) throw new XmlSecurityError('the answer is not signed');
    const referenced = new Set(checkSignature(raw, signature, this.options.stsCert));
    // [KOMBIT] MessageVerificationExtensions.VerifyRequiredSignatureElements: Body, Action, RelatesTo and
    // Timestamp must be signed (MessageID is not required from the STS).
    const timestamp = onlyChild(security, WSU, 'Timestamp');
    const relatesTo = onlyChild(header, WSA, 'RelatesTo');
    const action = onlyChild(header, WSA, 'Action');
    for (const [what, el] of [['Body', body], ['RelatesTo', relatesTo], ['Timestamp', timestamp], ...(action ? [['Action', action] as const] : [])] as const) {
      const id = wsuId(el);
      if (!el || !id || !referenced.has(id)) throw new XmlSecurityError(`${what} is missing or not signed`);
    }
    if (textOf(relatesTo) !== messageId) throw new XmlSecurityError('RelatesTo does not name the request');
    const now = this.now();
    const tsExpires = parseDateTime(textOf(onlyChild(timestamp, WSU, 'Expires')), 'Timestamp/Expires');
    if (now >= tsExpires) throw new XmlSecurityError('the answer has expired');
    if (!this.replay.add(textOf(onlyChild(signature, DS, 'SignatureValue')) ?? '', tsExpires, now)) throw new XmlSecurityError('replayed answer');

    const collection = onlyChild(body, WST, 'RequestSecurityTokenResponseCollection');
    const rstr = collection ? onlyChild(collection, WST, 'RequestSecurityTokenResponse') : onlyChild(body, WST, 'RequestSecurityTokenResponse');
    const lifetime = onlyChild(rstr, WST, 'Lifetime');
    const createdAt = parseDateTime(textOf(onlyChild(lifetime, WSU, 'Created')), 'Lifetime/Created');
    const expiresAt = parseDateTime(textOf(onlyChild(lifetime, WSU, 'Expires')), 'Lifetime/Expires');
    if (now >= expiresAt) throw new XmlSecurityError('the issued token has already expired');
    const assertion = onlyChild(onlyChild(rstr, WST, 'RequestedSecurityToken'), SAML2, 'Assertion');
    if (!assertion) throw new XmlSecurityError('no SAML 2.0 assertion in RequestedSecurityToken');
    const assertionId = assertion.getAttribute('ID');
    if (!assertionId) throw new XmlSecurityError('the assertion has no ID');
    const assertionRefs = checkSignature(raw, onlyChild(assertion, DS, 'Signature') ?? fail('the assertion is not signed'), this.options.stsCert);
    if (assertionRefs.length !== 1 || assertionRefs[0] !== assertionId) throw new XmlSecurityError('the assertion signature does not cover the assertion');
    // [OS2SYNC] StubUtil.CreateChannel refuses a token that does not carry the municipality's CVR.
    if (attributeValue(assertion, CVR_CLAIM) !== this.options.cvr) throw new XmlSecurityError(`the token is not for CVR ${this.options.cvr}`);
    const confirmation = onlyChild(onlyChild(assertion, SAML2, 'Subject'), SAML2, 'SubjectConfirmation');
    if (confirmation?.getAttribute('Method') !== SAML_HOK) throw new XmlSecurityError('the token is not holder-of-key');
    const hok = x509FromKeyInfo(onlyChild(onlyChild(confirmation, SAML2, 'SubjectConfirmationData'), DS, 'KeyInfo'));
    if (!hok || !hok.raw.equals(this.options.client.cert.raw)) throw new XmlSecurityError('the token is not bound to the client certificate');
    return { assertionXml: serialize(assertion), assertionId, createdAt, expiresAt };
  }
}

function fail(message: string): never {
  throw new XmlSecurityError(message);
}

export function attributeValue(assertion: ReturnType<typeof onlyChild>, name: string): string | undefined {
  const statement = onlyChild(assertion, SAML2, 'AttributeStatement');
  const attr = elementChildren(statement, SAML2, 'Attribute').find((a) => a.getAttribute('Name') === name);
  return textOf(elementChildren(attr, SAML2, 'AttributeValue')[0]);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
