// How a table cell reads, in the table and in the CSV alike, so both show the same figures.
import { isSuppressed, type Cell } from './flatten.js';

/**
 * Decimals with a comma and no thousands separator, as Danish Excel reads a number from a CSV
 * (a grouping dot would be read as a decimal point by others, and as text by nobody).
 */
export function formatNumber(value: number): string {
  return String(value).replace('.', ',');
}

/** null reads as empty; a withheld figure as "suppressed: REASON", so nobody takes it for a zero. */
export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (isSuppressed(cell)) return cell.suppressed ? `suppressed: ${cell.suppressed}` : 'suppressed';
  if (typeof cell === 'number') return formatNumber(cell);
  return String(cell);
}
