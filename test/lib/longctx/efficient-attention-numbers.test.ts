/**
 * Every measured number the Efficient-attention lesson states, recomputed here from lib/ on the
 * real `lm` weights (eager TS reference, deterministic): the loss change of each sparse pattern on
 * the held-out windows the widget uses by default, the tiled-vs-ordinary max difference on lm's
 * own Q, K, V for the widget's default text, and the HBM-traffic figures.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadWeights } from '@/lib/model/weights';
import type { WeightMap } from '@/lib/model/eager';
import { EagerOps } from '@/lib/model/eager';
import type { TransformerConfig } from '@/lib/model/config';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { ids, type Tensor } from '@/lib/tensor';
import { loadBpe } from '@/lib/tokenizer/serialize';
import { maskLoss, maskWindows, windowLoss } from '@/lib/longctx/mask-loss';
import { density, type Pattern } from '@/lib/longctx/sparse-masks';
import { flashAttention, hbmTraffic, maxAbsDiff, naiveAttention } from '@/lib/longctx/flash';
import { crossover } from '@/lib/longctx/linear-attn';
import { flashTilingSchema } from '@/components/widgets/flash-tiling/index';
import { sparseMasksSchema } from '@/components/widgets/sparse-masks/index';

const lesson = readFileSync('content/lessons/efficient-attention.mdx', 'utf8').replace(/\s+/g, ' ');
const has = (fragment: string) => expect(lesson.includes(fragment), `the lesson quotes: ${fragment}`).toBe(true);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const signed = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x).toFixed(3)}`;

let cfg: TransformerConfig;
let w: WeightMap;
beforeAll(async () => {
  cfg = JSON.parse(readFileSync('models/lm/config.json', 'utf8')) as TransformerConfig;
  w = await loadWeights(new Uint8Array(readFileSync('models/lm/model.safetensors')), { config: cfg });
});

export const LESSON_PATTERNS: [string, Pattern][] = [
  ['window', { kind: 'window', size: 32, period: 1 }],
  ['dilated', { kind: 'dilated-window', size: 32, period: 2 }],
  ['strided', { kind: 'strided', size: 16, period: 16 }],
  ['global', { kind: 'global-local', size: 16, period: 32 }],
];

describe('the Efficient-attention lesson quotes lib/ on the real lm', () => {
  it('loss change of each pattern on the widget\'s default held-out windows', () => {
    const n = sparseMasksSchema.defaults.windows;
    const ws = maskWindows(n);
    const full = ws.map((x) => windowLoss(cfg, w, x, { kind: 'full', size: 1, period: 1 }));
    const mean = full.reduce((a, b) => a + b, 0) / n;
    has(`full causal attention: ${mean.toFixed(3)}`);
    expect(n).toBe(2);
    expect(ws.every((x) => x.length === 256)).toBe(true);
    has('two held-out windows of 256 tokens, so 255 next-token predictions');
    const causal = density({ kind: 'full', size: 1, period: 1 }, 256).causal;
    expect(causal).toBe((256 * 257) / 2);
    has(`the ${causal.toLocaleString('en-US')} causal pairs of 256 tokens`);
    for (const [label, p] of LESSON_PATTERNS) {
      const r = maskLoss(cfg, w, ws, p, full);
      console.log(label, pct(density(p, 256).fraction), r.loss.toFixed(4), signed(r.delta));
      const row = new RegExp(`data-row="${label}"><th scope="row">[^<]*</th><td>([^<]*)</td><td>([^<]*)</td>`).exec(lesson);
      expect(row?.slice(1), `lesson row ${label}`).toEqual([pct(density(p, 256).fraction), signed(r.delta)]);
    }
  }, 180_000);

  it('tiled attention on lm\'s Q, K, V for the default text equals ordinary attention to float32 rounding', async () => {
    const bpe = loadBpe(JSON.parse(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8')));
    const d = flashTilingSchema.defaults;
    const x = bpe.encode(d.text).slice(0, 48);
    const ops = new EagerOps(w, { taps: true });
    transformer(ops, cfg, ids(x));
    const T = x.length, hs = cfg.dModel / cfg.nHead, g = cfg.nHead / cfg.nKvHead;
    const rows = (t: Tensor, h: number) => (t.data as Float32Array).slice(h * T * hs, (h + 1) * T * hs);
    let worst = 0;
    for (let l = 0; l < cfg.nLayer; l++) for (let h = 0; h < cfg.nHead; h++) {
      const a = { q: rows(ops.trace.get(names.q(l)) as Tensor, h), k: rows(ops.trace.get(names.k(l)) as Tensor, Math.floor(h / g)), v: rows(ops.trace.get(names.v(l)) as Tensor, Math.floor(h / g)), n: T, d: hs, causal: true };
      const diff = maxAbsDiff(flashAttention(a, d.br, d.bc, { float32: true }).out, naiveAttention(a));
      const exact = maxAbsDiff(flashAttention(a, d.br, d.bc).out, naiveAttention(a));
      expect(exact).toBeLessThan(1e-12);
      worst = Math.max(worst, diff);
    }
    console.log('tokens', T, 'worst float32 diff', worst.toExponential(2));
    expect(worst).toBeLessThan(1e-5);
    has(`(${T} tokens)`);
    has(`over all ${cfg.nLayer * cfg.nHead} heads of the ${cfg.nLayer} layers`);
    has('In float64 both agree to $10^{-12}$');
    const [mant, exp] = worst.toExponential(1).split('e');
    has(`largest difference is $${mant} \\times 10^{${Number(exp)}}$`);
  }, 60_000);

  it('HBM traffic figures at the widget defaults (N = 4096, d = 32, 100 KB)', () => {
    const d = flashTilingSchema.defaults;
    const t = hbmTraffic(d.n, 32, d.sram * 512);
    console.log(JSON.stringify(t));
    // hand: standard 4Nd + 4N² = 524 288 + 67 108 864; Bc = ⌈51200/128⌉ = 400, Br = 32, Tc = ⌈4096/400⌉ = 11
    expect(t.standard.total).toBe(67_633_152);
    expect(t.flash.tc).toBe(11);
    // hand: Nd = 131 072; 2Nd + Tc(3Nd + 4N) + Nd + 2N = 262 144 + 11 · 409 600 + 139 264
    expect(t.flash.total).toBe(4_907_008);
    expect([t.flash.bc, t.flash.br]).toEqual([400, 32]);
    has('$B_c = \\lceil M/4d \\rceil = 400$');
    has('$B_r = \\min(B_c, d) = 32$');
    has('reads $Q$ and $O$ eleven times');
    has('$M = 51{,}200$');
    expect(d.sram * 512).toBe(51_200);
    // the formula the prose gives for the tiled count, against lib
    const N = d.n, dd = 32;
    expect(2 * N * dd + t.flash.tc * (3 * N * dd + 4 * N) + N * dd + 2 * N).toBe(t.flash.total);
    has('$T_c (3Nd + 4N)$');
    const m = (x: number) => `${(x / 1e6).toFixed(1)}`;
    has(`${m(t.standard.total)} million`);
    has(`${m(t.flash.total)} million`);
    has(`${(t.standard.total / t.flash.total).toFixed(1)}×`);
  });

  it('linear attention is cheaper from N = d + 2: 34 tokens at lm\'s head size', () => {
    expect(cfg.dModel / cfg.nHead).toBe(32);
    expect(crossover(32)).toBe(34);
    // hand: 2N²d > 2N(d² + d) ⇔ N > d + 1
    has('from $N = d + 2$ on — 34 tokens at `lm`\'s head size of 32');
  });

  it('the challenge: with 100 KB tiling loses at N ≤ 17 and wins from 18 (d = 32); 8 KB gives Bc = 32', () => {
    const at = (n: number, kb = 100) => hbmTraffic(n, 32, kb * 512);
    expect(at(16).flash.total).toBeGreaterThan(at(16).standard.total);
    expect(at(17).flash.total).toBeGreaterThan(at(17).standard.total);
    expect(at(18).flash.total).toBeLessThan(at(18).standard.total);
    expect(at(400).flash.tc).toBe(1);
    expect(at(400).flash.total).toBe(6 * 400 * 32 + 6 * 400);
    expect(at(1024, 8).flash.bc).toBe(32);
    has('$N > d/2 + 3/2 = 17.5$');
  });
});
