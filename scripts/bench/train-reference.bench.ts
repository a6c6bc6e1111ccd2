/**
 * Our train step against a reference implementation, same shapes, same weights, same run:
 * lib/train (eager TS GradOps over transformer.ts, batchStep, AdamW with λ = 0) vs the same
 * Transformer written with TensorFlow.js ops (scripts/bench/reference/tfjs-train.ts:
 * tf.variableGrads + tf.train.adam) on TF.js's cpu backend and its wasm backend (single-threaded
 * in Node; its embedding is oneHot · table there, as wasm has no gather gradient), and in jax-js
 * (reference/jax-train.ts: jit(valueAndGrad(loss)) + a jitted clip-and-Adam, wasm device; one
 * thread in Node, which has no global Worker for its thread pool).
 *
 * For each shape it first checks that both compute the same thing, from the same weights:
 *   loss      |Δ| between our loss and the reference's on the same batch
 *   grads     worst tensor's max |Δg| / max |g| (the reference's gradient mapped back to our layout)
 *   1 step    max |Δθ| / lr after one clipped Adam step, and how many weights differ by > 0.01·lr
 *             (Adam's first step is lr·g/(|g| + ε): ≈ ±lr where |g| ≫ ε, but where the clipped g is
 *             near ε = 1e-8 a float32 difference in g moves that weight's step by up to lr)
 * then times a step (forward + backward + clipping + Adam; median after a warm-up) on each.
 * Shapes: the training playground's default model (lib/train/tasks.ts) on 'reverse', batch 8 × 6
 * tokens (answer-only loss); `lm`, 1 × 64 tokens, every weight trained; `lm` + LoRA r = 8 on wq, wv
 * (base frozen; B drawn N(0, 0.02²) instead of 0 so A's gradient is not zero).
 *
 * The frameworks are a bench-only package (scripts/bench/reference/package.json), not in the
 * main npm ci: when missing, this bench runs `npm ci --prefix scripts/bench/reference` first
 * (BENCH_NO_INSTALL=1: fail with that command instead).
 *
 *   npm run bench -- train-reference
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32, randn, type Tensor } from '../../lib/tensor';
import type { TransformerConfig } from '../../lib/model/config';
import type { Ops } from '../../lib/model/ops';
import { loadWeights } from '../../lib/model/weights';
import { randomWeights } from '../../lib/model/init';
import { AdamW, batches, batchStep, cloneWeights, lossAndGrads, playgroundConfig, type Example, type Var } from '../../lib/train';
import { LoraOps, initLora, isLoraName, withAdapters, type LoraConfig } from '../../lib/peft';
import { refBatch } from './reference/layout';
import { tfjsTrainer, type Tf } from './reference/tfjs-train';
import { jaxTrainer, type Jax } from './reference/jax-train';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const refDir = join(here, 'reference');
const INSTALL = 'npm ci --prefix scripts/bench/reference';

/** @tensorflow/tfjs (core + cpu + every gradient), its wasm backend, and jax-js, installed on demand. */
async function loadRefs(): Promise<{ tf: Tf; jax: Jax }> {
  if (!['@tensorflow/tfjs', '@jax-js/jax'].every((p) => existsSync(join(refDir, 'node_modules', p, 'package.json')))) {
    if (process.env.BENCH_NO_INSTALL) throw new Error(`the reference frameworks are not installed: run ${INSTALL}`);
    console.log(`Installing the bench-only reference frameworks (TF.js 4.22.0; not part of npm ci): ${INSTALL}`);
    const r = spawnSync('npm', ['ci', '--prefix', refDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${INSTALL} failed (exit ${r.status}); run it by hand, then npm run bench -- train-reference`);
  }
  const req = createRequire(join(refDir, 'package.json'));
  const { log, warn } = console;
  console.log = console.warn = () => {}; // TF.js's "install tfjs-node" banner and platform notices
  try {
    const tf = req('@tensorflow/tfjs') as Tf;
    req('@tensorflow/tfjs-backend-wasm');
    tf.env().set('PROD', true); // no "install tfjs-node" banner on first use (PROD only turns off TF.js's warnings and debug checks)
    const jax = req('@jax-js/jax') as Jax;
    await jax.init('wasm');
    jax.defaultDevice('wasm');
    return { tf, jax };
  } finally {
    Object.assign(console, { log, warn });
  }
}

async function model(id: string): Promise<{ cfg: TransformerConfig; w: Map<string, Tensor> }> {
  const cfg = JSON.parse(readFileSync(join(root, 'models', id, 'config.json'), 'utf8')) as TransformerConfig;
  const w = await loadWeights(new Uint8Array(readFileSync(join(root, 'models', id, 'model.safetensors'))), { config: cfg });
  return { cfg, w: new Map(w) };
}

function median(fn: () => unknown, reps: number): number {
  fn(); // warm-up
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)];
}

/** What the bench needs of a reference implementation (tfjs-train.ts, jax-train.ts). */
interface Trainer {
  lossAndGrads(): { loss: number; grads: Map<string, Float32Array> };
  step(): number;
  weight(name: string): Float32Array;
  dispose(): void;
}

interface Case {
  name: string;
  cfg: TransformerConfig;
  weights: Map<string, Tensor>;
  examples: Example[];
  lr: number;
  clip?: number;
  trainable?: (name: string) => boolean;
  lora?: LoraConfig;
  reps: number;
}

const ourOpts = (c: Case) => ({
  lr: c.lr,
  clip: c.clip,
  trainable: c.trainable,
  wrap: c.lora ? (o: Ops<Var>): Ops<Var> => new LoraOps(o, c.cfg, c.lora!) : undefined,
});

/** Our mean loss and gradients over the batch (what batchStep computes before clipping). */
function ours(c: Case): { loss: number; grads: Map<string, Float32Array> } {
  let loss = 0;
  const sum = new Map<string, Float32Array>();
  for (const ex of c.examples) {
    const r = lossAndGrads(c.weights, c.cfg, ex.tokens, { ...ourOpts(c), targets: ex.targets });
    loss += r.loss / c.examples.length;
    for (const [n, g] of r.grads) {
      const acc = sum.get(n) ?? sum.set(n, new Float32Array(g.length)).get(n)!;
      for (let i = 0; i < g.length; i++) acc[i] += g[i] / c.examples.length;
    }
  }
  return { loss, grads: sum };
}

/** Worst tensor's max |a − b| / max |a|, and which tensor. */
function worst(a: ReadonlyMap<string, Float32Array>, b: ReadonlyMap<string, Float32Array>): { err: number; at: string } {
  let err = 0;
  let at = '';
  for (const [n, x] of a) {
    const y = b.get(n);
    if (!y || y.length !== x.length) return { err: Infinity, at: `${n} missing` };
    let d = 0;
    let m = 0;
    for (let i = 0; i < x.length; i++) {
      d = Math.max(d, Math.abs(x[i] - y[i]));
      m = Math.max(m, Math.abs(x[i]));
    }
    const e = m > 0 ? d / m : d;
    if (e >= err) [err, at] = [e, n];
  }
  if (b.size !== a.size) return { err: Infinity, at: `${b.size} tensors vs ${a.size}` };
  return { err, at };
}

const trainedNames = (c: Case): string[] => [...c.weights.keys()].filter((n) => c.trainable?.(n) ?? true);

export default async function bench(): Promise<void> {
  const { tf, jax } = await loadRefs();
  const cases: Case[] = [];
  {
    const cfg = playgroundConfig({ kind: 'reverse', symbols: 4, length: 3 });
    const examples = batches({ kind: 'reverse', symbols: 4, length: 3 }, 8, 1)();
    cases.push({ name: 'playground default, 8 × 6 tokens', cfg, weights: cloneWeights(randomWeights(cfg, 1, { std: 0.1 })), examples, lr: 1e-2, clip: 1, reps: 20 });
  }
  const lm = await model('lm');
  const tokens = Array.from({ length: 65 }, (_, i) => (i * 7919 + 13) % lm.cfg.vocabSize);
  const lora: LoraConfig = { r: 8, alpha: 16, targets: ['wq', 'wv'] };
  {
    const adapters = initLora(lm.cfg, lora, 1);
    const rng = mulberry32(2);
    for (const [n, t] of adapters) if (n.endsWith('.lora_B')) adapters.set(n, { data: randn(rng, t.data.length, 0.02), shape: t.shape });
    cases.push({ name: 'lm + LoRA r=8 (wq, wv), 1 × 64', cfg: lm.cfg, weights: withAdapters(cloneWeights(lm.w), adapters), examples: [{ tokens }], lr: 1e-3, trainable: isLoraName, lora, reps: 5 });
  }
  cases.push({ name: 'lm, full, 1 × 64', cfg: lm.cfg, weights: cloneWeights(lm.w), examples: [{ tokens }], lr: 1e-4, clip: 1, reps: 3 });

  const rows: string[][] = [['shape', 'implementation', 'loss', '|Δ loss|', 'grad err (worst tensor)', '1 step |Δθ|/lr', 'ms/step', '× ours']];
  for (const c of cases) {
    const mine = ours(c);
    const after = cloneWeights(c.weights);
    batchStep(after, c.cfg, c.examples, new AdamW({ weightDecay: 0 }), { ...ourOpts(c) });
    const names = trainedNames(c);
    const w = cloneWeights(c.weights);
    const opt = new AdamW({ weightDecay: 0 });
    const ourMs = median(() => batchStep(w, c.cfg, c.examples, opt, ourOpts(c)), c.reps);
    rows.push([c.name, 'ours (eager TS)', mine.loss.toFixed(6), '—', '—', '—', ourMs.toFixed(1), '1.00']);
    const impls: { label: string; make: () => Promise<Trainer> }[] = [
      ...['cpu', 'wasm'].map((backend) => {
        const oneHotEmbedding = backend === 'wasm'; // TF.js wasm lacks gather's gradient (UnsortedSegmentSum)
        return {
          label: `TF.js 4.22 ${backend}${oneHotEmbedding ? ' (one-hot embedding)' : ''}`,
          make: async (): Promise<Trainer> => {
            if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
            await tf.ready();
            return tfjsTrainer(tf, { cfg: c.cfg, weights: c.weights, trainable: c.trainable, lora: c.lora, batch: refBatch(c.examples), lr: c.lr, clip: c.clip, oneHotEmbedding });
          },
        };
      }),
      { label: 'jax-js 0.1.25 wasm (jit)', make: async () => jaxTrainer(jax, { cfg: c.cfg, weights: c.weights, trainable: c.trainable, lora: c.lora, batch: refBatch(c.examples), lr: c.lr, clip: c.clip }) },
    ];
    for (const { label, make } of impls) {
      try {
        const ref = await make();
        try {
          const r = ref.lossAndGrads();
          const g = worst(mine.grads, r.grads);
          ref.step();
          let dTheta = 0;
          let off = 0;
          let total = 0;
          for (const n of names) {
            const a = after.get(n)!.data;
            const b = ref.weight(n);
            total += a.length;
            for (let i = 0; i < a.length; i++) {
              const d = Math.abs(a[i] - b[i]);
              dTheta = Math.max(dTheta, d);
              if (d > 0.01 * c.lr) off++;
            }
          }
          const ms = median(() => ref.step(), c.reps);
          rows.push([c.name, label, r.loss.toFixed(6), Math.abs(r.loss - mine.loss).toExponential(1), `${g.err.toExponential(1)} (${g.at.replace(/\.weight$/, '')})`, `${(dTheta / c.lr).toExponential(1)} (${off.toLocaleString('en')} of ${total.toLocaleString('en')} > 0.01)`, ms.toFixed(1), (ms / ourMs).toFixed(2)]);
        } finally {
          ref.dispose();
        }
      } catch (err) {
        rows.push([c.name, label, `failed: ${String(err instanceof Error ? err.message : err).slice(0, 90)}`, '', '', '', '', '']);
      }
    }
  }
  console.log(`train step (forward + backward + clip + Adam), Node ${process.version}, one thread; median of 3-20 after a warm-up; AdamW λ = 0 on both sides`);
  console.log('grad err: worst tensor’s max |Δg| / max |g| vs ours; 1 step: max |Δθ| / lr after one step from the same weights (and how many weights differ by > 0.01·lr:');
  console.log('  Adam’s first step is lr·g/(|g| + ε), so where a clipped gradient is near ε = 1e-8 a float32 difference in g moves that weight by up to lr)');
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((s, i) => s.padEnd(widths[i])).join('  |  '));
}
