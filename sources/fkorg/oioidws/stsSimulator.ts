// A stand-in for KOMBIT's STS on localhost (node:http), for tests: it answers a WS-Trust 1.3 Issue
// (SOAP 1.2, as stsClient.ts sends it) with a SAML 2.0 holder-of-key assertion for the requested service
// and CVR, signed with its own key, in a signed RSTR shaped like [KOMBIT]
// Tests/Digst.OioIdws.OioWsTrustCore.Test/Data/Response.xml. It checks the request's signature with the
// certificate in its BinarySecurityToken and that UseKey names the same certificate. This is this
// project's simulator, not KOMBIT's STS: it knows nothing of the real STS's registrations and rules.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { listenSimulator } from '../../simulatorListen.js';
import {
  AUTH,
  CVR_CLAIM,
  DS,
  ENVELOPED_SIGNATURE,
  EXC_C14N,
  IDS,
  RSA_SHA256,
  SAML2,
  SAML_HOK,
  SHA256,
  SOAP12,
  WSA,
  WSP,
  WSSE,
  WSU,
  WST,
  WST_ISSUE_FINAL_ACTION,
  WST_KEY_TYPE_PUBLIC_KEY,
  SAML2_TOKEN_TYPE,
  WST_REQUEST_TYPE_ISSUE,
} from './namespaces.js';
import type { TestIdentity } from './testIdentity.js';
import { appendSignature, certBase64, checkSignature, elementChildren, onlyChild, parseDateTime, parseXmlDocument, serialize, setWsuId, textOf, wsuId, xsdDateTime } from './xmlDsig.js';

export interface StsSimulatorOptions {
  /** The STS's signing certificate and key. */
  identity: TestIdentity;
  /** Issuer of the assertions. */
  entityId?: string;
  /** Lifetime of issued tokens; default: what the request asks, at most 480 minutes ([KOMBIT] StsTokenServiceConfiguration: 8 hours). */
  lifetimeMinutes?: number;
  /** The STS's clock. */
  now?: () => number;
  port?: number;
  host?: string;
}

export interface StsIssueRequest {
  appliesTo: string;
  cvr: string;
  /** Requested lifetime end (ms), when asked. */
  requestedExpires?: number;
  clientCert: X509Certificate;
}

export type StsFailure = 'fault' | 'unavailable' | null;

export interface StsSimulator {
  url: string;
  entityId: string;
  /** Tokens issued so far. */
  readonly issued: number;
  /** Every Issue request that arrived (issued or not), in order. */
  readonly requests: StsIssueRequest[];
  /** `fault`: answer a SOAP 1.2 Fault; `unavailable`: HTTP 503; null: issue normally. */
  fail(mode: StsFailure): void;
  /** Resolves the next `n` Issue answers only when `release()` is called (to hold renewals in flight). */
  hold(): { release(): void };
  close(): Promise<void>;
}

