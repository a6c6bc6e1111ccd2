'use client';
/**
 * One head's attention probabilities from the ONNX graph's attnProbs tap, as a lower-triangular
 * heatmap (row = query token, column = the earlier token it attends to). React SVG; D3 scales in
 * layout.ts. Only the last WINDOW positions are drawn, so cells stay big enough to see.
 */
import { useId, useMemo } from 'react';
import { layoutHeatmap } from './layout';
import { headMatrix, type Attention } from './steps';
import { useWidth } from '@/components/ui/useWidth';
import { showToken } from './show-token';

export const WINDOW = 24;

interface Props {
  attention: Attention;
  layer: number;
  head: number;
  /** Display text of every position (prompt + generated). */
  tokens: readonly string[];
  onPick: (p: { layer?: number; head?: number }) => void;
  hidden: ReadonlySet<string>;
  locked: ReadonlySet<string>;
}

export function AttentionMap({ attention, layer, head, tokens, onPick, hidden, locked }: Props) {
  const id = useId();
  const [ref, width] = useWidth<HTMLDivElement>(480);
  const l = Math.min(layer, attention.layers.length - 1);
  const h = Math.min(head, attention.nHead - 1);
  const n = Math.min(attention.T, WINDOW);
  const labelW = width < 420 ? 60 : 84;
  const size = Math.max(120, Math.min(n * 18, width - labelW - 8));
  const view = useMemo(() => layoutHeatmap(headMatrix(attention, l, h), attention.T, attention.S, size, WINDOW), [attention, l, h, size]);
  const strongest = view.cells.reduce((a, c) => (c.value > a.value && c.row !== c.col ? c : a), { value: -1, row: 0, col: 0 });
  const label = (i: number) => showToken(tokens[i] ?? `#${i}`);
  const short = (s: string) => (s.length > 9 ? `${s.slice(0, 8)}…` : s);
  const showLabels = view.cellSize >= 9; // labelW is reserved either way: the map keeps its place
  return (
    <figure className="gen-figure" ref={ref}>
      <figcaption>
        Attention of layer {l} head {h}: each row is a token, each cell how much it looks at an earlier token (darker = more).
        {view.window.n < attention.T && ` Showing the last ${view.window.n} of ${attention.T} tokens.`}
      </figcaption>
      <div className="controls gen-pick">
        {!hidden.has('layer') && (
          <div className="control">
            <label htmlFor={`${id}-l`}>Layer</label>
            <select id={`${id}-l`} value={l} disabled={locked.has('layer')} onChange={(e) => onPick({ layer: Number(e.target.value) })}>
              {attention.layers.map((_, i) => <option key={i} value={i}>{i}</option>)}
            </select>
          </div>
        )}
        {!hidden.has('head') && (
          <div className="control">
            <label htmlFor={`${id}-h`}>Head</label>
            <select id={`${id}-h`} value={h} disabled={locked.has('head')} onChange={(e) => onPick({ head: Number(e.target.value) })}>
              {Array.from({ length: attention.nHead }, (_, i) => <option key={i} value={i}>{i}</option>)}
            </select>
          </div>
        )}
      </div>
      <svg className="gen-heatmap" width={labelW + size} height={size} data-cells={view.cells.length} data-tokens={attention.T} data-window={view.window.n} role="img"
        aria-label={`Attention map of layer ${l} head ${h} over ${view.window.n} tokens${strongest.value >= 0 ? `; strongest off-diagonal weight ${strongest.value.toFixed(2)} from ${label(strongest.row)} to ${label(strongest.col)}` : ''}`}>
        {showLabels && view.cells.filter((c) => c.col === view.window.col0).map((c) => (
          <text key={c.row} x={labelW - 4} y={c.y + view.cellSize / 2} dy="0.35em" textAnchor="end" className="gen-heat-label"
            fontSize={Math.min(12, view.cellSize * 0.9)}>
            {short(label(c.row))}
          </text>
        ))}
        <rect x={labelW} y={0} width={size} height={size} className="gen-heat-bg" />
        {view.cells.map((c) => (
          <rect key={`${c.row}-${c.col}`} x={labelW + c.x} y={c.y} width={view.cellSize} height={view.cellSize} className="gen-heat-cell" fillOpacity={c.opacity}>
            <title>{`${label(c.row)} → ${label(c.col)}: ${c.value.toFixed(3)}`}</title>
          </rect>
        ))}
      </svg>
    </figure>
  );
}
