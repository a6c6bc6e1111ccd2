/**
 * The Alignment lesson's recorded runs: the widget pref-train's defaults (its preset pairs,
 * held-out passage and fixed settings from components/widgets/pref-train/pairs.ts), run through
 * lib/align runAlignJob in Node exactly as the Web Worker runs it. Used by record-align.test.ts
 * (writes align.recorded.json) and align-numbers.test.ts (checks the lesson against it).
 */
import type { TransformerConfig } from '@/lib/model/config';
import { runAlignJob, type AlignEvent, type AlignJob } from '@/lib/align/job';
import { alignTrain, type AlignEval } from '@/lib/align/train';
import { lastRowProbs, logitsOf } from '@/lib/align/sequence';
import type { Ops } from '@/lib/model/ops';
import { loadWeights } from '@/lib/model/weights';
import { LoraOps, withAdapters } from '@/lib/peft';
import type { AnyTensor } from '@/lib/tensor';
import { reviveTokenizer } from '@/lib/tokenizer';
import { BATCH, EVAL_EVERY, HELD_OUT, LORA, LR, PRESET_PAIRS, PROBE_TOP } from '@/components/widgets/pref-train/pairs';
import { read, readJson } from '../models/shipped';

export const RECORD_FILE = 'test/lib/align/align.recorded.json';

export const alignJob = (o: Partial<AlignJob> = {}): AlignJob => ({
  config: readJson<TransformerConfig>('models/lm/config.json'), weightsUrl: 'models/lm/model.safetensors', tokenizerUrl: 'models/tokenizer/austen-bpe-4096.json',
  mode: 'dpo', pairs: PRESET_PAIRS, lora: LORA, beta: 0.1, steps: 20, batch: BATCH, lrMax: LR, seed: 1, evalEvery: EVAL_EVERY,
  heldOut: HELD_OUT, probeTop: PROBE_TOP, ...o,
});

/** The runs the lesson quotes: the default (DPO, β 0.1, 20 steps, seed 1), β 1, and the reward model. */
export const RECORDED_RUNS: { name: string; job: Partial<AlignJob> }[] = [
  { name: 'dpo-beta0.1', job: {} },
  { name: 'dpo-beta1', job: { beta: 1 } },
  { name: 'reward', job: { mode: 'reward' } },
];

export interface RecordedRun {
  name: string;
  probe: { id: number; label: string }[];
  chosenId: number;
  rejectedId: number;
  /** Batch loss and gradient norm of every step (index 0 = step 1). */
  loss: number[];
  gradNorm: number[];
  /** Every evaluation, by step. */
  evals: { step: number; eval: AlignEval }[];
}

/** Runs a job to the end, or until `stopAfter` step events (a Cancel, as the widget sends it). */
export async function runJob(job: AlignJob, stopAfter = Infinity): Promise<AlignEvent[]> {
  const events: AlignEvent[] = [];
  await runAlignJob(job, {
    fetchBytes: async (u: string) => new Uint8Array(read(u)), emit: (e) => void events.push(e),
    cancelled: () => events.filter((e) => e.type === 'step').length >= stopAfter,
  });
  const err = events.find((e) => e.type === 'error');
  if (err) throw new Error((err as Extract<AlignEvent, { type: 'error' }>).message);
  return events;
}

export function summarize(name: string, events: AlignEvent[]): RecordedRun {
  const loaded = events.find((e) => e.type === 'loaded') as Extract<AlignEvent, { type: 'loaded' }>;
  const steps = events.filter((e): e is Extract<AlignEvent, { type: 'step' }> => e.type === 'step').map((e) => e.report);
  const trainSteps = steps.filter((r) => r.step > 0 && Number.isFinite(r.loss));
  const seen = new Set<number>();
  const once = trainSteps.filter((r) => (seen.has(r.step) ? false : (seen.add(r.step), true)));
  return {
    name, probe: loaded.probe, chosenId: loaded.chosenId, rejectedId: loaded.rejectedId,
    loss: once.map((r) => r.loss), gradNorm: once.map((r) => r.gradNorm),
    evals: steps.filter((r) => r.eval).map((r) => ({ step: r.step, eval: r.eval! })),
  };
}

/**
 * The default run again through alignTrain directly (the same inputs runAlignJob builds), to read
 * the trained model's whole next-token distribution after the first prompt: its top k tokens.
 */
export async function finalTopTokens(job: AlignJob, k: number): Promise<{ id: number; label: string; p: number }[]> {
  const tok = reviveTokenizer(read(job.tokenizerUrl).toString());
  const base = await loadWeights(new Uint8Array(read(job.weightsUrl)), { config: job.config });
  const pairs = job.pairs.map((p) => ({ prompt: tok.encode(p.prompt), chosen: tok.encode(p.chosen), rejected: tok.encode(p.rejected) }));
  const run = alignTrain({
    mode: job.mode, cfg: job.config, base, pairs, lora: job.lora, beta: job.beta, steps: job.steps, batch: job.batch, lrMax: job.lrMax,
    seed: job.seed, evalEvery: job.steps, heldOut: tok.encode(job.heldOut).slice(0, job.config.contextLength),
  });
  for (const rep of run) void rep;
  const wrap = (ops: Ops<AnyTensor>): Ops<AnyTensor> => new LoraOps(ops, job.config, job.lora);
  const p = lastRowProbs(logitsOf(job.config, withAdapters(base, run.trained), pairs[0].prompt, wrap));
  return [...p].map((v, id) => ({ id, label: tok.decode([id]), p: v })).sort((a, b) => b.p - a.p).slice(0, k);
}