export async function startStsSimulator(opts: StsSimulatorOptions): Promise<StsSimulator> {
  const entityId = opts.entityId ?? 'https://saml.sts.simulator.invalid/runtime';
  const now = opts.now ?? Date.now;
  const key = createPrivateKey(opts.identity.keyPem);
  const requests: StsIssueRequest[] = [];
  let issued = 0;
  let failure: StsFailure = null;
  let gate: Promise<void> | null = null;

  function fault(res: ServerResponse, status: number, reason: string): void {
    const xml =
      `<s:Envelope xmlns:s="${SOAP12}"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code>` +
      `<s:Reason><s:Text xml:lang="en">${reason}</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>`;
    res.writeHead(status, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
  }

  function readRequest(raw: string): StsIssueRequest & { messageId: string } {
    const doc = parseXmlDocument(raw);
    const header = onlyChild(doc.documentElement, SOAP12, 'Header');
    const body = onlyChild(doc.documentElement, SOAP12, 'Body');
    const security = onlyChild(header, WSSE, 'Security');
    const bst = onlyChild(security, WSSE, 'BinarySecurityToken');
    const clientCert = new X509Certificate(Buffer.from(textOf(bst) ?? '', 'base64'));
    const signature = onlyChild(security, DS, 'Signature');
    if (!signature) throw new Error('the request is not signed');
    const referenced = new Set(checkSignature(raw, signature, clientCert));
    const signedParts = [
      onlyChild(header, WSA, 'Action'),
      onlyChild(header, WSA, 'MessageID'),
      onlyChild(header, WSA, 'To'),
      onlyChild(security, WSU, 'Timestamp'),
      bst,
      body,
    ];
    if (signedParts.some((e) => !e || !referenced.has(wsuId(e) ?? ''))) throw new Error('not every required part is signed');
    const expires = parseDateTime(textOf(onlyChild(onlyChild(security, WSU, 'Timestamp'), WSU, 'Expires')), 'Timestamp/Expires');
    if (now() >= expires) throw new Error('the request has expired');
    const rst = onlyChild(body, WST, 'RequestSecurityToken');
    if (textOf(onlyChild(rst, WST, 'RequestType')) !== WST_REQUEST_TYPE_ISSUE) throw new Error('not an Issue request');
    const useKey = textOf(onlyChild(onlyChild(rst, WST, 'UseKey'), WSSE, 'BinarySecurityToken'));
    if (!useKey || !Buffer.from(useKey, 'base64').equals(clientCert.raw)) throw new Error('UseKey is not the signing certificate');
    const appliesTo = textOf(onlyChild(onlyChild(onlyChild(rst, WSP, 'AppliesTo'), WSA, 'EndpointReference'), WSA, 'Address'));
    const claim = elementChildren(onlyChild(rst, WST, 'Claims'), AUTH, 'ClaimType').find((c) => c.getAttribute('Uri') === CVR_CLAIM);
    const cvr = textOf(onlyChild(claim, AUTH, 'Value'));
    if (!appliesTo || !cvr) throw new Error('AppliesTo and the CVR claim are required');
    const lifetimeExpires = textOf(onlyChild(onlyChild(rst, WST, 'Lifetime'), WSU, 'Expires'));
    return {
      messageId: textOf(onlyChild(header, WSA, 'MessageID')) ?? '',
      appliesTo,
      cvr,
      requestedExpires: lifetimeExpires ? parseDateTime(lifetimeExpires, 'Lifetime/Expires') : undefined,
      clientCert,
    };
  }

  function assertion(req: StsIssueRequest, created: number, expires: number): { xml: string; id: string } {
    const id = `_${randomUUID()}`;
    const from = xsdDateTime(created);
    const to = xsdDateTime(expires);
    const unsigned =
      `<Assertion xmlns="${SAML2}" ID="${id}" IssueInstant="${from}" Version="2.0">` +
      `<Issuer Format="urn:oasis:names:tc:SAML:2.0:nameid-format:entity">${entityId}</Issuer>` +
      `<Subject><NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${req.clientCert.subject.replace(/\n/g, ', ').replace(/&/g, '&amp;').replace(/</g, '&lt;')}</NameID>` +
      `<SubjectConfirmation Method="${SAML_HOK}"><SubjectConfirmationData xmlns:a="http://www.w3.org/2001/XMLSchema-instance" a:type="KeyInfoConfirmationDataType" NotBefore="${from}" NotOnOrAfter="${to}" Recipient="${req.appliesTo}">` +
      `<KeyInfo xmlns="${DS}"><X509Data><X509Certificate>${certBase64(req.clientCert)}</X509Certificate></X509Data></KeyInfo>` +
      `</SubjectConfirmationData></SubjectConfirmation></Subject>` +
      `<Conditions NotBefore="${from}" NotOnOrAfter="${to}"><AudienceRestriction><Audience>${req.appliesTo}</Audience></AudienceRestriction></Conditions>` +
      `<AttributeStatement>` +
      `<Attribute Name="${CVR_CLAIM}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><AttributeValue>${req.cvr}</AttributeValue></Attribute>` +
      `<Attribute Name="dk:gov:saml:attribute:AssuranceLevel" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><AttributeValue>3</AttributeValue></Attribute>` +
      `<Attribute Name="dk:gov:saml:attribute:SpecVer" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic"><AttributeValue>DK-SAML-2.0</AttributeValue></Attribute>` +
      `</AttributeStatement>` +
      `<AuthnStatement AuthnInstant="${from}"><AuthnContext><AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</AuthnContextClassRef></AuthnContext></AuthnStatement>` +
      `</Assertion>`;
    // The assertion's enveloped signature, as in [KOMBIT] Data/Response.xml (after Issuer, X509Data KeyInfo).
    const sig = new SignedXml({ privateKey: opts.identity.keyPem, publicCert: opts.identity.certPem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
    sig.addReference({ xpath: `/*[local-name(.)='Assertion']`, transforms: [ENVELOPED_SIGNATURE, EXC_C14N], digestAlgorithm: SHA256 });
    sig.computeSignature(unsigned, { location: { reference: `/*/*[local-name(.)='Issuer']`, action: 'after' } });
    return { xml: sig.getSignedXml(), id };
  }

  function response(req: StsIssueRequest & { messageId: string }): string {
    const created = now();
    const asked = req.requestedExpires !== undefined ? Math.round((req.requestedExpires - created) / 60_000) : 480;
    const minutes = opts.lifetimeMinutes ?? (asked >= 1 && asked <= 480 ? asked : 480);
    const expires = created + minutes * 60_000;
    const token = assertion(req, created, expires);
    const xml =
      `<s:Envelope xmlns:s="${SOAP12}" xmlns:a="${WSA}" xmlns:u="${WSU}">` +
      `<s:Header><a:Action s:mustUnderstand="1">${WST_ISSUE_FINAL_ACTION}</a:Action><a:RelatesTo>${req.messageId}</a:RelatesTo>` +
      `<o:Security xmlns:o="${WSSE}" s:mustUnderstand="1"><u:Timestamp><u:Created>${xsdDateTime(created)}</u:Created><u:Expires>${xsdDateTime(created + 5 * 60_000)}</u:Expires></u:Timestamp></o:Security></s:Header>` +
      `<s:Body><trust:RequestSecurityTokenResponseCollection xmlns:trust="${WST}"><trust:RequestSecurityTokenResponse Context="urn:uuid:${randomUUID()}">` +
      `<trust:Lifetime><u:Created>${xsdDateTime(created)}</u:Created><u:Expires>${xsdDateTime(expires)}</u:Expires></trust:Lifetime>` +
      `<wsp:AppliesTo xmlns:wsp="${WSP}"><a:EndpointReference><a:Address>${req.appliesTo}</a:Address></a:EndpointReference></wsp:AppliesTo>` +
      `<trust:RequestedSecurityToken>${token.xml}</trust:RequestedSecurityToken>` +
      `<trust:TokenType>${SAML2_TOKEN_TYPE}</trust:TokenType><trust:RequestType>${WST_REQUEST_TYPE_ISSUE}</trust:RequestType><trust:KeyType>${WST_KEY_TYPE_PUBLIC_KEY}</trust:KeyType>` +
      `</trust:RequestSecurityTokenResponse></trust:RequestSecurityTokenResponseCollection></s:Body></s:Envelope>`;
    const doc = parseXmlDocument(xml);
    const header = onlyChild(doc.documentElement, SOAP12, 'Header')!;
    const security = onlyChild(header, WSSE, 'Security')!;
    const signed = [onlyChild(doc.documentElement, SOAP12, 'Body')!, onlyChild(header, WSA, 'Action')!, onlyChild(header, WSA, 'RelatesTo')!, onlyChild(security, WSU, 'Timestamp')!];
    [IDS.body, IDS.action, IDS.relatesTo, IDS.timestamp].forEach((id, i) => setWsuId(signed[i], id));
    appendSignature(doc, security, signed.map((element) => ({ element })), key, `<X509Data><X509Certificate>${certBase64(opts.identity.cert)}</X509Certificate></X509Data>`);
    return serialize(doc);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    let parsed;
    try {
      parsed = readRequest(raw);
    } catch (err) {
      return fault(res, 500, `Forespørgslen blev afvist: ${(err as Error).message.replace(/[<&]/g, ' ')}`);
    }
    requests.push({ appliesTo: parsed.appliesTo, cvr: parsed.cvr, requestedExpires: parsed.requestedExpires, clientCert: parsed.clientCert });
    if (gate) await gate;
    if (failure === 'unavailable') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
    if (failure === 'fault') return fault(res, 500, 'Injiceret fejl i STS.');
    const xml = response(parsed);
    issued++;
    res.writeHead(200, { 'content-type': 'application/soap+xml; charset=utf-8' }).end(xml);
  }

  const server = createServer((req, res) => {
    onRequest(req, res).catch(() => fault(res, 500, 'Intern fejl.'));
  });
  const { url } = await listenSimulator(server, opts.port ?? 0, opts.host ?? '127.0.0.1');
  return {
    url: `${url}/runtime/services/kombittrust/14/certificatemixed`,
    entityId,
    get issued() {
      return issued;
    },
    requests,
    fail: (mode) => {
      failure = mode;
    },
    hold: () => {
      let release!: () => void;
      gate = new Promise<void>((r) => (release = r));
      return {
        release: () => {
          gate = null;
          release();
        },
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
