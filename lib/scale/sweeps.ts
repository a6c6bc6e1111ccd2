/**
 * The lab's own training sweeps (training/sweeps/round{1,2,3}-results.json, made by
 * training/device_train.sh on one H100) as points for a scaling plot.
 *
 * Each run gives params, valLoss (fp32 on the shipped fp16 weights, Austen validation split, windows
 * of the model's context length) and bestStep (early stopping keeps the best weights). Tokens seen
 * by the kept weights = bestStep · 64 · contextLength: batch 64 is train.py's default (no sweep
 * overrides it, see training/README.md); the context length comes from training/configs/<config>.json,
 * which is also what countParams reads to split embedding from non-embedding parameters.
 *
 * What makes these points a poor scaling-law sample (the lesson says so too): six sizes between
 * 0.36M and 2.45M parameters (one decade), runs that stop at different steps, two data mixes,
 * dropout 0 to 0.3, and ~20–130M tokens on a 1,016,970-token Austen training split or a
 * 2,750,450-token mix with Moby-Dick and the KJV (training/README.md): dozens of epochs.
 * Models with context 128 are evaluated on 128-token windows, so their loss is not comparable
 * with the 256-token models'.
 */
import round1 from '@/training/sweeps/round1-results.json';
import round2 from '@/training/sweeps/round2-results.json';
import round3 from '@/training/sweeps/round3-results.json';
import cAlibi from '@/training/configs/lm-alibi.json';
import cD128L8 from '@/training/configs/lm-d128-l8.json';
import cD176L5 from '@/training/configs/lm-d176-l5.json';
import cD192L4 from '@/training/configs/lm-d192-l4.json';
import cDraft from '@/training/configs/lm-draft.json';
import cLearned from '@/training/configs/lm-learned-pos.json';
import cRope128 from '@/training/configs/lm-rope-128.json';
import { countParams, type ArchSpec } from './params';

/** train.py's default --batch-size (sequences per optimizer step). */
export const BATCH = 64;

export const CONFIGS: Readonly<Record<string, ArchSpec>> = {
  'lm-alibi': cAlibi as ArchSpec,
  'lm-d128-l8': cD128L8 as ArchSpec,
  'lm-d176-l5': cD176L5 as ArchSpec,
  'lm-d192-l4': cD192L4 as ArchSpec,
  'lm-draft': cDraft as ArchSpec,
  'lm-learned-pos': cLearned as ArchSpec,
  'lm-rope-128': cRope128 as ArchSpec,
};

export interface RawRun {
  id: string;
  config: string;
  params: number;
  train: string;
  dropout: number;
  stepsRun: number;
  bestStep: number;
  valLoss: number;
}

export interface SweepPoint {
  round: string;
  id: string;
  config: string;
  params: number;
  nonEmbedding: number;
  contextLength: number;
  valLoss: number;
  bestStep: number;
  tokensPerStep: number;
  /** Tokens the kept weights saw: bestStep · tokensPerStep. */
  tokens: number;
  /** 6 · params · tokens. */
  flops: number;
  data: 'austen' | 'mix';
  dropout: number;
}

export const ROUNDS: readonly { round: string; runs: readonly RawRun[] }[] = [round1, round2, round3];

export function sweepPoints(rounds: readonly { round: string; runs: readonly RawRun[] }[] = ROUNDS): SweepPoint[] {
  const out: SweepPoint[] = [];
  for (const r of rounds) {
    for (const run of r.runs) {
      const spec = CONFIGS[run.config];
      if (!spec) throw new Error(`no config for sweep run ${run.id} (${run.config})`);
      const tokensPerStep = BATCH * spec.contextLength;
      const tokens = run.bestStep * tokensPerStep;
      out.push({
        round: r.round,
        id: run.id,
        config: run.config,
        params: run.params,
        nonEmbedding: countParams(spec).nonEmbedding,
        contextLength: spec.contextLength,
        valLoss: run.valLoss,
        bestStep: run.bestStep,
        tokensPerStep,
        tokens,
        flops: 6 * run.params * tokens,
        data: run.train.includes(',') ? 'mix' : 'austen',
        dropout: run.dropout,
      });
    }
  }
  return out;
}

/** The lowest-loss run of each parameter count (ties: the earlier one). */
export function bestPerSize(points: readonly SweepPoint[]): SweepPoint[] {
  const best = new Map<number, SweepPoint>();
  for (const p of points) {
    const b = best.get(p.params);
    if (!b || p.valLoss < b.valLoss) best.set(p.params, p);
  }
  return [...best.values()].sort((a, b) => a.params - b.params);
}
