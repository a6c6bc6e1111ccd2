/**
 * Training on a REAL GPU (no browser there): lib/train's train-step graph (forward + backward +
 * clip + AdamW as one ONNX model, lib/train/train-graph.ts) run by lib/runtime's GraphTrainer on
 * ORT 1.30's WebGPU EP (Dawn's Node binding, ./dawn-node.ts) vs ORT WASM (1 thread): steps/s
 * (median of 10 after 2 warm-up steps) and the losses of the first steps on each backend (they
 * must agree). Rows:
 *   - lm (shipped weights, models/lm) with LoRA r = 8 on wq and wv, 64 tokens, batch 1
 *   - lm-shape (random weights, 4.75 M params) with LoRA r = 8 on wq and wv, 64 tokens
 *   - lm, every weight trained, 64 tokens
 *   - the training playground's default model (lib/train/playground.ts defaultSpec: copy task,
 *     2 layers, width 32, AdamW) on a batch of 8 examples
 * Not run by `npm run bench` (it needs a GPU machine); without `webgpu` (or GPU=0): WASM rows only.
 * Bundle and run it like runtime-gpu.ts:
 *
 *   npx esbuild scripts/bench/train-gpu.ts --bundle --platform=node --format=esm \
 *     --external:onnxruntime-web --external:webgpu --outfile=<app>/traingpu.mjs
 *   there: ../node traingpu.mjs <dir with lm's config.json and model.safetensors>
 * (scripts/bench/gpu-pack.sh packs both benches with node, dawn.node and lm; gpu-run.sh runs them.)
 *
 * Measured 2026-12-01 on one H200 (ORT 1.30, dawn.node 0.6.2), ms per step (steps/s), WASM 1 thread
 * vs WebGPU; losses of the first 5 steps agree within 8.6e-6:
 *   lm + LoRA r=8, 64 tokens            112.3 (8.9)   vs 163.9 (6.1)   WebGPU 0.69× as fast
 *   lm-shape + LoRA r=8, 64 tokens       75.9 (13.2)  vs  67.2 (14.9)  1.13×
 *   lm, full, 64 tokens                 175.2 (5.7)   vs 134.4 (7.4)   1.30×
 *   playground default, batch 8 × 8       6.8 (147.6) vs 178.5 (5.6)   0.04× (per-node overhead)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OrtModule } from '../../lib/runtime';
import { GraphTrainer } from '../../lib/runtime/train-graph';
import type { TransformerConfig } from '../../lib/model/config';
import type { WeightMap } from '../../lib/model/eager';
import { loadWeights } from '../../lib/model/weights';
import { randomWeights } from '../../lib/model/init';
import { presets } from '../../lib/model/presets';
import { batches, buildTrainModel, cloneWeights, type TrainGraphOptions } from '../../lib/train';
import type { TaskSpec } from '../../lib/train/tasks';
import { defaultSpec, INIT_STD, specConfig } from '../../lib/train/playground';
import { LoraOps, initLora, isLoraName, withAdapters, type LoraConfig } from '../../lib/peft';
import { installDawn } from './dawn-node';

const gpuOn = await installDawn();
const ort = (await import('onnxruntime-web/webgpu' as string)) as OrtModule;
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
const lmDir = process.argv[2] ?? 'models/lm';
const seq = (n: number, V: number): number[] => Array.from({ length: n }, (_, i) => (i * 7919 + 13) % V);
const backends = gpuOn ? (['wasm', 'webgpu'] as const) : (['wasm'] as const);

interface Row { model: string; trained: number; [k: string]: string | number }
const rows: Row[] = [];
async function one(model: string, cfg: TransformerConfig, w: WeightMap, o: TrainGraphOptions, examples: { tokens: number[]; targets?: number[] }[], lr: number): Promise<void> {
  const { bytes, params } = buildTrainModel(cfg, w, o);
  const row: Row = { model, trained: params.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0), 'graph MB': (bytes.length / 1e6).toFixed(1) };
  const losses: Record<string, number[]> = {};
  for (const backend of backends) {
    const t0 = performance.now();
    const tr = await GraphTrainer.create(ort, { bytes, params, init: w, backend, adam: o.adam, batch: o.batch ?? 1, T: o.T });
    row[`${backend} session ms`] = Math.round(performance.now() - t0);
    losses[backend] = [];
    for (let i = 0; i < 2; i++) losses[backend].push((await tr.step(examples, lr)).loss);
    const ts: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t1 = performance.now();
      const r = await tr.step(examples, lr);
      ts.push(performance.now() - t1);
      if (i < 3) losses[backend].push(r.loss);
    }
    const med = ts.sort((a, b) => a - b)[5];
    row[`${backend} ms/step`] = med.toFixed(1);
    row[`${backend} steps/s`] = (1000 / med).toFixed(1);
    await tr.release();
  }
  if (losses.webgpu) {
    row['webgpu/wasm speed'] = (Number(row['webgpu steps/s']) / Number(row['wasm steps/s'])).toFixed(2);
    row['max |Δloss| (5 steps)'] = Math.max(...losses.wasm.map((l, i) => Math.abs(l - losses.webgpu[i]))).toExponential(1);
  }
  row['losses (wasm)'] = losses.wasm.map((l) => l.toFixed(3)).join(' ');
  rows.push(row);
  console.log(JSON.stringify(row));
}

const T = 64;
const lora: LoraConfig = { r: 8, alpha: 16, targets: ['wq', 'wv'] };
const loraOpts = (cfg: TransformerConfig): TrainGraphOptions => ({ T, clip: 1, adam: { weightDecay: 0 }, trainable: isLoraName, wrap: (x) => new LoraOps(x, cfg, lora) });

const lmCfg = JSON.parse(readFileSync(join(lmDir, 'config.json'), 'utf8')) as TransformerConfig;
const lmW = await loadWeights(new Uint8Array(readFileSync(join(lmDir, 'model.safetensors'))), { config: lmCfg });
await one('lm + LoRA r=8 (wq, wv), 64 tokens', lmCfg, withAdapters(cloneWeights(lmW), initLora(lmCfg, lora, 1)), loraOpts(lmCfg), [{ tokens: seq(T + 1, lmCfg.vocabSize) }], 1e-3);

const shape = { ...presets['lm-shape'] } as TransformerConfig;
await one('lm-shape (random) + LoRA r=8 (wq, wv), 64 tokens', shape, withAdapters(randomWeights(shape, 1234), initLora(shape, lora, 1)), loraOpts(shape), [{ tokens: seq(T + 1, shape.vocabSize) }], 1e-3);

await one('lm, full, 64 tokens', lmCfg, cloneWeights(lmW), { T, clip: 1, adam: { weightDecay: 0.1 } }, [{ tokens: seq(T + 1, lmCfg.vocabSize) }], 1e-4);

const spec = defaultSpec();
const pcfg = specConfig(spec);
const batch = batches(spec.task as TaskSpec, spec.batch, spec.seed)().map((x) => ({ tokens: [...x.tokens], targets: [...x.targets!] })); // the default task is copy
await one(`playground default (${spec.task.kind}, ${spec.nLayer} layers, width ${spec.dModel}), batch ${spec.batch} × ${batch[0].tokens.length - 1} tokens`, pcfg, cloneWeights(randomWeights(pcfg, spec.seed, { std: INIT_STD })), { T: batch[0].tokens.length - 1, batch: spec.batch, clip: spec.clip, adam: { weightDecay: spec.weightDecay } }, batch, spec.lr);

console.log(`\ntrain step graph, ORT ${ort.env.versions?.web ?? ''}, WASM 1 thread${gpuOn ? ' vs WebGPU' : ''}:`);
console.table(rows);
process.exit(0);
