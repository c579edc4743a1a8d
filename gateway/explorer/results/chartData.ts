// What the chart draws from a table: one bar per row, labelled by a text column, for numeric columns.
import { isSuppressed, type Cell, type Table } from './flatten.js';

export interface Series {
  column: string;
  /** null where the row has no figure: drawn as a gap, never as 0. */
  values: (number | null)[];
}

export interface ChartData {
  labels: string[];
  series: Series[];
  /** Each gap, e.g. "suppressed: Skolen – headcount.value (FEWER_THAN_MINIMUM)". */
  gaps: string[];
}

function columnCells(table: Table, column: string): Cell[] {
  const index = table.columns.indexOf(column);
  return index < 0 ? [] : table.rows.map((row) => row[index] ?? null);
}

/** Columns of numbers, where a statistics cell's `.value` counts even when withheld in some rows. */
export function numericColumns(table: Table): string[] {
  return table.columns.filter((column) => {
    const cells = columnCells(table, column).filter((cell) => cell !== null);
    return cells.length > 0 && cells.every((cell) => typeof cell === 'number' || isSuppressed(cell));
  });
}

/** Columns of text, which can label the bars (e.g. `unit.name`, `label`, `key`, `type`). */
export function textColumns(table: Table): string[] {
  return table.columns.filter((column) => {
    const cells = columnCells(table, column).filter((cell) => cell !== null);
    return cells.length > 0 && cells.every((cell) => typeof cell === 'string');
  });
}

const NAME = /(^|\.)(name|label)$/;

/** Columns from the item a nested list's row came from, e.g. `orgUnit.children[].name`. */
function isContext(column: string): boolean {
  return column.includes('[]');
}

/**
 * A name or label of the row's own where it has one (a statistics row's `label` over its code
 * `key`), else its first text column that is not an id: a UUID says nothing to whoever reads the chart.
 */
export function defaultLabelColumn(texts: string[]): string | undefined {
  const own = texts.filter((column) => !isContext(column));
  return own.find((column) => NAME.test(column)) ?? own.find((column) => !/(^|\.)id$/.test(column)) ?? texts[0];
}

/**
 * Bars per row; a row of a nested list is labelled with the item it came from as well
 * ("Skolen – Lærere"), or the same agreement of two units would read alike.
 */
export function chartData(table: Table, labelColumn: string | undefined, columns: string[]): ChartData {
  const context = table.columns.filter((column) => isContext(column) && column !== labelColumn);
  const named = context.filter((column) => NAME.test(column));
  const labelColumns = [...(named.length > 0 ? named : context.slice(0, 1)), ...(labelColumn ? [labelColumn] : [])];
  const labelCells = labelColumns.map((column) => columnCells(table, column));
  const labels = table.rows.map((_, i) => {
    const parts = labelCells.map((cells) => cells[i]).filter((cell): cell is string => typeof cell === 'string' && cell !== '');
    return parts.length > 0 ? parts.join(' – ') : `#${i + 1}`;
  });
  const gaps: string[] = [];
  const series = columns.map((column) => ({
    column,
    values: columnCells(table, column).map((cell, i) => {
      if (typeof cell === 'number') return cell;
      if (isSuppressed(cell)) gaps.push(`suppressed: ${labels[i]} – ${column}${cell.suppressed ? ` (${cell.suppressed})` : ''}`);
      else gaps.push(`no value: ${labels[i]} – ${column}`);
      return null;
    }),
  }));
  return { labels, series, gaps };
}
