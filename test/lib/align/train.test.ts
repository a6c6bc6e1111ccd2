import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import type { Ops } from '@/lib/model/ops';
import type { AnyTensor } from '@/lib/tensor';
import { loadWeights } from '@/lib/model/weights';
import { initLora, isLoraName, LoraOps, withAdapters, type LoraConfig } from '@/lib/peft';
import { GradOps } from '@/lib/train';
import { dpoLossVar, refLogProbs, type PairIds } from '@/lib/align/dpo';
import { dpoLoss } from '@/lib/align/preference';
import { rewardLossVar, initRewardHead, REWARD_HEAD } from '@/lib/align/reward';
import { alignTrain, pairOrder, type AlignReport } from '@/lib/align/train';
import { answerTargets, logProb } from '@/lib/align/sequence';
import { reviveTokenizer } from '@/lib/tokenizer';
import { read, readJson } from '../models/shipped';

// tiny-random reads bytes (V = 256): a string's UTF-8 bytes are its tokens.
const b = (s: string): number[] => [...new TextEncoder().encode(s)];
const tinyPairs: PairIds[] = [
  { prompt: b('"Come," said he. "'), chosen: b('Yes.'), rejected: b('No!') },
  { prompt: b('"Walk?" she asked. "'), chosen: b('Gladly.'), rejected: b('Never.') },
];
const lora: LoraConfig = { r: 4, alpha: 8, targets: ['wq', 'wv'] };
let cfg: TransformerConfig;
let base: WeightMap;

beforeAll(async () => {
  cfg = readJson<TransformerConfig>('models/tiny-random/config.json');
  base = await loadWeights(new Uint8Array(read('models/tiny-random/model.safetensors')), { config: cfg });
});

describe('answerTargets', () => {
  it('counts only the answer: x = [5, 6], y = [7, 8] → input [5, 6, 7], targets [−1, 7, 8]', () => {
    expect(answerTargets([5, 6], [7, 8])).toEqual({ input: [5, 6, 7], targets: [-1, 7, 8] });
  });
});

describe('pairOrder', () => {
  it('visits every pair once per pass, the same way for the same seed', () => {
    const o = pairOrder(4, 8, 3);
    expect([...o.slice(0, 4)].sort()).toEqual([0, 1, 2, 3]);
    expect([...o.slice(4)].sort()).toEqual([0, 1, 2, 3]);
    expect(pairOrder(4, 8, 3)).toEqual(o);
  });
});

describe('the DPO loss on the tape', () => {
  it('equals dpoLoss of the eager log-probs, and its gradient on a LoRA weight matches finite differences', () => {
    const adapters = initLora(cfg, lora, 7);
    const B = adapters.get('blocks.0.attn.wq.lora_B')!;
    for (let i = 0; i < B.data.length; i++) B.data[i] = 0.05 * Math.sin(i + 1); // move π away from π_ref
    const w = withAdapters(base, adapters);
    const refs = refLogProbs(cfg, base, tinyPairs);
    const beta = 0.5;
    const lossAt = (): number => {
      const g = new GradOps(w, { trainable: isLoraName });
      return (dpoLossVar(g, new LoraOps(g, cfg, lora), cfg, tinyPairs, refs, beta).value.data as Float32Array)[0];
    };
    // independent value: eager log-probs through the pure formula
    const wrap = (o: Ops<AnyTensor>): Ops<AnyTensor> => new LoraOps(o, cfg, lora);
    const eager = tinyPairs.map((p, i) => dpoLoss({ chosen: logProb(cfg, w, p.prompt, p.chosen, wrap), rejected: logProb(cfg, w, p.prompt, p.rejected, wrap), refChosen: refs[i].chosen, refRejected: refs[i].rejected }, beta).loss);
    expect(lossAt()).toBeCloseTo((eager[0] + eager[1]) / 2, 5);
    const g = new GradOps(w, { trainable: isLoraName });
    g.backward(dpoLossVar(g, new LoraOps(g, cfg, lora), cfg, tinyPairs, refs, beta));
    const grad = g.grads().get('blocks.0.attn.wq.lora_B')!;
    const h = 1e-2;
    for (const i of [0, 5, 17]) {
      const v = B.data[i];
      B.data[i] = v + h;
      const up = lossAt();
      B.data[i] = v - h;
      const down = lossAt();
      B.data[i] = v;
      expect(grad[i]).toBeCloseTo((up - down) / (2 * h), 3);
    }
  });
  it('starts at log 2 with fresh adapters (B = 0: the policy is the reference)', () => {
    const w = withAdapters(base, initLora(cfg, lora, 1));
    const g = new GradOps(w, { trainable: isLoraName });
    const l = dpoLossVar(g, new LoraOps(g, cfg, lora), cfg, tinyPairs, refLogProbs(cfg, base, tinyPairs), 0.1);
    expect((l.value.data as Float32Array)[0]).toBeCloseTo(Math.LN2, 6);
  });
});

