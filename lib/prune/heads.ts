/**
 * Structured pruning of attention heads (Michel, Levy & Neubig 2019, "Are Sixteen Heads Really
 * Better than One?"): remove whole query heads, so whole rows and columns go.
 *
 * In a layer, query head h owns rows h·hs … (h+1)·hs − 1 of wq [nh·hs, C] (its query) and the
 * same columns of wo [C, nh·hs] (what it writes back to the residual stream). Zeroing its wo
 * columns removes its output exactly (its attention still runs, but is multiplied by 0); zeroing
 * its wq rows as well makes those rows dead weight that a smaller matrix could drop.
 *
 * GQA: `lm` has nh = 4 query heads and nkv = 2 kv heads; query head h reads kv head ⌊h / g⌋ with
 * g = nh / nkv = 2. A kv head's rows of wk and wv can go only when every query head of its group
 * is pruned; otherwise the surviving query head still needs them. So pruning query heads is the
 * unit; kv rows follow when a whole group is gone.
 *
 * Which heads: Michel et al. rank by a gradient-based importance on data; here, without data or
 * gradients, the score is the Frobenius norm of the head's wo columns, ‖wo[:, head h]‖ (how much
 * the head can write). Heads are ranked across all layers together (`lm`: 32 heads), so a
 * fraction s removes round(s · nLayer · nh) heads, smallest scores first.
 */
import type { Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from './magnitude';

export interface HeadRef { layer: number; head: number; score: number }

/** ‖wo[:, h·hs:(h+1)·hs]‖_F for every query head, layer-major. */
export function headScores(cfg: TransformerConfig, w: WeightMap): HeadRef[] {
  const hs = cfg.dModel / cfg.nHead;
  const out: HeadRef[] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    const wo = w.get(`blocks.${l}.attn.wo.weight`)!; // [C, nh·hs]
    const [C, D] = wo.shape;
    for (let h = 0; h < cfg.nHead; h++) {
      let s = 0;
      for (let r = 0; r < C; r++) for (let j = h * hs; j < (h + 1) * hs; j++) s += wo.data[r * D + j] ** 2;
      out.push({ layer: l, head: h, score: Math.sqrt(s) });
    }
  }
  return out;
}

/** The n lowest-scoring heads (ties: earlier layer, then lower head first). */
export function headsToPrune(scores: readonly HeadRef[], n: number): HeadRef[] {
  return [...scores].sort((a, b) => a.score - b.score || a.layer - b.layer || a.head - b.head).slice(0, Math.max(0, n));
}

function zeroRows(t: Tensor, from: number, to: number): Tensor {
  const [, C] = t.shape;
  const data = Float32Array.from(t.data);
  data.fill(0, from * C, to * C);
  return { data, shape: [...t.shape] };
}

function zeroCols(t: Tensor, from: number, to: number): Tensor {
  const [R, C] = t.shape;
  const data = Float32Array.from(t.data);
  for (let r = 0; r < R; r++) data.fill(0, r * C + from, r * C + to);
  return { data, shape: [...t.shape] };
}

/** Zeros the given query heads (wq rows, wo columns) and the kv heads whose whole group is gone. */
export function pruneHeadSet(cfg: TransformerConfig, w: WeightMap, heads: readonly { layer: number; head: number }[]): Map<string, Tensor> {
  const hs = cfg.dModel / cfg.nHead;
  const g = cfg.nHead / cfg.nKvHead;
  const out = new Map(w);
  for (let l = 0; l < cfg.nLayer; l++) {
    const gone = new Set(heads.filter((x) => x.layer === l).map((x) => x.head));
    if (!gone.size) continue;
    const p = `blocks.${l}.attn`;
    let wq = out.get(`${p}.wq.weight`)!;
    let wo = out.get(`${p}.wo.weight`)!;
    for (const h of gone) {
      wq = zeroRows(wq, h * hs, (h + 1) * hs);
      wo = zeroCols(wo, h * hs, (h + 1) * hs);
    }
    out.set(`${p}.wq.weight`, wq);
    out.set(`${p}.wo.weight`, wo);
    for (let kv = 0; kv < cfg.nKvHead; kv++) {
      let all = true;
      for (let h = kv * g; h < (kv + 1) * g; h++) all &&= gone.has(h);
      if (!all) continue;
      for (const m of ['wk', 'wv']) out.set(`${p}.${m}.weight`, zeroRows(out.get(`${p}.${m}.weight`)!, kv * hs, (kv + 1) * hs));
    }
  }
  return out;
}

/** Removes a fraction s ∈ [0, 1] of all query heads, lowest ‖wo‖ first. */
export function pruneHeads(cfg: TransformerConfig, w: WeightMap, s: number): { weights: Map<string, Tensor>; pruned: HeadRef[] } {
  if (!(s >= 0 && s <= 1)) throw new Error(`pruneHeads: fraction ${s} outside [0, 1]`);
  const pruned = headsToPrune(headScores(cfg, w), Math.round(s * cfg.nLayer * cfg.nHead));
  return { weights: pruneHeadSet(cfg, w, pruned), pruned };
}
