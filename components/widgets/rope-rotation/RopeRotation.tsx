'use client';
/** RoPE on one pair: the query and key arrows turn with their positions; q·k follows m − n. */
import { useId } from 'react';
import type { WidgetProps } from '../types';
import type { RopeRotationState } from './index';
import { degrees, HS, pairView } from './layout';
import '../positions-extend/positions.css';

const R = 86; // leaves room inside the 220-px box for the q / k labels at R + 14
const C = 110;

export default function RopeRotation({ state, setState, hidden, locked }: WidgetProps<RopeRotationState>) {
  const id = useId();
  const v = pairView(state.m, state.n, state.pair);
  const show = (k: string) => !hidden.has(k);
  const slider = (key: 'm' | 'n' | 'pair', label: string, max: number, text: string) => show(key) && (
    <div className="control px-factor">
      <label htmlFor={`${id}-${key}`}>{label} <output htmlFor={`${id}-${key}`}>{text}</output></label>
      <input id={`${id}-${key}`} type="range" min={0} max={max} step={1} value={state[key]} disabled={locked.has(key)}
        onChange={(e) => setState({ [key]: Number(e.target.value) })} />
    </div>
  );
  const arrow = (p: [number, number], cls: string, label: string) => {
    const x = C + p[0] * R, y = C - p[1] * R;
    return (
      <g className={cls}>
        <line x1={C} y1={C} x2={x} y2={y} markerEnd={`url(#${id}-${cls})`} />
        <text x={C + p[0] * (R + 14)} y={C - p[1] * (R + 14)} textAnchor="middle" dy="0.35em">{label}</text>
      </g>
    );
  };
  const canShift = state.m < 300 && state.n < 300 && !locked.has('m') && !locked.has('n');
  return (
    <div className="px rr">
      <div className="controls px-controls">
        {slider('m', 'Query position m', 300, String(state.m))}
        {slider('n', 'Key position n', 300, String(state.n))}
        {slider('pair', 'Pair j', HS / 2 - 1, `${state.pair} (θ = ${v.theta.toPrecision(3)})`)}
      </div>
      <div className="rr-body">
        <svg width={2 * C} height={2 * C} viewBox={`0 0 ${2 * C} ${2 * C}`} role="img" className="rr-svg"
          aria-label={`Pair ${state.pair}: query turned ${degrees(v.angleQ).toFixed(0)}°, key turned ${degrees(v.angleK).toFixed(0)}°, dot product ${v.dot.toFixed(3)}.`}>
          <defs>
            {['rr-q', 'rr-k'].map((c) => (
              <marker key={c} id={`${id}-${c}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse" className={c}>
                <path d="M0,0 L10,5 L0,10 z" />
              </marker>
            ))}
          </defs>
          <circle cx={C} cy={C} r={R} className="rr-circle" />
          <line x1={C - R} x2={C + R} y1={C} y2={C} className="rr-circle" />
          <line y1={C - R} y2={C + R} x1={C} x2={C} className="rr-circle" />
          {arrow(v.q, 'rr-q', 'q')}
          {arrow(v.k, 'rr-k', 'k')}
        </svg>
        <dl className="rr-stats">
          <div><dt>Query turned by m·θ</dt><dd>{state.m} × {v.theta.toPrecision(3)} = {v.angleQ.toFixed(2)} rad</dd></div>
          <div><dt>Key turned by n·θ</dt><dd>{state.n} × {v.theta.toPrecision(3)} = {v.angleK.toFixed(2)} rad</dd></div>
          <div><dt>One full turn takes</dt><dd>{v.wavelength < 1e4 ? v.wavelength.toFixed(1) : v.wavelength.toExponential(2)} positions</dd></div>
          <div><dt>q·k of this pair</dt><dd data-dot={v.dot.toFixed(6)}><b>{v.dot.toFixed(4)}</b></dd></div>
          <div><dt>Same with m − n = {state.m - state.n} and n = 0</dt><dd data-dot-shifted={v.dotShifted.toFixed(6)}>{v.dotShifted.toFixed(4)}</dd></div>
        </dl>
      </div>
      <div className="px-actions">
        <button type="button" className="btn" disabled={!canShift} onClick={() => setState({ m: state.m + 1, n: state.n + 1 })}>
          Move both one position later
        </button>
        <span className="px-small muted">Both arrows turn, the angle between them does not, so q·k stays the same.</span>
      </div>
      <details className="hint">
        <summary>Data table</summary>
        <table>
          <thead><tr><th scope="col">Vector</th><th scope="col">Position</th><th scope="col">Angle (rad)</th><th scope="col">x</th><th scope="col">y</th></tr></thead>
          <tbody>
            <tr><th scope="row">q</th><td>{state.m}</td><td>{v.angleQ.toFixed(4)}</td><td>{v.q[0].toFixed(4)}</td><td>{v.q[1].toFixed(4)}</td></tr>
            <tr><th scope="row">k</th><td>{state.n}</td><td>{v.angleK.toFixed(4)}</td><td>{v.k[0].toFixed(4)}</td><td>{v.k[1].toFixed(4)}</td></tr>
          </tbody>
        </table>
      </details>
    </div>
  );
}
