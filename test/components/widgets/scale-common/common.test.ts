/**
 * The shared pieces of the scale-* widgets: the model ids spelled out in schema.ts equal lib's
 * presets (+ 'custom'), custom configs resolve with readable notes, and the pure chart geometry
 * matches the worked examples of its doc comments.
 */
import { describe, expect, it } from 'vitest';
import { MODEL_IDS } from '@/components/widgets/scale-common/schema';
import { resolveModel } from '@/components/widgets/scale-common/resolve';
import { layoutBars } from '@/components/widgets/scale-common/bars';
import { decadeTicks, logspace, makeAxes, pow10 } from '@/components/widgets/scale-common/chart';
import { PRESET_IDS } from '@/lib/scale/presets';
import { countParams } from '@/lib/scale/params';

const custom = { model: 'custom' as const, style: 'llama' as const, layers: 32, dModel: 4096, heads: 32, kvHeads: 32, dFF: 11008, vocab: 32000 };

describe('scale-common', () => {
  it('lists exactly the presets of lib/scale plus custom', () => {
    expect([...MODEL_IDS]).toEqual([...PRESET_IDS, 'custom']);
  });
  it('a custom Llama-style config with Llama 7B shape counts 6,738,415,616', () => {
    const r = resolveModel(custom);
    expect(r.note).toBeNull();
    expect(countParams(r.spec).total).toBe(6_738_415_616);
  });
  it('grouped-query attention with 8 kv heads removes 3/4 of the K and V weights', () => {
    const gqa = countParams(resolveModel({ ...custom, kvHeads: 8 }).spec).total;
    expect(6_738_415_616 - gqa).toBe(32 * 2 * 4096 * (4096 - 1024));
  });
  it('kv heads that do not divide the heads fall back to multi-head attention with a note', () => {
    const r = resolveModel({ ...custom, kvHeads: 5 });
    expect(r.spec.nKvHead).toBe(32);
    expect(r.note).toMatch(/not a multiple of 5/);
  });
  it('a preset resolves to its own spec and label', () => {
    const r = resolveModel({ ...custom, model: 'gpt2-small' });
    expect(r.label).toBe('GPT-2 small');
    expect(countParams(r.spec).total).toBe(124_439_808);
  });
  it('layoutBars: the worked example', () => {
    const l = layoutBars([{ label: 'a', parts: [1, 3] }, { label: 'b', parts: [2] }], { width: 300, labelWidth: 100, valueWidth: 0, rowHeight: 20 });
    expect(l.plotWidth).toBe(200);
    expect(l.bars[0].segments.map((s) => [s.x, s.width])).toEqual([[100, 50], [150, 150]]);
    expect(l.bars[1].segments.map((s) => [s.x, s.width])).toEqual([[100, 100]]);
    expect(l.bars[0].height).toBeCloseTo(14, 10);
    expect(l.bars[0].total).toBe(4);
  });
  it('a reference line larger than every bar widens the domain to include it', () => {
    const l = layoutBars([{ label: 'a', parts: [1] }], { width: 300, labelWidth: 100, valueWidth: 0, rowHeight: 20, ref: 4 });
    expect(l.ref!.x).toBe(300);
    expect(l.bars[0].end).toBe(150);
  });
  it('makeAxes: the worked example of a log x axis', () => {
    const a = makeAxes({ width: 300, height: 200, margin: { top: 0, right: 10, bottom: 0, left: 40 }, xDomain: [1e6, 1e9], yDomain: [0, 1] });
    expect(a.x(1e6)).toBeCloseTo(40, 9);
    expect(a.x(1e9)).toBeCloseTo(290, 9);
    expect(a.x(1e7)).toBeCloseTo(40 + 250 / 3, 9);
    expect(a.xTicks.map((t) => t.label)).toEqual(['10⁶', '10⁷', '10⁸', '10⁹']);
  });
  it('decade ticks thin out, pow10 writes superscripts, logspace spans its ends', () => {
    expect(decadeTicks(1e17, 1e27, 6)).toEqual([1e17, 1e19, 1e21, 1e23, 1e25, 1e27]);
    expect(pow10(1e-3)).toBe('10⁻³');
    expect(pow10(2e14)).toBe('2·10¹⁴');
    expect(pow10(1e23)).toBe('10²³');
    const l = logspace(10, 1000, 3);
    expect(l[0]).toBeCloseTo(10, 9);
    expect(l[1]).toBeCloseTo(100, 9);
    expect(l[2]).toBeCloseTo(1000, 9);
  });
});

describe('narrow layouts', () => {
  it('labelHeight puts each bar below its own label line', () => {
    const l = layoutBars([{ label: 'a', parts: [1] }, { label: 'b', parts: [1] }], { width: 300, labelWidth: 0, valueWidth: 0, rowHeight: 40, labelHeight: 15 });
    expect(l.bars.map((b) => b.y)).toEqual([15, 55]);
    expect(l.bars[0].height).toBeCloseTo(17.5, 10);
    expect(l.bars[0].segments[0].x).toBe(0);
  });
  it('a log axis spanning less than two decades gets 1-2-5 ticks', async () => {
    const { logTicks } = await import('@/components/widgets/scale-common/chart');
    expect(logTicks(2.4e5, 3.7e6, 6)).toEqual([5e5, 1e6, 2e6]);
    expect(logTicks(1e17, 1e27, 6)).toEqual([1e17, 1e19, 1e21, 1e23, 1e25, 1e27]);
  });
});
