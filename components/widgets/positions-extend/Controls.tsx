'use client';
/** Factor, window length, number of windows, bucket size and engine of the extension widget. */
import { useId } from 'react';
import type { PositionsExtendState } from './index';
import { BackendSelect } from '@/components/ui/BackendSelect';

interface Props {
  state: PositionsExtendState;
  setState: (p: Partial<PositionsExtendState>) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

const LENGTHS = [128, 256, 512, 768, 1024];
const BUCKETS = [8, 16, 32, 64, 128];

export function Controls({ state, setState, hidden, locked }: Props) {
  const id = useId();
  const show = (k: string) => !hidden.has(k);
  const withCurrent = (xs: number[], v: number) => (xs.includes(v) ? xs : [...xs, v].sort((a, b) => a - b));
  return (
    <div className="controls px-controls">
      {show('factor') && (
        <div className="control px-factor">
          <label htmlFor={`${id}-f`}>Scaling factor s <output htmlFor={`${id}-f`}>{state.factor}</output></label>
          <input id={`${id}-f`} type="range" min={1} max={8} step={0.5} value={state.factor} disabled={locked.has('factor')}
            aria-describedby={`${id}-fh`} onChange={(e) => setState({ factor: Number(e.target.value) })} />
          <span id={`${id}-fh`} className="px-hint">for PI, NTK-aware and YaRN; s = length / 256 fits the window</span>
        </div>
      )}
      {show('length') && (
        <div className="control">
          <label htmlFor={`${id}-l`}>Window (tokens)</label>
          <select id={`${id}-l`} value={state.length} disabled={locked.has('length')} onChange={(e) => setState({ length: Number(e.target.value) })}>
            {withCurrent(LENGTHS, state.length).map((n) => <option key={n} value={n}>{n} ({n / 256}× lm&apos;s 256)</option>)}
          </select>
        </div>
      )}
      {show('windows') && (
        <div className="control">
          <label htmlFor={`${id}-w`}>Windows averaged</label>
          <select id={`${id}-w`} value={state.windows} disabled={locked.has('windows')} onChange={(e) => setState({ windows: Number(e.target.value) })}>
            {[1, 2, 3, 4].map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      )}
      {show('bucket') && (
        <div className="control">
          <label htmlFor={`${id}-b`}>Positions per point</label>
          <select id={`${id}-b`} value={state.bucket} disabled={locked.has('bucket')} onChange={(e) => setState({ bucket: Number(e.target.value) })}>
            {withCurrent(BUCKETS, state.bucket).map((n) => <option key={n} value={n}>{n}</option>)}
          </select>
        </div>
      )}
      {show('backend') && (
        <BackendSelect id={`${id}-e`} value={state.backend} disabled={locked.has('backend')} onChange={(backend) => setState({ backend })} label="Engine" wasmText="WASM (CPU)" />
      )}
    </div>
  );
}
