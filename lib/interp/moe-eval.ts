/**
 * Re-running lm-moe with a different top-k or capacity factor, no retraining (the MoE lesson's
 * "what changes" view). The router, experts and weights stay as trained; only cfg.moe.topK and
 * cfg.moe.capacityFactor change, which the model code (lib/model/moe.ts) reads at build time.
 * Runs the eager TS reference (lib/model/eager.ts) — the same math the ONNX graphs are tested
 * against — one window of at most contextLength tokens per call, so a worker can report progress.
 */
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { eagerStep } from '@/lib/model/kvcache';
import { loadBalancingLoss, moeCost } from '@/lib/model/moe';
import { names } from '@/lib/model/names';
import { paramCount } from '@/lib/model/init';
import { ids as idsTensor, type Tensor } from '@/lib/tensor';
import { droppedShare, expertLoad, meanNextTokenLoss } from './routing';

export interface MoeSetting {
  k: number;
  /** null = no capacity limit */
  capacityFactor: number | null;
}

/** The config with another k / capacity factor (k is clamped to 1..E). */
export function withSetting(cfg: TransformerConfig, s: MoeSetting): TransformerConfig {
  if (!cfg.moe) throw new Error('withSetting needs a MoE config');
  const k = Math.max(1, Math.min(cfg.moe.experts, Math.round(s.k)));
  const moe = { ...cfg.moe, topK: k };
  if (s.capacityFactor === null) delete moe.capacityFactor;
  else moe.capacityFactor = s.capacityFactor;
  return { ...cfg, moe };
}

export interface WindowResult {
  /** Σ −ln p over the window's predicted positions, and how many (T − 1). */
  nllSum: number;
  predicted: number;
  /** Per layer [T·E] chosen (top-k, before capacity) and dropped (0 without capacity). */
  chosen: Float32Array[];
  dropped: Float32Array[];
  /** Per layer Switch load-balancing loss of this window (lib/model/moe.ts, loadBalancingLoss). */
  balance: number[];
}

/** One window (≤ contextLength tokens) through lm-moe with setting s. */
export function evalWindow(cfg: TransformerConfig, weights: WeightMap, window: readonly number[], s: MoeSetting): WindowResult {
  const c = withSetting(cfg, s);
  const { logits, trace } = eagerStep(c, weights, idsTensor([...window]), undefined, (n) => n.includes('.moe.'));
  const V = cfg.vocabSize;
  const loss = meanNextTokenLoss(logits.data, window, V);
  const chosen: Float32Array[] = [];
  const dropped: Float32Array[] = [];
  const balance: number[] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    const ch = trace.get(names.moeChosen(l)) as Tensor;
    const pr = trace.get(names.moeRouterProbs(l)) as Tensor;
    const dr = trace.get(names.moeDropped(l)) as Tensor | undefined;
    chosen.push(Float32Array.from(ch.data));
    dropped.push(dr ? Float32Array.from(dr.data) : new Float32Array(ch.data.length));
    balance.push(loadBalancingLoss(pr, ch, c.moe!.topK));
  }
  return { nllSum: loss * (window.length - 1), predicted: window.length - 1, chosen, dropped, balance };
}

/** Cut tokens into consecutive windows of `size` (the last may be shorter; windows of < 2 tokens are dropped). */
export function windows(tokens: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < tokens.length; i += size) {
    const w = tokens.slice(i, i + size);
    if (w.length >= 2) out.push(w);
  }
  return out;
}

export interface MoeSummary {
  loss: number;
  predicted: number;
  /** per layer: share of routed slots dropped, slots per expert, mean balance loss over windows */
  dropped: number[];
  load: number[][];
  balance: number[];
}

/** Combine window results: loss over all predicted positions, per-layer dropped share and load. */
export function summarize(results: readonly WindowResult[], E: number): MoeSummary {
  const L = results[0]?.chosen.length ?? 0;
  const nll = results.reduce((a, r) => a + r.nllSum, 0);
  const predicted = results.reduce((a, r) => a + r.predicted, 0);
  const cat = (f: (r: WindowResult) => Float32Array) => {
    const parts = results.map(f);
    const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of parts) out.set(p, (o += p.length) - p.length);
    return out;
  };
  const dropped: number[] = [];
  const load: number[][] = [];
  const balance: number[] = [];
  for (let l = 0; l < L; l++) {
    const ch = cat((r) => r.chosen[l]);
    dropped.push(droppedShare(cat((r) => r.dropped[l]), ch));
    load.push(expertLoad(ch, E));
    balance.push(results.reduce((a, r) => a + r.balance[l], 0) / results.length);
  }
  return { loss: nll / predicted, predicted, dropped, load, balance };
}

export interface ModelCost {
  /** every parameter, and those one token uses (unchosen experts excluded) */
  total: number;
  active: number;
  /** expert-MLP FLOPs per token, all MoE layers: every expert (the browser graph) vs only the top-k (true sparse routing) */
  flopsDenseMix: number;
  flopsSparse: number;
}

/** Whole-model accounting of a MoE config from lib/model/moe.ts moeCost (× the MoE layers). */
export function moeModelCost(cfg: TransformerConfig): ModelCost {
  const total = paramCount(cfg);
  if (!cfg.moe) return { total, active: total, flopsDenseMix: 0, flopsSparse: 0 };
  const layers = cfg.moe.layers?.length ?? cfg.nLayer;
  const c = moeCost(cfg);
  return {
    total,
    active: total - layers * (c.expertParams - c.activeExpertParams),
    flopsDenseMix: layers * c.flopsDenseMix,
    flopsSparse: layers * c.flopsSparse,
  };
}
