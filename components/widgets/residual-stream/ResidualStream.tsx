'use client';
/**
 * The residual stream of `lm` at one position: its size after every block, and the size of what
 * each attention layer and each MLP added (model worker, WebGPU or WASM, the 'lens' graph's
 * resid_mid / resid_post taps). Measurements: lib/interp/residual.ts; nothing is precomputed.
 */
import { useMemo } from 'react';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { LineChart } from '@/components/viz/LineChart';
import { residualStats } from '@/lib/interp/residual';
import type { WidgetProps } from '../types';
import { LiveControls } from '../logit-lens/LiveControls';
import { pickPos, visible } from '../logit-lens/layout';
import { usePromptLens } from '../logit-lens/useLens';
import type { ResidualState } from './index';
import { growth, pointLabel, residualRows, residualSeries } from './layout';
import '../logit-lens/lens.css';

const f2 = (x: number) => x.toFixed(2);

export function ResidualPanel({ state, setState, hidden, locked, deps }: WidgetProps<ResidualState> & { deps: Deps }) {
  const { view, start, tokens, cut } = usePromptLens(deps, state.text, state.backend);
  const run = view.run;
  const T = run?.ids.length ?? 0;
  const pos = pickPos(state.pos, Math.max(1, T));
  const stats = useMemo(() => (run ? residualStats(run.embed, run.mid, run.post, run.ids.length, run.embed.length / run.ids.length) : null), [run]);
  const series = useMemo(() => (stats && T > 0 ? residualSeries(stats, pos) : null), [stats, pos, T]);
  const rows = stats && T > 0 ? residualRows(stats, pos) : [];
  const g = stats && T > 0 ? growth(stats, pos) : null;
  return (
    <div className="ll" data-widget="residual-stream" data-phase={view.phase} data-ran={view.ran ?? ''} data-update-ms={view.updateMs?.toFixed(0) ?? ''} data-growth={g?.toFixed(2) ?? ''}>
      <LiveControls text={state.text} pos={pos} backend={state.backend} tokens={tokens} cut={cut} maxText={300} view={view}
        hidden={hidden} locked={locked} set={(p) => setState(p)} onLoad={() => void start()} />
      {series && rows.length > 0 && g !== null && (
        <figure className="ll-fig rs-chart">
          <figcaption>
            Position {pos} (<code>{visible(tokens[pos] ?? '')}</code>): the length (Euclidean norm) of the residual stream at every stream point,
            and of what block {0}…{rows.length - 1}&apos;s attention and MLP added to it. The stream ends {g.toFixed(1)} times longer than the
            embedding it started as.
          </figcaption>
          <LineChart series={series} xLabel="read after block" yLabel="norm" xDomain={[0, rows.length]} xTickFormat={pointLabel}
            summary={`Residual stream norm at position ${pos} grows from ${f2(rows[0].inNorm)} to ${f2(rows[rows.length - 1].outNorm)} over ${rows.length} blocks.`} height={240} />
          <details className="hint">
            <summary>Data table</summary>
            <table className="ll-table" data-pos={pos}>
              <thead><tr><th scope="col">block</th><th scope="col">‖in‖</th><th scope="col">attn</th><th scope="col">cos</th><th scope="col">MLP</th><th scope="col">cos</th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.block}>
                    <th scope="row">{r.block}</th><td>{f2(r.inNorm)}</td><td>{f2(r.attnNorm)}</td><td>{f2(r.attnCos)}</td><td>{f2(r.mlpNorm)}</td><td>{f2(r.mlpCos)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="ll-status">‖in‖: the stream entering the block. attn, MLP: the norm of what each added; cos: the cosine of that update with the stream it was added to. The stream leaving the last block: {f2(rows[rows.length - 1].outNorm)}.</p>
          </details>
        </figure>
      )}
    </div>
  );
}

export default function ResidualStream(props: WidgetProps<ResidualState>) {
  return <ResidualPanel {...props} deps={defaultDeps} />;
}
