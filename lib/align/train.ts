/**
 * Preference training of lm's LoRA adapters, as a generator that yields after every step (like
 * lib/peft/finetune.ts) so a Web Worker can report progress and stop at a Cancel:
 *
 *   const run = alignTrain({ mode: 'dpo', cfg, base, pairs, lora, beta: 0.1, steps: 20, heldOut, probe });
 *   for (const rep of run) { post(rep); if (cancelled) break; }
 *
 * mode 'dpo':    the policy π = base + adapters, trained with the DPO loss against π_ref = base.
 * mode 'reward': a reward model = base + adapters + a scalar head instead of the LM head, trained
 *                with the Bradley–Terry loss on the same pairs.
 * Each step takes `batch` pairs in a seeded shuffled order (every pair once per pass), AdamW
 * (no weight decay) under warm-up + cosine, clipping by global norm 1. Every `evalEvery` steps
 * (and at step 0 and the last step) every pair is evaluated; in DPO mode also the next-token
 * probabilities after the probe prompt and the mean KL(π ‖ π_ref) on a held-out text.
 */
import { mulberry32, type AnyTensor, type Tensor } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import type { Ops } from '@/lib/model/ops';
import { initLora, isLoraName, LoraOps, withAdapters, type LoraConfig } from '@/lib/peft';
import { AdamW, warmupCosine, type Var } from '@/lib/train';
import { dpoStep, refLogProbs, type PairIds } from './dpo';
import { meanKl } from './kl';
import { bradleyTerry, dpoLoss } from './preference';
import { initRewardHead, reward, REWARD_HEAD, rewardStep } from './reward';
import { lastRowProbs, logitsOf, logProb } from './sequence';

export type AlignMode = 'dpo' | 'reward';

export interface AlignOptions {
  mode: AlignMode;
  cfg: TransformerConfig;
  base: WeightMap;
  pairs: readonly PairIds[];
  lora: LoraConfig;
  /** DPO's β (ignored for the reward model). */
  beta: number;
  steps: number;
  /** Pairs per step (default 2, at most pairs.length). */
  batch?: number;
  lrMax?: number;
  warmup?: number;
  seed?: number;
  evalEvery?: number;
  /** Held-out tokens for the KL (DPO mode). */
  heldOut?: readonly number[];
  /** Prompt whose next-token distribution is watched, and the ids to report (DPO mode). */
  probe?: { prompt: readonly number[]; ids: readonly number[] };
}

export interface PairEval {
  /** DPO: log π(y_c|x), log π(y_r|x). Reward: r(x, y_c), r(x, y_r). */
  chosen: number;
  rejected: number;
  /** The argument of σ in the loss: z (DPO) or r_c − r_r (reward). > 0 = chosen ahead. */
  margin: number;
  loss: number;
}

export interface AlignEval {
  pairs: PairEval[];
  meanLoss: number;
  /** Share of pairs with margin > 0. */
  accuracy: number;
  /** Mean KL(π ‖ π_ref) per held-out token, nats (DPO mode with heldOut). */
  kl: number | null;
  /** Next-token probabilities of probe.ids after probe.prompt (DPO mode with probe). */
  probe: number[] | null;
}

export interface AlignReport {
  step: number;
  /** Mean loss of this step's batch before its update (NaN at step 0). */
  loss: number;
  lr: number;
  gradNorm: number;
  eval: AlignEval | null;
}

/** Seeded order of pair indices: each pass is a fresh Fisher–Yates shuffle of 0..n−1. */
export function pairOrder(n: number, count: number, seed: number): number[] {
  const rng = mulberry32(seed);
  const out: number[] = [];
  while (out.length < count) {
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    out.push(...p);
  }
  return out.slice(0, count);
}

export interface AlignRun extends Generator<AlignReport, void, undefined> {
  /** Adapters (and reward head) being trained, updated in place. */
  readonly trained: Map<string, Tensor>;
  /** Evaluates the current weights now (null before the first report), e.g. after a Cancel. */
  evaluateNow(): AlignEval | null;
}

