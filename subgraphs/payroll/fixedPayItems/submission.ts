// Opus's answer to a faste tillæg/fradrag update -> the typed result clients see: Opus's own code and
// text on every message, a stable enum for the codes clients act on, and the line each message concerns.
import type { OneOffPaymentResult, OpusMessage } from '../../../sources/opus/OpusSource.js';
import { MESSAGE_CODES, updateIdToWire } from '../../../sources/opus/wire.js';
import { FixedPayItemMessageCode, type FixedPayItemMessage, type FixedPayItemSubmission } from '../types/FixedPayItemSubmission.js';
import { MessageSeverity } from '../types/OneOffPaymentSubmission.js';

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

function codeOf(opusCode: string): keyof typeof FixedPayItemMessageCode {
  // "0303", 303 and "303" are one code.
  const normal = /^\d+$/.test(opusCode) ? String(Number(opusCode)) : opusCode;
  return NAMED_CODES[normal] ?? 'OTHER';
}

function lineOf(text: string, lineCount: number): number | null {
  const m = LINE_PREFIX.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= lineCount ? n : null;
}

const SEVERITY: Record<OpusMessage['type'], string> = { E: MessageSeverity.ERROR, W: MessageSeverity.WARNING, I: MessageSeverity.INFO, S: MessageSeverity.SUCCESS };

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
      (m): FixedPayItemMessage => ({ code: codeOf(m.code), opusCode: m.code, severity: SEVERITY[m.type], text: m.text, line: lineOf(m.text, c.lineCount) }),
    ),
  };
}
