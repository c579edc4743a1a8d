// The chosen list as an HTML table: one row per object, one column per flattened field.
import { isSuppressed, type Cell, type Table } from './flatten.js';
import { cellText } from './format.js';

// A page of 50,000 rows would stall the browser; the CSV holds them all.
const MAX_ROWS = 1000;

function cellClass(cell: Cell): string | undefined {
  if (isSuppressed(cell)) return 'kg-suppressed';
  if (typeof cell === 'number') return 'kg-number';
  return undefined;
}

export function ResultTable({ table }: { table: Table }) {
  const rows = table.rows.slice(0, MAX_ROWS);
  return (
    <div className="kg-table-wrap">
      {table.rows.length > MAX_ROWS ? (
        <p className="kg-note">
          The first {MAX_ROWS} of {table.rows.length} rows; the CSV holds all.
        </p>
      ) : null}
      <table className="kg-table">
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c} className={cellClass(cell)}>
                  {cellText(cell)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
