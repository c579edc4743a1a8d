// The period of a one-off payment read.
import type { Period } from '../../sources/model.js';
import { addDays } from '../../sources/days.js';
import { checkOrder, today } from '../shared/dates.js';

/**
 * The period of a one-off payment read. By default the last twelve months and everything dated
 * later, so a payment submitted for next month's payroll shows up at once.
 */
export function oneOffPaymentPeriod(from?: string | null, to?: string | null): Period {
  const start = from ?? addDays(today(), -365);
  checkOrder(start, to);
  return { from: start, to: to ?? null };
}
