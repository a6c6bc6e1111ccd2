// The pruning-distillation lesson's numbers about lm, recomputed from lib/prune on its real
// weights (ORT WASM in Node on the held-out slice, as scripts/prune-curve.ts), and the
// distillation numbers checked against the run's record and the manifest.
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildTransformerModel } from '@/lib/model/build';
import type { TransformerConfig } from '@/lib/model/config';
import { loadWeights } from '@/lib/model/weights';
import { compareOnSlice } from '@/lib/quant/evaluate';
import { pruneModel } from '@/lib/prune/model';
import { breakEvenDensity } from '@/lib/prune/sparsity';
import type { Tensor } from '@/lib/tensor';
import { distillCompareSchema } from '@/components/widgets/distill-compare/index';
import { distillView, pct, type ModelId } from '@/components/widgets/distill-compare/layout';
import { eagerStep } from '@/lib/model/kvcache';
import { loadBpe } from '@/lib/tokenizer/serialize';

ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models;
const m = manifest.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
const cfg = m.config;
const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: cfg });
const slice = JSON.parse(readFileSync('public/data/austen-val-slice.json', 'utf8')) as { windows: number[][] };
const opts: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
const idsT = (xs: number[]) => new ort.Tensor('int64', BigInt64Array.from(xs.map(BigInt)), [1, xs.length]);
const fwd = (s: ort.InferenceSession) => async (ids: number[]) => (await s.run({ ids: idsT(ids) })).logits.data as Float32Array;
const base = await ort.InferenceSession.create(buildTransformerModel(cfg, w), opts);
// The unpruned model's logits per window, computed once: compareOnSlice runs the base model
// beside every pruned one, and only the pruned model's loss (lossB) is read here.
const baseLogits = new Map<string, Promise<Float32Array>>();
const baseFwd = (ids: number[]) => {
  const k = ids.join(',');
  if (!baseLogits.has(k)) baseLogits.set(k, fwd(base)(ids));
  return baseLogits.get(k)!;
};
async function loss(weights: ReadonlyMap<string, Tensor>): Promise<number> {
  const s = await ort.InferenceSession.create(buildTransformerModel(cfg, weights), opts);
  const r = await compareOnSlice(baseFwd, fwd(s), slice.windows, cfg.vocabSize);
  await s.release();
  return r.lossB;
}
const at = (method: Parameters<typeof pruneModel>[2], f: number) => pruneModel(cfg, w, method, f);
// Each (method, fraction) is pruned and scored once for the whole file (several tests quote the same point).
const losses = new Map<string, Promise<number>>();
const lossAt = (method: Parameters<typeof pruneModel>[2], f: number) => {
  const k = `${method}@${f}`;
  if (!losses.has(k)) losses.set(k, loss(at(method, f).weights));
  return losses.get(k)!;
};

