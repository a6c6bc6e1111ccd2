/**
 * Pure data of the logit-lens widget (compute here, render in React):
 *
 *   visible(s)                   a token's text with spaces and line breaks made visible (showToken)
 *   pickPos(pos, T)              URL position → 0..T-1
 *   shade(p)                     cell opacity √p, so that small probabilities stay visible
 *   gridRows(cells, trace, text) stream point × position: top-1 token, its p, whether it is the
 *                                model's final answer at that position
 *   topkRows(cells, trace, t)    stream point × rank for one position, with the final token's rank
 *   moveCell(cur, key, N, T)     arrow keys / Home / End over the grid
 *
 * Example: shade(0.25) = 0.5; visible(' of\n') = '␣of⏎'; moveCell({point: 0, pos: 0}, 'ArrowUp', 9, 4)
 * → {point: 1, pos: 0} (rows are drawn with the last block on top, so Up goes deeper).
 */
import { showToken } from '@/components/viz/show-token';
import { streamLabel, type FinalTrace, type LensCell } from '@/lib/interp/lens-readout';

export const visible = showToken;

export const pickPos = (pos: number, T: number): number => Math.max(0, Math.min(T - 1, Math.floor(pos)));

export const shade = (p: number): number => Math.sqrt(Math.max(0, Math.min(1, p)));

export interface GridCell {
  point: number;
  pos: number;
  text: string;
  p: number;
  opacity: number;
  /** The top-1 here is the model's final top-1 at this position. */
  final: boolean;
  label: string;
}

export interface GridRow {
  point: number;
  label: string;
  cells: GridCell[];
}

/** Rows from the last stream point (the model's output) down to the embedding. */
export function gridRows(cells: readonly LensCell[][], trace: readonly FinalTrace[][], text: (id: number) => string, inputs: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  for (let i = cells.length - 1; i >= 0; i--) {
    rows.push({
      point: i,
      label: i === 0 ? 'emb' : String(i - 1),
      cells: cells[i].map((c, t) => {
        const tok = visible(text(c.ids[0]));
        const p = c.probs[0];
        const final = trace[i][t].rank === 1;
        return {
          point: i, pos: t, text: tok, p, opacity: shade(p), final,
          label: `${streamLabel(i)}, position ${t} (${visible(inputs[t] ?? '')}): top token ${tok}, p = ${p.toFixed(3)}${final ? ', the model\'s final answer' : ''}`,
        };
      }),
    });
  }
  return rows;
}

export interface TopkRow {
  point: number;
  label: string;
  top: { text: string; p: number; opacity: number; final: boolean }[];
  finalRank: number;
  finalP: number;
}

/** For position t: each stream point's top-k, and the rank and p of the model's final top-1 there. */
export function topkRows(cells: readonly LensCell[][], trace: readonly FinalTrace[][], t: number, text: (id: number) => string): TopkRow[] {
  return cells.map((row, i) => ({
    point: i,
    label: streamLabel(i),
    top: row[t].ids.map((id, j) => ({ text: visible(text(id)), p: row[t].probs[j], opacity: shade(row[t].probs[j]), final: id === trace[i][t].id })),
    finalRank: trace[i][t].rank,
    finalP: trace[i][t].prob,
  })).reverse();
}

export interface Cur {
  point: number;
  pos: number;
}

/** Arrow keys over the grid; rows show the last stream point on top, so ArrowUp goes deeper. */
export function moveCell(cur: Cur, key: string, N: number, T: number): Cur | null {
  const c = (point: number, pos: number): Cur => ({ point: Math.max(0, Math.min(N - 1, point)), pos: Math.max(0, Math.min(T - 1, pos)) });
  switch (key) {
    case 'ArrowUp': return c(cur.point + 1, cur.pos);
    case 'ArrowDown': return c(cur.point - 1, cur.pos);
    case 'ArrowLeft': return c(cur.point, cur.pos - 1);
    case 'ArrowRight': return c(cur.point, cur.pos + 1);
    case 'Home': return c(cur.point, 0);
    case 'End': return c(cur.point, T - 1);
    case 'PageUp': return c(N - 1, cur.pos);
    case 'PageDown': return c(0, cur.pos);
    default: return null;
  }
}
