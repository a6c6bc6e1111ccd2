'use client';
/** lm's 16 RoPE wavelengths before and after PI / NTK-aware / YaRN, and YaRN's attention factor. */
import { useMemo } from 'react';
import { LineChart } from '@/components/viz/LineChart';
import type { WidgetProps } from '../types';
import type { RopeSpectrumState } from './index';
import { powerLabel, spectrumView, TRAIN } from './layout';
import { RULE_NAMES, RuleControls } from './RuleControls';
import '../positions-extend/positions.css';

const fmt = (x: number) => (x < 1e4 ? x.toFixed(1) : x.toExponential(2));

export default function RopeSpectrum({ state, setState, hidden, locked }: WidgetProps<RopeSpectrumState>) {
  const v = useMemo(() => spectrumView(state.rule, state.factor), [state.rule, state.factor]);
  const inside = v.rows.filter((r) => r.scaledWavelength <= TRAIN).length;
  return (
    <div className="px">
      <RuleControls rule={state.rule} factor={state.factor} set={setState} hidden={hidden} locked={locked} />
      <LineChart series={v.series} xDomain={[0, 15]} xLabel="pair j" yLabel="tokens per full turn (log scale)" height={260}
        yTickFormat={powerLabel} summary={`Wavelengths of lm's 16 RoPE pairs, ${RULE_NAMES[state.rule]}${state.rule === 'none' ? '' : ` with s = ${state.factor}`}: from ${fmt(v.rows[0].scaledWavelength)} to ${fmt(v.rows[15].scaledWavelength)} tokens.`} />
      <p className="px-small" data-inside={inside} data-scale={v.attentionScale.toFixed(6)}>
        {inside} of 16 pairs turn at least once within 256 tokens after the rule.
        {state.rule === 'yarn' && ` YaRN also multiplies q and k by 0.1·ln s + 1 = ${v.attentionScale.toFixed(3)}, so every attention logit by ${(v.attentionScale ** 2).toFixed(3)}.`}
      </p>
      <details className="hint">
        <summary>Data table</summary>
        <div className="px-table-wrap" tabIndex={0} role="region" aria-label="RoPE frequencies per pair">
          <table>
            <thead><tr><th scope="col">j</th><th scope="col">θ_j</th><th scope="col">θ′_j</th><th scope="col">λ_j (tokens)</th><th scope="col">λ′_j</th><th scope="col">turns in 256</th></tr></thead>
            <tbody>
              {v.rows.map((r) => (
                <tr key={r.j}><th scope="row">{r.j}</th><td>{r.theta.toPrecision(4)}</td><td>{r.scaled.toPrecision(4)}</td>
                  <td>{fmt(r.wavelength)}</td><td>{fmt(r.scaledWavelength)}</td><td>{r.turns.toPrecision(3)}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
