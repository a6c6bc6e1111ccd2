// Sparse attention patterns: hand tables, densities, and the same pattern applied inside a model.
import { describe, expect, it } from 'vitest';
import { ids, type Tensor } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { validateConfig } from '@/lib/model/config';
import { density, maskRows, toAttnMask, PATTERN_KINDS, type Pattern } from '@/lib/longctx/sparse-masks';
import { base, testInit } from '../model/fixtures';

const cases: Pattern[] = [
  { kind: 'strided', size: 2, period: 3 },
  { kind: 'dilated-window', size: 3, period: 2 },
  { kind: 'global-local', size: 2, period: 4 },
  { kind: 'window', size: 3, period: 1 },
  { kind: 'full', size: 1, period: 1 },
];

describe('sparse attention patterns', () => {
  it('strided {size 2, stride 3} matches the table worked out by hand', () => {
    expect(maskRows({ kind: 'strided', size: 2, period: 3 }, 5)).toEqual(['1....', '11...', '.11..', '1.11.', '.1.11']);
  });

  it('dilated-window {2 keys, dilation 2} sees d ∈ {0, 2}', () => {
    expect(maskRows({ kind: 'dilated-window', size: 2, period: 2 }, 5)).toEqual(['1....', '.1...', '1.1..', '.1.1.', '..1.1']);
  });

  it('global-local {size 1, every 3}: positions 0 and 3 are global (their column and their row)', () => {
    expect(maskRows({ kind: 'global-local', size: 1, period: 3 }, 5)).toEqual(['1....', '11...', '1.1..', '1111.', '1..11']);
  });

  it('window and full agree with their definitions, and the densities count the kept causal pairs', () => {
    expect(maskRows({ kind: 'window', size: 2, period: 1 }, 4)).toEqual(['1...', '11..', '.11.', '..11']);
    expect(density({ kind: 'full', size: 1, period: 1 }, 4)).toEqual({ kept: 10, causal: 10, fraction: 1, maxPerRow: 4 });
    // window 2 on 4 tokens: 1 + 2 + 2 + 2 = 7 of 10
    expect(density({ kind: 'window', size: 2, period: 1 }, 4)).toEqual({ kept: 7, causal: 10, fraction: 0.7, maxPerRow: 2 });
    // strided table above: 1 + 2 + 2 + 3 + 3 = 11 of 15
    expect(density({ kind: 'strided', size: 2, period: 3 }, 5).kept).toBe(11);
  });

  it('covers every kind in the list', () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(PATTERN_KINDS));
  });
  for (const p of cases) {
    it(`${p.kind}: the model (cfg.attnMask from Ops) hides exactly the keys the table hides`, () => {
      const cfg = validateConfig({ ...base, attnMask: toAttnMask(p) });
      const T = 11;
      const ops = new EagerOps(randomWeights(cfg, 7, testInit), { taps: true });
      transformer(ops, cfg, ids(Array.from({ length: T }, (_, i) => (i * 5) % cfg.vocabSize)));
      const pr = ops.trace.get(names.attnProbs(0)) as Tensor; // [1, nh, T, T]
      const seen = Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (pr.data[i * T + j] > 0 ? '1' : '.')).join(''));
      expect(seen).toEqual(maskRows(p, T));
    });
  }

  it('the Ops multiple-of test is exact for large periods and positions (cos(2πx/s) > cos(π/s))', () => {
    const p: Pattern = { kind: 'strided', size: 1, period: 97 };
    const cfg = validateConfig({ ...base, contextLength: 512, attnMask: toAttnMask(p) });
    const T = 300;
    const ops = new EagerOps(randomWeights(cfg, 7, testInit), { taps: true });
    transformer(ops, cfg, ids(Array.from({ length: T }, (_, i) => i % cfg.vocabSize)));
    const pr = ops.trace.get(names.attnProbs(0)) as Tensor;
    const rows = maskRows(p, T);
    let bad = 0;
    for (let i = 0; i < T; i++) for (let j = 0; j < T; j++) if ((pr.data[i * T + j] > 0 ? '1' : '.') !== rows[i][j]) bad++;
    expect(bad).toBe(0);
  });

  it('rejects a period of 0', () => {
    expect(() => validateConfig({ ...base, attnMask: { kind: 'strided', size: 2, stride: 0 } })).toThrow(/period/);
  });
});

describe('sparse patterns in the ONNX graph', () => {
  it('the graph (onnxruntime-web WASM) gives the eager logits under every sparse kind', async () => {
    const { buildTransformerModel } = await import('@/lib/model/build');
    const { run, session } = await import('../model/ort');
    const { maxErr } = await import('../model/compare');
    for (const p of cases.filter((c) => c.kind !== 'full' && c.kind !== 'window')) {
      const cfg = validateConfig({ ...base, position: 'rope', rope: { base: 10000 }, attnMask: toAttnMask(p) });
      const w = randomWeights(cfg, 1234, testInit);
      const x = ids([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]);
      const ref = transformer(new EagerOps(w), cfg, x).logits;
      const out = await run(await session(buildTransformerModel(cfg, w)), { ids: x as { data: BigInt64Array; shape: number[] } });
      expect(maxErr(out.logits.data, ref.data as Float32Array), p.kind).toBeLessThan(1e-4);
    }
  });
});
