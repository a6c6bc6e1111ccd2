/**
 * A whole preference-training job, written against injected I/O (lib/peft/job.ts's JobIO) so the
 * same code runs in a Web Worker (worker.ts) and in Node tests:
 *
 *   load lm (sha256-checked) + tokenizer → encode the pairs, the held-out text and the probe →
 *   alignTrain steps (an event per step; Cancel is heard between steps) → done {cancelled?}
 *
 * Events in order: loaded, step × (steps + 1), done; or error at any point. After a Cancel the
 * last step is sent once more with every pair evaluated (unless it already was). Prompts and answers
 * are tokenized separately and joined (sequence.ts). The probe is the first pair's prompt; its
 * reported tokens are the reference model's top `probeTop` next tokens plus the first token of
 * that pair's chosen and rejected answers.
 */
import { loraParamCounts, type LoraConfig } from '@/lib/peft/lora';
import { loadJobModel, type JobIO, type JobModel } from '@/lib/peft/job';
import { lastRowProbs, logitsOf, probeIds } from './sequence';
import { alignTrain, type AlignMode, type AlignReport } from './train';
import type { PairIds } from './dpo';

export interface PairText {
  prompt: string;
  chosen: string;
  rejected: string;
}

export interface AlignJob extends JobModel {
  mode: AlignMode;
  pairs: PairText[];
  lora: LoraConfig;
  beta: number;
  steps: number;
  batch: number;
  lrMax: number;
  seed: number;
  evalEvery: number;
  /** Text the model never trained on, for the KL from the reference. */
  heldOut: string;
  probeTop: number;
}

export type AlignEvent =
  | { type: 'loaded'; pairTokens: number[]; heldOutTokens: number; probe: { id: number; label: string }[]; chosenId: number; rejectedId: number; adapterParams: number; modelParams: number }
  | { type: 'step'; report: AlignReport; ms: number }
  | { type: 'done'; cancelled: boolean; ms: number }
  | { type: 'error'; message: string };

export type AlignIO = Omit<JobIO, 'emit'> & { emit(e: AlignEvent): void };

export async function runAlignJob(job: AlignJob, io: AlignIO): Promise<void> {
  const t0 = performance.now();
  try {
    const { base, tok } = await loadJobModel(job, io);
    const pairs: PairIds[] = job.pairs.map((p) => ({ prompt: tok.encode(p.prompt), chosen: tok.encode(p.chosen), rejected: tok.encode(p.rejected) }));
    if (pairs.length === 0) throw new Error('no preference pairs');
    for (const p of pairs) if (!p.prompt.length || !p.chosen.length || !p.rejected.length) throw new Error('every pair needs a prompt, a chosen and a rejected answer');
    const heldOut = tok.encode(job.heldOut).slice(0, job.config.contextLength);
    const p0 = pairs[0];
    const chosenId = p0.chosen[0];
    const rejectedId = p0.rejected[0];
    const ids = probeIds(lastRowProbs(logitsOf(job.config, base, p0.prompt)), job.probeTop, [chosenId, rejectedId]);
    const extra = job.mode === 'reward' ? job.config.dModel : 0; // the reward head
    io.emit({
      type: 'loaded', pairTokens: pairs.map((p) => p.prompt.length + Math.max(p.chosen.length, p.rejected.length)), heldOutTokens: heldOut.length,
      probe: ids.map((id) => ({ id, label: tok.decode([id]) })), chosenId, rejectedId,
      adapterParams: loraParamCounts(job.config, job.lora).lora + extra, modelParams: [...base.values()].reduce((s, t) => s + t.data.length, 0),
    });
    const run = alignTrain({
      mode: job.mode, cfg: job.config, base, pairs, lora: job.lora, beta: job.beta, steps: job.steps, batch: job.batch, lrMax: job.lrMax,
      seed: job.seed, evalEvery: job.evalEvery, heldOut, probe: { prompt: p0.prompt, ids },
    });
    let cancelled = false;
    for (const report of run) {
      io.emit({ type: 'step', report, ms: performance.now() - t0 });
      if (io.yieldToEvents) await io.yieldToEvents();
      if (io.cancelled()) {
        cancelled = true;
        // the state the student stopped at: the same step again, now with every pair evaluated
        if (!report.eval) io.emit({ type: 'step', report: { ...report, eval: run.evaluateNow() }, ms: performance.now() - t0 });
        break;
      }
    }
    io.emit({ type: 'done', cancelled, ms: performance.now() - t0 });
  } catch (e) {
    io.emit({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
}
