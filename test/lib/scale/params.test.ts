/**
 * Parameter counts against the figures their sources print: GPT-2 (Radford et al. 2019, Table 2,
 * and the released checkpoints), GPT-3 (Brown et al. 2020, Table 2.1), Llama (Touvron et al. 2023a,
 * Table 2; Llama 2 7B = 6,738,415,616) and the lab's own `lm` (models/manifest.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { paramCount } from '@/lib/model/init';
import type { TransformerConfig } from '@/lib/model/config';
import { countParams, kaplanApprox, llamaFFN, toTransformerConfig } from '@/lib/scale/params';
import { PRESETS, presetById } from '@/lib/scale/presets';

const count = (id: string) => countParams(presetById(id)!.spec).total;

describe('parameter counts', () => {
  it('GPT-2 small has 124,439,808 parameters, summed by hand in the doc comment', () => {
    const b = countParams(presetById('gpt2-small')!.spec);
    expect(b.total).toBe(124_439_808);
    expect(b.embedding).toBe(50257 * 768 + 1024 * 768);
    expect(b.attention).toBe(12 * (4 * 768 * 768 + 4 * 768));
    expect(b.mlp).toBe(12 * (2 * 768 * 3072 + 3072 + 768));
    expect(b.norm).toBe(12 * 4 * 768 + 2 * 768);
  });

  it('GPT-2 counts match the released checkpoints (124M/355M/774M/1558M), not the paper table (117M/345M/762M/1542M)', () => {
    for (const id of ['gpt2-small', 'gpt2-medium', 'gpt2-large', 'gpt2-xl']) {
      const p = presetById(id)!;
      const n = count(id);
      expect(Math.abs(n - p.released!) / p.released!).toBeLessThan(0.005);
      expect(Math.abs(n - p.cited) / p.cited).toBeGreaterThan(0.009);
    }
    expect(count('gpt2-xl')).toBe(1_557_611_200);
  });

  it('GPT-3 counts are within 2% of Table 2.1, and all but Medium round to the printed value', () => {
    for (const p of PRESETS.filter((q) => q.family === 'GPT-3')) {
      const n = count(p.id);
      expect(Math.abs(n - p.cited) / p.cited).toBeLessThan(0.02);
    }
    expect(Math.round(count('gpt3-small') / 1e6)).toBe(125); // 125.2M
    expect(Math.round(count('gpt3-large') / 1e7) * 10).toBe(760);
    expect(Math.round(count('gpt3-xl') / 1e8) / 10).toBe(1.3);
    expect(Math.round(count('gpt3-2.7b') / 1e8) / 10).toBe(2.7);
    expect(Math.round(count('gpt3-6.7b') / 1e8) / 10).toBe(6.7);
    expect(Math.round(count('gpt3-13b') / 1e8) / 10).toBe(13.0);
    expect(Math.round(count('gpt3-175b') / 1e9)).toBe(175);
    // Medium: 355.9M against a printed 350M (the table's sizes are nominal)
    expect(count('gpt3-medium')).toBeGreaterThan(355e6);
  });

  it('Llama 7B (= Llama 2 7B) has 6,738,415,616 parameters and the Llama sizes round to Table 2', () => {
    expect(count('llama-7b')).toBe(6_738_415_616);
    expect(llamaFFN(4096)).toBe(11008);
    expect(llamaFFN(5120)).toBe(13824);
    expect(llamaFFN(6656)).toBe(17920);
    expect(llamaFFN(8192)).toBe(22016);
    expect(Math.round(count('llama-13b') / 1e8) / 10).toBe(13.0);
    expect(Math.round(count('llama-33b') / 1e8) / 10).toBe(32.5);
    // 65.29B against a printed 65.2B
    expect(Math.abs(count('llama-65b') - 65.2e9) / 65.2e9).toBeLessThan(0.002);
  });

  it("lm's own config counts 2,099,328, the manifest's params, and equals lib/model's paramCount", () => {
    const cfg = JSON.parse(readFileSync('models/lm/config.json', 'utf8')) as TransformerConfig;
    const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8')) as { models: Record<string, { params: number }> };
    expect(count('lm')).toBe(2_099_328);
    expect(manifest.models.lm.params).toBe(2_099_328);
    expect(paramCount(cfg)).toBe(2_099_328);
    expect(paramCount(toTransformerConfig(presetById('lm')!.spec))).toBe(paramCount(cfg));
  });

  it("Kaplan's 12·L·d² is the non-embedding count without biases and norms", () => {
    const s = presetById('gpt3-175b')!.spec;
    expect(kaplanApprox(s)).toBe(12 * 96 * 12288 ** 2);
    const b = countParams(s);
    expect(b.nonEmbedding - kaplanApprox(s)).toBe(b.norm + 96 * (4 * 12288 + 4 * 12288 + 12288));
  });
});
