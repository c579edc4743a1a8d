// One SOAP call to FK ORG: envelope, security, HTTP (keep-alive, optional client certificate), timeout,
// and turning every way it can fail into a SourceError (../errors.ts). What comes back is the operation's output
// element with StandardRetur already checked: OK, or "not found" for callers that treat 44 as absence.
import { Agent, errors as undiciErrors } from 'undici';
import { AnswerTooLargeError, postText, PostTimeoutError, type PostAnswer } from '../../platform/httpPost.js';
import { SourceError, SourceProtocolError, SourceTimeoutError, SourceUnavailableError } from '../errors.js';
import { FkOrgRejectedError, SOURCE_NAME } from './errors.js';
import { NoSecurity, type SecuredRequest, type SoapSecurity } from './security.js';
import { buildRequestEnvelope, findOutput, parseEnvelope, SoapShapeError, soapContentType } from './soap.js';
import { OPERATION_ELEMENTS, servicePath, soapAction, STATUS, type OrgOperation, type OrgService } from './wire.js';
import { child, text, type Unread, type XmlNode } from './xml.js';

export interface TlsOptions {
  /** PEM client certificate (the municipality's FOCES certificate, for the TLS layer). */
  cert: string | Buffer;
  key: string | Buffer;
  /** PEM CA bundle for the service's certificate, when not in the system store. */
  ca?: string | Buffer;
}

export interface TransportOptions {
  baseUrl: string;
  /** Klassifikation's service root (Klasse), when it is not FK ORG's own. */
  klassifikationUrl?: string;
  timeoutMs: number;
  security?: SoapSecurity;
  tls?: TlsOptions;
  municipalityCvr?: string;
  onCall?: (service: OrgService, operation: OrgOperation, size: number) => void;
  connections?: number;
}

export type CallResult = { status: 'ok'; output: XmlNode } | { status: 'notFound'; output: XmlNode };

function root(url: string): URL {
  return new URL(url.endsWith('/') ? url : `${url}/`);
}

function isConnectionReset(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof undiciErrors.SocketError || code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET';
}

