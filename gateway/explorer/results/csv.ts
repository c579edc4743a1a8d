// The table as a CSV file for Excel with Danish settings.
import { cellText } from './format.js';
import type { Table } from './flatten.js';

/** The download button's tooltip. */
export const CSV_DESCRIPTION =
  'CSV for Excel with Danish settings: UTF-8 with BOM, ";" between fields, decimal comma; a suppressed figure reads "suppressed: REASON".';

const BOM = '\uFEFF';
const SEPARATOR = ';';
const NEEDS_QUOTES = /[;"\r\n]/;
// Excel runs a field starting with one of these as a formula; text from the sources must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * UTF-8 with a byte order mark (without it Excel reads the file as Windows-1252 and mangles æ, ø
 * and å), `;` between fields (Danish Excel's list separator, because `,` is the decimal mark),
 * decimals with `,`, CRLF line ends, a header row of the column paths, and fields quoted as
 * RFC 4180 says when they hold `;`, `"` or a line break.
 */
export function toCsv(table: Table): string {
  const lines = [
    table.columns.map(csvField).join(SEPARATOR),
    ...table.rows.map((row) =>
      row
        .map((cell) => {
          const text = cellText(cell);
          return csvField(typeof cell === 'string' && FORMULA_START.test(text) ? `'${text}` : text);
        })
        .join(SEPARATOR),
    ),
  ];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** `<operation or "result">-<list path>.csv`, e.g. `Headcount-orgUnit.children.csv`. */
export function csvFileName(operationName: string | null | undefined, listPath: string): string {
  const safe = (text: string) => text.replace(/\[\]/g, '').replace(/[^A-Za-z0-9_.-]+/g, '_');
  return `${safe(operationName || 'result')}-${safe(listPath)}.csv`;
}
