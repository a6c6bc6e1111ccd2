/**
 * Training benchmarks (one run, ratios and rates only; never timed assertions): one train step =
 * forward + backward (lib/train GradOps over the unchanged transformer.ts) + AdamW, eager TS in
 * Node, single thread. Table rows, in order:
 *   - tiny-random (committed weights, every weight trained), 64 tokens
 *   - the training playground's default model (lib/train/tasks.ts) on 'reverse' with 4 symbols of
 *     length 3: a mini-batch of 8 examples of 6 input tokens per step (gradient accumulation); its
 *     forward column is 8 forwards (the widget's default task, copy 6 × 4, is in the last table)
 *   - lm (shipped weights) with LoRA r = 8 on wq and wv, base frozen (lib/peft), 64 tokens
 *   - lm, every weight trained (what LoRA saves), 64 tokens
 * Before the table, time to a visible drop: lib/peft's loraFinetune of lm (r = 8, wq + wv,
 * windows of 64, lr 3e-3) on two Shakespeare sonnets (public domain), held-out loss every 5 steps,
 * and the wall time until it first falls by ≥ 0.1 nats (the lesson's 30 s target, but in Node).
 * Each row also gives the eager forward alone, so step / forward is the cost of the backward pass
 * and the update. After the graph table: the playground as its widget runs it, per engine (eager
 * TS vs the ORT WASM graph), steps/s and the time to a visible loss drop. The same steps against TF.js and jax-js (loss, gradients, ms/step): train-reference.bench.ts.
 *
 *   npm run bench -- train
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ids } from '../../lib/tensor';
import type { TransformerConfig } from '../../lib/model/config';
import { EagerOps, type WeightMap } from '../../lib/model/eager';
import { loadWeights } from '../../lib/model/weights';
import { transformer } from '../../lib/model/transformer';
import type { Ops } from '../../lib/model/ops';
import { AdamW, batchStep, batches, cloneWeights, playgroundConfig, trainStep, type TaskSpec, type Var } from '../../lib/train';
import { randomWeights } from '../../lib/model/init';
import { LoraOps, initLora, isLoraName, loraFinetune, loraParamCounts, withAdapters, type LoraConfig } from '../../lib/peft';
import { reviveTokenizer } from '../../lib/tokenizer';
import { buildTrainModel, type TrainGraphOptions } from '../../lib/train';
import { loadOrt, setOrtLoader } from '../../lib/runtime';
import { GraphTrainer } from '../../lib/runtime/train-graph';
import { PlaygroundRun, defaultSpec, type PlaygroundSpec } from '../../lib/train/playground';
import { GraphPlayground } from '../../lib/train/play-graph';
import { PASSAGES } from '../../lib/train/passages';
import { TEXT_WINDOW } from '../../lib/train/text-task';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function model(id: string): Promise<{ cfg: TransformerConfig; w: WeightMap }> {
  const cfg = JSON.parse(readFileSync(join(root, 'models', id, 'config.json'), 'utf8')) as TransformerConfig;
  const w = await loadWeights(new Uint8Array(readFileSync(join(root, 'models', id, 'model.safetensors'))), { config: cfg });
  return { cfg, w };
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

const seq = (n: number, V: number): number[] => Array.from({ length: n }, (_, i) => (i * 7919 + 13) % V);

export default async function bench(): Promise<void> {
  const T = 64;
  const rows: string[][] = [['model', 'trained params', 'forward', 'train step', 'steps/s', 'step / forward']];
  const row = (name: string, trained: number, fwdMs: number, stepMs: number): void => {
    rows.push([name, trained.toLocaleString('en'), `${fwdMs.toFixed(1)} ms`, `${stepMs.toFixed(1)} ms`, (1000 / stepMs).toFixed(2), `${(stepMs / fwdMs).toFixed(1)}×`]);
  };

  const tiny = await model('tiny-random');
  {
    const w = cloneWeights(tiny.w);
    const toks = seq(T + 1, tiny.cfg.vocabSize);
    const opt = new AdamW({ weightDecay: 0.1 });
    const fwd = median(() => transformer(new EagerOps(w), tiny.cfg, ids(toks.slice(0, T))), 10);
    const step = median(() => trainStep(w, tiny.cfg, toks, opt, { lr: 1e-3, clip: 1 }), 10);
    row('tiny-random, full', [...w.values()].reduce((s, t) => s + t.data.length, 0), fwd, step);
  }

  {
    const task: TaskSpec = { kind: 'reverse', symbols: 4, length: 3 };
    const cfg = playgroundConfig(task);
    const w = cloneWeights(randomWeights(cfg, 1, { std: 0.1 }));
    const next = batches(task, 8, 1);
    const opt = new AdamW({ weightDecay: 0.01 });
    const fwd = median(() => transformer(new EagerOps(w), cfg, ids(next()[0].tokens.slice(0, -1))), 20) * 8;
    const step = median(() => batchStep(w, cfg, next(), opt, { lr: 1e-2, clip: 1 }), 20);
    row('playground model, reverse 4 × 3, batch 8 × 6 tokens', [...w.values()].reduce((s, t) => s + t.data.length, 0), fwd, step);
  }

  const lm = await model('lm');
  const toks = seq(T + 1, lm.cfg.vocabSize);
  const lora: LoraConfig = { r: 8, alpha: 16, targets: ['wq', 'wv'] };
  {
    const w = withAdapters(cloneWeights(lm.w), initLora(lm.cfg, lora, 1));
    const wrap = (o: Ops<Var>): Ops<Var> => new LoraOps(o, lm.cfg, lora);
    const opt = new AdamW({ weightDecay: 0 });
    const fwd = median(() => transformer(new LoraOps(new EagerOps(w), lm.cfg, lora), lm.cfg, ids(toks.slice(0, T))), 5);
    const step = median(() => trainStep(w, lm.cfg, toks, opt, { lr: 1e-3, trainable: isLoraName, wrap }), 5);
    row('lm + LoRA r=8 (wq, wv)', loraParamCounts(lm.cfg, lora).lora, fwd, step);
  }
  {
    const w = cloneWeights(lm.w);
    const opt = new AdamW({ weightDecay: 0.1 });
    const fwd = median(() => transformer(new EagerOps(w), lm.cfg, ids(toks.slice(0, T))), 5);
    const step = median(() => trainStep(w, lm.cfg, toks, opt, { lr: 1e-4, clip: 1 }), 3);
    row('lm, full', [...w.values()].reduce((s, t) => s + t.data.length, 0), fwd, step);
  }
  const SONNETS = `Shall I compare thee to a summer's day?
Thou art more lovely and more temperate:
Rough winds do shake the darling buds of May,
And summer's lease hath all too short a date;
Sometime too hot the eye of heaven shines,
And often is his gold complexion dimm'd;
And every fair from fair sometime declines,
By chance or nature's changing course untrimm'd;
But thy eternal summer shall not fade,
Nor lose possession of that fair thou ow'st;
Nor shall Death brag thou wander'st in his shade,
When in eternal lines to time thou grow'st:
So long as men can breathe or eyes can see,
So long lives this, and this gives life to thee.
Let me not to the marriage of true minds
Admit impediments. Love is not love
Which alters when it alteration finds,
Or bends with the remover to remove.
O no! it is an ever-fixed mark
That looks on tempests and is never shaken;
It is the star to every wandering bark,
Whose worth's unknown, although his height be taken.
Love's not Time's fool, though rosy lips and cheeks
Within his bending sickle's compass come;
Love alters not with his brief hours and weeks,
But bears it out even to the edge of doom.
If this be error and upon me proved,
I never writ, nor no man ever loved.
`;
  const tok = reviveTokenizer(readFileSync(join(root, 'models/tokenizer/austen-bpe-4096.json'), 'utf8'));
  const text = tok.encode(SONNETS);
  const t0 = performance.now();
  const curve: string[] = [];
  let first: number | null = null;
  let drop: string | null = null;
  for (const r of loraFinetune({ cfg: lm.cfg, base: lm.w, tokens: text, lora, steps: 40, window: 64, lrMax: 3e-3, evalEvery: 5 })) {
    if (r.valLoss === null) continue;
    const sec = (performance.now() - t0) / 1000;
    first ??= r.valLoss;
    curve.push(`${r.step}: ${r.valLoss.toFixed(3)} (${sec.toFixed(1)} s)`);
    if (drop === null && r.valLoss <= first - 0.1) drop = `${sec.toFixed(1)} s (step ${r.step})`;
  }
  console.log(`lm LoRA fine-tune on ${text.length} tokens of sonnets (held-out ${text.length - Math.floor(text.length * 0.9)}): val loss ${curve.join(', ')}`);
  console.log(`time to a held-out loss drop of 0.1 nats: ${drop ?? 'not reached in 40 steps'}`);
  console.log(`train step on ${T} tokens, eager TS, Node ${process.version}, one thread (median of 3-10 after a warm-up)`);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join('  |  '));
  await graphBench(tiny, lm, lora);
}

/**
 * The train-step ONNX graph (lib/train/train-graph.ts: forward + backward + clip + AdamW in one
 * model) on onnxruntime-web's WASM backend in Node, one thread, via lib/runtime's GraphTrainer,
 * against the eager TS step on the same work (median of 5-20 after a warm-up). Build = the graph
 * built and serialized in TS; session = ORT's create (graph optimisation included).
 */
