/**
 * Every number the LoRA lesson quotes is recomputed here with lib/ on lm's real weights and
 * config, and the quoted fragment is built FROM that output and must appear in the lesson.
 * (The 1.9 steps/s is a one-off timing and is presented as such; it is not tested.)
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import type { WeightMap } from '@/lib/model/eager';
import { loadWeights } from '@/lib/model/weights';
import { adapterBytes, initLora, loraFinetune, loraParamCounts, relativeLowRankErrors, svd, type LoraConfig } from '@/lib/peft';
import { reviveTokenizer } from '@/lib/tokenizer';
import { PRESETS } from '@/components/widgets/lora-finetune/texts';
import { formatBytes } from '@/components/ui/ProgressBar';
import { fixed, lessonText, num, quoteOf } from './quoted-facts';

const cfg = JSON.parse(readFileSync('models/lm/config.json', 'utf8')) as TransformerConfig;
const file = new Uint8Array(readFileSync('models/lm/model.safetensors'));
const expectIn = (fragment: string) => expect(lessonText('lora')).toContain(quoteOf(fragment));
const qv = (r: number): LoraConfig => ({ r, alpha: 2 * r, targets: ['wq', 'wv'] });
const pct = (x: number) => fixed(100 * x, 1) + '%';
let w: WeightMap;
beforeAll(async () => {
  w = await loadWeights(file, { config: cfg });
});

describe('lora lesson: quoted numbers match lib on lm', () => {
  it('quotes the rank-8 parameter counts for W_q and W_v, and their share of the matrices and of lm', () => {
    const one = loraParamCounts({ ...cfg, nLayer: 1 }, qv(8));
    const all = loraParamCounts(cfg, qv(8));
    let total = 0;
    for (const t of w.values()) total += t.data.length;
    expect(file.length).toBe(4205712);
    expectIn(`one block ${num(one.lora)}, all 8 blocks ${num(all.lora)}`);
    expectIn(`The matrices themselves hold $8 \\cdot (16384 + 8192) = ${num(all.full).replace(',', '{,}')}$`);
    expectIn(`about ${pct(all.lora / all.full)} of them`);
    expectIn(`Against all ${num(total)} parameters of \`lm\` that is ${pct(all.lora / total)}`);
    expect(pct(all.lora / total)).toBe('1.4%');
    expectIn(`about ${Math.round(total / all.lora)} times fewer`);
    expectIn(`against the model's ${num(file.length)} bytes`);
  });

  it('quotes the adapter file sizes at r = 1 and r = 16 and how the widget rounds them', () => {
    const b1 = adapterBytes(initLora(cfg, qv(1), 1));
    const b16 = adapterBytes(initLora(cfg, qv(16), 1));
    expectIn(`14,336 bytes at $r = 1$ and 229,376 at $r = 16$`);
    expect(loraParamCounts(cfg, qv(1)).lora * 4).toBe(14336);
    expect(loraParamCounts(cfg, qv(16)).lora * 4).toBe(229376);
    expectIn(`the files are ${num(b1)} and ${num(b16)} bytes (the widget shows ${formatBytes(b1)} and ${formatBytes(b16)}`);
    expectIn(`naming the ${initLora(cfg, qv(1), 1).size} tensors`);
  });

  it("quotes block 0's rank-r errors: W_q crosses 50% at r = 6, W_v is 80.9% at r = 8", () => {
    const q = relativeLowRankErrors(svd(w.get('blocks.0.attn.wq.weight')!.data, 128, 128).s);
    const v = relativeLowRankErrors(svd(w.get('blocks.0.attn.wv.weight')!.data, 64, 128).s);
    const knee = Array.from(q).findIndex((e) => e < 0.5);
    expectIn(`falls below 50% at $r = ${knee}$ (${pct(q[knee])}; at $r = ${knee - 1}$ it is ${pct(q[knee - 1])})`);
    expectIn(`at $r = 8$ its error is still ${pct(v[8])}`);
  });

  it('quotes the default fine-tune held-out loss before training and at step 5', () => {
    const tok = reviveTokenizer(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'));
    const run = loraFinetune({ cfg, base: w, tokens: tok.encode(PRESETS.sonnets.text), lora: qv(8), steps: 20, lrMax: 3e-3, window: 64, seed: 1 });
    const val: number[] = [];
    for (const r of run) {
      if (r.valLoss !== null) val.push(r.valLoss);
      if (r.step >= 5) break;
    }
    expectIn(`the held-out loss is ${fixed(val[0], 3)} before training and ${fixed(val[1], 3)} at step 5`);
  });
});
