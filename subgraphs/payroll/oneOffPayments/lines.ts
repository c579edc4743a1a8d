// Client input -> the lines of an Engangsydelser update. Everything a client can fix is refused here,
// naming the line and field, before anything is sent to Opus.
import type { OneOffPaymentLine } from '../../../sources/opus/OpusSource.js';
import { badInput } from '../../shared/errors.js';
import type { OneOffPaymentInput } from '../inputs/OneOffPaymentInput.js';

/** Afsendelses_System: how Opus's payroll staff see where a payment came from. */
export const SENDING_SYSTEM = 'KOMMUNEGRAF';

/** SAP's field widths: KOSTL (cost centre) is 10 characters, POSID (PSP element) 24. */
const MAX_COST_CENTRE = 10;
const MAX_PSP_ELEMENT = 24;
/** This API's own limit; KMD's width of Indv_Bemaerkning is not public. */
const MAX_REMARK = 200;
/** Antal goes over the wire as a plain decimal; anything this large is a typing error. */
const MAX_QUANTITY = 1_000_000;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface PaymentLines {
  lines: OneOffPaymentLine[];
  /** Lines (from 1) giving both a cost centre and a PSP element: Opus would refuse them with 167. */
  bothAccounts: number[];
}

function lineError(line: number, field: string, problem: string) {
  return badInput(`payments[${line - 1}] (line ${line}): \`${field}\` ${problem}`, { argument: 'payments', line, field });
}

function optionalText(value: string | null | undefined, line: number, field: string, max: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > max) throw lineError(line, field, `may be at most ${max} characters`);
  if (CONTROL.test(trimmed)) throw lineError(line, field, 'may not contain control characters');
  return trimmed;
}

/** True when `q` is written with at most two decimals (Antal's precision in Opus). */
function twoDecimals(q: number): boolean {
  return Math.abs(Math.round(q * 100) - q * 100) < 1e-6;
}

/**
 * The update's lines, numbered 1..n in the client's order. Opus names a failing line by its
 * Sekvensnummer ("Engangsydelse Nr. 001"), so line n is sent with Sekvensnummer n.
 */
export function paymentLines(payments: readonly OneOffPaymentInput[], maxLines: number): PaymentLines {
  if (payments.length === 0) throw badInput('`payments` needs at least one payment', { argument: 'payments' });
  if (payments.length > maxLines) throw badInput(`At most ${maxLines} payments per submission, got ${payments.length}`, { argument: 'payments' });
  const bothAccounts: number[] = [];
  const lines = payments.map((p, i): OneOffPaymentLine => {
    const line = i + 1;
    if (!/^\d{4}$/.test(p.wageType)) throw lineError(line, 'wageType', 'must be the 4-digit lønart');
    if (!Number.isInteger(p.sequence) || p.sequence < 0) throw lineError(line, 'sequence', 'must be a whole number, 0 or more');
    if (!Number.isFinite(p.quantity) || p.quantity === 0 || Math.abs(p.quantity) >= MAX_QUANTITY) {
      throw lineError(line, 'quantity', `must be a number other than 0, smaller than ${MAX_QUANTITY} either way`);
    }
    if (!twoDecimals(p.quantity)) throw lineError(line, 'quantity', 'may have at most two decimals');
    const costCenter = optionalText(p.costCentre, line, 'costCentre', MAX_COST_CENTRE);
    const pspElement = optionalText(p.pspElement, line, 'pspElement', MAX_PSP_ELEMENT);
    if (costCenter && pspElement) bothAccounts.push(line);
    return {
      startDate: p.startDate,
      wageType: p.wageType,
      sequence: String(p.sequence),
      sequenceNumber: String(line),
      quantity: Math.round(p.quantity * 100) / 100,
      costCenter,
      pspElement,
      sendingSystem: SENDING_SYSTEM,
      remark: optionalText(p.remark, line, 'remark', MAX_REMARK),
    };
  });
  return { lines, bothAccounts };
}