async function graphBench(tiny: { cfg: TransformerConfig; w: WeightMap }, lm: { cfg: TransformerConfig; w: WeightMap }, lora: LoraConfig): Promise<void> {
  setOrtLoader(() => import('onnxruntime-web') as never, { wasmBase: null, numThreads: 1 });
  const ort = await loadOrt();
  const amedian = async (fn: () => Promise<unknown>, reps: number): Promise<number> => {
    await fn();
    const ts: number[] = [];
    for (let i = 0; i < reps; i++) {
      const t0 = performance.now();
      await fn();
      ts.push(performance.now() - t0);
    }
    return ts.sort((a, b) => a - b)[Math.floor(reps / 2)];
  };
  const rows: string[][] = [['model', 'build', 'session', 'graph step (WASM)', 'graph steps/s', 'eager step', 'eager steps/s', 'graph / eager speed']];
  const one = async (name: string, cfg: TransformerConfig, w: WeightMap, o: TrainGraphOptions, examples: { tokens: number[]; targets?: number[] }[], eagerStep: () => unknown, reps: number): Promise<void> => {
    const t0 = performance.now();
    const { bytes, params } = buildTrainModel(cfg, w, o);
    const t1 = performance.now();
    const tr = await GraphTrainer.create(ort, { bytes, params, init: w, backend: 'wasm', adam: o.adam, batch: o.batch ?? 1, T: o.T });
    const t2 = performance.now();
    const g = await amedian(() => tr.step(examples, 1e-3), reps);
    await tr.release();
    const e = median(eagerStep, reps);
    rows.push([name, `${(t1 - t0).toFixed(0)} ms (${(bytes.length / 1e6).toFixed(1)} MB)`, `${(t2 - t1).toFixed(0)} ms`, `${g.toFixed(1)} ms`, (1000 / g).toFixed(2), `${e.toFixed(1)} ms`, (1000 / e).toFixed(2), `${(e / g).toFixed(2)}×`]);
  };
  const T = 64;
  {
    const w = cloneWeights(tiny.w);
    const toks = seq(T + 1, tiny.cfg.vocabSize);
    const opt = new AdamW({ weightDecay: 0.1 });
    await one('tiny-random, full, 64 tokens', tiny.cfg, w, { T, clip: 1, adam: { weightDecay: 0.1 } }, [{ tokens: toks }], () => trainStep(w, tiny.cfg, toks, opt, { lr: 1e-3, clip: 1 }), 10);
  }
  {
    const task: TaskSpec = { kind: 'reverse', symbols: 4, length: 3 };
    const cfg = playgroundConfig(task);
    const w = cloneWeights(randomWeights(cfg, 1, { std: 0.1 }));
    const next = batches(task, 8, 1);
    const batch = next().map((x) => ({ tokens: [...x.tokens], targets: [...x.targets!] }));
    const opt = new AdamW({ weightDecay: 0.01 });
    await one('playground model, reverse 4 × 3, batch 8 × 6 tokens', cfg, w, { T: 6, batch: 8, clip: 1, adam: { weightDecay: 0.01 } }, batch, () => batchStep(w, cfg, batch, opt, { lr: 1e-2, clip: 1 }), 20);
  }
  {
    const w = withAdapters(cloneWeights(lm.w), initLora(lm.cfg, lora, 1));
    const toks = seq(T + 1, lm.cfg.vocabSize);
    const wrap = (o: Ops<Var>): Ops<Var> => new LoraOps(o, lm.cfg, lora);
    const opt = new AdamW({ weightDecay: 0 });
    const o: TrainGraphOptions = { T, clip: 1, adam: { weightDecay: 0 }, trainable: isLoraName, wrap: (x) => new LoraOps(x, lm.cfg, lora) };
    await one('lm + LoRA r=8 (wq, wv), 64 tokens', lm.cfg, w, o, [{ tokens: toks }], () => trainStep(w, lm.cfg, toks, opt, { lr: 1e-3, clip: 1, trainable: isLoraName, wrap }), 5);
  }
  console.log(`\ntrain step as one ONNX graph on onnxruntime-web WASM (Node ${process.version}, 1 thread) vs eager TS (same machine, same run)`);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((s, c) => s.padEnd(widths[c])).join('  |  '));
  await playgroundBench(ort);
}

