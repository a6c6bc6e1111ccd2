/**
 * A live scaling mini-experiment: several tiny character-level Transformers of different widths,
 * each trained from scratch for the SAME compute budget C, so a smaller model sees more tokens:
 *
 *   tokens D = C / (6 N)            (Kaplan et al. 2020, §2.1: C ≈ 6ND; N = every weight here,
 *                                    embeddings included; the attention scores are left out)
 *   steps    = ⌊D / T⌋              one window of T + 1 characters per step (T = window)
 *
 * Each model: 2 layers, 2 heads, width d, MLP 4d (GELU), RMSNorm, RoPE, tied embeddings, the lab's
 * own lib/model + lib/train (eager TypeScript, float32), AdamW (weight decay 0) under warm-up +
 * cosine decay planned for ITS OWN number of steps (the schedule Hoffmann et al. 2022 §3 say a
 * fixed-length schedule gets wrong), gradients clipped to norm 1. Every model draws its windows
 * from one seeded stream and starts from seeded weights, so a seed gives the same numbers every run.
 * The held-out loss (nats per character) is the mean over fixed windows of a text the models never
 * train on, measured at `evals` points along each run: the loss-vs-compute curves.
 *
 * Characters: the text is lower-cased; the 26 letters, space, newline and . , ; : ' " ! ? - each
 * get an id, everything else shares one id (vocabulary 38).
 *
 * Example: C = 1e9, d = 8 → N = 1,880, D = ⌊1e9 / 11,280⌋ = 88,652 tokens, 1,385 steps of 64.
 *
 * The default widths 8, 12, 16, 24 (N ≈ 1.9k … 15k) bracket the size the 20-tokens rule gives for
 * C = 1e9 (√(C / 120) ≈ 2,900), so at that budget the final losses can trace a valley: an IsoFLOP
 * profile (Hoffmann et al. 2022, §3.2, Approach 2), to which fitIsoFlop fits a parabola in ln N.
 */
import { ids, mulberry32 } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { paramCount, randomWeights } from '@/lib/model/init';
import { AdamW, crossEntropy, modelLogits, trainStep, warmupCosine } from '@/lib/train';
import type { Tensor } from '@/lib/tensor';

export const LIVE_ALPHABET = "abcdefghijklmnopqrstuvwxyz \n.,;:'\"!?-";
/** Vocabulary: the alphabet plus one id for every other character. */
export const LIVE_VOCAB = LIVE_ALPHABET.length + 1;

/** Lower-cases and maps each character to its id (others → LIVE_VOCAB − 1). */
export function charIds(text: string): number[] {
  const out: number[] = [];
  for (const ch of text.toLowerCase()) {
    const i = LIVE_ALPHABET.indexOf(ch);
    out.push(i < 0 ? LIVE_VOCAB - 1 : i);
  }
  return out;
}

export const LIVE_WIDTHS = [8, 12, 16, 24] as const;

export function liveConfig(d: number, window: number): TransformerConfig {
  return {
    vocabSize: LIVE_VOCAB, contextLength: window, nLayer: 2, dModel: d, nHead: 2, nKvHead: 2, dFF: 4 * d,
    norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'gelu', tiedEmbeddings: true, bias: false,
  };
}

export interface LivePlan {
  d: number;
  cfg: TransformerConfig;
  /** N: every weight. */
  params: number;
  /** ⌊C / 6N⌋ */
  tokens: number;
  steps: number;
}

/** What each width gets from budget C (FLOPs) with windows of T tokens. */
export function livePlan(budget: number, widths: readonly number[] = LIVE_WIDTHS, window = 64): LivePlan[] {
  return widths.map((d) => {
    const cfg = liveConfig(d, window);
    const params = paramCount(cfg);
    const tokens = Math.floor(budget / (6 * params));
    return { d, cfg, params, tokens, steps: Math.max(1, Math.floor(tokens / window)) };
  });
}

export interface LiveOptions {
  /** Training characters (ids). */
  train: readonly number[];
  /** Held-out characters (ids). */
  val: readonly number[];
  /** C in FLOPs. */
  budget: number;
  seed: number;
  widths?: readonly number[];
  window?: number;
  /** Held-out windows averaged per evaluation. */
  valWindows?: number;
  /** Evaluations per run besides step 0. */
  evals?: number;
  lrMax?: number;
  /** Standard deviation of the initial weights (norm weights start at 1). */
  initStd?: number;
}

