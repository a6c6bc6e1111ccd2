/**
 * The runtime on a REAL GPU (no browser there): ORT 1.30's WebGPU EP through Dawn's Node binding
 * (npm `webgpu`), vs ORT WASM (1 thread), on 'random:<preset>' (default lm-shape). Prints:
 *   - the per-run floor of ORT WebGPU in this process: a tiny graph (4 × (64×64 MatMul + Relu),
 *     N = 16; shared/gpu-webgpu's mkmlp), and a chain of 500 one-row Adds (per-node cost);
 *   - prefill (128 tokens) and one-token decode (after 64 cached) per backend, the old path
 *     (every present.* read back to the CPU, re-uploaded as past.*) vs the new one (present.*
 *     kept as GPU buffers and fed back; only logits come down), decode ÷ floor;
 *   - the Runtime's measured pick per workload and pick ÷ fastest; max |Δ| of the logits;
 *   - generate (prompt 128): tok/s and ms per decode token (64 vs 8 new tokens) for auto / wasm /
 *     webgpu, old vs new runtime, and whether WebGPU and WASM drew the same tokens.
 * Not run by `npm run bench` (it needs a GPU machine); without `webgpu` installed (or GPU=0) it
 * runs the WASM rows only (a smoke test). How to run it:
 *
 *   here:  npm i --prefix /tmp/wgpu webgpu@0.6.2         (outside the project: no package.json change)
 *          npx esbuild scripts/bench/runtime-gpu.ts --bundle --platform=node --format=esm \
 *            --external:onnxruntime-web --external:webgpu --outfile=<app>/gpubench.mjs
 *          then lay out <app>/node_modules like shared/gpu-webgpu/pack.sh does (webgpu with
 *          dist/linux-x64/dawn.node, onnxruntime-common, onnxruntime-web with the asyncify
 *          wasm/mjs and ort.webgpu*.mjs), xz it with a node binary and the libvulkan1 .deb
 *   there: the README's steps (dpkg -x the .deb, VK_DRIVER_FILES=…nvidia_icd.json), then
 *          ../node gpubench.mjs lm-shape
 *
 * Measured 2026-12-01 (session 1) on one H200 (ORT 1.30, dawn.node 0.6.2; three runs, noisy shared host), ms:
 *   floor (tiny MLP on WebGPU, read back)      3.48 / 2.61 / 2.56; a chain of 500 one-row Add/Mul
 *                                              nodes 38.9 / 21.6 / 22.0 on WebGPU (0.9-1.6 on WASM):
 *                                              ~0.04-0.08 ms per node; the decode graph has ~500
 *   prefill 128 tokens   WASM 70-93             WebGPU old 28-47, new 20-36 (faster than WASM in every run)
 *   decode 1 token (P=64) WASM 1.9-2.2          WebGPU old 32-48, new (cache on the GPU) 20-22
 *   generate, ms per decode token: WASM 1.8-3.3; WebGPU old 38-41 (12-16× floor), new 22-25
 *     (7-9×), step decoder (fixed capacity, every buffer bound in place) 16.5-20.4 (6.5-7.8×);
 *     the step decoder alone 18.7 ms per step, its logits equal to kv-decode's (max|Δ| 0) and its
 *     greedy ids equal to WASM generate's
 *   picks: prefill WebGPU, decode WASM, pick ÷ fastest 1.00 per workload; generate auto ÷ the
 *     fastest single backend 1.01-1.05 (ms per decode token); WebGPU vs WASM logits within 1.5e-6;
 *     all generate runs drew the same 64 tokens.
 *
 * Measured 2026-12-01 (session 2), fewer kernels per step. The model now applies RoPE as
 * x·cos + (x·R)·sin, reads GQA's kv heads through grouped queries instead of copying the cache,
 * and a one-token head split/merge is a Reshape; the step graph (build.ts `fused`) adds
 * SimplifiedLayerNormalization, SkipSimplifiedLayerNormalization (residual add + RMSNorm),
 * com.microsoft RotaryEmbedding and QuickGelu (SiLU). Nodes that are not Reshape, step graph
 * for lm (8 layers): 477 before → 335 plain → 178 fused (lm-shape: 255 plain → 136 fused).
 * Step decoder, ms per step (median of 30), floor = tiny MLP measured in the same run:
 *   lm        floor 2.61-3.48   plain 15.7-30.0   fused 9.8-11.8 (3.1-3.8× floor; a few 17-19 outliers)
 *   lm-shape  floor 2.53-4.73   plain 11.4-17.3   fused 6.9-9.2 (1.9-3.3× floor)
 *   generate, step decoder (prompt 128 + 64): lm 9.96-13.19 ms per decode token (3.16-3.96× floor),
 *     lm-shape 7.76-12.50 (2.52-4.59×); before this session 16.5-20.4 (6.5-7.8×). Logits within
 *     6e-7 of kv-decode's, greedy ids equal to WASM generate's in every run.
 *   prefill 128 tokens, lm: WASM 37.8-53.7, WebGPU (cache on the GPU) 23.6-28.7 (still faster);
 *     generate auto ÷ fastest backend 0.96-1.08; all generate runs drew the same 64 tokens.
 *   validationMode 'wgpuOnly' vs ORT's default 'basic': no difference beyond the noise.
 *   graph capture (CAPTURE=1): still fails; ORT passes a bind-group entry whose buffer is
 *     undefined (seen by wrapping dawn.node's createBindGroup), for the step graph with 256-byte
 *     padded buffers as well as for the kv-decode graph.
 *
 * Measured 2026-12-01 (session 3), attention as one node. The runtime's kv-step graph is now
 * build.ts cache 'inplace': per layer one packed QKV Gemm and one com.microsoft
 * GroupQueryAttention (RoPE, the write of slot p and attention inside) whose present.* outputs are
 * bound to the past.* buffers, so the cache is updated in place. Nodes that are not Reshape, lm:
 * 176 (fused step) → 83 (inplace); lm-shape 134 → 63. Two runs, three passes each, ms per step:
 *   lm        floor 2.62 / 4.51   fused step 10.0-13.3   inplace 5.76-8.34 (1.28-2.63× floor),
 *             with ping-pong buffers instead of in place 6.37-8.23
 *   lm-shape  floor 3.32          fused step 8.5-12.4    inplace 5.09-7.13 (1.53-2.15×)
 *   generate, step decoder, ms per decode token: lm 6.12 (2.34×) and 7.37 (1.63×), lm-shape 6.00
 *     (1.81×); every decode step ran on the step decoder (63 of 63); logits within 3.3e-7 of
 *     kv-decode's; greedy ids equal to WASM generate's; all generate runs drew the same 64 tokens.
 *   prefill 128 tokens, lm: WebGPU 19.1-19.3 vs WASM 37.4-37.5 (still faster); the shipped
 *     runtime's generate auto ÷ fastest backend 1.03-1.07. Graph capture: still the same failure.
 */
