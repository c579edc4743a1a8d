// JSON, Table and Chart views of the answer shown in GraphiQL's response pane.
//
// The views read the active tab's response from GraphiQL's store (useGraphiQL) rather than from a
// wrapped fetcher: the store is what the JSON view shows, so the views follow tab switches, answers
// restored from storage and runs started from the history, with nothing of our own to keep in step.
import { useGraphiQL } from '@graphiql/react';
import { useMemo, useState } from 'react';
import { ResultChart } from './Chart.js';
import { CSV_DESCRIPTION, csvFileName, toCsv } from './csv.js';
import { findObjectLists, largestList, toTable, type ObjectList, type Table } from './flatten.js';
import { ResultTable } from './ResultTable.js';

type View = 'json' | 'table' | 'chart';
const VIEWS: { view: View; label: string }[] = [
  { view: 'json', label: 'JSON' },
  { view: 'table', label: 'Table' },
  { view: 'chart', label: 'Chart' },
];

interface Answer {
  lists: ObjectList[];
  errors: number;
}

function answerOf(response: string | null): Answer {
  if (!response) return { lists: [], errors: 0 };
  try {
    const { data, errors } = JSON.parse(response) as { data?: unknown; errors?: unknown };
    return { lists: findObjectLists(data), errors: Array.isArray(errors) ? errors.length : 0 };
  } catch {
    // Not JSON: GraphiQL's own message for a request that failed before an answer came.
    return { lists: [], errors: 0 };
  }
}

function download(table: Table, name: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // Not at once: a browser may read the file after the click has returned.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function ResultViews() {
  const { response, operationName } = useGraphiQL((state) => ({
    response: state.tabs[state.activeTabIndex]?.response ?? null,
    operationName: state.tabs[state.activeTabIndex]?.operationName ?? null,
  }));
  const { lists, errors } = useMemo(() => answerOf(response), [response]);
  const [view, setView] = useState<View>('json');
  const [chosenPath, setChosenPath] = useState<string>();
  const list = lists.find((l) => l.path === chosenPath) ?? largestList(lists);
  const table = useMemo(() => (list ? toTable(list.rows, list.context) : undefined), [list]);
  // The choice of Table or Chart stays for the next answer; one without lists shows as JSON meanwhile.
  const shown: View = table ? view : 'json';

  return (
    <div className="kg-results" data-view={shown}>
      <div className="kg-results-bar">
        <div role="tablist" aria-label="Result view" className="kg-results-tabs">
          {VIEWS.map(({ view: v, label }) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={shown === v}
              disabled={v !== 'json' && !table}
              title={v !== 'json' && !table ? 'The answer holds no list of objects' : undefined}
              onClick={() => setView(v)}
            >
              {label}
            </button>
          ))}
        </div>
        {shown !== 'json' && list && lists.length > 1 ? (
          <label>
            List
            <select value={list.path} onChange={(e) => setChosenPath(e.currentTarget.value)}>
              {lists.map((l) => (
                <option key={l.path} value={l.path}>
                  {l.path} ({l.rows.length})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        {shown === 'table' && table && list ? (
          <button type="button" title={CSV_DESCRIPTION} onClick={() => download(table, csvFileName(operationName, list.path))}>
            Download CSV
          </button>
        ) : null}
        {shown !== 'json' && errors > 0 ? (
          // A field the token may not read is null in the table; the reason is in the errors.
          <span className="kg-error-note">
            {errors === 1 ? '1 error' : `${errors} errors`}: see JSON
          </span>
        ) : null}
      </div>
      {shown === 'table' && table ? <ResultTable table={table} /> : null}
      {shown === 'chart' && table ? <ResultChart table={table} /> : null}
    </div>
  );
}
