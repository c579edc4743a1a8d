// Opus's answer to a faste tillæg/fradrag update -> the typed result clients see: Opus's own code and
// text on every message, a stable enum for the codes clients act on, and the line each message concerns.
import type { OneOffPaymentResult } from '../../../sources/opus/OpusSource.js';
import { MESSAGE_CODES } from '../../../sources/opus/wire.js';
import type { FixedPayItemMessageCode, FixedPayItemSubmission } from '../types/FixedPayItemSubmission.js';
import { lineUpdateAnswer, type LineUpdateContext } from '../../shared/opusMessages.js';

const NAMED_CODES: Record<string, keyof typeof FixedPayItemMessageCode> = {
  [MESSAGE_CODES.unknownFixedPayWageType]: 'UNKNOWN_WAGE_TYPE',
  [MESSAGE_CODES.wrongFixedPayKind]: 'WRONG_KIND',
  [MESSAGE_CODES.fixedPayOverlap]: 'OVERLAPPING_PERIOD',
  [MESSAGE_CODES.employmentNotActive]: 'EMPLOYMENT_NOT_ACTIVE',
  [MESSAGE_CODES.endBeforeStart]: 'END_BEFORE_START',
  [MESSAGE_CODES.fixedPayItemNotFound]: 'ITEM_NOT_FOUND',
  [MESSAGE_CODES.employeeLocked]: 'EMPLOYEE_LOCKED',
};

/** "Fast tillæg/fradrag Nr. 001: ..." names the line by the Sekvensnummer it was sent with (wire.ts fixedPayLineLabel). */
const LINE_PREFIX = /^\s*Fast\s+tillæg\/fradrag\s+Nr\.?\s*(\d{1,6})\b/i;

export type FixedPaySubmissionContext = LineUpdateContext;

export function toFixedPaySubmission(result: OneOffPaymentResult, c: FixedPaySubmissionContext): FixedPayItemSubmission {
  return lineUpdateAnswer(result, c, { codes: NAMED_CODES, linePrefix: LINE_PREFIX });
}
