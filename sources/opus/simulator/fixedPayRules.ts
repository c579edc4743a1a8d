// The faste tillæg/fradrag rules the simulator enforces on update-fixed-pay-items, all in this one
// place. KMD's contract for "Personoplysninger og faste tillæg" is not public: the rules are the ones
// Opus's payroll staff apply by hand (a known lønart of the right kind, one period at a time per
// lønart, an employment that is active when the item starts, an end not before its start), the codes
// are this project's own (wire.ts MESSAGE_CODES 300-309) and the line prefix follows Engangsydelser's
// "Engangsydelse Nr. 001". Opus applies an update all or none: every line is judged, and any error
// leaves the employment as it was.
import type { Employment, FixedPayItem, IsoDate } from '../../model.js';
import type { OpusMessage } from '../OpusSource.js';
import { FIXED_PAY_ACTIONS, FIXED_PAY_KINDS, MESSAGE_CODES, OPEN_END_DATE, fixedPayLineLabel, isIsoDate, overlaps, type SubmittedFixedPayLine } from '../wire.js';

/** A lønart of the faste tillæg/fradrag catalogue: whether it pays or withholds, and its text. */
export interface FixedPayWageType {
  wageType: string;
  name: string;
  kind: FixedPayItem['kind'];
}

/**
 * The catalogue as the read side shows it: every lønart the municipality's employments carry in
 * FasteTillaegFradrag, with its text and list (Tillaeg or Fradrag). The simulator's default, when it
 * is not given one.
 */
export function catalogueOf(employments: readonly Employment[]): Map<string, FixedPayWageType> {
  const catalogue = new Map<string, FixedPayWageType>();
  for (const e of employments) for (const i of e.fixedPayItems) if (!catalogue.has(i.wageType)) catalogue.set(i.wageType, { wageType: i.wageType, name: i.name, kind: i.kind });
  return catalogue;
}

const AMOUNT = /^\d{1,9}(\.\d{1,2})?$/;
const KIND_OF_ART: Record<string, FixedPayItem['kind']> = { [FIXED_PAY_KINDS.supplement]: 'supplement', [FIXED_PAY_KINDS.deduction]: 'deduction' };
const ART_TEXT: Record<FixedPayItem['kind'], string> = { supplement: 'et fast tillæg', deduction: 'et fast fradrag' };

function error(code: string, text: string): OpusMessage {
  return { code, type: 'E', text };
}

function activeOn(e: Employment, day: IsoDate): boolean {
  return e.contract.start <= day && (e.contract.end === null || day <= e.contract.end);
}

export type FixedPayOutcome = { ok: true; items: FixedPayItem[] } | { ok: false; messages: OpusMessage[] };

/**
 * Judges every line in order against the employment's items as the lines before it left them (a
 * request may stop an item and add its successor), and returns either every message or the items
 * after all lines. The employment itself is never changed here.
 */
export function applyFixedPayLines(lines: readonly SubmittedFixedPayLine[], employment: Employment, catalogue: ReadonlyMap<string, FixedPayWageType>): FixedPayOutcome {
  if (lines.length === 0) return { ok: false, messages: [error(MESSAGE_CODES.noFixedPayItems, 'Der er ingen faste tillæg eller fradrag i forespørgslen.')] };
  let items = employment.fixedPayItems.map((i) => ({ ...i }));
  const messages: OpusMessage[] = [];
  for (const line of lines) {
    const label = fixedPayLineLabel(line.sequenceNumber);
    const problems: OpusMessage[] = [];
    const problem = (code: string, text: string) => problems.push(error(code, `${label}: ${text}`));

    const isAdd = line.action === FIXED_PAY_ACTIONS.add;
    if (!isAdd && line.action !== FIXED_PAY_ACTIONS.stop) problem(MESSAGE_CODES.invalidFixedPayAction, 'Handling skal være Opret eller Stop.');
    const type = catalogue.get(line.wageType);
    if (!/^\d{4}$/.test(line.wageType)) problem(MESSAGE_CODES.invalidWageType, 'Lønart skal være 4 cifre.');
    else if (!type) problem(MESSAGE_CODES.unknownFixedPayWageType, `Lønart ${line.wageType} findes ikke som fast tillæg eller fradrag.`);
    const startOk = isIsoDate(line.startDate);
    const endOk = isIsoDate(line.endDate);
    if (!startOk) problem(MESSAGE_CODES.invalidStartDate, 'Startdato er ugyldig.');
    if (!endOk) problem(MESSAGE_CODES.invalidEndDate, 'Slutdato er ugyldig.');
    if (startOk && endOk && line.endDate < line.startDate) problem(MESSAGE_CODES.endBeforeStart, 'Slutdato må ikke ligge før startdato.');
    const end = line.endDate === OPEN_END_DATE ? null : line.endDate;

    if (isAdd) {
      const kind = line.kind === null ? undefined : KIND_OF_ART[line.kind];
      if (!kind) problem(MESSAGE_CODES.wrongFixedPayKind, 'Art skal være Tillaeg eller Fradrag.');
      else if (type && type.kind !== kind) problem(MESSAGE_CODES.wrongFixedPayKind, `Lønart ${line.wageType} er ${ART_TEXT[type.kind]}.`);
      if (line.monthlyAmount === null || !AMOUNT.test(line.monthlyAmount) || Number(line.monthlyAmount) === 0) {
        problem(MESSAGE_CODES.invalidMonthlyAmount, 'Månedsbeløb skal være et positivt beløb med højst to decimaler.');
      }
      if (startOk && !activeOn(employment, line.startDate)) problem(MESSAGE_CODES.employmentNotActive, `Ansættelsen er ikke aktiv på startdatoen ${line.startDate}.`);
      const period = { from: line.startDate, to: end };
      if (problems.length === 0 && items.some((i) => i.wageType === line.wageType && overlaps(i, period))) {
        problem(MESSAGE_CODES.fixedPayOverlap, `Lønart ${line.wageType} findes allerede i perioden ${line.startDate} til ${line.endDate}.`);
      }
      if (problems.length === 0) items.push({ ...period, wageType: line.wageType, name: type!.name, kind: kind!, monthlyAmount: Number(line.monthlyAmount) });
    } else if (problems.length === 0) {
      const target = items.find((i) => i.wageType === line.wageType && i.from === line.startDate);
      if (!target) problem(MESSAGE_CODES.fixedPayItemNotFound, `Der findes ingen lønart ${line.wageType} med startdato ${line.startDate}.`);
      else if (items.some((i) => i !== target && i.wageType === line.wageType && overlaps(i, { from: target.from, to: end }))) {
        problem(MESSAGE_CODES.fixedPayOverlap, `Lønart ${line.wageType} findes allerede i perioden ${line.startDate} til ${line.endDate}.`);
      } else {
        items = items.map((i) => (i === target ? { ...i, to: end } : i));
      }
    }
    messages.push(...problems);
  }
  return messages.length > 0 ? { ok: false, messages } : { ok: true, items };
}
