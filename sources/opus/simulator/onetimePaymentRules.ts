// The Engangsydelser business rules the simulator enforces, with the codes and texts the real service
// is known to answer (119, 138, 151, 167), so callers meet the same rejections in tests as in production.
// Line messages start "Engangsydelse Nr. 001" (Sekvensnummer, three digits): real clients parse that
// prefix to find the failing line.
import type { OpusMessage } from '../OpusSource.js';
import { MESSAGE_CODES, isIsoDate, type SubmittedPaymentLine } from '../wire.js';

export interface PaymentRuleContext {
  costCentres: ReadonlySet<string>;
  pspPattern: RegExp;
}

const QUANTITY = /^-?\d+(\.\d{1,2})?$/;

function error(code: string, text: string): OpusMessage {
  return { code, type: 'E', text };
}

export function lineLabel(line: SubmittedPaymentLine, index: number): string {
  return `Engangsydelse Nr. ${(line.sequenceNumber ?? String(index + 1)).padStart(3, '0')}`;
}

/** Every rule broken by any line; an empty list means the lines may be stored. */
export function validatePaymentLines(lines: readonly SubmittedPaymentLine[], ctx: PaymentRuleContext): OpusMessage[] {
  if (lines.length === 0) return [error(MESSAGE_CODES.noPayments, 'Der er ingen engangsydelser i forespørgslen.')];
  const messages: OpusMessage[] = [];
  lines.forEach((line, i) => {
    const label = lineLabel(line, i);
    if (!/^\d{4}$/.test(line.wageType)) messages.push(error(MESSAGE_CODES.invalidWageType, `${label}: Lønart skal være 4 cifre.`));
    if (!isIsoDate(line.startDate.slice(0, 10)) || (line.startDate.length > 10 && line.startDate[10] !== 'T')) {
      messages.push(error(MESSAGE_CODES.invalidStartDate, `${label}: Startdato er ugyldig.`));
    }
    if (!QUANTITY.test(line.quantity)) messages.push(error(MESSAGE_CODES.invalidQuantity, `${label}: Antal er ugyldigt.`));
    if (!/^\d{1,10}$/.test(line.sequence)) messages.push(error(MESSAGE_CODES.invalidSequence, `${label}: Løbenummer er ugyldigt.`));
    if (line.costCenter && line.pspElement) {
      messages.push(error(MESSAGE_CODES.costCentreAndPsp, `${label}: Du må ikke anvende både afv. omkostningssted og afv. PSP-element.`));
    } else if (line.costCenter && !ctx.costCentres.has(line.costCenter)) {
      messages.push(error(MESSAGE_CODES.invalidCostCentre, `${label}: Angiv gyldigt omkostningssted.`));
    } else if (line.pspElement && !ctx.pspPattern.test(line.pspElement)) {
      messages.push(error(MESSAGE_CODES.invalidPspElement, `${label}: PSP element ${line.pspElement} er ikke gyldigt.`));
    }
  });
  return messages;
}
