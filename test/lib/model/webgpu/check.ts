/**
 * Eager ↔ ONNX parity and timings on onnxruntime-web's WebGPU EP on a real GPU, from Node
 * (recipe: shared/gpu-webgpu/README.md — Dawn's Node binding stands in for the browser's navigator.gpu).
 * Not a vitest file (CI has no GPU). Bundle it, carry it with the packed node + node_modules, run:
 *
 *   npx esbuild test/lib/model/webgpu/check.ts --bundle --platform=node --format=esm \
 *     --external:onnxruntime-web --external:webgpu --outfile=<app>/check.mjs
 *   (on the GPU machine, in <app> with patch.mjs beside it)  ../node check.mjs
 *
 * Prints, per config variant, the max relative error of every tap and the logits (WebGPU vs the
 * TS reference), KV-cache decode parity, and lm-shape timings WebGPU vs WASM.
 *
 * Measured 2026-11-24 on one H100 (ORT 1.30, dawn.node via npm `webgpu` 0.6.2, installed outside
 * the project): all 8 variants agree with the TS reference on WebGPU (taps ≤ 3.4e-6, logits
 * ≤ 2.1e-6, KV decode ≤ 4.3e-6, relative). lm-shape, ms per run (noisy shared host):
 *   forward 128 tokens: WebGPU 27–41, WASM 74–113 (1 thread);
 *   one decode step at ~128 tokens: WebGPU 39 (cache kept on the GPU) – 79 (cache read back),
 *   WASM 2.6–5. Per-dispatch overhead (~500 small nodes) dominates single-token steps on WebGPU:
 *   prefill on WebGPU, decode small models on WASM (or fuse ops) until measured otherwise.
 */
import { ids, type AnyTensor } from '@/lib/tensor';
import { buildTransformerModel } from '@/lib/model/build';
import { encodeModel } from '@/lib/onnx';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { buildDecodeGraph, buildPrefillGraph, eagerStep, pastFeeds } from '@/lib/model/kvcache';
import { allTapNames, names } from '@/lib/model/names';
import { presets } from '@/lib/model/presets';
import { transformer } from '@/lib/model/transformer';
import { variants, testInit } from '../fixtures';
import { relErr } from '../rel-err';

type Ort = typeof import('onnxruntime-web');

const maxErr = relErr;

