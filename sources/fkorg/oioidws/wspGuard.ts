// The FK ORG simulator's OIOIDWS mode: what a WSP checks before it serves a request, and the signature
// it puts on its answers. This is this project's simulator, written from the policy and the reference
// implementations, not ServicePlatform's code:
// - a request must carry wsse:Security with a wsu:Timestamp, the SAML assertion, a SecurityTokenReference
//   to it and a ds:Signature ([POLICY] sp:IncludeTimestamp, sp:SignedSupportingTokens, sp:AsymmetricBinding);
// - the timestamp and the token's Conditions must hold now (± clockSkewMs);
// - the assertion must be signed by the STS certificate and be holder-of-key; the message signature must
//   verify with the holder-of-key certificate and cover the Body, wsa:Action, wsa:MessageID, wsa:To (and
//   wsa:ReplyTo when present), the Timestamp and, through the STR-Transform, the token ([POLICY]
//   sp:SignedParts, sp:ProtectTokens; [KOMBIT] OioIdwsSoapMessageTransformer.SignMessage);
// - a MessageID or SignatureValue seen before is a replay ([DIGST] SoapTests.SoapRequestFailDueToReplayAttackTest;
//   [KOMBIT] OioWsTrustMessageTransformer.ValidateReplayAttack);
// - a refused request gets a SOAP 1.2 Fault, Code Sender with a WS-Security Subcode and the Reason a WCF WSP
//   gives ([DIGST] SoapTests.cs: "An error occurred when verifying security for the message.");
// - answers are signed with the service key: Body, Action, MessageID, RelatesTo (= the request's MessageID)
//   and a Timestamp, the service certificate in a BinarySecurityToken ([POLICY] sp:RecipientToken
//   IncludeToken/AlwaysToInitiator; [KOMBIT] MessageVerificationExtensions.VerifyRequiredSignatureElements).
import { createPrivateKey, randomUUID, type KeyObject, type X509Certificate } from 'node:crypto';
import { BASE64_ENCODING, DS, IDS, SAML2, SAML_HOK, SECURITY_FAULT_REASON, SOAP12, STR_TRANSFORM, TIMESTAMP_MINUTES, WSA, WSSE, WSU, X509V3_VALUE_TYPE } from './namespaces.js';
import { attributeValue } from './stsClient.js';
import { ReplayCache } from './stsClient.js';
import {
  appendSignature,
  certBase64,
  checkSignature,
  elementChildren,
  onlyChild,
  parseDateTime,
  parseXmlDocument,
  serialize,
  setWsuId,
  textOf,
  wsuId,
  x509FromKeyInfo,
  XmlSecurityError,
  xsdDateTime,
} from './xmlDsig.js';
import type { Element } from '@xmldom/xmldom';

/** WS-Security 1.0 §12 fault codes, the Subcode of the Fault. */
export type WsseFaultCode = 'InvalidSecurity' | 'FailedCheck' | 'FailedAuthentication' | 'MessageExpired';

/** Why a request was refused (for tests; the Fault itself only carries the code). */
export type RefusalKind = 'unsigned' | 'malformed' | 'timestamp-expired' | 'token-expired' | 'untrusted-token' | 'wrong-audience' | 'bad-signature' | 'not-signed' | 'replay';

const CODE: Record<RefusalKind, WsseFaultCode> = {
  unsigned: 'InvalidSecurity',
  malformed: 'InvalidSecurity',
  'not-signed': 'InvalidSecurity',
  replay: 'InvalidSecurity',
  'timestamp-expired': 'MessageExpired',
  'token-expired': 'MessageExpired',
  'untrusted-token': 'FailedAuthentication',
  'wrong-audience': 'FailedAuthentication',
  'bad-signature': 'FailedCheck',
};

class Refused extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
  }
}

export interface WspGuardOptions {
  /** Tokens must be signed with this certificate's key. */
  stsCertificate: X509Certificate;
  /** The service's certificate and key, for signing answers. */
  serviceCertificate: X509Certificate;
  serviceKey: KeyObject | string;
  /** When set, the token's Audience must be this entity id. */
  serviceEntityId?: string;
  /** Tolerated clock difference. Default 60 s. */
  clockSkewMs?: number;
  now?: () => number;
}

export interface AcceptedRequest {
  messageId: string;
  /** The CVR the token was issued for. */
  cvr: string | undefined;
}

export interface Refusal {
  kind: RefusalKind;
  code: WsseFaultCode;
  detail: string;
}