describe('the lesson’s pruning numbers', () => {
  it('magnitude per matrix: 3.5661 → 3.5659 (10 %), 3.5854 (30 %), 3.7909 (50 %), 9.3551 (90 %); global 3.8186 at 50 %', async () => {
    const got = [await loss(w), ...(await Promise.all([0.1, 0.3, 0.5, 0.9].map((f) => lossAt('magnitude', f)))), await lossAt('magnitude-global', 0.5)];
    expect(got.map((x) => x.toFixed(4))).toEqual(['3.5661', '3.5659', '3.5854', '3.7909', '9.3551', '3.8186']);
    expect(Math.log(4096)).toBeLessThan(9.3551);
    expect(Math.log(4096).toFixed(2)).toBe('8.32');
    expect([slice.windows.length, slice.windows.reduce((n, x) => n + x.length - 1, 0)]).toEqual([8, 1024]); // "8 windows, 1024 scored tokens"
    // "30 % costs 0.02 nats, 50 % 0.22"
    expect([(got[2] - got[0]).toFixed(2), (got[3] - got[0]).toFixed(2)]).toEqual(['0.02', '0.22']);
  }, 60_000);
  it('magnitude per matrix: 5.5222 at 70 %; the global threshold is worse than per matrix at every fraction from 20 % on, not at 10 %', async () => {
    const fr = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];
    const per: number[] = [];
    const glob: number[] = [];
    for (const f of fr) {
      per.push(await lossAt('magnitude', f));
      glob.push(await lossAt('magnitude-global', f));
    }
    expect(per[6].toFixed(4)).toBe('5.5222');
    expect(fr.filter((_, i) => glob[i] > per[i])).toEqual(fr.slice(1));
  }, 180_000);
  it('half the query heads (16 of 32): loss 3.9315, and only 10.9 % of the prunable weights are zero', async () => {
    const r = at('heads', 0.5);
    expect(r.summary.units).toBe(16);
    expect((100 * r.summary.sparsity).toFixed(1)).toBe('10.9');
    expect((await loss(r.weights)).toFixed(4)).toBe('3.9315');
  }, 30_000);
  it('10 % of the MLP neurons cost 1.6 nats (5.1676); layer 0’s 38 alone give 5.0416, any other single layer at most +0.05', async () => {
    const r = at('neurons', 0.1);
    expect(r.summary.units).toBe(8 * 38);
    const all = await loss(r.weights);
    expect(all.toFixed(4)).toBe('5.1676');
    expect((all - 3.5661).toFixed(1)).toBe('1.6');
    const only = (layer: number) => {
      const out = new Map(w);
      for (const k of ['w1', 'w3', 'w2']) { const n = `blocks.${layer}.mlp.${k}.weight`; out.set(n, r.weights.get(n)!); }
      return out;
    };
    expect((await loss(only(0))).toFixed(4)).toBe('5.0416');
    for (let l = 1; l < 8; l++) expect(await loss(only(l)) - 3.5661).toBeLessThan(0.05);
  }, 90_000);
  it('bytes of the 1,572,864 prunable weights: dense fp16 3,145,728 at any sparsity; CSR 4,759,776 (1.5×) at 50 %, 984,816 (0.31×) at 90 %', () => {
    const h = at('magnitude', 0.5).summary;
    const n = at('magnitude', 0.9).summary;
    expect(h.weights).toBe(1_572_864);
    expect([h.dense, n.dense]).toEqual([3_145_728, 3_145_728]);
    expect([h.csr, n.csr]).toEqual([4_759_776, 984_816]);
    expect((h.csr / h.dense).toFixed(1)).toBe('1.5');
    expect((n.csr / n.dense).toFixed(2)).toBe('0.31');
    expect(breakEvenDensity()).toBeCloseTo(1 / 3, 12);
  });
  it('lm’s shape as the lesson states it: 8 blocks, h_s = 32, 4 query heads on 2 kv heads, attention a quarter of each block’s prunable weights', () => {
    expect([cfg.nLayer, cfg.dModel / cfg.nHead, cfg.nHead, cfg.nKvHead, cfg.vocabSize]).toEqual([8, 32, 4, 2, 4096]);
    const size = (n: string) => w.get(n)!.data.length;
    const attn = ['q', 'k', 'v', 'o'].reduce((a, k) => a + size(`blocks.0.attn.w${k}.weight`), 0);
    const mlp = ['w1', 'w3', 'w2'].reduce((a, k) => a + size(`blocks.0.mlp.${k}.weight`), 0);
    expect(attn / (attn + mlp)).toBe(0.25);
    expect(8 * (attn + mlp)).toBe(1_572_864);
    expect(Math.round(0.1 * cfg.dFF)).toBe(38);
  });
});