export function alignTrain(o: AlignOptions): AlignRun {
  const { cfg, lora, pairs, mode } = o;
  if (pairs.length === 0) throw new Error('no preference pairs to train on');
  const seed = o.seed ?? 1;
  const batch = Math.max(1, Math.min(o.batch ?? 2, pairs.length));
  const evalEvery = o.evalEvery ?? 5;
  const trained = initLora(cfg, lora, seed);
  if (mode === 'reward') trained.set(REWARD_HEAD, initRewardHead(cfg));
  const sched = { lrMax: o.lrMax ?? 1e-2, warmup: o.warmup ?? 2, total: o.steps };
  const wrapT = (ops: Ops<AnyTensor>): Ops<AnyTensor> => new LoraOps(ops, cfg, lora);

  let evaluateNow: (() => AlignEval) | null = null;
  function* run(): Generator<AlignReport, void, undefined> {
    const w = withAdapters(o.base, trained);
    const refs = mode === 'dpo' ? refLogProbs(cfg, o.base, pairs) : [];
    const refHeld = mode === 'dpo' && o.heldOut && o.heldOut.length > 1 ? logitsOf(cfg, o.base, o.heldOut) : null;
    const evaluate = (): AlignEval => {
      const ev: PairEval[] = pairs.map((p, i) => {
        if (mode === 'reward') {
          const rc = reward(cfg, w, lora, p.prompt, p.chosen);
          const rr = reward(cfg, w, lora, p.prompt, p.rejected);
          const l = bradleyTerry(rc, rr);
          return { chosen: rc, rejected: rr, margin: l.margin, loss: l.loss };
        }
        const chosen = logProb(cfg, w, p.prompt, p.chosen, wrapT);
        const rejected = logProb(cfg, w, p.prompt, p.rejected, wrapT);
        const l = dpoLoss({ chosen, rejected, refChosen: refs[i].chosen, refRejected: refs[i].rejected }, o.beta);
        return { chosen, rejected, margin: l.margin, loss: l.loss };
      });
      const kl = refHeld && o.heldOut ? meanKl(logitsOf(cfg, w, o.heldOut, wrapT), refHeld) : null;
      let probe: number[] | null = null;
      if (mode === 'dpo' && o.probe) {
        const p = lastRowProbs(logitsOf(cfg, w, o.probe.prompt, wrapT));
        probe = o.probe.ids.map((id) => p[id]);
      }
      return {
        pairs: ev,
        meanLoss: ev.reduce((s, e) => s + e.loss, 0) / ev.length,
        accuracy: ev.filter((e) => e.margin > 0).length / ev.length,
        kl,
        probe,
      };
    };
    evaluateNow = evaluate;
    yield { step: 0, loss: NaN, lr: 0, gradNorm: 0, eval: evaluate() };
    const order = pairOrder(pairs.length, o.steps * batch, seed ^ 0x85ebca6b);
    const opt = new AdamW({ weightDecay: 0 });
    const wrap = (ops: Ops<Var>): Ops<Var> => new LoraOps(ops, cfg, lora);
    for (let s = 0; s < o.steps; s++) {
      const idx = order.slice(s * batch, (s + 1) * batch);
      const lr = warmupCosine(sched, s);
      const b = idx.map((i) => pairs[i]);
      const r = mode === 'dpo'
        ? dpoStep(w, cfg, b, idx.map((i) => refs[i]), o.beta, opt, { lr, clip: 1, trainable: isLoraName, wrap })
        : rewardStep(w, cfg, lora, b, opt, { lr, clip: 1 });
      const done = s + 1;
      const ev = done % evalEvery === 0 || done === o.steps ? evaluate() : null;
      yield { step: done, loss: r.loss, lr, gradNorm: r.gradNorm, eval: ev };
    }
  }
  return Object.assign(run(), { trained, evaluateNow: () => (evaluateNow ? evaluateNow() : null) });
}
