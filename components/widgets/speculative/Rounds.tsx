'use client';
/** The rounds of a run: each round's k draft tokens with their fate and the token lm added, plus a data table. */
import type { Round } from '@/lib/spec';
import { LABEL, MARK, roundChips, type ChipKind } from './layout';

const KINDS: ChipKind[] = ['accepted', 'rejected', 'unchecked', 'resampled', 'bonus'];

export function Legend() {
  return (
    <ul className="spec-legend" aria-label="Legend">
      {KINDS.map((k) => (
        <li key={k}><span className={`spec-chip spec-${k}`}><span aria-hidden="true">{MARK[k]}</span></span> {LABEL[k]}</li>
      ))}
    </ul>
  );
}

export function Rounds({ rounds, tokenText }: { rounds: readonly Round[]; tokenText: (id: number) => string }) {
  return (
    <ol className="spec-rounds" aria-label="Rounds: draft proposals and lm’s verdict" tabIndex={0}>
      {rounds.map((r, i) => (
        <li key={i} className="spec-round" data-accepted={r.verify.accepted} data-final={r.verify.final.kind}>
          <span className="spec-round-n muted">{i + 1}</span>
          {roundChips(r).map((c, j) => (
            <span key={j} className={`spec-chip spec-${c.kind}`} title={c.label} data-kind={c.kind}>
              <span aria-hidden="true" className="spec-mark">{c.mark}</span>
              <span className="spec-tok">{JSON.stringify(tokenText(c.id)).slice(1, -1)}</span>
              <span className="sr-only"> ({c.label})</span>
            </span>
          ))}
        </li>
      ))}
    </ol>
  );
}

export function RoundsTable({ rounds, tokenText }: { rounds: readonly Round[]; tokenText: (id: number) => string }) {
  return (
    <details className="spec-table">
      <summary>Data table</summary>
      <table>
        <thead>
          <tr><th scope="col">Round</th><th scope="col">Accepted</th><th scope="col">lm added</th><th scope="col">ms draft / lm</th></tr>
        </thead>
        <tbody>
          {rounds.map((r, i) => (
            <tr key={i}>
              <td>{i + 1}</td>
              <td>{r.verify.accepted} of {r.draft.length}</td>
              <td>{JSON.stringify(tokenText(r.verify.final.id))} ({r.verify.final.kind})</td>
              <td>{r.draftMs.toFixed(1)} / {r.verifyMs.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
