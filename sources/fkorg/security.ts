// How a request is made acceptable to FK ORG before it is sent. Production FK ORG only answers OIOIDWS
// requests: a SAML token issued by the KOMBIT STS (WS-Trust, requested with the municipality's FOCES
// certificate and its CVR, cached until shortly before it expires) placed in the wsse:Security header
// together with a wsu:Timestamp, and the Body, Action, MessageID, To and Timestamp signed with the
// certificate's key (exclusive c14n, rsa-sha256). That needs the municipality's keys and the STS, so it
// is plugged in from outside as a SoapSecurity; the simulator needs none and the client defaults to
// NoSecurity.

export interface SecuredRequest {
  /** The envelope as it goes on the wire (with the security header, signed). */
  body: string;
  /** Extra HTTP headers (e.g. a bearer token for a gateway in front of FK ORG); override the defaults. */
  headers: Record<string, string>;
  /** The request's wsa:MessageID when the security layer needs it to check the answer (wsa:RelatesTo). */
  messageId?: string;
}

export interface SoapSecurity {
  /**
   * Called once per SOAP call with the complete unsigned envelope (its `<s:Header>` holds WS-Addressing
   * Action/MessageID/To) and the SOAP action. May be called concurrently; implementations cache their token.
   */
  secure(envelope: string, action: string): Promise<SecuredRequest>;
  /**
   * Optional: checks a 200 answer before it is parsed (OIOIDWS: the service's signature, see
   * oioidws/verifier.ts). `request` is what secure() returned for this call. Throwing refuses the answer.
   */
  verifyResponse?(xml: string, action: string, request: SecuredRequest): void | Promise<void>;
}

/** Sends the envelope as it is: for the simulator and for test environments without OIOIDWS. */
export class NoSecurity implements SoapSecurity {
  async secure(envelope: string): Promise<SecuredRequest> {
    return { body: envelope, headers: {} };
  }
}
