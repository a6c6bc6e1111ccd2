/**
 * Magnitude pruning (Han, Pool, Tran & Dally 2015, "Learning both Weights and Connections for
 * Efficient Neural Networks"): set to zero the weights with the smallest |w| until a fraction s
 * of them is zero. Unstructured: any single weight may go, so the matrix keeps its shape and only
 * gains zeros.
 *
 *   per-matrix: each matrix loses round(s · its size) weights (every matrix equally sparse)
 *   global:     one threshold over all the matrices together (round(s · total) weights); a
 *               matrix of small weights loses more than one of large weights
 *
 * Which weights: the Linear matrices of attention (wq, wk, wv, wo) and of the MLP (w1, w2, w3).
 * Not pruned: norms (tiny), and the token embedding, which in `lm` is also the output layer
 * (tied), so zeroing it would delete rows of the vocabulary.
 *
 * Ties at the threshold are broken by position (the first ones found go), so exactly k weights
 * become zero. Example: [[0.5, −0.1], [0.3, −0.2]] at s = 0.5 → [[0.5, 0], [0.3, 0]].
 * Han et al. retrain after pruning; here nothing is retrained (one-shot), so the loss shows
 * what pruning alone does.
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';

export type WeightMap = ReadonlyMap<string, Tensor>;

/** The prunable Linear weights of a dense-attention transformer, in layer order. */
export function prunableNames(cfg: TransformerConfig): string[] {
  const out: string[] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    for (const m of ['wq', 'wk', 'wv', 'wo']) out.push(`blocks.${l}.attn.${m}.weight`);
    for (const m of cfg.mlp === 'swiglu' ? ['w1', 'w3', 'w2'] : ['w1', 'w2']) out.push(`blocks.${l}.mlp.${m}.weight`);
  }
  return out;
}

/** Indices of the k entries of smallest |value| (ties: lower index first). */
export function smallestK(values: Float32Array, k: number): Uint32Array {
  const n = values.length;
  if (k <= 0) return new Uint32Array(0);
  if (k >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  const idx = Uint32Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => Math.abs(values[a]) - Math.abs(values[b]) || a - b);
  return idx.subarray(0, k);
}

const copy = (w: WeightMap): Map<string, Tensor> => new Map([...w].map(([k, t]) => [k, t]));

/** Unstructured magnitude pruning of `names` to sparsity s ∈ [0, 1]; returns a new map (other tensors shared). */
export function magnitudePrune(weights: WeightMap, names: readonly string[], s: number, scope: 'per-matrix' | 'global' = 'per-matrix'): Map<string, Tensor> {
  if (!(s >= 0 && s <= 1)) throw new Error(`magnitudePrune: sparsity ${s} outside [0, 1]`);
  const out = copy(weights);
  const mats = names.map((n) => {
    const t = weights.get(n);
    if (!t) throw new Error(`magnitudePrune: no weight "${n}"`);
    return { name: n, t };
  });
  if (scope === 'per-matrix') {
    for (const { name, t } of mats) {
      const data = Float32Array.from(t.data);
      for (const i of smallestK(t.data, Math.round(s * data.length))) data[i] = 0;
      out.set(name, { data, shape: [...t.shape] });
    }
    return out;
  }
  const total = mats.reduce((a, m) => a + m.t.data.length, 0);
  const all = new Float32Array(total);
  let off = 0;
  for (const { t } of mats) {
    all.set(t.data, off);
    off += t.data.length;
  }
  for (const i of smallestK(all, Math.round(s * total))) all[i] = 0;
  off = 0;
  for (const { name, t } of mats) {
    out.set(name, { data: all.slice(off, off + t.data.length), shape: [...t.shape] });
    off += t.data.length;
  }
  return out;
}
