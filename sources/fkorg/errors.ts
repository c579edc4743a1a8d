// FK ORG's own failure on top of the shared source errors (../errors.ts): a StandardRetur that says no.
import { SourceError, type SourceErrorCode } from '../errors.js';

export const SOURCE_NAME = 'FK ORG';

/** FK ORG understood the request and answered StandardRetur with a status other than 20 (OK) or 44 (not found). */
export class FkOrgRejectedError extends SourceError {
  readonly code: SourceErrorCode = 'SOURCE_REJECTED';
  readonly retryable = false;

  constructor(
    operation: string,
    /** StandardRetur.StatusKode, e.g. '40' (bad input), '49' or '50' (service errors). */
    readonly status: string,
    /** StandardRetur.FejlbeskedTekst as FK ORG sent it. */
    readonly text: string,
  ) {
    super(`FK ORG ${operation} answered status ${status}${text ? `: ${text}` : ''}`, SOURCE_NAME, operation);
  }
}
