// Quantized ONNX graph (MatMulNBits / fp16 Cast / simulated) on onnxruntime-web WASM in Node vs the
// eager fp32 transformer over the dequantized weights ŵ: same logits within 1e-4 (relative).
import { afterAll, describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { transformer } from '@/lib/model/transformer';
import { buildQuantizedGraph, buildQuantizedModel, FORMAT_IDS, FORMATS, packNBits, quantize, quantizeModel, type FormatId } from '@/lib/quant';
import { run, session } from '../model/ort';
import { maxErr } from '../model/compare';

// K = 64 (dModel) and 96 (dFF): groups of 16 and 32 divide both; 96 is not a power of two
const cfg: TransformerConfig = {
  vocabSize: 50, contextLength: 32, nLayer: 2, dModel: 64, nHead: 4, nKvHead: 2, dFF: 96,
  norm: 'rmsnorm', normEps: 1e-5, position: 'rope', rope: { base: 10000 }, mlp: 'swiglu', tiedEmbeddings: true, bias: false,
};
const w = randomWeights(cfg, 7, { std: 0.2, normStd: 0.1 });
const x = ids([3, 1, 4, 1, 5, 9, 2, 6]);
const report: string[] = [];
afterAll(() => console.log(`quantized graph vs eager over ŵ (max relative error of the logits):\n${report.join('\n')}`));

describe('quantized graph ↔ eager dequantized reference', () => {
  const cases: [FormatId, number][] = [...FORMAT_IDS.map((f) => [f, 32] as [FormatId, number]), ['int4', 16], ['int4-asym', 16], ['nf4', 16]];
  for (const [format, groupSize] of cases) {
    it(`agrees on the logits: ${format}${FORMATS[format].grouped ? `, g = ${groupSize}` : ''} (${FORMATS[format].ort})`, async () => {
      const qm = quantizeModel(cfg, w, { format, groupSize });
      const ref = transformer(new EagerOps(qm.weights), cfg, x).logits;
      const out = await run(await session(buildQuantizedModel(cfg, qm)), { ids: x as { data: BigInt64Array; shape: number[] } });
      const e = maxErr(out.logits.data, ref.data as Float32Array);
      report.push(`  ${`${format} g=${groupSize}`.padEnd(24)} ${e.toExponential(1)}`);
      expect(e).toBeLessThan(1e-4);
    });
  }

  it('uses MatMulNBits for every quantized Linear of the int formats, Cast for fp16, nothing new for bf16/nf4', () => {
    const ops = (f: FormatId) => buildQuantizedGraph(cfg, quantizeModel(cfg, w, { format: f, groupSize: 32 })).nodes.map((n) => n.opType);
    const count = (xs: string[], op: string) => xs.filter((o) => o === op).length;
    const linears = cfg.nLayer * 7;
    expect(count(ops('int4'), 'MatMulNBits')).toBe(linears);
    expect(count(ops('int8-asym-channel'), 'MatMulNBits')).toBe(linears);
    expect(count(ops('fp16'), 'Cast') - count(ops('bf16'), 'Cast')).toBe(linears);
    expect(count(ops('nf4'), 'MatMulNBits')).toBe(0);
  });

  it('packs 4-bit codes low nibble first and zero points two per byte', () => {
    // one row of K = 32 in groups of 16: codes 0..15 then 15..0
    const row = Float32Array.from({ length: 32 }, (_, i) => (i < 16 ? i : 31 - i) - 7); // range [-7, 8]: d = 1, z = 7, code = i
    const q = quantize(row, 1, 32, 'int4-asym', { groupSize: 16 });
    expect(Array.from(q.codes!.slice(0, 4))).toEqual([0, 1, 2, 3]);
    const p = packNBits(q);
    expect(p.blockSize).toBe(16);
    expect(p.b[0]).toBe(0x10); // codes 0 (low) and 1 (high)
    expect(p.b[1]).toBe(0x32);
    expect(p.zeros!.length).toBe(1); // two blocks' zero points in one byte
    expect(p.zeros![0]).toBe(q.zeros![0] | (q.zeros![1] << 4));
  });

  it('repeats a per-channel scale across ORT blocks when K is not a power of two (K = 96 → blocks of 32)', () => {
    const row = Float32Array.from({ length: 2 * 96 }, (_, i) => Math.sin(i));
    const q = quantize(row, 2, 96, 'int8-channel');
    const p = packNBits(q);
    expect(p.blockSize).toBe(32);
    expect(Array.from(p.scales)).toEqual([q.scales[0], q.scales[0], q.scales[0], q.scales[1], q.scales[1], q.scales[1]]);
  });
});
