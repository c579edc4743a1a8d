// Client input -> the lines of an Engangsydelser update. Everything a client can fix is refused here,
// every problem of every line at once, each naming its line and field, before anything is sent to Opus.
import type { OneOffPaymentLine } from '../../../sources/opus/OpusSource.js';
import type { GraphQLError } from 'graphql';
import { badInput } from '../../../platform/errors.js';
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
  /** Everything wrong with the lines, every field of every line; nothing may be sent while there is any. */
  problems: PaymentProblem[];
}

/** One thing a client must fix: the line (from 1, null for the list as a whole), the field and what is wrong. */
export interface PaymentProblem {
  line: number | null;
  field: string;
  message: string;
}

/** The most problems one refusal lists; the count says how many there were in all. */
export const MAX_LISTED_PROBLEMS = 1_000;

function optionalText(value: string | null | undefined, line: number, field: string, max: number, problems: PaymentProblem[]): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (trimmed.length > max) problems.push({ line, field, message: `may be at most ${max} characters` });
  else if (CONTROL.test(trimmed)) problems.push({ line, field, message: 'may not contain control characters' });
  else return trimmed;
  return undefined;
}

/** True when `q` is written with at most two decimals (Antal's precision in Opus). */
function twoDecimals(q: number): boolean {
  return Math.abs(Math.round(q * 100) - q * 100) < 1e-6;
}

/**
 * The update's lines, numbered 1..n in the client's order, and every problem of every line. Opus
 * names a failing line by its Sekvensnummer ("Engangsydelse Nr. 001"), so line n is sent with
 * Sekvensnummer n.
 */
export function paymentLines(payments: readonly OneOffPaymentInput[], maxLines: number): PaymentLines {
  const problems: PaymentProblem[] = [];
  if (payments.length === 0) problems.push({ line: null, field: 'payments', message: 'needs at least one payment' });
  if (payments.length > maxLines) problems.push({ line: null, field: 'payments', message: `at most ${maxLines} payments per employment (one Opus update), got ${payments.length}` });
  const bothAccounts: number[] = [];
  const lines = payments.map((p, i): OneOffPaymentLine => {
    const line = i + 1;
    if (!/^\d{4}$/.test(p.wageType)) problems.push({ line, field: 'wageType', message: 'must be the 4-digit lønart' });
    if (!Number.isInteger(p.sequence) || p.sequence < 0) problems.push({ line, field: 'sequence', message: 'must be a whole number, 0 or more' });
    if (!Number.isFinite(p.quantity) || p.quantity === 0 || Math.abs(p.quantity) >= MAX_QUANTITY) {
      problems.push({ line, field: 'quantity', message: `must be a number other than 0, smaller than ${MAX_QUANTITY} either way` });
    } else if (!twoDecimals(p.quantity)) problems.push({ line, field: 'quantity', message: 'may have at most two decimals' });
    const costCenter = optionalText(p.costCentre, line, 'costCentre', MAX_COST_CENTRE, problems);
    const pspElement = optionalText(p.pspElement, line, 'pspElement', MAX_PSP_ELEMENT, problems);
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
      remark: optionalText(p.remark, line, 'remark', MAX_REMARK, problems),
    };
  });
  return { lines, bothAccounts, problems };
}

/**
 * A problem as clients see it in `extensions.problems`, shaped as submitFixedPayItems lists its own:
 * the argument, the line (from 1) and field when it concerns one, a message naming where; for bulk
 * submissions also the index in `submissions` (from 0) and its medarbejdernummer as given.
 */
export interface ListedProblem {
  argument: string;
  submission?: number;
  employmentNumber?: string;
  line?: number;
  field: string;
  /** The exact place in the arguments, e.g. `submissions[0].payments[1].quantity`. */
  path: string;
  message: string;
}

/** `payments[1].quantity` (single) or, with `at`, `submissions[0].payments[1].quantity` (bulk). */
export function listed(p: PaymentProblem, at?: { submission: number; employmentNumber: string }): ListedProblem {
  const prefix = at ? `submissions[${at.submission}].` : '';
  const path = `${prefix}${p.line === null ? p.field : `payments[${p.line - 1}].${p.field}`}`;
  return {
    argument: at ? 'submissions' : 'payments',
    ...at,
    ...(p.line !== null ? { line: p.line } : {}),
    field: p.field,
    path,
    message: `${path}${p.line !== null ? ` (line ${p.line})` : ''}: ${p.message}`,
  };
}

/**
 * One BAD_USER_INPUT naming every problem (`extensions.problems`, at most MAX_LISTED_PROBLEMS of
 * `problemCount`). `argument`, `line` and `field` repeat the first problem's, as when only the
 * first was reported.
 */
export function invalidPayments(problems: readonly ListedProblem[]): GraphQLError {
  const first = problems[0];
  const summary = problems.slice(0, 3).map((p) => p.message).join('; ');
  const more = problems.length > 3 ? ` and ${problems.length - 3} more (extensions.problems)` : '';
  return badInput(problems.length === 1 ? `${summary}; nothing was sent` : `${problems.length} problems, nothing was sent: ${summary}${more}`, {
    argument: first.argument,
    ...(first.line !== undefined ? { line: first.line } : {}),
    field: first.field,
    problemCount: problems.length,
    problems: problems.slice(0, MAX_LISTED_PROBLEMS),
  });
}
