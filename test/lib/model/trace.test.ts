import { describe, expect, it } from 'vitest';
import { headOf } from '@/lib/model/trace';

describe('headOf', () => {
  it('picks head 1 of a [1, 2, 2, 3] tap as its [2, 3] block', () => {
    const t = { data: Float32Array.from({ length: 12 }, (_, i) => i), shape: [1, 2, 2, 3] };
    const h = headOf(t, 1);
    expect(h.shape).toEqual([2, 3]);
    expect(Array.from(h.data)).toEqual([6, 7, 8, 9, 10, 11]);
  });
  it('rejects a head index outside the tap', () => {
    expect(() => headOf({ data: new Float32Array(12), shape: [1, 2, 2, 3] }, 2)).toThrow(/outside 0..1/);
  });
});
