/**
 * The two heavy jobs of the scale lessons, written against injected I/O (as lib/peft/job.ts) so the
 * same code runs in a Web Worker (lib/scale/worker.ts) and in Node tests:
 *
 *   live   the scaling mini-experiment (live.ts) on the corpus excerpt: characters of the opening of
 *          Sense and Sensibility to train on, of the validation split (Persuasion) to score on.
 *          Events: plan, step × (every eval and every 25th step), done — or error.
 *   grads  lm's real gradients: one forward + backward (lib/train, float32) of next-token loss on the
 *          first `tokens` tokens of the validation window, then where every weight gradient lands in
 *          fp16 and bf16 after loss scaling by 2^k, k = K_MIN … K_MAX (half-range.ts).
 *          Events: grads, done — or error.
 */
import type { TransformerConfig } from '@/lib/model/config';
import { loadWeights } from '@/lib/model/weights';
import { BF16_RANGE, bestScale, classifyScaled, FP16_RANGE, log2Histogram, sortedMagnitudes, type RangeCounts } from '@/lib/quant/half-range';
import { ids } from '@/lib/tensor';
import { reviveTokenizer } from '@/lib/tokenizer';
import { GradOps, modelLogits } from '@/lib/train';
import { charIds, liveExperiment, livePlan, type LiveEvent } from './live';

export interface ExcerptWindowLike {
  role: 'train' | 'validation';
  label: string;
  text: string;
}

export type ScaleJob =
  | { kind: 'live'; excerptUrl: string; budget: number; seed: number }
  | { kind: 'grads'; excerptUrl: string; weightsUrl: string; sha256?: string; tokenizerUrl: string; config: TransformerConfig; tokens: number };

export interface PlanRow {
  d: number;
  params: number;
  tokens: number;
  steps: number;
}

export const K_MIN = 0;
export const K_MAX = 32;
/** Histogram bins of ⌊log2 |g|⌋: [HIST_LO, HIST_HI). */
export const HIST_LO = -60;
export const HIST_HI = 4;

export interface GradStats {
  loss: number;
  tokens: number;
  /** Gradient values (= weights of lm), exact zeros among them, and the non-zero ones' extremes. */
  count: number;
  zeros: number;
  minAbs: number;
  maxAbs: number;
  /** counts[i] = values with ⌊log2 |g|⌋ = HIST_LO + i (before scaling). */
  hist: number[];
  perK: { k: number; fp16: RangeCounts; bf16: RangeCounts }[];
  /** The largest k at which no fp16 value overflows (half-range.ts bestScale). */
  bestK: number;
}

export type ScaleEvent =
  | { type: 'plan'; budget: number; plan: PlanRow[]; trainChars: number; valChars: number }
  | { type: 'step'; e: LiveEvent; ms: number }
  | { type: 'grads'; stats: GradStats; ms: number }
  | { type: 'done'; cancelled: boolean; ms: number }
  | { type: 'error'; message: string };

export interface ScaleIO {
  fetchText(url: string): Promise<string>;
  fetchBytes(url: string): Promise<Uint8Array>;
  emit(e: ScaleEvent): void;
  cancelled(): boolean;
  yieldToEvents?(): Promise<void>;
}

async function windows(io: ScaleIO, url: string): Promise<{ train: string; val: string }> {
  const { windows: w } = JSON.parse(await io.fetchText(url)) as { windows: ExcerptWindowLike[] };
  const train = w.find((x) => x.role === 'train');
  const val = w.find((x) => x.role === 'validation');
  if (!train || !val) throw new Error(`${url}: no training or validation window`);
  return { train: train.text, val: val.text };
}

/** Gradient statistics of any set of gradients (the part of the grads job after backward). */
export function gradStats(grads: Iterable<Float32Array>, loss: number, tokens: number): GradStats {
  const { abs, zeros } = sortedMagnitudes(grads);
  const perK = [];
  for (let k = K_MIN; k <= K_MAX; k++) perK.push({ k, fp16: classifyScaled(abs, k, FP16_RANGE), bf16: classifyScaled(abs, k, BF16_RANGE) });
  return {
    loss, tokens, count: abs.length + zeros, zeros, minAbs: abs.length ? abs[0] : 0, maxAbs: abs.length ? abs[abs.length - 1] : 0,
    hist: log2Histogram(abs, HIST_LO, HIST_HI), perK, bestK: bestScale(abs, FP16_RANGE, K_MIN, K_MAX),
  };
}

export async function runScaleJob(job: ScaleJob, io: ScaleIO): Promise<void> {
  const t0 = performance.now();
  const ms = () => performance.now() - t0;
  try {
    const text = await windows(io, job.excerptUrl);
    if (job.kind === 'live') {
      const train = charIds(text.train);
      const val = charIds(text.val);
      io.emit({ type: 'plan', budget: job.budget, plan: livePlan(job.budget).map(({ d, params, tokens, steps }) => ({ d, params, tokens, steps })), trainChars: train.length, valChars: val.length });
      let cancelled = false;
      for (const e of liveExperiment({ train, val, budget: job.budget, seed: job.seed })) {
        if (e.valLoss !== null || e.step % 25 === 0) {
          io.emit({ type: 'step', e, ms: ms() });
          if (io.yieldToEvents) await io.yieldToEvents();
        }
        if (io.cancelled()) {
          cancelled = true;
          break;
        }
      }
      io.emit({ type: 'done', cancelled, ms: ms() });
      return;
    }
    const [wBytes, tJson] = await Promise.all([io.fetchBytes(job.weightsUrl), io.fetchText(job.tokenizerUrl)]);
    const w = await loadWeights(wBytes, { fileName: job.weightsUrl, sha256: job.sha256, config: job.config });
    const toks = reviveTokenizer(tJson).encode(text.val).slice(0, job.tokens + 1);
    const g = new GradOps(w);
    const loss = g.crossEntropy(modelLogits(g, job.config, g.ids(ids(toks.slice(0, -1)))), toks.slice(1));
    g.backward(loss);
    if (io.cancelled()) {
      io.emit({ type: 'done', cancelled: true, ms: ms() });
      return;
    }
    io.emit({ type: 'grads', stats: gradStats(g.grads().values(), (loss.value.data as Float32Array)[0], toks.length - 1), ms: ms() });
    io.emit({ type: 'done', cancelled: false, ms: ms() });
  } catch (e) {
    io.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
