/**
 * The runtime on a REAL GPU (no browser there): ORT 1.30's WebGPU EP through Dawn's Node binding
 * (npm `webgpu`), vs ORT WASM, on 'random:<preset>' (default lm-shape): median ms per run of
 * the calibration workloads on each backend, the Runtime's own pick and pick ÷ fastest, the max
 * |Δ| between the backends' logits, and generate tok/s with per-workload picks vs all-WASM vs
 * all-WebGPU. Not run by `npm run bench` (it needs a GPU machine). How to run it:
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
 * Measured 2026-11-24 on one H100: see the header of scripts/bench/runtime.bench.ts.
 */
import { Runtime, type OrtModule } from '../../lib/runtime';
import { calibrationPlan, randomPresetModel } from '../../lib/runtime/transformer';
import type { TransformerConfig } from '../../lib/model/config';

// 'webgpu' is not a project dependency (installed only where this runs): a non-literal import
const dawn = 'webgpu';
const { create, globals } = await import(dawn);
Object.assign(globalThis, globals);
const gpu = create([]);
Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: 'node' }, configurable: true });
// dawn.node rejects typed-array views on a SharedArrayBuffer (ORT's wasm heap): copy them
const Q = (globals as any).GPUQueue.prototype, writeBuffer = Q.writeBuffer;
Q.writeBuffer = function (buf: any, off: number, data: any, dOff = 0, size?: number) {
  if (data && data.buffer instanceof SharedArrayBuffer) {
    const el = data.BYTES_PER_ELEMENT || 1, start = data.byteOffset + dOff * el;
    const len = size !== undefined ? size * el : data.byteLength - dOff * el;
    const copy = new Uint8Array(len); copy.set(new Uint8Array(data.buffer, start, len));
    return writeBuffer.call(this, buf, off, copy, 0, len);
  }
  return writeBuffer.call(this, buf, off, data, dOff, size);
};

const preset = process.argv[2] ?? 'lm-shape';
const id = `random:${preset}`;
const ort = async () => { const m: any = await import('onnxruntime-web/webgpu'); m.env.wasm.numThreads = 1; m.env.logLevel = 'error'; return m as OrtModule; };
const rt = new Runtime({ provider: async () => randomPresetModel(preset), ort, navigator: (globalThis as any).navigator });
const loaded = await rt.load(id);
console.log('backends', loaded.backends, loaded.webgpuReason ?? '', (await rt.probe()).reason);
const cfg = loaded.info.config as TransformerConfig;
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const out: any[] = [];
for (const workload of ['prefill', 'decode'] as const) {
  const row: any = { workload };
  const logits: Record<string, Float32Array> = {};
  for (const backend of ['wasm', 'webgpu'] as const) {
    const once = async () => { const { variant, feeds } = calibrationPlan(cfg)[workload]; const r = await rt.run(id, variant, feeds, workload, backend); logits[backend] = r.outputs.logits.data as Float32Array; return r.ms; };
    await once(); await once();
    const ts: number[] = []; for (let i = 0; i < 15; i++) ts.push(await once());
    row[backend] = med(ts);
  }
  let maxErr = 0; for (let i = 0; i < logits.wasm.length; i++) maxErr = Math.max(maxErr, Math.abs(logits.wasm[i] - logits.webgpu[i]));
  const t0 = performance.now();
  const pick = await rt.choose(id, workload, { measured: true });
  row.calibrationMs = Math.round(performance.now() - t0);
  row.pick = pick.backend; row.reason = pick.reason; row.maxErr = maxErr.toExponential(2);
  row.ratio = (pick.backend === 'webgpu' ? row.webgpu : row.wasm) / Math.min(row.wasm, row.webgpu);
  out.push(row);
}
console.table(out.map((r) => ({ workload: r.workload, 'wasm ms': r.wasm.toFixed(2), 'webgpu ms': r.webgpu.toFixed(2), 'wasm/webgpu': (r.wasm / r.webgpu).toFixed(2), pick: r.pick, 'pick/fastest': r.ratio.toFixed(2), 'max|Δ|': r.maxErr, 'calib ms': r.calibrationMs })));
for (const r of out) console.log(' ', r.workload, '→', r.reason);
// generate: auto (per-workload picks) vs all-WASM vs all-WebGPU
const prompt = Array.from({ length: 128 }, (_, i) => (i * 7919 + 13) % cfg.vocabSize);
for (const pref of ['auto', 'wasm', 'webgpu'] as const) {
  rt.setPreference(pref);
  await rt.generate(id, { prompt, maxNewTokens: 4 });
  const t0 = performance.now();
  const g = await rt.generate(id, { prompt, maxNewTokens: 64 });
  const ms = performance.now() - t0;
  console.log(`generate ${pref}: prompt 128 + ${g.newIds.length} tokens in ${ms.toFixed(0)} ms = ${(g.newIds.length / ms * 1000).toFixed(1)} tok/s, backends ${g.backends.join('+')}, first ids ${g.newIds.slice(0, 6).join(',')}`);
}
process.exit(0);
