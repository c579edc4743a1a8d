// What can go wrong when talking to KMD Opus, as typed errors with a stable `code`. The subgraphs turn
// the code into the GraphQL error code, so codes never change; messages are for people and must never
// carry personal data (no CPR, no names): they name the endpoint and what was wrong, nothing else.
import type { OpusMessage } from './OpusSource.js';

export type OpusErrorCode = 'SOURCE_UNAVAILABLE' | 'SOURCE_TIMEOUT' | 'SOURCE_PROTOCOL_ERROR' | 'SOURCE_REJECTED';

export const SOURCE_NAME = 'KMD Opus';

export abstract class OpusSourceError extends Error {
  abstract readonly code: OpusErrorCode;
  /** Whether the same request may succeed if sent again later. */
  abstract readonly retryable: boolean;
  readonly source = SOURCE_NAME;

  constructor(
    message: string,
    /** The gateway endpoint, e.g. `read-employee-data`. */
    readonly endpoint: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Opus could not be reached or answered 5xx (or 408/429): the request may be retried. */
export class OpusUnavailableError extends OpusSourceError {
  readonly code: OpusErrorCode = 'SOURCE_UNAVAILABLE';
  readonly retryable = true;

  constructor(
    message: string,
    endpoint: string,
    readonly httpStatus: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, endpoint, options);
  }
}

/** No complete answer within the client's timeout. A subtype of unavailable, so retry logic treats both alike. */
export class OpusTimeoutError extends OpusUnavailableError {
  override readonly code: OpusErrorCode = 'SOURCE_TIMEOUT';

  constructor(
    endpoint: string,
    readonly timeoutMs: number,
  ) {
    super(`Opus ${endpoint} did not answer within ${timeoutMs} ms`, endpoint, null);
  }
}

/**
 * The answer could not be understood (bad JSON, wrong shape, unexpected content type) or Opus refused
 * the request itself with 4xx. Retrying the same request will not help: a contract or configuration bug.
 */
export class OpusProtocolError extends OpusSourceError {
  readonly code: OpusErrorCode = 'SOURCE_PROTOCOL_ERROR';
  readonly retryable = false;

  constructor(
    message: string,
    endpoint: string,
    readonly httpStatus: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, endpoint, options);
  }
}

/** Opus understood the request and said no (header status not OK), with its own messages. */
export class OpusBusinessError extends OpusSourceError {
  readonly code: OpusErrorCode = 'SOURCE_REJECTED';
  readonly retryable = false;

  constructor(
    endpoint: string,
    /** Header.Status as Opus sent it. */
    readonly status: string,
    readonly messages: OpusMessage[],
    headerText: string | null = null,
  ) {
    super(describeRejection(status, messages, headerText), endpoint);
  }
}

function describeRejection(status: string, messages: OpusMessage[], headerText: string | null): string {
  const texts = messages.filter((m) => m.type === 'E').map((m) => `${m.text} (${m.code})`);
  if (texts.length > 0) return texts.join('; ');
  return headerText ? `${headerText} (status ${status})` : `status ${status}`;
}

export function isOpusSourceError(error: unknown): error is OpusSourceError {
  return error instanceof OpusSourceError;
}