async function main(): Promise<void> {
  const dawn = 'webgpu'; // Dawn's Node binding: installed only in the GPU pack, not in this project
  const { create, globals } = (await import(/* @vite-ignore */ dawn)) as { create: (o: string[]) => { requestAdapter(o: object): Promise<{ info?: Record<string, string> } | null> }; globals: object };
  Object.assign(globalThis, globals);
  const gpu = create([]);
  Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
  // @ts-expect-error plain .mjs beside the bundle (shared/gpu-webgpu/patch.mjs)
  await import('./patch.mjs');
  const ort: Ort = await import('onnxruntime-web/webgpu');
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  const a = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  console.log('adapter', a?.info?.vendor, a?.info?.architecture, a?.info?.description);

  const session = (bytes: Uint8Array, ep: string) => ort.InferenceSession.create(bytes, { executionProviders: [ep] });
  const t = (v: AnyTensor): InstanceType<Ort['Tensor']> => new ort.Tensor(v.data instanceof BigInt64Array ? 'int64' : 'float32', v.data as Float32Array, v.shape);
  const runF = async (s: Awaited<ReturnType<typeof session>>, feeds: Record<string, AnyTensor>) => {
    const f: Record<string, InstanceType<Ort['Tensor']>> = {};
    for (const [k, v] of Object.entries(feeds)) f[k] = t(v);
    const out = await s.run(f);
    const r: Record<string, AnyTensor> = {};
    for (const [k, v] of Object.entries(out)) r[k] = { data: v.data as Float32Array, shape: [...v.dims] };
    return r;
  };

  for (const [label, cfg] of Object.entries(variants)) {
    const w = randomWeights(cfg, 1234, testInit);
    const x = ids([3, 1, 4, 1, 5, 9, 2].map((v) => v % cfg.vocabSize));
    const ops = new EagerOps(w, { taps: true });
    const ref = transformer(ops, cfg, x).logits;
    const out = await runF(await session(buildTransformerModel(cfg, w, { taps: true }), 'webgpu'), { ids: x });
    let worst = 0;
    let worstName = '';
    for (const n of allTapNames(cfg.nLayer, cfg.position === 'learned' || cfg.position === 'sinusoidal')) {
      const e = maxErr(out[n].data as Float32Array, ops.trace.get(n)!.data as Float32Array);
      if (e > worst) [worst, worstName] = [e, n];
    }
    const le = maxErr(out.logits.data as Float32Array, ref.data as Float32Array);
    // KV cache on WebGPU: prefill 4, decode 1 + 2, against the eager full pass
    const seq = [5, 2, 7, 1, 8, 2, 8].map((v) => v % cfg.vocabSize);
    const full = eagerStep(cfg, w, ids(seq)).logits;
    const Vn = cfg.vocabSize;
    const pre = await session(encodeModel(buildPrefillGraph(cfg, w), { opsetVersion: 17 }), 'webgpu');
    const dec = await session(encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 }), 'webgpu');
    let o = await runF(pre, { ids: ids(seq.slice(0, 4)) });
    let ke = maxErr(o.logits.data as Float32Array, full.data.subarray(0, 4 * Vn));
    for (const [s0, s1] of [[4, 5], [5, 7]]) {
      o = await runF(dec, { ids: ids(seq.slice(s0, s1)), ...pastFeeds(o, cfg.nLayer) });
      ke = Math.max(ke, maxErr(o.logits.data as Float32Array, full.data.subarray(s0 * Vn, s1 * Vn)));
    }
    const empty = { data: new Float32Array(0), shape: [1, cfg.nKvHead, 0, cfg.dModel / cfg.nHead] };
    const emptyPast: Record<string, AnyTensor> = {};
    for (let l = 0; l < cfg.nLayer; l++) emptyPast[names.pastKey(l)] = emptyPast[names.pastValue(l)] = empty;
    let p0 = 'ok';
    try {
      const z = await runF(dec, { ids: ids(seq.slice(0, 4)), ...emptyPast });
      p0 = maxErr(z.logits.data as Float32Array, full.data.subarray(0, 4 * Vn)).toExponential(1);
    } catch (e) {
      p0 = `error: ${(e as Error).message.slice(0, 80)}`;
    }
    console.log(`PARITY ${label.padEnd(50)} taps ${worst.toExponential(1)} (${worstName}) logits ${le.toExponential(1)} kv-decode ${ke.toExponential(1)} decode-from-empty ${p0}`);
  }

  // lm-shape: parity at 128 tokens and timings WebGPU vs WASM
  const cfg = presets['lm-shape'];
  const w = randomWeights(cfg, 7);
  const x = ids(Array.from({ length: 128 }, (_, i) => (i * 7919 + 13) % cfg.vocabSize));
  const ref = transformer(new EagerOps(w), cfg, x).logits;
  const bytes = buildTransformerModel(cfg, w);
  const decBytes = encodeModel(buildDecodeGraph(cfg, w), { opsetVersion: 17 });
  const cache = eagerStep(cfg, w, ids(Array.from(x.data.subarray(0, 127) as BigInt64Array, Number))).cache;
  const present: Record<string, AnyTensor> = {};
  cache.forEach((kv, l) => {
    present[names.presentKey(l)] = kv.k;
    present[names.presentValue(l)] = kv.v;
  });
  const last = ids([Number(x.data[127])]);
  for (const ep of ['webgpu', 'wasm']) {
    const s = await session(bytes, ep);
    const d = await session(decBytes, ep);
    const out = await runF(s, { ids: x });
    const time = async (fn: () => Promise<unknown>, reps: number): Promise<number> => {
      await fn();
      await fn();
      const t0 = performance.now();
      for (let i = 0; i < reps; i++) await fn();
      return (performance.now() - t0) / reps;
    };
    const fwd = await time(() => runF(s, { ids: x }), 20);
    const step = await time(() => runF(d, { ids: last, ...pastFeeds(present, cfg.nLayer) }), 20);
    const dOut = await runF(d, { ids: last, ...pastFeeds(present, cfg.nLayer) });
    const decErr = maxErr(dOut.logits.data as Float32Array, (ref.data as Float32Array).subarray(127 * cfg.vocabSize));
    console.log(`LM-SHAPE ep=${ep} logits err ${maxErr(out.logits.data as Float32Array, ref.data as Float32Array).toExponential(1)} decode err ${decErr.toExponential(1)} forward128 ${fwd.toFixed(2)} ms decode@128 ${step.toFixed(2)} ms`);
  }

  // Generation loop with the cache kept where the EP computes it (WebGPU: GPU buffers, no readback):
  // prefill 127 tokens, then 16 greedy-free decode steps over fixed ids, timing each step.
  const presentNames = Array.from({ length: cfg.nLayer }, (_, l) => [names.presentKey(l), names.presentValue(l)]).flat();
  const steps = 16;
  const seq = Array.from({ length: 127 + steps }, (_, i) => (i * 7919 + 13) % cfg.vocabSize);
  const refGen = transformer(new EagerOps(w), cfg, ids(seq)).logits;
  const preBytes = encodeModel(buildPrefillGraph(cfg, w), { opsetVersion: 17 });
  for (const ep of ['webgpu', 'wasm']) {
    const loc = ep === 'webgpu' ? Object.fromEntries(presentNames.map((n) => [n, 'gpu-buffer' as const])) : undefined;
    const opts = { executionProviders: [ep], ...(loc ? { preferredOutputLocation: loc } : {}) };
    const pre = await ort.InferenceSession.create(preBytes, opts);
    const d = await ort.InferenceSession.create(decBytes, opts);
    let outs = await pre.run({ ids: t(ids(seq.slice(0, 127))) });
    let err = 0;
    let total = 0;
    for (let i = 127; i < 127 + steps; i++) {
      const past: Record<string, InstanceType<Ort['Tensor']>> = {};
      for (let l = 0; l < cfg.nLayer; l++) {
        past[names.pastKey(l)] = outs[names.presentKey(l)];
        past[names.pastValue(l)] = outs[names.presentValue(l)];
      }
      const t0 = performance.now();
      const next = await d.run({ ids: t(ids([seq[i]])), ...past });
      const logits = next.logits.data as Float32Array; // on the CPU: what a sampler needs
      if (i > 128) total += performance.now() - t0; // skip two warm-up steps
      err = Math.max(err, maxErr(logits, (refGen.data as Float32Array).subarray(i * cfg.vocabSize, (i + 1) * cfg.vocabSize)));
      for (const n of presentNames) outs[n].dispose();
      outs = next;
    }
    console.log(`GEN ep=${ep} cache on ${loc ? 'GPU' : 'CPU'}: decode step at 128-143 tokens ${(total / (steps - 2)).toFixed(2)} ms, max logits err vs eager ${err.toExponential(1)}`);
  }
  process.exit(0);
}

main().catch((e) => {
  console.error('FAILED', e);
  process.exit(1);
});
