// OIOIDWS as the FK ORG transport's SoapSecurity: every request is signed with a token from the cache
// (signer.ts), and, when the service certificate is configured, every answer is checked (verifier.ts).
import type { KeyObject, X509Certificate } from 'node:crypto';
import type { SecuredRequest, SoapSecurity } from '../security.js';
import { signRequest } from './signer.js';
import type { TokenCache } from './tokenCache.js';
import { verifyResponse } from './verifier.js';

export interface OioidwsSecurityOptions {
  tokens: TokenCache;
  /** The holder-of-key: the key of the certificate the token was issued for. */
  clientKey: KeyObject | string;
  /** When set, answers must be signed with this certificate's key. */
  serviceCert?: X509Certificate;
  now?: () => number;
  clockSkewMs?: number;
}

export class OioidwsSecurity implements SoapSecurity {
  constructor(private readonly options: OioidwsSecurityOptions) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  async secure(envelope: string): Promise<SecuredRequest> {
    const token = await this.options.tokens.get();
    const { body, messageId } = signRequest(envelope, token, this.options.clientKey, this.now());
    return { body, headers: {}, messageId };
  }

  verifyResponse(xml: string, _action: string, request: SecuredRequest): void {
    const { serviceCert } = this.options;
    if (!serviceCert) return;
    if (!request.messageId) throw new Error('the request carried no wsa:MessageID to match the answer against');
    verifyResponse(xml, { serviceCert, messageId: request.messageId, now: this.now(), clockSkewMs: this.options.clockSkewMs });
  }
}