export function securityFault(code: WsseFaultCode): string {
  return (
    `<?xml version="1.0" encoding="utf-8"?><s:Envelope xmlns:s="${SOAP12}"><s:Body><s:Fault>` +
    `<s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value xmlns:wsse="${WSSE}">wsse:${code}</s:Value></s:Subcode></s:Code>` +
    `<s:Reason><s:Text xml:lang="en">${SECURITY_FAULT_REASON}</s:Text></s:Reason>` +
    `</s:Fault></s:Body></s:Envelope>`
  );
}

export class WspGuard {
  readonly refusals: Refusal[] = [];
  accepted = 0;
  private readonly replay = new ReplayCache();
  private readonly key: KeyObject;
  private readonly skew: number;

  constructor(private readonly options: WspGuardOptions) {
    this.key = typeof options.serviceKey === 'string' ? createPrivateKey(options.serviceKey) : options.serviceKey;
    this.skew = options.clockSkewMs ?? 60_000;
  }

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** The accepted request, or the Fault envelope to answer (HTTP 500) when it is refused. */
  checkRequest(raw: string): { accepted: AcceptedRequest } | { fault: string } {
    try {
      const accepted = this.verify(raw);
      this.accepted++;
      return { accepted };
    } catch (err) {
      const kind: RefusalKind = err instanceof Refused ? err.kind : 'malformed';
      const refusal = { kind, code: CODE[kind], detail: (err as Error).message };
      this.refusals.push(refusal);
      return { fault: securityFault(refusal.code) };
    }
  }

  private verify(raw: string): AcceptedRequest {
    const now = this.now();
    const doc = parseXmlDocument(raw);
    const root = doc.documentElement!;
    const header = onlyChild(root, SOAP12, 'Header');
    const body = onlyChild(root, SOAP12, 'Body');
    const security = onlyChild(header, WSSE, 'Security');
    const timestamp = onlyChild(security, WSU, 'Timestamp');
    const assertion = onlyChild(security, SAML2, 'Assertion');
    const signature = onlyChild(security, DS, 'Signature');
    if (!body || !security || !timestamp || !assertion || !signature) throw new Refused('unsigned', 'no wsse:Security with Timestamp, Assertion and Signature');

    const created = parseDateTime(textOf(onlyChild(timestamp, WSU, 'Created')), 'Timestamp/Created');
    const expires = parseDateTime(textOf(onlyChild(timestamp, WSU, 'Expires')), 'Timestamp/Expires');
    if (now >= expires + this.skew) throw new Refused('timestamp-expired', 'the message has expired');
    if (created > now + this.skew) throw new Refused('timestamp-expired', 'the message was created in the future');

    const assertionId = assertion.getAttribute('ID') ?? '';
    let tokenRefs: string[];
    try {
      tokenRefs = checkSignature(raw, onlyChild(assertion, DS, 'Signature') ?? fail('the token is not signed'), this.options.stsCertificate);
    } catch (err) {
      throw new Refused('untrusted-token', `the token is not from the STS: ${(err as Error).message}`);
    }
    if (tokenRefs.length !== 1 || tokenRefs[0] !== assertionId) throw new Refused('untrusted-token', 'the token signature does not cover the token');
    const conditions = onlyChild(assertion, SAML2, 'Conditions');
    const notBefore = parseDateTime(conditions?.getAttribute('NotBefore') ?? undefined, 'Conditions/NotBefore');
    const notOnOrAfter = parseDateTime(conditions?.getAttribute('NotOnOrAfter') ?? undefined, 'Conditions/NotOnOrAfter');
    if (now >= notOnOrAfter + this.skew || now < notBefore - this.skew) throw new Refused('token-expired', 'the token is not valid now');
    if (this.options.serviceEntityId !== undefined) {
      const audience = textOf(onlyChild(onlyChild(conditions, SAML2, 'AudienceRestriction'), SAML2, 'Audience'));
      if (audience !== this.options.serviceEntityId) throw new Refused('wrong-audience', `the token is for ${audience ?? '(none)'}`);
    }
    const confirmation = onlyChild(onlyChild(assertion, SAML2, 'Subject'), SAML2, 'SubjectConfirmation');
    const hok = confirmation?.getAttribute('Method') === SAML_HOK ? x509FromKeyInfo(onlyChild(onlyChild(confirmation, SAML2, 'SubjectConfirmationData'), DS, 'KeyInfo')) : undefined;
    if (!hok) throw new Refused('untrusted-token', 'the token is not holder-of-key');

    let referenced: Set<string>;
    try {
      referenced = new Set(checkSignature(raw, signature, hok));
    } catch (err) {
      throw new Refused('bad-signature', (err as Error).message);
    }
    const str = elementChildren(security, WSSE, 'SecurityTokenReference').find((s) => textOf(onlyChild(s, WSSE, 'KeyIdentifier')) === assertionId);
    const required: [string, Element | undefined][] = [
      ['Body', body],
      ['Action', onlyChild(header, WSA, 'Action')],
      ['MessageID', onlyChild(header, WSA, 'MessageID')],
      ['To', onlyChild(header, WSA, 'To')],
      ['Timestamp', timestamp],
      ['SecurityTokenReference', str],
    ];
    const replyTo = onlyChild(header, WSA, 'ReplyTo');
    if (replyTo) required.push(['ReplyTo', replyTo]);
    for (const [what, el] of required) {
      const id = wsuId(el);
      if (!el || !id || !referenced.has(id)) throw new Refused('not-signed', `${what} is missing or not signed`);
    }
    // The token is protected only when its reference is signed through the STR-Transform.
    const strRef = elementChildren(elementChildren(signature, DS, 'SignedInfo')[0], DS, 'Reference').find((r) => r.getAttribute('URI') === `#${wsuId(str)}`);
    const transforms = elementChildren(onlyChild(strRef, DS, 'Transforms'), DS, 'Transform').map((t) => t.getAttribute('Algorithm'));
    if (transforms.join() !== STR_TRANSFORM) throw new Refused('not-signed', 'the token is not signed through the STR-Transform');

    const messageId = textOf(onlyChild(header, WSA, 'MessageID'))!;
    const signatureValue = textOf(onlyChild(signature, DS, 'SignatureValue')) ?? '';
    const keep = expires + this.skew;
    const freshId = this.replay.add(`id:${messageId}`, keep, now);
    const freshSig = this.replay.add(`sig:${signatureValue}`, keep, now);
    if (!freshId || !freshSig) throw new Refused('replay', 'the message was seen before');
    return { messageId, cvr: attributeValue(assertion, 'dk:gov:saml:attribute:CvrNumberIdentifier') };
  }