describe('the reward model', () => {
  it('starts at the Bradley–Terry loss log 2 (zero head: every reward is 0)', () => {
    const w = withAdapters(base, new Map([...initLora(cfg, lora, 1), [REWARD_HEAD, initRewardHead(cfg)]]));
    const g = new GradOps(w, { trainable: isLoraName });
    expect((rewardLossVar(g, cfg, lora, tinyPairs).value.data as Float32Array)[0]).toBeCloseTo(Math.LN2, 6);
  });
  it('learns to rank the two tiny pairs in 8 steps (seed 1)', () => {
    const reps = [...alignTrain({ mode: 'reward', cfg, base, pairs: tinyPairs, lora, beta: 0.1, steps: 8, evalEvery: 8, lrMax: 2e-2 })];
    const last = reps[reps.length - 1].eval!;
    expect(reps[0].eval!.meanLoss).toBeCloseTo(Math.LN2, 6);
    expect(last.meanLoss).toBeLessThan(Math.LN2 - 0.1);
    expect(last.accuracy).toBe(1);
  });
});

describe('alignTrain (DPO)', () => {
  let reps: AlignReport[];
  beforeAll(() => {
    reps = [...alignTrain({ mode: 'dpo', cfg, base, pairs: tinyPairs, lora, beta: 0.5, steps: 8, evalEvery: 4, lrMax: 2e-2, heldOut: b('They did not always think alike.'), probe: { prompt: tinyPairs[0].prompt, ids: [b('Y')[0], b('N')[0]] } })];
  });
  it('lowers the DPO loss and raises every chosen-vs-rejected margin on tiny-random (seed 1)', () => {
    const first = reps[0].eval!;
    const last = reps[reps.length - 1].eval!;
    expect(reps.map((r) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(first.meanLoss).toBeCloseTo(Math.LN2, 6);
    expect(first.kl).toBeCloseTo(0, 6);
    expect(last.meanLoss).toBeLessThan(first.meanLoss - 0.1);
    for (const p of last.pairs) expect(p.margin).toBeGreaterThan(0);
    expect(last.kl!).toBeGreaterThan(0);
    expect(last.probe![0]).toBeGreaterThan(first.probe![0]); // 'Y' after the first prompt
  });
  it('is deterministic for a fixed seed', () => {
    const again = [...alignTrain({ mode: 'dpo', cfg, base, pairs: tinyPairs, lora, beta: 0.5, steps: 2, evalEvery: 4, lrMax: 2e-2 })].map((r) => r.loss);
    expect(again).toEqual(reps.slice(0, 3).map((r) => r.loss));
  });
});

describe('one DPO step on lm', () => {
  it('moves a real pair from log 2 toward the chosen answer', async () => {
    const lcfg = readJson<TransformerConfig>('models/lm/config.json');
    const lbase = await loadWeights(new Uint8Array(read('models/lm/model.safetensors')), { config: lcfg });
    const tok = reviveTokenizer(read('models/tokenizer/austen-bpe-4096.json').toString());
    const pair = { prompt: tok.encode('"Will you walk?" said she. "'), chosen: tok.encode('Yes.'), rejected: tok.encode('No.') };
    const reps = [...alignTrain({ mode: 'dpo', cfg: lcfg, base: lbase, pairs: [pair], lora: { r: 4, alpha: 8, targets: ['wq', 'wv'] }, beta: 0.5, steps: 2, evalEvery: 2, lrMax: 1e-2, warmup: 0 })];
    expect(reps[0].eval!.meanLoss).toBeCloseTo(Math.LN2, 5);
    expect(reps[2].eval!.pairs[0].margin).toBeGreaterThan(0);
    expect(reps[2].eval!.meanLoss).toBeLessThan(Math.LN2);
  });
});
