'use client';
/** The merges done so far (latest last) and the newest vocabulary entries. */
import { visibleText } from '../token-viewer/layout';
import type { MergeRow } from './layout';

export function MergeTable({ rows, step, total }: { rows: readonly MergeRow[]; step: number; total: number }) {
  return (
    <div className="bt-table-wrap" tabIndex={0} role="region" aria-label="Merge table">
      <table className="bt-table">
        <caption className="control-label">
          Merge table ({step} of {total} merges; the last {rows.length} shown)
        </caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">pair</th>
            <th scope="col">count</th>
            <th scope="col">new token</th>
            <th scope="col">id</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">No merges yet: every token is one byte.</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.rank} className={r.current ? 'bt-current' : undefined} aria-current={r.current ? 'step' : undefined}>
              <td>{r.rank + 1}</td>
              <td>
                <code>{visibleText(r.left)}</code> + <code>{visibleText(r.right)}</code>
              </td>
              <td>{r.count}</td>
              <td>
                <code className="tok tok-c1">{visibleText(r.merged)}</code>
              </td>
              <td>{r.id}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function VocabGrowth({ size, newest }: { size: number; newest: readonly string[] }) {
  return (
    <div className="bt-vocab">
      <p className="control-label">
        Vocabulary: <b>{size}</b> tokens = 256 bytes + {size - 256} merged
      </p>
      {newest.length > 0 && (
        <p className="tok-strip" aria-label="Newest tokens, latest first">
          {newest.map((t, i) => (
            <span key={i} className={`tok tok-c${i % 5}`}>{visibleText(t)}</span>
          ))}
        </p>
      )}
    </div>
  );
}