  /** Signs an answer envelope (Action in its header) for `request`. */
  signResponse(xml: string, request: AcceptedRequest): string {
    const now = this.now();
    const doc = parseXmlDocument(xml);
    const root = doc.documentElement!;
    const header = onlyChild(root, SOAP12, 'Header') ?? fail('the answer has no Header');
    const body = onlyChild(root, SOAP12, 'Body') ?? fail('the answer has no Body');
    const fragment = parseXmlDocument(
      `<h xmlns:a="${WSA}" xmlns:wsse="${WSSE}" xmlns:wsu="${WSU}" xmlns:s="${SOAP12}">` +
        `<a:MessageID>urn:uuid:${randomUUID()}</a:MessageID><a:RelatesTo>${request.messageId.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</a:RelatesTo>` +
        `<wsse:Security s:mustUnderstand="1"><wsu:Timestamp><wsu:Created>${xsdDateTime(now)}</wsu:Created><wsu:Expires>${xsdDateTime(now + TIMESTAMP_MINUTES * 60_000)}</wsu:Expires></wsu:Timestamp>` +
        `<wsse:BinarySecurityToken wsu:Id="${IDS.binarySecurityToken}" ValueType="${X509V3_VALUE_TYPE}" EncodingType="${BASE64_ENCODING}">${certBase64(this.options.serviceCertificate)}</wsse:BinarySecurityToken></wsse:Security></h>`,
    ).documentElement!;
    for (const el of elementChildren(fragment)) header.appendChild(doc.importNode(el, true));
    const security = onlyChild(header, WSSE, 'Security')!;
    const signed: [Element | undefined, string][] = [
      [body, IDS.body],
      [onlyChild(header, WSA, 'Action'), IDS.action],
      [onlyChild(header, WSA, 'MessageID'), IDS.messageId],
      [onlyChild(header, WSA, 'RelatesTo'), IDS.relatesTo],
      [onlyChild(security, WSU, 'Timestamp'), IDS.timestamp],
    ];
    const refs = signed.flatMap(([el, id]) => {
      if (!el) return [];
      setWsuId(el, id);
      return [{ element: el }];
    });
    appendSignature(doc, security, refs, this.key, `<wsse:SecurityTokenReference xmlns:wsse="${WSSE}"><wsse:Reference URI="#${IDS.binarySecurityToken}" ValueType="${X509V3_VALUE_TYPE}"/></wsse:SecurityTokenReference>`);
    return serialize(doc);
  }
}

function fail(message: string): never {
  throw new XmlSecurityError(message);
}
