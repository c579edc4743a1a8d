// Bars per row of the chosen list (per unit, per type) for the numeric columns the analyst picks.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import { chartData, defaultLabelColumn, numericColumns, textColumns } from './chartData.js';
import type { Table } from './flatten.js';
import { formatNumber } from './format.js';

// Registering only what a bar chart uses keeps the rest of chart.js out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

// More bars than this are unreadable; the table and the CSV show every row.
const MAX_BARS = 200;
const MAX_LABEL = 24;
const PALETTE = ['#3b6fb6', '#e07b39', '#3a9a6a', '#b84a7d', '#7a62c4', '#b59b2b'];

export function ResultChart({ table }: { table: Table }) {
  const numeric = useMemo(() => numericColumns(table), [table]);
  const texts = useMemo(() => textColumns(table), [table]);
  const [labelChoice, setLabelChoice] = useState<string>();
  const [picked, setPicked] = useState<string[]>([]);
  const labelColumn = labelChoice !== undefined && texts.includes(labelChoice) ? labelChoice : defaultLabelColumn(texts);
  const stillThere = picked.filter((column) => numeric.includes(column));
  const columns = stillThere.length > 0 ? stillThere : numeric.slice(0, 1);
  const shownTable = useMemo(() => ({ ...table, rows: table.rows.slice(0, MAX_BARS) }), [table]);
  const data = useMemo(() => chartData(shownTable, labelColumn, columns), [shownTable, labelColumn, columns.join('\n')]);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current || data.series.length === 0) return;
    // The page's text colour, so the axes stay readable in GraphiQL's dark theme.
    const color = getComputedStyle(canvas.current).color;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map((s, i) => ({ label: s.column, data: s.values, backgroundColor: PALETTE[i % PALETTE.length] })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        color,
        scales: {
          x: {
            ticks: {
              color,
              // Long unit and agreement names would leave the bars no height; the tooltip has them whole.
              callback(value) {
                const label = this.getLabelForValue(Number(value));
                return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
              },
            },
          },
          y: { beginAtZero: true, ticks: { color, callback: (value) => formatNumber(Number(value)) } },
        },
        plugins: {
          legend: { labels: { color } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y ?? 0)}` } },
        },
      },
    });
    return () => chart.destroy();
  }, [data]);

  if (numeric.length === 0) return <p className="kg-note">This list has no numeric column to chart.</p>;
  const bars = data.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0);
  const toggle = (column: string, on: boolean) =>
    setPicked(on ? [...columns, column] : columns.filter((c) => c !== column));

  return (
    <div className="kg-chart" data-bars={bars} data-labels={JSON.stringify(data.labels)}>
      <div className="kg-chart-controls">
        {texts.length > 1 ? (
          <label>
            Labels
            <select value={labelColumn} onChange={(e) => setLabelChoice(e.currentTarget.value)}>
              {texts.map((column) => (
                <option key={column}>{column}</option>
              ))}
            </select>
          </label>
        ) : null}
        <div role="group" aria-label="Values" className="kg-chart-values">
          <span>Values</span>
          {numeric.map((column) => (
            <label key={column}>
              <input
                type="checkbox"
                checked={columns.includes(column)}
                disabled={columns.length === 1 && columns[0] === column}
                onChange={(e) => toggle(column, e.currentTarget.checked)}
              />
              {column}
            </label>
          ))}
        </div>
      </div>
      {table.rows.length > MAX_BARS ? (
        <p className="kg-note">
          The first {MAX_BARS} of {table.rows.length} rows.
        </p>
      ) : null}
      <div className="kg-chart-canvas">
        <canvas ref={canvas} role="img" aria-label={`Bar chart of ${columns.join(', ')} by ${labelColumn ?? 'row'}`} />
      </div>
      {data.gaps.length > 0 ? (
        <ul className="kg-gaps" aria-label="Gaps in the chart">
          {data.gaps.map((gap, i) => (
            <li key={i}>{gap}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
