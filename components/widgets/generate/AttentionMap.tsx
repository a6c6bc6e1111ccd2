'use client';
/**
 * One head's attention probabilities from the ONNX graph's attnProbs tap, as a lower-triangular
 * heatmap (row = query token, column = the earlier token it attends to), rows labelled on the
 * left and key tokens labelled under the columns (rotated; every n-th when cells are small).
 * React SVG; D3 scales in layout.ts. Only the last WINDOW positions are drawn, so cells stay big
 * enough to see. Each cell and label has a <title> tooltip with the full tokens.
 */
import { useId, useMemo } from 'react';
import { labelIndices, layoutHeatmap } from './layout';
import { headMatrix, type Attention } from './steps';
import { useWidth } from '@/components/ui/useWidth';
import { showToken } from '@/components/viz/show-token';

export const WINDOW = 24;
/** Height reserved under the map for the rotated key labels (9 characters at 60°). */
const COL_LABEL_H = 62;
const SIN60 = Math.sin(Math.PI / 3);

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
  const fontSize = Math.max(9, Math.min(12, view.cellSize * 0.9));
  const { row0, col0, n: shown } = view.window;
  const rowLabels = labelIndices(shown, view.cellSize, fontSize * 1.15);
  const colLabels = labelIndices(shown, view.cellSize, (fontSize * 1.15) / SIN60);
  return (
    <figure className="gen-figure" ref={ref}>
      <figcaption>
        Attention of layer {l} head {h}: each row is a token (query), each column an earlier token (key) it can look at; darker = more attention.
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
      <svg className="gen-heatmap" width={labelW + size} height={size + COL_LABEL_H} data-cells={view.cells.length} data-tokens={attention.T} data-window={view.window.n} role="img"
        aria-label={`Attention map of layer ${l} head ${h} over ${view.window.n} tokens${strongest.value >= 0 ? `; strongest off-diagonal weight ${strongest.value.toFixed(2)} from ${label(strongest.row)} to ${label(strongest.col)}` : ''}`}>
        {rowLabels.map((i) => (
          <text key={`r${i}`} x={labelW - 4} y={(i + 0.5) * view.cellSize} dy="0.35em" textAnchor="end" className="gen-heat-label" fontSize={fontSize}>
            <title>{`query ${row0 + i}: ${label(row0 + i)}`}</title>
            {short(label(row0 + i))}
          </text>
        ))}
        {colLabels.map((j) => (
          <text key={`c${j}`} transform={`translate(${labelW + (j + 0.5) * view.cellSize + fontSize * 0.3} ${size + 6}) rotate(-60)`} textAnchor="end"
            className="gen-heat-label gen-heat-col" fontSize={fontSize}>
            <title>{`key ${col0 + j}: ${label(col0 + j)}`}</title>
            {short(label(col0 + j))}
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