import { Runtime, disposeFeeds, type Feed, type OrtModule, type WireTensor } from '../../lib/runtime';
import { calibrationPlan, idsTensor, randomPresetWeights as presetWeights, stateOutputNames, transformerModel } from '../../lib/runtime/transformer';
import { randomWeights } from '../../lib/model/init';
import { readFileSync } from 'node:fs';
import { buildTransformerGraph } from '../../lib/model/build';
import { pastFeeds } from '../../lib/model/kvcache';
import { names } from '../../lib/model/names';
import type { TransformerConfig } from '../../lib/model/config';
import { encodeModel, type OnnxGraph } from '../../lib/onnx';
import { installDawn } from './dawn-node';
import { GpuStepDecoder } from '../../lib/runtime/gpu-step';

const gpuOn = await installDawn();
const preset = process.argv[2] ?? 'lm-shape';
const id = `random:${preset}`;
// 'lm': lm's own architecture (./lm/config.json, 8 layers) with seeded random weights: timing does not depend on the values
function randomPresetWeights(name: string): ReturnType<typeof presetWeights> {
  if (name !== 'lm') return presetWeights(name);
  const config = JSON.parse(readFileSync('lm/config.json', 'utf8')) as TransformerConfig;
  return { config, weights: randomWeights(config, 1) };
}
const randomPresetModel = (name: string) => { const { config, weights } = randomPresetWeights(name); return transformerModel(config, weights, { preset: name, seed: 1 }); };
let ortMod: OrtModule | null = null;
const ort = async () => {
  if (ortMod) return ortMod;
  const m: any = await import('onnxruntime-web/webgpu');
  m.env.wasm.numThreads = 1;
  m.env.logLevel = 'error';
  return (ortMod = m as OrtModule);
};
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const nav = (globalThis as any).navigator;
async function timed(fn: () => Promise<unknown>, reps = 15): Promise<number> {
  await fn(); await fn();
  const ts: number[] = [];
  for (let i = 0; i < reps; i++) { const t0 = performance.now(); await fn(); ts.push(performance.now() - t0); }
  return med(ts);
}

