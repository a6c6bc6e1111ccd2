// The worker's 'quant:*' models: lm's real weights quantized in TS, served through the Runtime on
// ORT WASM, against the eager forward over ŵ; the validation slice asset against its source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { eagerStep } from '@/lib/model/kvcache';
import { Runtime, type Progress } from '@/lib/runtime';
import { fetchModelWeights, idsTensor } from '@/lib/runtime/transformer';
import { fetchQuantized, parseQuantId, quantModelId } from '@/lib/runtime/quant';
import { compareOnSlice, quantizeModel, type QuantSummary } from '@/lib/quant';
import { countingOrt } from '../runtime/nodeOrt';
import { relErr } from '../model/rel-err';

const root = join(process.cwd(), 'models');
const serve = async (url: string) => {
  const file = readFileSync(join(root, url.replace('/models/', '')));
  return new Response(file, { headers: { 'content-length': String(file.length) } });
};
afterEach(() => vi.unstubAllGlobals());

describe('quantized model ids', () => {
  it('round-trip through quantModelId and parseQuantId, and reject unknown formats', () => {
    const id = quantModelId({ format: 'int4-asym', groupSize: 64, clip: 0.9 });
    expect(id).toBe('quant:int4-asym:g64:c0.9:lm');
    expect(parseQuantId(id)).toEqual({ params: { format: 'int4-asym', groupSize: 64, clip: 0.9 }, modelId: 'lm' });
    expect(() => parseQuantId('quant:int3:g32:c1:lm')).toThrow(/not a quantized model id/);
  });
});

describe("lm quantized in the worker's provider", () => {
  it('int4 g = 32: the Runtime (ORT WASM, MatMulNBits) matches the eager forward over ŵ, and the summary adds up', async () => {
    vi.stubGlobal('fetch', serve);
    const seen: Progress[] = [];
    const id = quantModelId({ format: 'int4', groupSize: 32 });
    const rt = new Runtime({ provider: (mid, p) => fetchQuantized(mid, '/models/', p), ort: countingOrt().load, navigator: {} });
    const loaded = await rt.load(id, (p) => seen.push(p));
    expect(seen.some((p) => p.phase === 'build')).toBe(true);
    const q = loaded.info.quant as QuantSummary;
    expect(q.ort).toBe('MatMulNBits');
    expect(q.tensors.length).toBe(8 * 7);
    expect(q.tensors.reduce((s, t) => s + t.bytes, 0)).toBe(q.bytes.quantized);
    // 8 layers × (wq 128·128 + wk, wv 64·128 + wo 128·128 + w1, w3 384·128 + w2 128·384) weights at 18 bytes per 32
    expect(q.bytes.quantized).toBe((8 * (128 * 128 * 2 + 64 * 128 * 2 + 384 * 128 * 3) * 18) / 32);
    const prompt = [5, 17, 200, 3, 42, 7];
    const r = await rt.run(id, 'logits', { ids: idsTensor(prompt) });
    const { config, weights } = await fetchModelWeights('lm', '/models/', () => {});
    const qm = quantizeModel(config, weights, { format: 'int4', groupSize: 32 });
    const eager = eagerStep(config, qm.weights, { data: BigInt64Array.from(prompt.map(BigInt)), shape: [1, prompt.length] }).logits;
    expect(relErr(r.outputs.logits.data as Float32Array, eager.data as Float32Array)).toBeLessThan(1e-4);
  }, 60_000);
});

describe('the validation slice (public/data/austen-val-slice.json)', () => {
  it('is 8 windows of 129 tokens copied from training/data/austen.val.bin at the recorded offsets', () => {
    const slice = JSON.parse(readFileSync('public/data/austen-val-slice.json', 'utf8')) as { starts: number[]; windows: number[][]; windowTokens: number };
    const b = readFileSync('training/data/austen.val.bin');
    const u = new Uint16Array(b.buffer, b.byteOffset, b.length / 2);
    expect(slice.windows.length).toBe(8);
    slice.windows.forEach((w, i) => expect(w).toEqual(Array.from(u.slice(slice.starts[i], slice.starts[i] + slice.windowTokens))));
  });
  it('compareOnSlice: identical models have KL 0 and full agreement; uniform logits have loss ln V', async () => {
    const V = 5;
    const uniform = async (ids: number[]) => new Float32Array(ids.length * V);
    const r = await compareOnSlice(uniform, uniform, [[0, 1, 2, 3], [4, 3, 2]], V);
    expect(r.tokens).toBe(5);
    expect(r.lossA).toBeCloseTo(Math.log(V), 12);
    expect(r.kl).toBe(0);
    expect(r.agree).toBe(1);
    const ac = new AbortController();
    ac.abort();
    await expect(compareOnSlice(uniform, uniform, [[0, 1]], V, { signal: ac.signal })).rejects.toThrow(/cancelled/);
  });
});
