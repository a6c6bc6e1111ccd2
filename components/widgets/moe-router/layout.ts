/**
 * Pure view data of the router widget: per layer the taps [T·E] → rows of cells, and the load
 * share per expert. Tested in test/components/widgets/moe-router/layout.test.ts.
 */
import { chosenExperts } from '@/lib/model/moe';
import { expertLoad } from '@/lib/interp/routing';

export interface LayerTaps {
  /** router probabilities and 0/1 chosen, [T·E] */
  probs: Float32Array;
  chosen: Float32Array;
}

export interface Cell {
  p: number;
  chosen: boolean;
  /** 1 = most probable chosen expert, 2 = second…; 0 = not chosen */
  rank: number;
}

/** Rows of cells for one layer: rows[t][e]. */
export function cells(t: LayerTaps, E: number): Cell[][] {
  const T = t.probs.length / E;
  const order = chosenExperts({ data: t.chosen, shape: [1, T, E] }, { data: t.probs, shape: [1, T, E] });
  return Array.from({ length: T }, (_, i) =>
    Array.from({ length: E }, (_, e) => {
      const r = order[i].indexOf(e);
      return { p: t.probs[i * E + e], chosen: r >= 0, rank: r + 1 };
    }),
  );
}

/** Share of the layer's routed slots each expert took (sums to 1), and the raw counts. */
export function loadShares(t: LayerTaps, E: number): { counts: number[]; shares: number[] } {
  const counts = expertLoad(t.chosen, E);
  const total = counts.reduce((a, b) => a + b, 0);
  return { counts, shares: counts.map((c) => (total ? c / total : 0)) };
}

/** Cell fill opacity for a probability: 0.08 floor so an empty cell stays visible. */
export const cellOpacity = (p: number): number => 0.08 + 0.92 * Math.max(0, Math.min(1, p));

export const pct = (x: number, digits = 0): string => `${(x * 100).toFixed(digits)}%`;