// ---- the floor: tiny graphs timed on the same device, in the same process ----
function mlpGraph(D: number, L: number): Uint8Array {
  let seed = 1; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 - 0.5; };
  const g: OnnxGraph = { name: 'mlp', nodes: [], initializers: [], inputs: [{ name: 'X', dtype: 'float32', dims: ['N', D] }], outputs: [{ name: 'Y', dtype: 'float32', dims: ['N', D] }] };
  let cur = 'X';
  for (let l = 0; l < L; l++) {
    g.initializers.push({ name: `W${l}`, dtype: 'float32', dims: [D, D], data: Float32Array.from({ length: D * D }, () => rnd() * 2 / Math.sqrt(D)) });
    g.nodes.push({ opType: 'MatMul', inputs: [cur, `W${l}`], outputs: [`H${l}`] }, { opType: 'Relu', inputs: [`H${l}`], outputs: [`A${l}`] });
    cur = `A${l}`;
  }
  g.nodes.push({ opType: 'Identity', inputs: [cur], outputs: ['Y'] });
  return encodeModel(g, { opsetVersion: 17 });
}
function addChain(n: number, D: number): Uint8Array {
  const g: OnnxGraph = { name: 'chain', nodes: [], initializers: [{ name: 'c', dtype: 'float32', dims: [D], data: new Float32Array(D).fill(1e-3) }], inputs: [{ name: 'X', dtype: 'float32', dims: [1, D] }], outputs: [{ name: 'Y', dtype: 'float32', dims: [1, D] }] };
  let cur = 'X';
  for (let i = 0; i < n; i++) { g.nodes.push({ opType: i % 2 ? 'Mul' : 'Add', inputs: [cur, 'c'], outputs: [`h${i}`] }); cur = `h${i}`; }
  g.nodes.push({ opType: 'Identity', inputs: [cur], outputs: ['Y'] });
  return encodeModel(g, { opsetVersion: 17 });
}
async function floorMs(bytes: Uint8Array, x: number[], dims: number[], ep: string): Promise<number> {
  const o: any = await ort();
  const s = await o.InferenceSession.create(bytes, { executionProviders: [ep], logSeverityLevel: 3 });
  const X = new o.Tensor('float32', Float32Array.from(x), dims);
  const ms = await timed(async () => { const r = await s.run({ X }); r.Y.dispose(); }, 20);
  await s.release();
  return ms;
}
const floors: Record<string, number> = {};
for (const ep of gpuOn ? ['wasm', 'webgpu'] : ['wasm']) {
  floors[`mlp ${ep}`] = await floorMs(mlpGraph(64, 4), Array.from({ length: 16 * 64 }, (_, i) => Math.sin(i)), [16, 64], ep);
  floors[`chain500 ${ep}`] = await floorMs(addChain(500, 256), Array.from({ length: 256 }, (_, i) => Math.sin(i)), [1, 256], ep);
}
console.log('floor (ms per run): tiny MLP 4 × (64×64) N=16, and a chain of 500 Add/Mul nodes on [1, 256]');
console.table(Object.fromEntries(Object.entries(floors).map(([k, v]) => [k, v.toFixed(2)])));
const floor = floors['mlp webgpu'];

