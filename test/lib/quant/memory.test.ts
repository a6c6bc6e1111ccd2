// The literature's memory arithmetic, reproduced from shapes and bits per weight.
import { describe, expect, it } from 'vitest';
import { GB, klFromLogits, llamaHidden, nllSum, PAPER_BPW, paperModels, top1Agreement, weightBytes } from '@/lib/quant';

describe('parameter counts of LLaMA from its shapes', () => {
  it('SwiGLU hidden sizes are 11008, 13824 and 22016 for d = 4096, 5120, 8192 (2/3·4d up to a multiple of 256)', () => {
    expect([4096, 5120, 8192].map((d) => llamaHidden(d))).toEqual([11008, 13824, 22016]);
  });
  it('count 6.7B, 13.0B and 65.2B as the LLaMA paper reports (Table 2; its figures cut to one decimal)', () => {
    const [p7, p13, p65] = paperModels().map((m) => m.params);
    expect(p7).toBe(6_738_415_616); // 2·32000·4096 + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096
    const cut = (p: number) => Math.floor(p / 1e8) / 10;
    expect([cut(p7), cut(p13), cut(p65)]).toEqual([6.7, 13.0, 65.2]);
    expect(p65).toBe(65_285_660_672);
  });
});

describe('weight memory', () => {
  it('a 7B model needs 13.5 GB in fp16 and 3.8 GB at 4.5 bits per weight', () => {
    const p = paperModels()[0].params;
    expect(weightBytes(p, PAPER_BPW.fp16) / GB).toBeCloseTo(13.48, 2);
    expect(weightBytes(p, 4.5) / GB).toBeCloseTo(3.79, 2);
  });
  it('QLoRA: double quantization costs 0.127 bits per parameter instead of 0.5, saving about 3 GB on a 65B model (§3)', () => {
    expect(PAPER_BPW['NF4 + double quantization'] - 4).toBeCloseTo(0.127, 3);
    const saved = weightBytes(65e9, 0.5 - 0.127) / GB;
    expect(saved).toBeGreaterThan(2.9);
    expect(saved).toBeLessThan(3.1);
  });
  it('Llama 2 70B at its nominal 70 billion parameters needs 140 GB in fp16', () => {
    const p70 = paperModels()[3];
    expect(p70.name).toBe('Llama 2 70B');
    expect(weightBytes(p70.params, PAPER_BPW.fp16) / GB).toBe(140);
    expect(PAPER_BPW['NF4 + double quantization'].toFixed(3)).toBe('4.127');
  });
  it("QLoRA: LLaMA 65B's weights in NF4 with double quantization take 33.7 GB, under a 48 GB GPU", () => {
    const p65 = paperModels()[2].params;
    const gb = weightBytes(p65, PAPER_BPW['NF4 + double quantization']) / GB;
    expect(gb).toBeCloseTo(33.68, 1);
    expect(gb).toBeLessThan(48);
    expect(weightBytes(p65, 16) / GB).toBeGreaterThan(48 * 2); // the fp16 weights alone need 130 GB
  });
});

describe('comparing outputs', () => {
  it('KL((½, ½) ‖ (¼, ¾)) = ½ ln 2 + ½ ln(2/3) from logits', () => {
    expect(klFromLogits([0, 0], [0, Math.log(3)])).toBeCloseTo(0.5 * Math.log(2) + 0.5 * Math.log(2 / 3), 12);
    expect(klFromLogits([1, 2, 3], [1, 2, 3])).toBe(0);
  });
  it('NLL of uniform logits over V tokens is ln V per token', () => {
    const r = nllSum(new Float32Array(3 * 8), 8, [0, 5, 7]);
    expect(r.count).toBe(3);
    expect(r.sum / r.count).toBeCloseTo(Math.log(8), 12);
  });
  it('top-1 agreement counts rows with the same argmax', () => {
    expect(top1Agreement(Float32Array.of(1, 0, 0, 1), Float32Array.of(2, 0, 1, 0), 2)).toBe(0.5);
  });
});
