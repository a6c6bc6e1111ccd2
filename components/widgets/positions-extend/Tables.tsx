'use client';
/** The summary table (mean loss per series) and the data table of the chart, with the raw CSV. */
import type { SeriesSpec } from '@/lib/longctx/extension';
import { bucketTable, rawCsv, summaryRows, type Curves } from './layout';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');

export function Summary({ plan, curves }: { plan: readonly SeriesSpec[]; curves: Curves }) {
  const rows = summaryRows(plan, curves);
  if (rows.length === 0) return null;
  return (
    <div className="px-table-wrap" tabIndex={0} role="region" aria-label="Mean loss per series">
      <table className="px-summary">
        <caption>Mean loss (nats per token) over all positions, and inside / past lm&apos;s 256</caption>
        <thead><tr><th scope="col">Series</th><th scope="col">All positions</th><th scope="col">Positions &lt; 256</th><th scope="col">Positions ≥ 256</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-series={r.id} data-whole={r.whole.toFixed(4)} data-within={r.within.toFixed(4)} data-beyond={Number.isFinite(r.beyond) ? r.beyond.toFixed(4) : ''}>
              <th scope="row">{r.label}</th><td>{f3(r.whole)} <span className="muted px-range">positions 0–{r.positions - 1}</span></td><td>{f3(r.within)}</td><td>{f3(r.beyond)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DataTable({ plan, curves, bucket }: { plan: readonly SeriesSpec[]; curves: Curves; bucket: number }) {
  const t = bucketTable(plan, curves, bucket);
  if (t.rows.length === 0) return null;
  const download = () => {
    const url = URL.createObjectURL(new Blob([rawCsv(plan, curves)], { type: 'text/csv' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'loss-per-position.csv';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <details className="hint px-data">
      <summary>Data table</summary>
      <p className="px-small">Mean loss of each bucket of {bucket} positions (the plotted points). The loss at every single position:{' '}
        <button type="button" className="btn btn-small" onClick={download}>Download CSV</button></p>
      <div className="px-table-wrap" tabIndex={0} role="region" aria-label="Loss per bucket of positions">
        <table>
          <thead><tr>{t.head.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>{t.rows.map((r) => <tr key={r[0]}>{r.map((c, i) => (i === 0 ? <th key={i} scope="row">{c}</th> : <td key={i}>{c}</td>))}</tr>)}</tbody>
        </table>
      </div>
    </details>
  );
}