// ---- the model: old runtime (read-back) vs new (state on the GPU) ----
const make = (deviceState: boolean, stepDecoder: 'off' | 'bound' | 'captured' = 'off') => new Runtime({ provider: async () => randomPresetModel(preset), ort, navigator: nav, deviceState, stepDecoder });
// old: every present.* read back; new: present.* kept on the GPU; step / captured: + the fixed-capacity step decoder
const rts = { old: make(false), new: make(true), step: make(true, 'bound'), captured: make(true, 'captured') };
const loaded = await rts.new.load(id);
for (const rt of [rts.old, rts.step, rts.captured]) await rt.load(id);
console.log('backends', loaded.backends, loaded.webgpuReason ?? '', (await rts.new.probe()).reason);
const backends = loaded.backends;
const cfg = loaded.info.config as TransformerConfig;
const plan = calibrationPlan(cfg);
const keep = stateOutputNames(cfg);
const rows: Record<string, string | number>[] = [];
const logits: Record<string, Float32Array> = {};
const ms: Record<string, number> = {};
for (const backend of backends) {
  for (const which of ['old', 'new'] as const) {
    const rt = rts[which];
    ms[`prefill ${which} ${backend}`] = await timed(async () => {
      const r = await rt.runFeeds(id, plan.prefill.variant, plan.prefill.feeds, 'prefill', backend, which === 'new' ? keep : []);
      logits[`prefill ${which} ${backend}`] = (r.outputs.logits as WireTensor).data as Float32Array;
      disposeFeeds(r.outputs);
    });
  }
  // old: past fed from the CPU, every present.* read back (what rt.run does)
  ms[`decode old ${backend}`] = await timed(async () => {
    const r = await rts.old.run(id, plan.decode.variant, plan.decode.feeds, 'decode', backend);
    logits[`decode old ${backend}`] = (r.outputs.logits as WireTensor).data as Float32Array;
  });
  // new: what one generate step does: past.* = the GPU buffers of an earlier run, present.* kept
  const pre = await rts.new.runFeeds(id, 'kv-prefill', { [names.ids()]: idsTensor(Array.from({ length: 64 }, (_, i) => (i * 7 + 3) % cfg.vocabSize)) }, 'prefill', backend, keep);
  const past = pastFeeds(pre.outputs, cfg.nLayer) as Record<string, Feed>;
  ms[`decode new ${backend}`] = await timed(async () => {
    const r = await rts.new.runFeeds(id, 'kv-decode', { [names.ids()]: idsTensor([1]), ...past }, 'decode', backend, keep);
    logits[`decode new ${backend}`] = (r.outputs.logits as WireTensor).data as Float32Array;
    disposeFeeds(r.outputs);
  });
  disposeFeeds(pre.outputs);
}
const maxDiff = (a?: Float32Array, b?: Float32Array) => { if (!a || !b) return NaN; let m = 0; for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i])); return m; };
for (const w of ['prefill', 'decode'] as const) {
  for (const which of ['old', 'new'] as const) {
    const wasm = ms[`${w} ${which} wasm`], gpu = ms[`${w} ${which} webgpu`];
    rows.push({ workload: w, path: which, 'wasm ms': wasm.toFixed(2), 'webgpu ms': gpu?.toFixed(2) ?? '-', 'wasm/webgpu': gpu ? (wasm / gpu).toFixed(2) : '-', 'webgpu ÷ floor': gpu && floor ? (gpu / floor).toFixed(2) : '-', 'max|Δ| webgpu vs wasm': maxDiff(logits[`${w} ${which} wasm`], logits[`${w} ${which} webgpu`]).toExponential(2) });
  }
}
console.log(`\n${preset}: ms per run (median of 15), prefill = ${plan.prefill.tokens} tokens, decode = 1 token after 64 cached; floor = tiny MLP on WebGPU ${floor?.toFixed(2) ?? '-'} ms`);
console.table(rows);
for (const w of ['prefill', 'decode'] as const) {
  const t0 = performance.now();
  const pick = await rts.new.choose(id, w, { measured: true });
  const fastest = Math.min(...backends.map((b) => ms[`${w} new ${b}`]));
  console.log(`pick ${w}: ${pick.backend} (pick ÷ fastest ${(ms[`${w} new ${pick.backend}`] / fastest).toFixed(2)}; calibration ${(performance.now() - t0).toFixed(0)} ms) — ${pick.reason}`);
}

