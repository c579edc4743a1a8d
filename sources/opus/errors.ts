// KMD Opus's own failure on top of the shared source errors (../errors.ts): a request Opus understood
// and refused, with its messages.
import { SourceError, type SourceErrorCode } from '../errors.js';
import type { OpusMessage } from './OpusSource.js';

export const SOURCE_NAME = 'KMD Opus';

/** Opus understood the request and said no (header status not OK), with its own messages. */
export class OpusBusinessError extends SourceError {
  readonly code: SourceErrorCode = 'SOURCE_REJECTED';
  readonly retryable = false;

  constructor(
    endpoint: string,
    /** Header.Status as Opus sent it. */
    readonly status: string,
    readonly messages: OpusMessage[],
    headerText: string | null = null,
  ) {
    super(describeRejection(status, messages, headerText), SOURCE_NAME, endpoint);
  }
}

function describeRejection(status: string, messages: OpusMessage[], headerText: string | null): string {
  const texts = messages.filter((m) => m.type === 'E').map((m) => `${m.text} (${m.code})`);
  if (texts.length > 0) return texts.join('; ');
  return headerText ? `${headerText} (status ${status})` : `status ${status}`;
}
