'use client';
/**
 * a : b :: c : ? on lm's embedding table: the nearest tokens to b − a + c (unit rows, cosine,
 * a, b and c left out; lib/interp/analogy), the expected word's rank, the "only c" baseline, and
 * the fixed set of lib/interp/analogy-set measured in this page.
 */
import { useId, useMemo } from 'react';
import { ProgressBar } from '@/components/ui/ProgressBar';
import { analogy } from '@/lib/interp/analogy';
import { ANALOGY_SET, evaluateSet } from '@/lib/interp/analogy-set';
import { wordPieces } from '@/lib/interp/word-tokens';
import type { WidgetProps } from '../types';
import { useCutText } from '../useCutText';
import { TableWrap } from '../scale-common/Fields';
import { fmtCos, tokenLabel } from '../embed-common/layout';
import { useEmbeddingTable } from '../embed-common/useEmbeddingTable';
import type { EmbedAnalogyState } from './index';
import { barWidth, caseText, setSummary } from './layout';
import '../scale-common/scale.css';
import '../embed-common/embed.css';

const FIELDS = [['a', 'a'], ['b', 'is to b'], ['c', 'as c'], ['expected', 'is to (expected)']] as const;
type Key = (typeof FIELDS)[number][0];

function WordBox({ name, label, value, set, locked }: { name: Key; label: string; value: string; set: (v: string) => void; locked: boolean }) {
  const id = useId();
  const cut = useCutText(40, set);
  return (
    <div className="control">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type="text" value={value} readOnly={locked} spellCheck={false} autoComplete="off"
        maxLength={cut.maxLength} onPaste={cut.onPaste} onChange={(e) => cut.onChange(e.target.value)} />
      {cut.note && <p className="url-notes" role="status">{cut.note}</p>}
    </div>
  );
}

export default function EmbedAnalogy({ state, setState, hidden, locked }: WidgetProps<EmbedAnalogyState>) {
  const tv = useEmbeddingTable();
  const data = tv.data;
  const run = useMemo(() => {
    if (!data) return null;
    const t0 = performance.now();
    const p = (['a', 'b', 'c', 'expected'] as const).map((k) => ({ k, w: state[k].trim(), ...wordPieces(data.tok, state[k]) }));
    const bad = p.filter((x) => x.id === null && (x.k !== 'expected' || x.w !== ''));
    if (bad.length > 0 || p.slice(0, 3).some((x) => x.id === null)) return { bad, r: null, ms: 0 };
    const r = analogy(data.table, data.V, data.d, p[0].id!, p[1].id!, p[2].id!, 5, p[3].id, data.norms);
    return { bad, r, ms: performance.now() - t0 };
  }, [data, state]);
  const set = useMemo(() => (data ? evaluateSet(data.table, data.V, data.d, data.tok, ANALOGY_SET, 5, data.norms) : null), [data]);
  const sum = set ? setSummary(set) : null;
  const text = (i: number) => data?.tok.tokenText(i) ?? `#${i}`;
  const anyLocked = FIELDS.some(([k]) => locked.has(k));
  const r = run?.r;
  return (
    <div className="sc" data-phase={tv.phase} data-rank={r?.rank ?? ''} data-top={r?.top.map((n) => n.id).join(',') ?? ''} data-compute-ms={run ? run.ms.toFixed(1) : ''}>
      <div className="sc-controls control-row em-inputs">
        {FIELDS.map(([k, label]) => !hidden.has(k) && (
          <WordBox key={k} name={k} label={label} value={state[k]} locked={locked.has(k)} set={(v) => setState({ [k]: v } as Partial<EmbedAnalogyState>)} />
        ))}
      </div>
      <p className="sc-small">Search: the tokens nearest (by cosine) to <strong>{state.b.trim() || 'b'} − {state.a.trim() || 'a'} + {state.c.trim() || 'c'}</strong>, each of the three scaled to length 1 first, with a, b and c themselves left out.</p>
      {tv.phase === 'loading' && <ProgressBar loaded={tv.loaded} total={tv.total} label="lm weights" />}
      {tv.phase === 'error' && <p className="sc-note" role="alert">Could not load lm: {tv.error}</p>}
      {run && run.bad.length > 0 && (
        <p className="sc-note" role="status" data-testid="split">
          {run.bad.map((x) => (
            <span key={x.k}>{x.w === '' ? `${x.k} is empty. ` : <>“{x.w}” is not one token (it splits into {x.pieces.map((s, i) => <code key={i} className="em-tok">{tokenLabel(s)} </code>)}). </>}</span>
          ))}
          Every word must be one token of lm’s vocabulary.
        </p>
      )}
      {r && (
        <>
          <TableWrap label="Top answers">
            <table className="sc-table" data-testid="answers">
              <caption>Top 5 answers (cosine with b − a + c)</caption>
              <thead><tr><th scope="col">#</th><th scope="col">token</th><th scope="col">cosine</th></tr></thead>
              <tbody>{r.top.map((n, i) => (
                <tr key={n.id} className={text(n.id) === ` ${state.expected.trim()}` ? 'sc-strong' : ''}>
                  <th scope="row">{i + 1}</th><td className="em-tok">{tokenLabel(text(n.id))}</td>
                  <td>{fmtCos(n.cos)} <span className="em-bar" style={{ width: barWidth(n.cos, 80) }} aria-hidden="true" /></td>
                </tr>
              ))}</tbody>
            </table>
          </TableWrap>
          {r.rank !== null && (
            <p role="status" data-testid="rank">
              “{state.expected.trim()}” is answer <strong>#{r.rank}</strong> of {data!.V - 3} (cosine {fmtCos(r.expectedCos!)}).
              Nearest to c alone it would be #{r.baselineRank}: {r.baselineRank! > r.rank ? 'the offset b − a helped' : r.baselineRank === r.rank ? 'the offset b − a changed nothing' : 'the offset b − a made it worse'}.
            </p>
          )}
        </>
      )}
      {set && sum && (
        <details className="sc-details">
          <summary>A fixed test set: {sum.top1} of {sum.run} right at #1</summary>
          <p className="sc-small" data-testid="set-summary">
            Of {ANALOGY_SET.length} analogies chosen before measuring, {sum.skipped} have a word that is not one token and are skipped.
            Of the other {sum.run}: the expected word is #1 for {sum.top1} and in the top 5 for {sum.top5} (median rank {sum.medianRank}).
            The “only c” baseline gets {sum.baselineTop1} at #1 (median rank {sum.baselineMedianRank}). Computed in this page from lm’s shipped embedding table (no model runs).
          </p>
          <TableWrap label="Analogy test set">
            <table className="sc-table">
              <caption>Rank of the expected word: with b − a + c, and nearest to c alone</caption>
              <thead><tr><th scope="col">a : b :: c : expected</th><th scope="col">rank</th><th scope="col">only c</th></tr></thead>
              <tbody>{set.map((x) => (
                <tr key={caseText(x.case)}>
                  <th scope="row">
                    {anyLocked ? caseText(x.case) : <button type="button" className="em-link" onClick={() => setState({ a: x.case.a, b: x.case.b, c: x.case.c, expected: x.case.expected })}>{caseText(x.case)}</button>}
                    {x.split && <span className="sc-small"> (“{x.split}” is not one token)</span>}
                  </th>
                  <td>{x.result?.rank ?? 'skipped'}</td><td>{x.result?.baselineRank ?? ''}</td>
                </tr>
              ))}</tbody>
            </table>
          </TableWrap>
        </details>
      )}
    </div>
  );
}