describe('the lesson’s distillation numbers', () => {
  const r = JSON.parse(readFileSync('training/sweeps/distill-results.json', 'utf8'));
  it('are the recorded run’s: val loss 3.4996 / 3.8872 / 3.7877, agreement 57.5 % / 60.0 %, KL at T = 1 0.631 / 0.466, 54,272 positions', () => {
    expect(r._positions).toBe(54_272);
    expect([r._windows, r._windows * 256]).toEqual([212, 54_272]);
    expect([r.teacher.valLoss, r['lm-draft'].valLoss, r['lm-distill'].valLoss].map((x: number) => x.toFixed(4))).toEqual(['3.4996', '3.8872', '3.7877']);
    expect([r['lm-draft'].top1AgreementWithTeacher, r['lm-distill'].top1AgreementWithTeacher].map((x: number) => (100 * x).toFixed(1))).toEqual(['57.5', '60.0']);
    expect([r['lm-draft'].klTeacherT1, r['lm-distill'].klTeacherT1].map((x: number) => x.toFixed(3))).toEqual(['0.631', '0.466']);
    expect([r['lm-draft-rerun'].valLoss.toFixed(4), r['lm-distill-kd1'].valLoss.toFixed(4), (100 * r['lm-distill-kd1'].top1AgreementWithTeacher).toFixed(1)]).toEqual(['3.8796', '3.7672', '66.6']);
  });
  it('match the manifest (the shipped models’ own val losses), and distillation closed 26 % of the gap', () => {
    expect(manifest['lm-distill'].validation.loss).toBeCloseTo(r['lm-distill'].valLoss, 4);
    expect(manifest['lm-draft'].validation.loss).toBeCloseTo(r['lm-draft'].valLoss, 4);
    expect(manifest.lm.validation.loss).toBeCloseTo(r.teacher.valLoss, 4);
    expect(manifest['lm-distill'].params).toBe(360_768);
    expect(Math.round(manifest['lm-distill'].training.seconds)).toBe(125);
    expect(manifest['lm-distill'].training.steps).toBe(5000);
    expect((r['lm-draft'].valLoss - r['lm-draft-rerun'].valLoss).toFixed(3)).toBe('0.008');
    // "a tenth of the gain"
    expect(((r['lm-draft'].valLoss - r['lm-draft-rerun'].valLoss) / (r['lm-draft'].valLoss - r['lm-distill'].valLoss)).toFixed(1)).toBe('0.1');
    expect([manifest['lm-draft'].params, manifest['lm-draft'].config.nLayer]).toEqual([360_768, 2]);
    expect(manifest['lm-distill'].config).toEqual(manifest['lm-draft'].config);
    const gap = (r['lm-draft'].valLoss - r['lm-distill'].valLoss) / (r['lm-draft'].valLoss - r.teacher.valLoss);
    expect(Math.round(100 * gap)).toBe(26);
  });
});

describe('the temperature challenge, on distill-compare’s default prompt (eager forward of the three shipped models)', () => {
  it('KL(lm ‖ lm-distill) 0.24 → 0.085 and KL(lm ‖ lm-draft) 0.59 → 0.15 from T = 1 to T = 4; teacher rows 21.0 % … 3.6 % at T = 1, 0.5 % … 0.3 % at T = 4', async () => {
    const ids = loadBpe(JSON.parse(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'))).encode(distillCompareSchema.defaults.prompt);
    const x = { data: BigInt64Array.from(ids.map(BigInt)), shape: [1, ids.length] };
    const logits = {} as Record<ModelId, Float32Array>;
    for (const id of ['lm', 'lm-distill', 'lm-draft'] as const) {
      const e = manifest[id] as { config: TransformerConfig; sha256: string; files: { weights: string } };
      const ew = await loadWeights(new Uint8Array(readFileSync(e.files.weights)), { sha256: e.sha256, config: e.config });
      logits[id] = (eagerStep(e.config, ew, x).logits.data as Float32Array).slice(-e.config.vocabSize);
    }
    const t1 = distillView(logits, 1);
    const t4 = distillView(logits, 4);
    expect([t1.kl['lm-distill'].toFixed(2), t4.kl['lm-distill'].toFixed(3), t1.kl['lm-draft'].toFixed(2), t4.kl['lm-draft'].toFixed(2)]).toEqual(['0.24', '0.085', '0.59', '0.15']);
    expect(t1.kl['lm-distill']).toBeLessThan(t1.kl['lm-draft']);
    expect(t4.kl['lm-distill']).toBeLessThan(t4.kl['lm-draft']);
    expect([pct(t1.rows[0].p.lm), pct(t1.rows[7].p.lm), pct(t4.rows[0].p.lm), pct(t4.rows[7].p.lm)]).toEqual(['21.0%', '3.6%', '0.5%', '0.3%']);
    expect(t1.rows[0].p.lm / t1.rows[7].p.lm).toBeGreaterThan(5.5); // "almost six times"
    expect(t1.rows[0].p.lm / t1.rows[7].p.lm).toBeLessThan(6);
  });
});
