'use client';
/**
 * Context extension, measured: lm (RoPE, trained on 256 tokens) under no scaling, PI, NTK-aware
 * and YaRN at factor s, next to lm-alibi and lm-learned-pos (trained on 128), on held-out Austen
 * windows; loss per position, bucketed, with a line where each model's training length ends.
 */
import { useMemo } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import { defaultDeps, type Deps } from '@/components/lesson/live-model';
import { VAL_WINDOW_LENGTH } from '@/lib/longctx/val-windows';
import type { WidgetProps } from '../types';
import { Controls } from './Controls';
import type { PositionsExtendState } from './index';
import { chartSeries, summaryRows, trainingMarks } from './layout';
import { DataTable, Summary } from './Tables';
import { useExtension, type ExtView } from './useExtension';
import { RunActions } from './RunActions';
import './positions.css';

const NAME = { webgpu: 'WebGPU', wasm: 'WASM' } as const;

function statusText(v: ExtView): string {
  switch (v.phase) {
    case 'idle': return 'Press Run: three small models (about 9 MB together) download once, then every curve is computed in your browser.';
    case 'loading': return v.download?.phase === 'verify' ? 'Checking the model files (sha256)…' : 'Loading the models…';
    case 'running': return `Running ${v.current ?? '…'} — ${v.done} of ${v.total} forward passes`;
    case 'ready': return 'Done: every curve below was measured just now in this browser.';
    case 'cancelled': return 'Cancelled. The curves computed so far are shown; press Run to finish.';
    case 'error': return 'Something went wrong (see above).';
  }
}

export function PositionsExtendPanel({ state, setState, hidden, locked, deps }: WidgetProps<PositionsExtendState> & { deps: Deps }) {
  const { view, plan, curves, start, cancel } = useExtension(deps, state);
  const series = useMemo(() => chartSeries(plan, curves, state.bucket), [plan, curves, state.bucket]);
  const busy = view.phase === 'loading' || view.phase === 'running';
  const rows = summaryRows(plan, curves);
  const summary = `Loss per position for ${rows.length} series over ${state.length} tokens: ` +
    rows.map((r) => `${r.label} ${r.whole.toFixed(2)} on average`).join('; ') + '.';
  const ran = Object.entries(view.ran);
  return (
    <div className="px" data-phase={view.phase}>
      <Controls state={state} setState={setState} hidden={hidden} locked={locked} />
      <RunActions view={view} busy={busy} start={start} cancel={cancel} weights={`Model weights (${view.download?.file ?? ''})`} />
      <p role="status" aria-live="polite" className="px-status">{statusText(view)}</p>
      {view.phase === 'running' && (
        <progress className="px-progress" max={view.total} value={view.done} aria-label="Forward passes done" />
      )}
      <p className="px-small muted">
        Text: {state.windows} held-out window{state.windows > 1 ? 's' : ''} of Jane Austen (the last 5% of the novels, never trained on),
        each cut to {state.length} of its {VAL_WINDOW_LENGTH} tokens. Loss = −ln p(next token), averaged over the windows and over
        each run of {state.bucket} positions.
      </p>
      {series.length > 0 && (
        <figure className="px-figure">
          <LineChart series={series} xDomain={[0, state.length - 1]} vlines={trainingMarks(state.length)}
            xLabel="position in the window" yLabel="loss (nats)" summary={summary} height={300}
            yTickFormat={(v) => v.toFixed(1)} />
          <figcaption className="px-small muted">
            Solid: lm (8 layers, RoPE) under each rule. Dashed: the twins (4 layers, trained on 128 tokens), a different size,
            so compare their shape, not their level. lm-learned-pos cannot run past position 127: its position table has 128 rows.
          </figcaption>
        </figure>
      )}
      <Summary plan={plan} curves={curves} />
      {ran.length > 0 && (
        <p className="px-small muted" data-ran={ran.map(([m, b]) => `${m}:${b}`).join(',')}>
          Ran on {ran.map(([m, b]) => `${NAME[b!]} (${m})`).join(', ')}.{view.choice && ` ${view.choice.reason}.`}
        </p>
      )}
      <DataTable plan={plan} curves={curves} bucket={state.bucket} />
    </div>
  );
}

export default function PositionsExtend(props: WidgetProps<PositionsExtendState>) {
  return <PositionsExtendPanel {...props} deps={defaultDeps} />;
}
