/**
 * Structured pruning of MLP neurons. In a SwiGLU MLP
 *
 *   MLP(x) = W2 · (silu(W1 x) ⊙ (W3 x))      W1, W3 [F, C], W2 [C, F]
 *
 * neuron j is row j of W1 and of W3 and column j of W2: its contribution to the output is
 * silu(W1[j]·x) (W3[j]·x) W2[:, j]. Zeroing the three removes the neuron exactly (silu(0)·0 = 0),
 * and a smaller dense matrix [F − k, C] could hold what is left: structured zeros save bytes and
 * time with ordinary dense kernels.
 *
 * Importance score (weights only, no data): ‖W1[j]‖ · ‖W3[j]‖ · ‖W2[:, j]‖, a bound on how large
 * the neuron's contribution can get per unit of input (up to silu's slope). Each layer loses
 * round(s · F) neurons, lowest score first (ties: lower index first).
 * Example: W1 = W3 = I₂, W2 = diag(1, 3) → scores 1 and 3; s = 0.5 removes neuron 0.
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from './magnitude';

const rowNorm = (t: Tensor, r: number): number => {
  const C = t.shape[1];
  let s = 0;
  for (let c = 0; c < C; c++) s += t.data[r * C + c] ** 2;
  return Math.sqrt(s);
};
const colNorm = (t: Tensor, c: number): number => {
  const [R, C] = t.shape;
  let s = 0;
  for (let r = 0; r < R; r++) s += t.data[r * C + c] ** 2;
  return Math.sqrt(s);
};

/** Scores [F] of one layer's MLP neurons. */
export function neuronScores(cfg: TransformerConfig, w: WeightMap, layer: number): Float64Array {
  const p = `blocks.${layer}.mlp`;
  const w1 = w.get(`${p}.w1.weight`)!;
  const w2 = w.get(`${p}.w2.weight`)!;
  const w3 = cfg.mlp === 'swiglu' ? w.get(`${p}.w3.weight`)! : null;
  return Float64Array.from({ length: cfg.dFF }, (_, j) => rowNorm(w1, j) * (w3 ? rowNorm(w3, j) : 1) * colNorm(w2, j));
}

/** Removes round(s · F) neurons in every layer, lowest score first. */
export function pruneNeurons(cfg: TransformerConfig, w: WeightMap, s: number): { weights: Map<string, Tensor>; pruned: number[][] } {
  if (!(s >= 0 && s <= 1)) throw new Error(`pruneNeurons: fraction ${s} outside [0, 1]`);
  const out = new Map(w);
  const pruned: number[][] = [];
  const k = Math.round(s * cfg.dFF);
  for (let l = 0; l < cfg.nLayer; l++) {
    const sc = neuronScores(cfg, w, l);
    const order = Array.from(sc.keys()).sort((a, b) => sc[a] - sc[b] || a - b).slice(0, k);
    pruned.push(order.sort((a, b) => a - b));
    const p = `blocks.${l}.mlp`;
    for (const m of cfg.mlp === 'swiglu' ? ['w1', 'w3'] : ['w1']) {
      const t = w.get(`${p}.${m}.weight`)!;
      const data = Float32Array.from(t.data);
      const C = t.shape[1];
      for (const j of order) data.fill(0, j * C, (j + 1) * C);
      out.set(`${p}.${m}.weight`, { data, shape: [...t.shape] });
    }
    const t2 = w.get(`${p}.w2.weight`)!;
    const d2 = Float32Array.from(t2.data);
    const [R, F] = t2.shape;
    for (let r = 0; r < R; r++) for (const j of order) d2[r * F + j] = 0;
    out.set(`${p}.w2.weight`, { data: d2, shape: [...t2.shape] });
  }
  return { weights: out, pruned };
}
