// Opus's answer to an Engangsydelser update -> the typed result clients see: Opus's own code and text
// on every message, a stable enum for the codes clients act on, and the line each message concerns.
import type { OneOffPaymentResult } from '../../../sources/opus/OpusSource.js';
import { MESSAGE_CODES } from '../../../sources/opus/wire.js';
import { lineUpdateAnswer, type LineUpdateContext } from '../../shared/opusMessages.js';
import { MessageSeverity, type OneOffPaymentMessageCode, type OneOffPaymentSubmission } from '../types/OneOffPaymentSubmission.js';

const NAMED_CODES: Record<string, keyof typeof OneOffPaymentMessageCode> = {
  [MESSAGE_CODES.invalidCostCentre]: 'INVALID_COST_CENTRE',
  [MESSAGE_CODES.employeeLocked]: 'EMPLOYEE_LOCKED',
  [MESSAGE_CODES.invalidPspElement]: 'INVALID_PSP_ELEMENT',
  [MESSAGE_CODES.costCentreAndPsp]: 'COST_CENTRE_AND_PSP_ELEMENT',
};

/** "Engangsydelse Nr. 001: ..." names the line by the Sekvensnummer it was sent with. */
const LINE_PREFIX = /^\s*Engangsydelse\s+Nr\.?\s*(\d{1,6})\b/i;

export type SubmissionContext = LineUpdateContext;

export function toSubmission(result: OneOffPaymentResult, c: SubmissionContext): OneOffPaymentSubmission {
  return lineUpdateAnswer(result, c, { codes: NAMED_CODES, linePrefix: LINE_PREFIX });
}

/**
 * Lines that give both a cost centre and a PSP element are never sent: Opus would refuse them with
 * 167, and sending both could book a payment on the wrong account if a gateway version ever took
 * one of them. The client gets the answer Opus would give, with the same code.
 */
export function bothAccountsRefusal(lines: readonly number[], c: Omit<SubmissionContext, 'replayed'>): OneOffPaymentSubmission {
  return {
    employmentNumber: c.employmentNumber,
    accepted: false,
    stored: false,
    validateOnly: c.validateOnly,
    updateId: null,
    timestamp: null,
    replayed: false,
    messages: lines.map((line) => ({
      code: 'COST_CENTRE_AND_PSP_ELEMENT',
      opusCode: MESSAGE_CODES.costCentreAndPsp,
      severity: MessageSeverity.ERROR,
      text: `Engangsydelse Nr. ${String(line).padStart(3, '0')}: Du må ikke anvende både afv. omkostningssted og afv. PSP-element.`,
      line,
    })),
  };
}