let same = true;
// ---- the fixed-capacity step decoder (lib/runtime/gpu-step.ts), without and with graph capture ----
type StepVariant = { fused: boolean; inplace?: boolean; share?: boolean; validation?: 'basic' | 'wgpuOnly' };
async function stepBench(capture: boolean, v: StepVariant = { fused: true, inplace: true }): Promise<void> {
  const o = await ort();
  const { config: c, weights } = randomPresetWeights(preset);
  const graph = buildTransformerGraph(c, weights, { cache: v.inplace ? 'inplace' : 'step', fused: v.fused });
  const dispatching = graph.nodes.filter((n) => n.opType !== 'Reshape' && n.opType !== 'Shape').length;
  const d = await GpuStepDecoder.create(o, encodeModel(graph, { opsetVersion: 17, producerName: 'llm-lab' }), cfg, { capture, validation: v.validation, share: v.share });
  const label = `${v.inplace ? `inplace (GroupQueryAttention, ${v.share === false ? 'ping-pong buffers' : 'present bound to past'})` : v.fused ? 'fused step' : 'plain step'} graph, ${graph.nodes.length} nodes (${dispatching} not Reshape), validation ${v.validation ?? 'default'}`;
  const P = 64, prompt64 = Array.from({ length: P }, (_, i) => (i * 7 + 3) % cfg.vocabSize);
  const pre = await rts.new.runFeeds(id, 'kv-prefill', { [names.ids()]: idsTensor(prompt64) }, 'prefill', 'webgpu', keep);
  await d.load(pastFeeds(pre.outputs, cfg.nLayer), P);
  const first = await d.step(1, P);
  const err = maxDiff(first, logits['decode new webgpu']);
  const perStep = await timed(() => d.step(1, P), 30);
  // greedy decoding from the prefill's last row vs the runtime's all-WASM greedy generate
  const last = (pre.outputs[names.logits()] as WireTensor).data as Float32Array;
  const argmax = (r: Float32Array) => r.reduce((b, v, i) => (v > r[b] ? i : b), 0);
  const got: number[] = [argmax(last.subarray((P - 1) * cfg.vocabSize))];
  const ts: number[] = [];
  for (let p = P; got.length < 32; p++) { const t0 = performance.now(); got.push(argmax(await d.step(got[got.length - 1], p))); ts.push(performance.now() - t0); }
  disposeFeeds(pre.outputs);
  rts.new.setPreference('wasm');
  const ref = await rts.new.generate(id, { prompt: prompt64, maxNewTokens: 32 });
  console.log(`step decoder (fixed capacity ${cfg.contextLength}${capture ? ', graph capture' : ''}; ${label}): ${perStep.toFixed(2)} ms per step (${(perStep / floor).toFixed(2)}× floor), in a 31-step greedy loop median ${med(ts).toFixed(2)} ms; max|Δ| vs the kv-decode logits ${err.toExponential(2)}; greedy ids same as WASM generate: ${got.join() === ref.newIds.join()} (${got.slice(0, 8).join(',')} vs ${ref.newIds.slice(0, 8).join(',')})`);
  await d.release();
}
const within = <T>(p: Promise<T>, s: number) => Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`timed out after ${s} s`)), s * 1000))]);
const stepRun = (capture: boolean, v?: StepVariant) => within(stepBench(capture, v), 60).catch((e) => console.log(`step decoder${capture ? ' (graph capture)' : ''} ${JSON.stringify(v)} failed:`, e instanceof Error ? e.stack : String(e)));
if (gpuOn) {
  const variants: StepVariant[] = [{ fused: true }, { fused: true, inplace: true }, { fused: true, inplace: true, share: false }];
  for (const v of [...variants, ...variants, ...variants]) await stepRun(false, v);
  if (process.env.CAPTURE === '1') for (const v of [{ fused: true, inplace: true }, { fused: true }] as StepVariant[]) await stepRun(true, v);
}

