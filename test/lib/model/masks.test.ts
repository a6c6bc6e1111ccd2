// The attention masks of cfg.attnMask against visibility tables written out by hand.
import { describe, expect, it } from 'vitest';
import { ids, type Tensor } from '@/lib/tensor';
import { EagerOps } from '@/lib/model/eager';
import { randomWeights } from '@/lib/model/init';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { validateConfig, type TransformerConfig } from '@/lib/model/config';
import { base, testInit } from './fixtures';

/** Which keys query i sees in layer 0, head 0: '1' visible, '.' hidden (probability exactly 0). */
function visibility(cfg: TransformerConfig, T: number): string[] {
  const ops = new EagerOps(randomWeights(cfg, 7, testInit), { taps: true });
  transformer(ops, cfg, ids(Array.from({ length: T }, (_, i) => (i * 5) % cfg.vocabSize)));
  const p = ops.trace.get(names.attnProbs(0)) as Tensor; // [1, nh, T, T]
  return Array.from({ length: T }, (_, i) => Array.from({ length: T }, (_, j) => (p.data[i * T + j] > 0 ? '1' : '.')).join(''));
}

describe('attention masks (cfg.attnMask)', () => {
  it('causal (the default) lets query i see keys 0..i', () => {
    expect(visibility(base, 4)).toEqual(['1...', '11..', '111.', '1111']);
  });

  it('bidirectional lets every query see every key', () => {
    expect(visibility({ ...base, attnMask: { kind: 'bidirectional' } }, 4)).toEqual(['1111', '1111', '1111', '1111']);
  });

  it('a window of 3 with 1 sink shows the last 3 keys plus key 0', () => {
    expect(visibility({ ...base, attnMask: { kind: 'window', size: 3, sinks: 1 } }, 6)).toEqual([
      '1.....', '11....', '111...', '1111..', '1.111.', '1..111',
    ]);
  });

  it('a window of 2 without sinks forgets the first token', () => {
    expect(visibility({ ...base, attnMask: { kind: 'window', size: 2 } }, 4)).toEqual(['1...', '11..', '.11.', '..11']);
  });

  it('a window at least as long as the text gives exactly the causal logits', () => {
    const w = randomWeights(base, 3, testInit);
    const x = ids([1, 2, 3, 4, 5]);
    const a = transformer(new EagerOps(w), base, x).logits.data as Float32Array;
    const b = transformer(new EagerOps(w), { ...base, attnMask: { kind: 'window', size: 5 } }, x).logits.data as Float32Array;
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it('rejects a window of size 0 and an unknown kind', () => {
    expect(() => validateConfig({ ...base, attnMask: { kind: 'window', size: 0 } })).toThrow(/attnMask.size/);
    expect(() => validateConfig({ ...base, attnMask: { kind: 'dilated' } as never })).toThrow(/attnMask.kind/);
  });
});
