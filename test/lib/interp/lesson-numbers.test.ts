// The numbers the MoE and SSM lessons quote, recomputed with lib/ from the shipped configs:
// if the code, the configs or the prose drift apart, this fails.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { moeModelCost } from '@/lib/interp/moe-eval';
import { carriedFloats } from '@/lib/interp/state-memory';
import { paramCount } from '@/lib/model/init';

const cfg = (id: string): TransformerConfig => JSON.parse(readFileSync(`models/${id}/config.json`, 'utf8'));
const lesson = (slug: string) => readFileSync(`content/lessons/${slug}.mdx`, 'utf8');
const n = (x: number) => x.toLocaleString('en');

describe('numbers quoted by the MoE lesson', () => {
  const dense = moeModelCost(cfg('lm'));
  const moe = moeModelCost(cfg('lm-moe'));
  const text = lesson('moe');

  it('the parameter and FLOP table', () => {
    expect(text).toContain(`parameters stored (total)</th><td>${n(dense.total)}</td><td>${n(moe.total)}</td>`);
    expect(text).toContain(`parameters one token uses (active)</th><td>${n(dense.active)}</td><td>${n(moe.active)}</td>`);
    expect(text).toContain(`only the top 2 run</th><td>—</td><td>${n(moe.flopsSparse)}</td>`);
    expect(text).toContain(`all 4 experts run</th><td>—</td><td>${n(moe.flopsDenseMix)}</td>`);
  });

  it('unused weights, share used and router weights', () => {
    expect(text).toContain(`$8 \\times 2 \\times 3 \\times 128 \\times 96 = ${n(moe.total - moe.active).replace(',', '{,}')}$`);
    expect(text).toContain(`uses ${Math.round((moe.active / moe.total) * 100)}% of it per token`);
    expect(moe.total - dense.total).toBe(8 * 4 * 128);
    expect(text).toContain(`$8 \\times 4 \\times 128 = ${n(moe.total - dense.total).replace(',', '{,}')}$`);
  });
});

describe('numbers quoted by the SSM lesson', () => {
  it('carried floats of lm and lm-ssm', () => {
    const text = lesson('ssm');
    expect(text).toContain(n(carriedFloats(cfg('lm-ssm'), 1)));
    const lm = carriedFloats(cfg('lm'), 1);
    const ssm = carriedFloats(cfg('lm-ssm'), 1);
    expect(text).toContain(`$2 \\times 8 \\times 2 \\times 32 = ${n(lm).replace(',', '{,}')}$ floats per token`);
    expect(text).toContain(`equal at\nabout ${Math.round(ssm / lm)} tokens`);
    expect(text).toContain(`the cache is ${Math.floor(carriedFloats(cfg('lm'), 1024) / ssm)} times larger`);
  });

  it('the breakdown of the carried state, and lm-moe carries what lm does', () => {
    const text = lesson('ssm');
    expect(text).toContain('$8 \\times (864 + 4{,}096) =$ 39,680');
    expect(8 * (3 * 288 + 8 * 32 * 16)).toBe(carriedFloats(cfg('lm-ssm'), 1));
    expect(carriedFloats(cfg('lm-moe'), 77)).toBe(carriedFloats(cfg('lm'), 77));
  });

  it('the three models have 2.10 million parameters each, within 0.3%', () => {
    const text = lesson('ssm');
    const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models;
    const p = ['lm', 'lm-moe', 'lm-ssm'].map((id) => m[id].params as number);
    for (const x of p) expect((x / 1e6).toFixed(2)).toBe('2.10');
    expect(Math.max(...p) / Math.min(...p) - 1).toBeLessThan(0.003);
    expect(text).toContain('(2.10 million each, within 0.3%)');
  });

  it('validation losses at 256 and 512 tokens from the manifest', () => {
    const text = lesson('ssm');
    const v = (id: string) => JSON.parse(readFileSync('models/manifest.json', 'utf8')).models[id].validation.lossAtLength;
    expect(text).toContain(`rises from ${v('lm')['256'].toFixed(2)} at 256 tokens to ${v('lm')['512'].toFixed(2)} at 512`);
    expect(text).toContain(`${v('lm-ssm')['256'].toFixed(4)} to ${v('lm-ssm')['512'].toFixed(4)}`);
  });
});

describe('numbers quoted by the three-families lesson (lm-mlm, from models/manifest.json)', () => {
  const text = lesson('three-families');
  const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models;
  const mlm = m['lm-mlm'];
  const v = mlm.validation;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

  it('size: parameters (also recomputed from the config by lib/model) and bytes', () => {
    expect(paramCount(cfg('lm-mlm'))).toBe(mlm.params);
    expect(text).toContain(`\`lm-mlm\` has ${n(mlm.params)} parameters (${n(mlm.bytes)} bytes in float16)`);
    expect(text).toContain('1.4 million parameters to `lm`\'s\n2.1 million');
    expect((mlm.params / 1e6).toFixed(1)).toBe('1.4');
    expect((m.lm.params / 1e6).toFixed(1)).toBe('2.1');
  });

  it('training steps and seconds', () => {
    expect(text).toContain(`trained for ${n(mlm.training.steps)} steps of\n64 windows in ${Math.round(mlm.training.seconds)} seconds`);
  });

  it('masked-token loss and accuracy, all chosen positions and [MASK] only, and lm at the same positions', () => {
    expect(text).toContain(`masked-token loss is ${v.loss.toFixed(2)} nats`);
    expect(text).toContain(`true token at ${pct(v.accuracy)} of the ${n(v.positions)} chosen positions`);
    expect(text).toContain(`at the ${n(v.maskOnly.positions)} positions`);
    expect(text).toContain(`it is right ${pct(v.maskOnly.accuracy)} of the time (loss ${v.maskOnly.loss.toFixed(2)} nats)`);
    expect(text).toContain(`is right ${pct(v.compareCausal.accuracy)} of the time at those positions (loss ${v.compareCausal.loss.toFixed(2)} nats, over the\n${n(v.compareCausal.positions)} that`);
  });
});
