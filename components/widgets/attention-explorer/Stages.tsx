'use client';
/**
 * One query row through the four stages of scaled dot-product attention (Vaswani et al. 2017,
 * eq. 1), recomputed in lib/interp from the tapped q and k, next to the model's own tapped
 * probabilities (an independent check), and the q and k vectors of the picked cell.
 */
import { showToken } from '@/components/viz/show-token';
import type { QueryStages } from '@/lib/interp/stages';
import { num, signedBars } from './layout';

interface Props {
  s: QueryStages;
  /** The model's attention probabilities of this row [T] (from the attnProbs tap). */
  tapped: ArrayLike<number>;
  keyPos: number;
  tokens: readonly string[];
  nHead: number;
  nKvHead: number;
  ran: string;
}

const short = (t: string) => (t.length > 9 ? `${t.slice(0, 8)}…` : t);

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function VecStrip({ v, label, max }: { v: ArrayLike<number>; label: string; max: number }) {
  const W = 256;
  const H = 40;
  return (
    <div className="ax-vec">
      <span className="ax-vec-label">{label}</span>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" className="ax-vec-svg" aria-hidden="true">
        <line x1={0} x2={W} y1={H / 2} y2={H / 2} className="ax-vec-mid" />
        {signedBars(v, W, H, max).map((b, i) => <rect key={i} {...b} className={b.positive ? 'ax-pos' : 'ax-neg'} />)}
      </svg>
    </div>
  );
}

export function Stages({ s, tapped, keyPos, tokens, nHead, nKvHead, ran }: Props) {
  const i = s.query;
  const tok = (j: number) => showToken(tokens[j] ?? `#${j}`);
  const diff = maxAbsDiff(s.probs.subarray(0, i + 1), Array.from({ length: i + 1 }, (_, j) => tapped[j]));
  const k = s.k[keyPos];
  const prod = Float64Array.from(s.q, (x, d) => x * k[d]);
  const vmax = Math.max(...s.q.map(Math.abs), ...k.map(Math.abs));
  const future = tokens.length - 1 - i;
  const g = nHead / nKvHead;
  return (
    <section className="ax-stages" aria-label={`Attention stages of query ${i}`}>
      <h4>Query {i} <code>{tok(i)}</code>, stage by stage</h4>
      <ol className="ax-formulas">
        <li><strong>Raw score</strong> s<sub>j</sub> = q<sub>{i}</sub> · k<sub>j</sub> (a dot product of two {s.dHead}-number vectors)</li>
        <li><strong>Scaled</strong> s<sub>j</sub> / √d<sub>head</sub> = s<sub>j</sub> / √{s.dHead} = s<sub>j</sub> / {num(Math.sqrt(s.dHead))}</li>
        <li><strong>Causal mask</strong>: keys after the query (j &gt; {i}) get −∞</li>
        <li><strong>Softmax</strong> p<sub>j</sub> = e<sup>x<sub>j</sub></sup> / Σ<sub>k</sub> e<sup>x<sub>k</sub></sup>, so e<sup>−∞</sup> = 0 and the row sums to 1</li>
      </ol>
      <div className="ax-table-wrap ax-stage-wrap" tabIndex={0} role="region" aria-label={`Stages of query ${i}, one row per key`}>
        <table className="ax-table ax-stage-table">
          <thead>
            <tr><th scope="col">key j</th><th scope="col">q·k</th><th scope="col">÷ √{s.dHead}</th><th scope="col">masked</th><th scope="col">softmax</th><th scope="col">model&apos;s tap</th></tr>
          </thead>
          <tbody>
            {Array.from({ length: i + 1 }, (_, j) => (
              <tr key={j} className={j === keyPos ? 'ax-row-on' : undefined} data-key={j}>
                <th scope="row">{j} <code>{short(tok(j))}</code></th>
                <td>{num(s.raw[j])}</td><td>{num(s.scaled[j])}</td><td>{num(s.masked[j])}</td>
                <td data-prob={s.probs[j].toFixed(6)}>{num(s.probs[j], 4)}</td><td>{num(tapped[j], 4)}</td>
              </tr>
            ))}
            {future > 0 && (
              <tr className="ax-row-masked">
                <th scope="row">{i + 1}…{tokens.length - 1}</th>
                <td colSpan={2}>{future} later key{future > 1 ? 's' : ''} (scores exist)</td><td>−∞</td><td>0</td><td>0</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <p className="ax-check" data-max-diff={diff.toExponential(2)}>
        Independent check: softmax recomputed here from the tapped q and k matches the probabilities the model produced ({ran}) to within{' '}
        <strong>{diff.toExponential(1)}</strong>.
      </p>
      <h4>The vectors behind the picked cell</h4>
      <p className="ax-small">
        Head {s.head} reads key/value head {s.kvHead} (GQA: {g} query heads share each of the {nKvHead} K/V heads). Query {i} <code>{tok(i)}</code>{' '}
        and key {keyPos} <code>{tok(keyPos)}</code>, after RoPE; bars above the line are positive. Their dot product is the sum of the third row:{' '}
        <strong data-raw={s.raw[keyPos].toFixed(6)}>{num(s.raw[keyPos])}</strong>.
      </p>
      <VecStrip v={s.q} label={`q${i}`} max={vmax} />
      <VecStrip v={k} label={`k${keyPos}`} max={vmax} />
      <VecStrip v={prod} label="q⊙k" max={Math.max(...prod.map(Math.abs))} />
      <details className="hint">
        <summary>Data table</summary>
        <div className="ax-table-wrap" tabIndex={0} role="region" aria-label="The q and k vectors, component by component">
          <table className="ax-table">
            <thead><tr><th scope="col">d</th><th scope="col">q{i}[d]</th><th scope="col">k{keyPos}[d]</th><th scope="col">product</th></tr></thead>
            <tbody>
              {Array.from(s.q, (x, d) => <tr key={d}><th scope="row">{d}</th><td>{num(x)}</td><td>{num(k[d])}</td><td>{num(prod[d])}</td></tr>)}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