// Statuses a load balancer or gateway answers when FK ORG is down or overloaded.
const UNAVAILABLE_HTTP = new Set([408, 429, 502, 503, 504]);
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export class SoapTransport {
  private readonly agent: Agent;
  private readonly urls = new Map<OrgService, string>();
  private readonly security: SoapSecurity;
  private readonly base: URL;
  private readonly klassifikation: URL;

  constructor(private readonly options: TransportOptions) {
    this.base = root(options.baseUrl);
    this.klassifikation = options.klassifikationUrl ? root(options.klassifikationUrl) : this.base;
    if (options.tls && this.base.protocol !== 'https:') throw new RangeError('a client certificate (tls) needs an https baseUrl');
    this.security = options.security ?? new NoSecurity();
    this.agent = new Agent({
      connections: options.connections ?? 32,
      // Below the service's idle timeout, so an idle socket is never reused just as the server closes it.
      keepAliveTimeout: 4_000,
      keepAliveMaxTimeout: 30_000,
      connect: options.tls ? { cert: options.tls.cert, key: options.tls.key, ca: options.tls.ca } : undefined,
    });
  }

  url(service: OrgService): string {
    let u = this.urls.get(service);
    if (!u) {
      u = new URL(servicePath(service), service === 'klasse' ? this.klassifikation : this.base).toString();
      this.urls.set(service, u);
    }
    return u;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /**
   * `unread`: elements of the answer passed over unparsed (xmlReader.ts), either because the caller
   * will not read them (`skip`, e.g. the Brugere of a fremsoegobjekthierarki page) or because it reads
   * them itself (`raw`, the objects of a `list` answer: decodedObjects.ts).
   */
  async call(service: OrgService, operation: OrgOperation, body: string, size: number, unread?: Unread): Promise<CallResult> {
    const name = `${service}.${operation}`;
    const url = this.url(service);
    const action = soapAction(service, operation);
    const envelope = buildRequestEnvelope({ action, to: url, body, municipalityCvr: this.options.municipalityCvr });
    this.options.onCall?.(service, operation, size);
    let secured: SecuredRequest;
    try {
      secured = await this.security.secure(envelope, action);
    } catch (err) {
      if (err instanceof SourceError) throw err;
      // Typically the STS could not issue a token: FK ORG is out of reach until it can.
      throw new SourceUnavailableError(`FK ORG ${name} could not be secured: ${(err as Error).message}`, SOURCE_NAME, name, null, { cause: err });
    }

    const { timeoutMs } = this.options;
    // One deadline for the call, a retry on a fresh socket included.
    const deadline = Date.now() + timeoutMs;
    const headers = { 'content-type': soapContentType(action), accept: 'application/soap+xml', ...secured.headers };
    let answer: PostAnswer;
    for (let attempt = 1; ; attempt++) {
      try {
        answer = await postText(this.agent, url, headers, secured.body, {
          timeoutMs: Math.max(1, deadline - Date.now()),
          maxBytes: MAX_RESPONSE_BYTES,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        break;
      } catch (err) {
        if (err instanceof AnswerTooLargeError) {
          throw new SourceProtocolError(`FK ORG ${name} answered ${err.bytes} bytes, more than the client accepts`, SOURCE_NAME, name, err.status);
        }
        if (err instanceof PostTimeoutError || err instanceof undiciErrors.HeadersTimeoutError || err instanceof undiciErrors.BodyTimeoutError) {
          throw new SourceTimeoutError(SOURCE_NAME, name, timeoutMs);
        }
        // A kept-alive socket the server closed just as it was reused. Every operation the client
        // sends only reads, so sending it once more on a fresh socket is safe.
        if (attempt === 1 && isConnectionReset(err)) continue;
        throw new SourceUnavailableError(`FK ORG ${name} could not be reached: ${(err as Error).message}`, SOURCE_NAME, name, null, { cause: err });
      }
    }
    const { status, body: raw } = answer;

    // Only a 200 answer can become data; every other status ends in an error below anyway.
    if (status === 200 && this.security.verifyResponse) {
      try {
        await this.security.verifyResponse(raw, action, secured);
      } catch (err) {
        if (err instanceof SourceError) throw err;
        throw new SourceProtocolError(`FK ORG ${name} answer refused: ${(err as Error).message}`, SOURCE_NAME, name, status, { cause: err });
      }
    }

    const outputName = OPERATION_ELEMENTS[operation].output;
    let parsed;
    try {
      parsed = parseEnvelope(raw, unread);
    } catch (err) {
      if (!(err instanceof SoapShapeError)) throw err;
      if (UNAVAILABLE_HTTP.has(status)) throw new SourceUnavailableError(`FK ORG ${name} answered HTTP ${status}`, SOURCE_NAME, name, status);
      throw new SourceProtocolError(`FK ORG ${name} answered HTTP ${status} with no SOAP envelope: ${err.message}`, SOURCE_NAME, name, status, { cause: err });
    }
    if (parsed.fault) {
      const { code, reason } = parsed.fault;
      throw new SourceProtocolError(`FK ORG ${name} answered a SOAP Fault (${code}): ${reason}`, SOURCE_NAME, name, status, { fault: parsed.fault });
    }
    if (status !== 200) {
      if (UNAVAILABLE_HTTP.has(status)) throw new SourceUnavailableError(`FK ORG ${name} answered HTTP ${status}`, SOURCE_NAME, name, status);
      throw new SourceProtocolError(`FK ORG ${name} answered HTTP ${status}`, SOURCE_NAME, name, status);
    }
    const output = findOutput(parsed, outputName);
    if (!output) throw new SourceProtocolError(`FK ORG ${name} answered ${parsed.bodyName}, expected ${outputName}`, SOURCE_NAME, name, status);
    const retur = child(output, 'StandardRetur');
    const code = text(retur, 'StatusKode');
    if (!code) throw new SourceProtocolError(`FK ORG ${name} answered without StandardRetur.StatusKode`, SOURCE_NAME, name, status);
    if (code === STATUS.ok) return { status: 'ok', output };
    if (code === STATUS.notFound) return { status: 'notFound', output };
    throw new FkOrgRejectedError(name, code, text(retur, 'FejlbeskedTekst') ?? '');
  }
}