// ---- generate: auto (per-workload picks) / wasm / webgpu, old vs new ----
const prompt = Array.from({ length: 128 }, (_, i) => (i * 7919 + 13) % cfg.vocabSize);
const ids: Record<string, number[]> = {};
const per: Record<string, number> = {};
for (const which of (process.env.GEN_CAPTURED ? ['old', 'new', 'step', 'captured'] : ['old', 'new', 'step']) as (keyof typeof rts)[]) {
  const rt = rts[which];
  if (!gpuOn && which !== 'old' && which !== 'new') continue;
  if (which !== 'new') {
    for (const w of ['prefill', 'decode'] as const) {
      const pick = await rt.choose(id, w, { measured: true });
      console.log(`${which} runtime, pick ${w}: ${pick.backend} — ${pick.reason}`);
    }
  }
  for (const pref of ['auto', ...backends] as const) {
    rt.setPreference(pref);
    await rt.generate(id, { prompt, maxNewTokens: 8 });
    const gen = async (n: number) => { const t0 = performance.now(); const g = await rt.generate(id, { prompt, maxNewTokens: n }); return { ms: performance.now() - t0, g }; };
    const short = [await gen(8), await gen(8), await gen(8)].sort((a, b) => a.ms - b.ms)[1];
    const long = [await gen(64), await gen(64), await gen(64)].sort((a, b) => a.ms - b.ms)[1];
    const perToken = (long.ms - short.ms) / (long.g.newIds.length - short.g.newIds.length);
    ids[`${which} ${pref}`] = long.g.newIds;
    per[`${which} ${pref}`] = perToken;
    console.log(`generate ${which} ${pref}: prompt 128 + ${long.g.newIds.length} tokens in ${long.ms.toFixed(0)} ms = ${(long.g.newIds.length / long.ms * 1000).toFixed(1)} tok/s; ${perToken.toFixed(2)} ms per decode token${floor && pref === 'webgpu' ? ` (${(perToken / floor).toFixed(2)}× floor)` : ''}; backends ${long.g.backends.join('+')}${long.g.stepped ? ` (${long.g.stepped} steps on the step decoder)` : ''}; first ids ${long.g.newIds.slice(0, 6).join(',')}`);
  }
}
for (const which of Object.keys(rts)) {
  const auto = per[`${which} auto`], fastest = Math.min(...backends.map((b) => per[`${which} ${b}`]));
  if (auto !== undefined) console.log(`${which} runtime: generate ms per decode token auto ${auto.toFixed(2)} ÷ fastest backend ${fastest.toFixed(2)} = ${(auto / fastest).toFixed(2)}`);
}
same = Object.values(ids).every((x) => x.join() === ids['new wasm'].join());
console.log(`all generate runs drew the same ${ids['new wasm'].length} tokens: ${same}`);
// graph capture last: a failed capture can leave ORT's WebGPU state unusable
if (gpuOn && process.env.CAPTURE === '1') await stepRun(true);
// ---- probe: ORT graph capture (enableGraphCapture) of the unchanged kv-decode graph at a fixed P = 64 ----
// every input and output a pre-allocated GPU buffer; replays the captured commands from the 2nd run on
async function captureProbe(): Promise<void> {
  const o: any = await ort();
  const dev: any = await o.env.webgpu.device;
  const U = (globalThis as any).GPUBufferUsage;
  const gpuT = (dtype: 'float32' | 'int64', dims: number[], data?: Float32Array | BigInt64Array) => {
    const n = dims.reduce((a, b) => a * b, 1), bytes = n * (dtype === 'int64' ? 8 : 4);
    const b = dev.createBuffer({ size: Math.ceil(bytes / 16) * 16, usage: U.STORAGE | U.COPY_SRC | U.COPY_DST });
    if (data) dev.queue.writeBuffer(b, 0, data);
    return o.Tensor.fromGpuBuffer(b, { dataType: dtype, dims });
  };
  const bytes = await randomPresetModel(preset).graph('kv-decode');
  const s = await o.InferenceSession.create(bytes, { executionProviders: ['webgpu'], enableGraphCapture: true, graphOptimizationLevel: 'all', logSeverityLevel: 3 });
  const feeds: Record<string, unknown> = { [names.ids()]: gpuT('int64', [1, 1], BigInt64Array.of(1n)) };
  const fetches: Record<string, any> = { [names.logits()]: gpuT('float32', [1, 1, cfg.vocabSize]) };
  for (const [k, t] of Object.entries(plan.decode.feeds)) if (k !== names.ids()) feeds[k] = gpuT('float32', t.dims, t.data as Float32Array);
  const P = plan.decode.feeds[names.pastKey(0)].dims;
  for (const n of keep) fetches[n] = gpuT('float32', [P[0], P[1], P[2] + 1, P[3]]);
  const staging = dev.createBuffer({ size: Math.ceil((cfg.vocabSize * 4) / 16) * 16, usage: U.MAP_READ | U.COPY_DST });
  const read = async () => {
    const enc = dev.createCommandEncoder(); enc.copyBufferToBuffer(fetches[names.logits()].gpuBuffer, 0, staging, 0, cfg.vocabSize * 4); dev.queue.submit([enc.finish()]);
    await staging.mapAsync((globalThis as any).GPUMapMode.READ); const r = new Float32Array(staging.getMappedRange(0, cfg.vocabSize * 4).slice(0)); staging.unmap(); return r;
  };
  const runOnly = await timed(() => s.run(feeds, fetches), 20);
  const withRead = await timed(async () => { await s.run(feeds, fetches); await read(); }, 20);
  await s.run(feeds, fetches);
  const got = await read();
  console.log(`graph capture probe (kv-decode, P = 64): run ${runOnly.toFixed(2)} ms, run + logits read-back ${withRead.toFixed(2)} ms (${(withRead / floor).toFixed(2)}× floor); max|Δ| vs the uncaptured WebGPU logits ${maxDiff(got, logits['decode old webgpu']).toExponential(2)}`);
  await s.release();
}
if (gpuOn && process.env.CAPTURE === '1') {
  await Promise.race([captureProbe(), new Promise((_, rej) => setTimeout(() => rej(new Error('timed out after 60 s')), 60_000))]).catch((e) => console.log('graph capture probe failed:', e instanceof Error ? e.stack : String(e)));
}
process.exit(same ? 0 : 1);
