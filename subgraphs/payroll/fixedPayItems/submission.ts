// Opus's answer to a faste tillæg/fradrag update -> the typed result clients see: Opus's own code and
// text on every message, a stable enum for the codes clients act on, and the line each message concerns.
import type { OneOffPaymentResult } from '../../../sources/opus/OpusSource.js';
import { MESSAGE_CODES, updateIdToWire } from '../../../sources/opus/wire.js';
import { FixedPayItemMessageCode, type FixedPayItemMessage, type FixedPayItemSubmission } from '../types/FixedPayItemSubmission.js';
import { lineNamed, normalOpusCode, SEVERITY } from '../../shared/opusMessages.js';

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

export interface FixedPaySubmissionContext {
  employmentNumber: string;
  validateOnly: boolean;
  lineCount: number;
  replayed: boolean;
}

export function toFixedPaySubmission(result: OneOffPaymentResult, c: FixedPaySubmissionContext): FixedPayItemSubmission {
  return {
    employmentNumber: c.employmentNumber,
    accepted: result.accepted,
    stored: result.accepted && !c.validateOnly,
    validateOnly: c.validateOnly,
    updateId: updateIdToWire(result.updateId),
    timestamp: result.timestamp,
    replayed: c.replayed,
    messages: result.messages.map(
      (m): FixedPayItemMessage => ({ code: NAMED_CODES[normalOpusCode(m.code)] ?? 'OTHER', opusCode: m.code, severity: SEVERITY[m.type], text: m.text, line: lineNamed(m.text, LINE_PREFIX, c.lineCount) }),
    ),
  };
}
