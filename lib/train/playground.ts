/**
 * A from-scratch training run of a tiny Transformer on a toy task (lib/train/tasks.ts), the engine
 * of the training playground. Everything random comes from the seed, so the same spec gives the
 * same losses bit for bit (init: lib/model/init randomWeights(seed); batches: mulberry32(seed + 1);
 * the held-out split: mulberry32(seed + 2)).
 *
 *   const run = new PlaygroundRun(defaultSpec());
 *   run.trainStep();  // → { step: 1, loss: 1.61…, lr, gradNorm }
 *   run.evaluate();   // → held-out loss and accuracy, attention of held-out example 0
 *
 * Held-out questions never appear in a training batch: the split is drawn first (at most half of
 * all possible questions, at most HELD_OUT of them) and the batch sampler rejects them. The text
 * task (text-task.ts) splits by position instead: windows from the first 80 % train, the last 20 %
 * is held out, and every evaluation adds a greedy sample continuing the text's first characters.
 */
import { argmax, ids, mulberry32, type Rng, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { names } from '@/lib/model/names';
import { crossEntropy } from './loss';
import { AdamW, SGD, cloneWeights, type Optimizer, type Weights } from './optim';
import { warmupCosine } from './schedule';
import { batchStep, modelLogits, type Example } from './step';
import { answerOf, exampleOf, playgroundConfig, type TaskSpec } from './tasks';
import { SAMPLE_LENGTH, SAMPLE_PROMPT, decodeText, greedyText, heldOutWindows, textData, trainWindow, type TextData, type TextTaskSpec } from './text-task';

export type OptimizerKind = 'adamw' | 'sgd';

export interface PlaygroundSpec {
  task: TaskSpec | TextTaskSpec;
  nLayer: number;
  nHead: number;
  dModel: number;
  optimizer: OptimizerKind;
  /** Peak learning rate of the warm-up + cosine schedule. */
  lr: number;
  warmup: number;
  /** Steps of the schedule (the cosine reaches 0 here; training stops here). */
  steps: number;
  /** λ, decoupled weight decay θ ← (1 − lr·λ)θ, for AdamW and for SGD alike. */
  weightDecay: number;
  seed: number;
  batch: number;
  /** Max global gradient norm. */
  clip: number;
}

/** Held-out examples at most. */
export const HELD_OUT = 32;
/** Training questions scored for the training accuracy curve (fixed per seed). */
export const TRAIN_PROBE = 32;
/** SGD's momentum μ. */
export const SGD_MOMENTUM = 0.9;
/** Standard deviation of the random init (every matrix and embedding; norm gains start at 1). */
export const INIT_STD = 0.1;

export function defaultSpec(over: Partial<PlaygroundSpec> = {}): PlaygroundSpec {
  return {
    task: { kind: 'copy', symbols: 6, length: 4 }, nLayer: 2, nHead: 2, dModel: 32, optimizer: 'adamw',
    lr: 1e-2, warmup: 20, steps: 300, weightDecay: 0.01, seed: 1, batch: 8, clip: 1, ...over,
  };
}

/** The model a spec trains: playgroundConfig with its layers, heads and width (MLP 2 × width). */
export function specConfig(s: PlaygroundSpec): TransformerConfig {
  const size = { nLayer: s.nLayer, nHead: s.nHead, nKvHead: s.nHead, dModel: s.dModel, dFF: 2 * s.dModel };
  if (s.task.kind !== 'text') return playgroundConfig(s.task, size);
  const t = s.task;
  return playgroundConfig({ kind: 'copy', symbols: 2, length: 2 }, { ...size, vocabSize: textData(t.text).chars.length, contextLength: t.window + 1 });
}

const questionLength = (t: TaskSpec): number => (t.kind === 'modadd' ? 2 : t.length);

/** How many different questions the task has: nᴸ (n² for modadd). */
export function questionSpace(t: TaskSpec): number {
  return t.symbols ** questionLength(t);
}

function questionOf(t: TaskSpec, index: number): number[] {
  const q: number[] = [];
  for (let i = 0, r = index; i < questionLength(t); i++, r = Math.floor(r / t.symbols)) q.push(r % t.symbols);
  return q;
}

/** Held-out questions: min(HELD_OUT, ⌊space / 2⌋) distinct question indices, drawn with `rng`. */
export function heldOutIndices(t: TaskSpec, rng: Rng): number[] {
  const space = questionSpace(t);
  const n = Math.min(HELD_OUT, Math.floor(space / 2));
  const set = new Set<number>();
  while (set.size < n) set.add(rng.int(space));
  return [...set];
}

export interface StepReport {
  step: number;
  loss: number;
  lr: number;
  gradNorm: number;
}

export interface Score {
  /** Mean cross-entropy over the answer tokens. */
  loss: number;
  /** Answer tokens right (teacher-forced argmax). */
  token: number;
  /** Examples with every answer token right. */
  exact: number;
}

export interface EvalReport {
  /** Training steps done when evaluated. */
  step: number;
  /** The same three numbers on TRAIN_PROBE questions from the training side of the split. */
  train: Score;
  /** Mean cross-entropy over the answer tokens of the held-out examples. */
  loss: number;
  /** Answer tokens right (teacher-forced argmax). */
  token: number;
  /** Held-out examples with every answer token right. */
  exact: number;
  /** Attention of held-out example 0: [layer][head] → T×T row-major (rows = queries). */
  attention: Float32Array[][];
  /** The input tokens of that example (T). */
  tokens: number[];
  /** Text task: the text's first characters and the model's greedy continuation of them. */
  sample?: { prompt: string; continuation: string };
}

export class PlaygroundRun {
  readonly cfg: TransformerConfig;
  readonly weights: Weights;
  readonly heldOut: Example[];
  readonly trainProbe: Example[];
  readonly params: number;
  /** The text task's characters and split (null for the question tasks). */
  readonly text: TextData | null;
  step = 0;
  private readonly opt: Optimizer;
  private rng: Rng;
  private readonly held: Set<number>;

  constructor(readonly spec: PlaygroundSpec) {
    if (spec.dModel % spec.nHead !== 0 || (spec.dModel / spec.nHead) % 2 !== 0) {
      throw new Error(`width ${spec.dModel} must split into ${spec.nHead} heads of an even size (RoPE)`);
    }
    this.cfg = specConfig(spec);
    this.weights = cloneWeights(randomWeights(this.cfg, spec.seed, { std: INIT_STD }));
    this.params = [...this.weights.values()].reduce((s, w) => s + w.data.length, 0);
    const t = spec.task;
    if (t.kind === 'text') {
      this.text = textData(t.text);
      this.held = new Set();
      this.heldOut = heldOutWindows(this.text, t.window, HELD_OUT);
    } else {
      this.text = null;
      const heldIdx = heldOutIndices(t, mulberry32(spec.seed + 2));
      this.held = new Set(heldIdx);
      this.heldOut = heldIdx.map((i) => exampleOf(t, questionOf(t, i)));
    }
    this.rng = mulberry32(spec.seed + 3);
    this.trainProbe = Array.from({ length: TRAIN_PROBE }, () => this.trainExample());
    this.rng = mulberry32(spec.seed + 1);
    this.opt = spec.optimizer === 'adamw' ? new AdamW({ weightDecay: spec.weightDecay }) : new SGD({ momentum: SGD_MOMENTUM, weightDecay: spec.weightDecay });
  }

  /** The learning rate of step s (0-based): warm-up then cosine to 0 at spec.steps. */
  lrAt(s: number): number {
    return warmupCosine({ lrMax: this.spec.lr, warmup: this.spec.warmup, total: this.spec.steps }, s);
  }

  /** A training batch of questions outside the held-out split. */
  nextBatch(): Example[] {
    return Array.from({ length: this.spec.batch }, () => this.trainExample());
  }

  private trainExample(): Example {
    const t = this.spec.task;
    if (t.kind === 'text') return trainWindow(this.text!, t.window, this.rng);
    const space = questionSpace(t);
    let i = this.rng.int(space);
    while (this.held.has(i)) i = this.rng.int(space);
    return exampleOf(t, questionOf(t, i));
  }

  trainStep(): StepReport {
    const lr = this.lrAt(this.step);
    const batch = this.nextBatch();
    const { loss, gradNorm } = batchStep(this.weights, this.cfg, batch, this.opt, { lr, clip: this.spec.clip });
    this.step++;
    return { step: this.step, loss, lr, gradNorm };
  }

  /** Held-out loss and accuracy, the same on the training probe, and the attention of held-out example 0. */
  evaluate(): EvalReport {
    const held = this.score(this.heldOut, true);
    const train = this.score(this.trainProbe, false);
    const r: EvalReport = { step: this.step, loss: held.loss, token: held.token, exact: held.exact, train: { loss: train.loss, token: train.token, exact: train.exact }, attention: held.attention!, tokens: this.heldOut[0].tokens.slice(0, -1) };
    if (this.text && this.spec.task.kind === 'text') r.sample = this.sample(this.text, this.spec.task.window);
    return r;
  }

  /** The text's first SAMPLE_PROMPT characters and the greedy continuation the current weights give. */
  sample(d: TextData, W: number): { prompt: string; continuation: string } {
    const prompt = d.ids.slice(0, SAMPLE_PROMPT);
    return { prompt: decodeText(d.chars, prompt), continuation: decodeText(d.chars, greedyText(this.cfg, this.weights, prompt, SAMPLE_LENGTH, W)) };
  }

  private score(examples: readonly Example[], tapFirst: boolean): Score & { attention?: Float32Array[][] } {
    let loss = 0;
    let right = 0;
    let total = 0;
    let exact = 0;
    let attention: Float32Array[][] | undefined;
    examples.forEach((ex, e) => {
      const ops = new EagerOps(this.weights, { taps: tapFirst && e === 0 });
      const logits = modelLogits(ops, this.cfg, ids(ex.tokens.slice(0, -1))) as Tensor;
      loss += crossEntropy(logits, ex.targets!).loss;
      const pred = argmax(logits);
      let all = true;
      ex.targets!.forEach((tg, i) => {
        if (tg < 0) return;
        total++;
        if (pred[i] === tg) right++;
        else all = false;
      });
      if (all) exact++;
      if (tapFirst && e === 0) attention = attentionOf(ops, this.cfg);
    });
    return { loss: loss / examples.length, token: right / total, exact: exact / examples.length, attention };
  }
}

function attentionOf(ops: EagerOps, cfg: TransformerConfig): Float32Array[][] {
  const out: Float32Array[][] = [];
  for (let l = 0; l < cfg.nLayer; l++) {
    const p = ops.trace.get(names.attnProbs(l)) as Tensor; // [1, nh, T, T]
    const [, nh, T, S] = p.shape;
    out.push(Array.from({ length: nh }, (_, h) => p.data.slice(h * T * S, (h + 1) * T * S)));
  }
  return out;
}

/** The answer the task expects for held-out example tokens (for captions): the question's answer. */
export function expectedAnswer(t: TaskSpec, tokens: readonly number[]): number[] {
  return answerOf(t, tokens.slice(0, questionLength(t)));
}