export interface LiveEvent {
  /** Index of the model in the plan. */
  model: number;
  step: number;
  steps: number;
  /** Tokens trained on so far, and 6·N·tokens. */
  tokens: number;
  flops: number;
  /** Held-out loss when evaluated at this step, else null. */
  valLoss: number | null;
}

/** Mean next-character loss over the windows (eager forward). */
export function heldOutLoss(cfg: TransformerConfig, w: Map<string, Tensor>, windows: readonly number[][]): number {
  let total = 0;
  let count = 0;
  for (const win of windows) {
    const logits = modelLogits(new EagerOps(w), cfg, ids(win.slice(0, -1)));
    total += crossEntropy(logits as Tensor, win.slice(1)).loss * (win.length - 1);
    count += win.length - 1;
  }
  return total / count;
}

/** Runs the models one after another, yielding after every step (so a worker can report and stop). */
export function* liveExperiment(o: LiveOptions): Generator<LiveEvent, void, undefined> {
  const T = o.window ?? 64;
  const plan = livePlan(o.budget, o.widths ?? LIVE_WIDTHS, T);
  const nVal = o.valWindows ?? 6;
  const windows: number[][] = [];
  for (let s = 0; windows.length < nVal && s + T + 1 <= o.val.length; s += T) windows.push(o.val.slice(s, s + T + 1));
  if (windows.length === 0) throw new Error('the held-out text is shorter than one window');
  if (o.train.length < T + 2) throw new Error('the training text is shorter than one window');
  const evals = o.evals ?? 8;
  for (let m = 0; m < plan.length; m++) {
    const { cfg, params, steps } = plan[m];
    const w = randomWeights(cfg, (o.seed * 7919 + m) >>> 0, { std: o.initStd ?? 0.1 });
    const rng = mulberry32((o.seed ^ 0x9e3779b9) >>> 0);
    const opt = new AdamW({ weightDecay: 0 });
    const sched = { lrMax: o.lrMax ?? 1e-2, lrMin: 1e-3, warmup: Math.min(20, Math.ceil(steps / 10)), total: steps };
    const evalAt = new Set(Array.from({ length: evals }, (_, i) => Math.round(((i + 1) * steps) / evals)));
    yield { model: m, step: 0, steps, tokens: 0, flops: 0, valLoss: heldOutLoss(cfg, w, windows) };
    for (let s = 0; s < steps; s++) {
      const start = rng.int(o.train.length - T - 1);
      trainStep(w, cfg, o.train.slice(start, start + T + 1), opt, { lr: warmupCosine(sched, s), clip: 1 });
      const done = s + 1;
      const tokens = done * T;
      yield { model: m, step: done, steps, tokens, flops: 6 * params * tokens, valLoss: evalAt.has(done) ? heldOutLoss(cfg, w, windows) : null };
    }
  }
}

export interface IsoFlopFit {
  /** L ≈ a + b·x + c·x², x = ln N (least squares). */
  a: number;
  b: number;
  c: number;
  /** The parabola's minimum e^(−b / 2c) when it opens upwards (c > 0), else null. */
  nOpt: number | null;
  /** nOpt lies between the smallest and the largest N fitted. */
  inside: boolean;
}

/**
 * Hoffmann et al.'s Approach 2 on one budget: a parabola in ln N through the final losses.
 * Example: N = e^1, e^2, e^3 with L = 2, 1, 2 → L = 5 − 4x + x², minimum at x = 2, nOpt = e².
 */
export function fitIsoFlop(params: readonly number[], losses: readonly number[]): IsoFlopFit {
  const x = params.map(Math.log);
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  x.forEach((xi, i) => {
    for (let p = 0; p < 5; p++) s[p] += xi ** p;
    for (let p = 0; p < 3; p++) t[p] += losses[i] * xi ** p;
  });
  // normal equations [[s0 s1 s2] [s1 s2 s3] [s2 s3 s4]] · [a b c] = t, by Cramer's rule
  const det3 = (m: number[][]) => m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
  const M = [[s[0], s[1], s[2]], [s[1], s[2], s[3]], [s[2], s[3], s[4]]];
  const D = det3(M);
  const col = (j: number) => det3(M.map((row, i) => row.map((v, k) => (k === j ? t[i] : v))));
  const [a, b, c] = [col(0) / D, col(1) / D, col(2) / D];
  const nOpt = c > 0 ? Math.exp(-b / (2 * c)) : null;
  return { a, b, c, nOpt, inside: nOpt !== null && nOpt >= Math.min(...params) && nOpt <= Math.max(...params) };
}
