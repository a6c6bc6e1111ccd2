import { describe, expect, it } from 'vitest';
import { distillView } from '@/components/widgets/distill-compare/layout';
import { klAt } from '@/lib/distill/kd';

describe('distill-compare layout', () => {
  it('rows are the teacher’s top tokens at T with every model’s probability; KLs are lib/distill’s', () => {
    const lm = Float32Array.from([2, 0, 1, -1]);
    const d = Float32Array.from([1, 0, 1, -1]);
    const r = Float32Array.from([0, 0, 0, 0]);
    const v = distillView({ lm, 'lm-distill': d, 'lm-draft': r }, 2, 3);
    expect(v.rows.map((x) => x.id)).toEqual([0, 2, 1]);
    expect(v.rows[0].p['lm-draft']).toBeCloseTo(0.25, 12);
    const z = Math.exp(1) + 1 + Math.exp(0.5) + Math.exp(-0.5);
    expect(v.rows[0].p.lm).toBeCloseTo(Math.exp(1) / z, 12);
    expect(v.kl['lm-distill']).toBe(klAt(lm, d, 2));
    expect(v.kl['lm-draft']).toBe(klAt(lm, r, 2));
    expect(v.kl['lm-distill']).toBeLessThan(v.kl['lm-draft']);
  });
});