/**
 * The training playground as its widget runs it (lib/train PlaygroundRun; evaluation every 10
 * steps, as evalEvery(300)), per engine: eager TS, and the train-step graph on ORT WASM in Node
 * (GraphPlayground; weights read back at each evaluation). Steps/s over the first 100 steps
 * (evaluations included), and the time from the first step to a visible drop: the first training
 * batch loss at least 0.5 nats under step 1's. Runs: the default (copy) and the text task (Austen).
 */
async function playgroundBench(ort: Awaited<ReturnType<typeof loadOrt>>): Promise<void> {
  const rows: string[][] = [['run', 'engine', 'start (graph + session)', 'steps/s (100 steps, evals incl.)', 'visible drop (−0.5 nats) at', 'time to it (after start)']];
  const specs: [string, PlaygroundSpec][] = [
    ['default: copy 6 × 4', defaultSpec()],
    ['text: Austen, windows of 17', defaultSpec({ task: { kind: 'text', text: PASSAGES.austen.text, window: TEXT_WINDOW } })],
  ];
  for (const [name, spec] of specs) {
    for (const engine of ['ts', 'wasm'] as const) {
      const run = new PlaygroundRun(spec);
      const c0 = performance.now();
      const g = engine === 'wasm' ? await GraphPlayground.create(run, ort, 'wasm') : null;
      const stepOnce = async (): Promise<number> => (g ? (await g.trainStep()).loss : run.trainStep().loss);
      const evaluate = async (): Promise<unknown> => (g ? g.evaluate() : run.evaluate());
      const t0 = performance.now();
      let first = NaN;
      let drop: [number, number] | null = null;
      for (let s = 1; s <= 100; s++) {
        const loss = await stepOnce();
        if (s === 1) first = loss;
        if (!drop && loss <= first - 0.5) drop = [s, performance.now() - t0];
        if (s % 10 === 0) await evaluate();
      }
      const ms = performance.now() - t0;
      await g?.release();
      rows.push([name, engine === 'ts' ? 'TypeScript (eager)' : 'ONNX graph, ORT WASM', g ? `${(t0 - c0).toFixed(0)} ms` : '—', (100_000 / ms).toFixed(1), drop ? `step ${drop[0]}` : '> 100', drop ? `${(drop[1] / 1000).toFixed(2)} s` : '—']);
    }
  }
  console.log(`\ntraining playground per engine (Node ${process.version}, 1 thread; batch 8, evaluation every 10 steps as in the widget)`);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((x, c) => x.padEnd(widths[c])).join('  |  '));
}
