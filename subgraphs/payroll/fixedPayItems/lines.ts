// Client input -> the lines of a faste tillæg/fradrag update. Every problem of every line (and of the
// other arguments) is collected and refused at once, each naming its line and field, before anything
// is sent to Opus: a payroll clerk fixing a form wants the whole list, not one error per round trip.
import type { FixedPayItemLine } from '../../../sources/opus/OpusSource.js';
import type { InputProblem } from '../../shared/inputProblems.js';
import type { FixedPayItemInput } from '../inputs/FixedPayItemInput.js';

/** Afsendelses_System: how Opus's payroll staff see where a change came from (the same as for Engangsydelser). */
const SENDING_SYSTEM = 'KOMMUNEGRAF';
/** Anything this large per month is a typing error (the largest tillæg in the catalogue is a few thousand DKK). */
const MAX_MONTHLY_AMOUNT = 1_000_000;

export function lineProblem(line: number, field: string, problem: string): InputProblem {
  return { argument: 'items', line, field, path: `items[${line - 1}].${field}`, message: `items[${line - 1}] (line ${line}): \`${field}\` ${problem}` };
}

function twoDecimals(q: number): boolean {
  return Math.abs(Math.round(q * 100) - q * 100) < 1e-6;
}

/** The update's lines numbered 1..n in the client's order (Opus names a failing line by it), and every problem found. */
export function fixedPayLines(items: readonly FixedPayItemInput[], maxLines: number): { lines: FixedPayItemLine[]; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  if (items.length === 0) problems.push({ argument: 'items', path: 'items', message: '`items` needs at least one line' });
  if (items.length > maxLines) problems.push({ argument: 'items', path: 'items', message: `At most ${maxLines} lines per submission, got ${items.length}` });
  const lines: FixedPayItemLine[] = [];
  items.forEach((item, i) => {
    const line = i + 1;
    const before = problems.length;
    const problem = (field: string, text: string) => problems.push(lineProblem(line, field, text));
    if (!/^\d{4}$/.test(item.wageType)) problem('wageType', 'must be the 4-digit lønart');
    const to = item.validTo ?? null;
    if (to !== null && to < item.validFrom) problem('validTo', 'may not be before `validFrom`');
    const amount = item.monthlyAmount ?? null;
    if (item.action === 'add') {
      if (!item.kind) problem('kind', 'is required to ADD an item (SUPPLEMENT or DEDUCTION)');
      if (amount === null) problem('monthlyAmount', 'is required to ADD an item');
      else if (!Number.isFinite(amount) || amount <= 0 || amount >= MAX_MONTHLY_AMOUNT) problem('monthlyAmount', `must be more than 0 and less than ${MAX_MONTHLY_AMOUNT}`);
      else if (!twoDecimals(amount)) problem('monthlyAmount', 'may have at most two decimals');
    } else {
      if (to === null) problem('validTo', 'is required to STOP an item: it is the new last day');
      if (item.kind) problem('kind', 'is only for ADD (STOP identifies the item by `wageType` and `validFrom`)');
      if (amount !== null) problem('monthlyAmount', 'is only for ADD (stopping an item does not change its amount)');
    }
    if (problems.length > before) return;
    const common = { wageType: item.wageType, from: item.validFrom, sequenceNumber: String(line), sendingSystem: SENDING_SYSTEM };
    lines.push(
      item.action === 'add'
        ? { ...common, action: 'add', kind: item.kind as 'supplement' | 'deduction', to, monthlyAmount: Math.round(amount! * 100) / 100 }
        : { ...common, action: 'stop', to: to! },
    );
  });
  return { lines, problems };
}
