/**
 * A LoRA fine-tune of a Transformer on one text, as a generator that yields after every step so
 * a Web Worker (or a test) can report progress, draw the loss curve, and stop at any time:
 *
 *   const run = loraFinetune({ cfg, base, tokens, lora: { r: 8, alpha: 16, targets: ['wq', 'wv'] } });
 *   for (const rep of run) { post(rep); if (cancelled) break; }     // rep.loss, rep.valLoss, rep.lr
 *   const adapters = run.adapters;                                  // A, B tensors (safetensors names)
 *
 * Data: the text's tokens split into train (the first 1 − valFraction) and validation (the rest).
 * Each step trains on one window of `window` + 1 tokens drawn (seeded) from the train part:
 * next-token cross-entropy, gradients for A and B only (the base is frozen), clipping by global
 * norm 1, AdamW without weight decay under a warm-up + cosine schedule (lib/train). Every
 * `evalEvery` steps (and at step 0) the validation loss is the mean over fixed windows of the
 * held-out part, computed eagerly with the adapters in place.
 */
import { ids, mulberry32, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import type { Ops } from '@/lib/model/ops';
import { writeSafetensors } from '@/lib/model/safetensors';
import { AdamW, crossEntropy, modelLogits, trainStep, warmupCosine, type Var } from '@/lib/train';
import { initLora, isLoraName, withAdapters, type LoraConfig } from './lora';
import { LoraOps } from './lora-ops';

export interface FinetuneOptions {
  cfg: TransformerConfig;
  /** Frozen base weights (never modified). */
  base: WeightMap;
  /** The whole text as token ids. */
  tokens: readonly number[];
  lora: LoraConfig;
  seed?: number;
  /** Tokens per training window (default 64, capped by the model's context). */
  window?: number;
  steps?: number;
  lrMax?: number;
  warmup?: number;
  /** Share of the tokens held out for validation (default 0.1). */
  valFraction?: number;
  evalEvery?: number;
  /** At most this many validation windows (default 4). */
  valWindows?: number;
}

export interface FinetuneReport {
  /** Steps done so far (0 = before any update). */
  step: number;
  /** Training loss of this step's window before its update (NaN at step 0). */
  loss: number;
  /** Held-out loss, when evaluated at this step. */
  valLoss: number | null;
  lr: number;
  gradNorm: number;
}

/** Windows of length ≤ w + 1 covering `tokens` (the last one may be shorter, ≥ 2 tokens). */
export function windowsOf(tokens: readonly number[], w: number, max: number): number[][] {
  const out: number[][] = [];
  for (let s = 0; s + 1 < tokens.length && out.length < max; s += w) out.push(tokens.slice(s, s + w + 1));
  return out.filter((x) => x.length >= 2);
}

/** Mean next-token loss over windows, with or without adapters. */
export function meanLoss(cfg: TransformerConfig, weights: WeightMap, windows: number[][], lora?: LoraConfig): number {
  if (windows.length === 0) return NaN;
  let total = 0;
  let count = 0;
  for (const win of windows) {
    const eager = new EagerOps(weights);
    const ops = lora ? new LoraOps(eager, cfg, lora) : eager;
    const logits = modelLogits(ops, cfg, ids(win.slice(0, -1)));
    total += crossEntropy(logits as Tensor, win.slice(1)).loss * (win.length - 1);
    count += win.length - 1;
  }
  return total / count;
}

/** Bytes of the adapters as an F32 safetensors file (what a student would download). */
export function adapterBytes(adapters: ReadonlyMap<string, Tensor>): number {
  return writeSafetensors([...adapters].map(([n, t]) => [n, t])).length;
}

export interface FinetuneRun extends Generator<FinetuneReport, void, undefined> {
  /** The adapters being trained (live: updated in place after every step). */
  readonly adapters: Map<string, Tensor>;
}

/**
 * What both engines (this eager loop and lib/peft/finetune-graph.ts) derive from the options, so they
 * train on the same windows in the same order: the defaults, the train / held-out split (the last
 * valFraction of the tokens, cut into ≤ valWindows windows), the schedule, fresh adapters, and
 * nextWindow(), the seeded random training window (window + 1 tokens) of each step.
 */
export function finetunePlan(o: FinetuneOptions) {
  const window = Math.min(o.window ?? 64, o.cfg.contextLength);
  const steps = o.steps ?? 60;
  const seed = o.seed ?? 1;
  const adapters = initLora(o.cfg, o.lora, seed);
  const split = Math.max(2, Math.floor(o.tokens.length * (1 - (o.valFraction ?? 0.1))));
  const train = o.tokens.slice(0, split);
  const val = windowsOf(o.tokens.slice(split), window, o.valWindows ?? 4);
  if (train.length < 2) throw new Error('the text is too short to train on (need at least 2 tokens)');
  const sched = { lrMax: o.lrMax ?? 3e-3, warmup: o.warmup ?? 5, total: steps };
  const evalEvery = o.evalEvery ?? 5;
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const nextWindow = (): number[] => {
    const start = train.length > window + 1 ? rng.int(train.length - window) : 0;
    return train.slice(start, start + window + 1);
  };
  return { window, steps, adapters, train, val, sched, evalEvery, nextWindow };
}

export function loraFinetune(o: FinetuneOptions): FinetuneRun {
  const { steps, adapters, val, sched, evalEvery, nextWindow } = finetunePlan(o);
  const cfg = o.cfg;
  const lora = o.lora;

  function* run(): Generator<FinetuneReport, void, undefined> {
    const w = withAdapters(o.base, adapters);
    const opt = new AdamW({ weightDecay: 0 });
    const wrap = (ops: Ops<Var>): Ops<Var> => new LoraOps(ops, cfg, lora);
    const valLoss = (): number | null => (val.length ? meanLoss(cfg, w, val, lora) : null);
    yield { step: 0, loss: NaN, valLoss: valLoss(), lr: 0, gradNorm: 0 };
    for (let s = 0; s < steps; s++) {
      const win = nextWindow();
      const lr = warmupCosine(sched, s);
      const r = trainStep(w, cfg, win, opt, { lr, clip: 1, trainable: isLoraName, wrap });
      const done = s + 1;
      yield { step: done, loss: r.loss, valLoss: done % evalEvery === 0 || done === steps ? valLoss() : null, lr, gradNorm: r.gradNorm };
    }
  }
  return Object.assign(run(), { adapters });
}
