// Every namespace, URI and identifier OIOIDWS uses, with where it comes from. References:
// - [POLICY] ../shared/sf1500-v6/wsdl/policies/OIOIDWS.wsdl (KOMBIT's security policy, referenced by every
//   service WSDL's binding as `#ServiceplatformBindingPolicy`, e.g. OrganisationEnhed.wsdl).
// - [KOMBIT] github.com/kombit/tokenservice_oioidws-net: Source/Digst.OioIdws.CommonCore/Constants/
//   (Namespaces.cs, Common.cs, IdValue.cs), OioWsTrustCore/ProtocolChannel/OioWsTrustMessageTransformer.cs,
//   OioWsTrustCore/OioWSTrustChannelSecurityTokenProvider.cs, SoapCore/Bindings/OioIdwsSoapMessageTransformer.cs,
//   SoapCore/Utils/XmlSignatureUtils.cs, SoapCore/StrCustomization/StrTransform.cs and the recorded messages
//   Tests/Digst.OioIdws.OioWsTrustCore.Test/Data/{Request,Response}.xml.
// - [DIGST] github.com/digst/OIOIDWS.Net: the reference implementation the KOMBIT repository derives from
//   (Tests/Digst.OioIdws.Soap.Basic.Test/SoapTests.cs: how a WSP refuses bad requests).
// - [OS2SYNC] github.com/OS2sync/OS2sync: IntegrationLayer/Source/stubs/helpers/StubUtil.cs and
//   config/OrganisationRegistryProperties.cs (what a real FK ORG client configures).

/** SOAP 1.2 envelope. [KOMBIT] Namespaces.S12Namespace; the STS requires SOAP 1.2 (OioWsTrustMessageTransformer.cs header comment). */
export const SOAP12 = 'http://www.w3.org/2003/05/soap-envelope';
/** WS-Addressing 1.0. [POLICY] sp:SignedParts/sp:Header/@Namespace; [KOMBIT] Namespaces.WsaNamespace. */
export const WSA = 'http://www.w3.org/2005/08/addressing';
/** WS-Addressing anonymous address, the ReplyTo [KOMBIT] OioIdwsSoapMessageTransformer.ManipulateHeader adds. */
export const WSA_ANONYMOUS = 'http://www.w3.org/2005/08/addressing/anonymous';
/** WS-Security 1.0 secext. [KOMBIT] Namespaces.Wsse10Namespace. */
export const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
/** WS-Security 1.1 secext (wsse11:TokenType on the SecurityTokenReference). [KOMBIT] Namespaces.Wsse11Namespace. */
export const WSSE11 = 'http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd';
/** WS-Security utility (wsu:Id, wsu:Timestamp). [POLICY] wsu:Id; [KOMBIT] Namespaces.WsuNamespace. */
export const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
/** WS-Trust 1.3. [KOMBIT] Namespaces.Wst13Namespace; [POLICY] RequestSecurityTokenTemplate KeyType URIs. */
export const WST = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512';
/** WS-Policy 1.2 (wsp:AppliesTo in the RST). [KOMBIT] Namespaces.Wsp12Namespace, Data/Request.xml. */
export const WSP = 'http://schemas.xmlsoap.org/ws/2004/09/policy';
/** Authorization claims dialect for the CVR claim. [KOMBIT] OioWSTrustChannelSecurityTokenProvider.BuildCustomElements, StsConfiguration.cs. */
export const AUTH = 'http://docs.oasis-open.org/wsfed/authorization/200706';
export const AUTH_CLAIMS_DIALECT = 'http://docs.oasis-open.org/wsfed/authorization/200706/authclaims';
/** SAML 2.0 assertion. [KOMBIT] Data/Response.xml. */
export const SAML2 = 'urn:oasis:names:tc:SAML:2.0:assertion';
/** XML Signature. [KOMBIT] Namespaces.SignatureNamespace. */
export const DS = 'http://www.w3.org/2000/09/xmldsig#';

/** WS-Trust Issue actions. [KOMBIT] Data/Request.xml (RST/Issue) and Data/Response.xml (RSTRC/IssueFinal). */
export const WST_ISSUE_ACTION = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RST/Issue';
export const WST_ISSUE_FINAL_ACTION = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/RSTRC/IssueFinal';
export const WST_REQUEST_TYPE_ISSUE = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue';
/** Holder-of-key with the client's public key. [KOMBIT] StsTokenService.CreateWSTrustTokenParameters (AsymmetricKey), Data/Request.xml KeyType. */
export const WST_KEY_TYPE_PUBLIC_KEY = 'http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey';
/** The token type. [POLICY] wsap:TokenType; [KOMBIT] Common.OasisSaml2TokenType. */
export const SAML2_TOKEN_TYPE = 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0';
/** KeyIdentifier ValueType naming a SAML assertion by its ID. [KOMBIT] Common.SamlValueType. */
export const SAML_ID_VALUE_TYPE = 'http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLID';
/** X.509 BinarySecurityToken. [KOMBIT] Common.X509V3TokenProfile, Common.Base64BinaryEncodingType. */
export const X509V3_VALUE_TYPE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3';
export const BASE64_ENCODING = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';
/** The CVR claim and SAML attribute. [KOMBIT] OioWSTrustChannelSecurityTokenProvider.BuildCustomElements; Data/Response.xml AttributeStatement. */
export const CVR_CLAIM = 'dk:gov:saml:attribute:CvrNumberIdentifier';
/** Holder-of-key subject confirmation. [KOMBIT] Data/Response.xml SubjectConfirmation/@Method. */
export const SAML_HOK = 'urn:oasis:names:tc:SAML:2.0:cm:holder-of-key';

/** Algorithms: [POLICY] sp:Basic256Sha256 (SHA-256 digests, RSA-SHA256 signatures); [KOMBIT] XmlSignatureUtils.ComputeSignature. */
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256 = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const ENVELOPED_SIGNATURE = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
/** Signs the SAML token through its SecurityTokenReference. [KOMBIT] StrTransform.cs; OASIS WSS SOAP Message Security 1.1 §8.3. */
export const STR_TRANSFORM = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#STR-Transform';

/** The wsu:Id values. [KOMBIT] IdValue.cs (action, msgid, to, replyto, sec-ts, sec-str, sec-binsectoken, body). */
export const IDS = {
  action: 'action',
  messageId: 'msgid',
  relatesTo: 'rtid',
  to: 'to',
  replyTo: 'replyto',
  timestamp: 'sec-ts',
  binarySecurityToken: 'sec-binsectoken',
  body: 'body',
  securityTokenReference: 'sec-str',
} as const;

/** Minutes a request's wsu:Timestamp is valid. [KOMBIT] OioWsTrustMessageTransformer.BuildTimestampElement ("expire after 5 minutes"). */
export const TIMESTAMP_MINUTES = 5;

/**
 * The refusal text of a WSP that cannot verify a request's security. [DIGST] SoapTests.cs asserts this Reason
 * for tampered, expired and replayed requests (a WCF WSP's Fault; its Subcode is a WS-Security fault code).
 */
export const SECURITY_FAULT_REASON = 'An error occurred when verifying security for the message.';
