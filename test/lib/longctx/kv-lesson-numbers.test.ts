/**
 * Every number the KV-cache lesson states, checked:
 *   - cache bytes and position counts are recomputed from lib/longctx;
 *   - the losses with a sliding window (± 4 sinks) are recomputed here from lm's real weights on the
 *     fixed slice (ORT WASM in Node, the graph lib/model builds, lib/longctx/bounded-cache.ts);
 *   - the timings are not re-measured (tests never time anything): each quoted time must be the
 *     cell of kvcache-bench.recorded.txt (the recorded `npm run bench -- kvcache`) it names.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boundedCurve, boundedSummary, windowVariant, withWindow, parseWindowVariant, type VariantForward } from '@/lib/longctx/bounded-cache';
import { cachedPositions, recomputedPositions } from '@/lib/longctx/kv-growth';
import { formatBytes, knownConfigs, kvBytesPerToken, kvCacheBytes } from '@/lib/longctx/kv-memory';
import { valWindows } from '@/lib/longctx/val-windows';
import { buildTransformerModel } from '@/lib/model/build';
import type { TransformerConfig } from '@/lib/model/config';
import { loadWeights } from '@/lib/model/weights';
import { run, session } from '../model/ort';

const lesson = readFileSync('content/lessons/kv-cache.mdx', 'utf8').replace(/\s+/g, ' ');
const recorded = readFileSync('test/lib/longctx/kvcache-bench.recorded.txt', 'utf8');
const has = (fragment: string) => expect(lesson.includes(fragment), `the lesson quotes: ${fragment}`).toBe(true);
const f3 = (x: number) => x.toFixed(3);

describe('the KV-cache lesson quotes lib/ and the recorded bench', () => {
  it('states cache bytes as lib computes them', () => {
    const lm = knownConfigs.lm;
    expect(kvBytesPerToken(lm, 4)).toBe(4096);
    has('2 \\cdot 8 \\cdot 2 \\cdot 32 \\cdot 4 = 4096');
    expect(formatBytes(kvCacheBytes({ ...lm, seqLen: 256, batch: 1, bytesPerElem: 4 }))).toBe('1 MiB');
    has('1 MiB for its whole 256-token context');
    expect(formatBytes(kvBytesPerToken(knownConfigs['opt-13b'], 2))).toBe('800 KiB');
    has('800 KiB per token');
    const llama = knownConfigs['llama-2-70b'];
    expect(formatBytes(kvBytesPerToken(llama, 2))).toBe('320 KiB');
    expect(formatBytes(kvCacheBytes({ ...llama, seqLen: 4096, batch: 1, bytesPerElem: 2 }))).toBe('1.25 GiB');
    expect(formatBytes(kvBytesPerToken({ ...llama, nKvHeads: 64 }, 2))).toBe('2.5 MiB');
    expect(formatBytes(kvCacheBytes({ ...llama, nKvHeads: 64, seqLen: 4096, batch: 1, bytesPerElem: 2 }))).toBe('10 GiB');
    expect(formatBytes(kvBytesPerToken({ ...llama, nKvHeads: 1 }, 2))).toBe('40 KiB');
    has('320 KiB per token, 1.25 GiB for its 4096-token context. With multi-head attention it would be 2.5 MiB per token and 10 GiB');
    const mistral = knownConfigs['mistral-7b'];
    expect(formatBytes(kvBytesPerToken(mistral, 2))).toBe('128 KiB');
    expect(formatBytes(kvCacheBytes({ ...mistral, seqLen: 32768, batch: 1, bytesPerElem: 2 }))).toBe('4 GiB');
    expect(formatBytes(kvCacheBytes({ ...mistral, seqLen: 4096, batch: 1, bytesPerElem: 2 }))).toBe('512 MiB');
    has('4 GiB; with the window, 4096 tokens, 512 MiB');
  });

  it('answers the work challenge as lib counts positions', () => {
    expect(recomputedPositions(8, 100)).toBe(5750);
    expect(cachedPositions(8, 100)).toBe(107);
    has('= 800 + 4950 = 5750$ positions');
    has(`$8 + 99 = 107$ positions, about ${Math.round(5750 / 107)} times fewer`);
    const ratio256 = recorded.split('\n').find((l) => l.startsWith('256 '))!.split('|')[3].trim();
    has(`per token against one, yet takes ${ratio256.replace('×', '')} times as long, not 256`);
  });

  it('quotes each timing as the recorded bench measured it', () => {
    for (const n of [64, 256, 1024]) {
      const line = recorded.split('\n').find((l) => l.startsWith(`${n} `))!;
      const [, withMs, withoutMs, ratio] = line.split('|').map((c) => c.trim());
      has(`<tr><td>${n}</td><td>${withMs} ms</td><td>${withoutMs} ms</td><td>${ratio}</td></tr>`);
    }
    // "about 21× for 16× the tokens": the no-cache time from 64 to 1024 tokens of context
    const noCache = (n: number) => Number(recorded.split('\n').find((l) => l.startsWith(`${n} `))!.split('|')[2]);
    expect(Math.round(noCache(1024) / noCache(64))).toBe(21);
    expect(1024 / 64).toBe(16);
    has('about 21× for 16× the tokens');
    expect(recorded).toMatch(/median of 7/);
    has('each cell the median of 7 repetitions');
  });

  it('recomputes the losses with a sliding window, with and without 4 sinks, on lm\'s weights', async () => {
    const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
    const e = manifest.models.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
    const w = await loadWeights(new Uint8Array(readFileSync(e.files.weights)), { sha256: e.sha256, config: e.config });
    const sessions = new Map<string, Awaited<ReturnType<typeof session>>>();
    const forward: VariantForward = async (variant, ids) => {
      let s = sessions.get(variant);
      if (!s) {
        const win = parseWindowVariant(variant);
        s = await session(buildTransformerModel(win ? withWindow(e.config, win.size, win.sinks) : e.config, w));
        sessions.set(variant, s);
      }
      const out = await run(s, { ids: { data: BigInt64Array.from(ids, (i) => BigInt(i)), shape: [1, ids.length] } });
      return { logits: out.logits.data, vocab: e.config.vocabSize };
    };
    const windows = valWindows();
    const got = new Map<string, { whole: number; late: number }>();
    const cell = async (variant: string) => {
      const s = boundedSummary(await boundedCurve(variant, windows, forward));
      got.set(variant, s);
      return `${f3(s.whole)} / ${f3(s.late)}`;
    };
    const full = await cell('logits');
    has(`<tr><td>full</td><td>${full}</td><td>–</td></tr>`);
    for (const size of [8, 16, 32]) {
      has(`<tr><td>W = ${size}</td><td>${await cell(windowVariant('logits', size, 0))}</td><td>${await cell(windowVariant('logits', size, 4))}</td></tr>`);
    }
    // the bench's 64 and 128 the prose quotes
    for (const [size, q] of [[64, '3.575'], [128, '3.572']] as const) {
      expect(recorded).toMatch(new RegExp(`window +${size}: ${q.replace('.', '\\.')} `));
    }
    has('At 64 and 128 the bench measures 3.575 and 3.572');
    // the differences the prose derives from the table
    const whole = (size: number, sinks: number) => got.get(windowVariant('logits', size, sinks))!.whole;
    const base = got.get('logits')!.whole;
    expect((whole(16, 0) - base).toFixed(2)).toBe('0.17');
    expect((whole(8, 0) - base).toFixed(2)).toBe('0.55');
    has('16 tokens cost 0.17 nats, 8 tokens 0.55');
    expect((whole(32, 0) - base).toFixed(3)).toBe('0.019');
    has('a 32-token window costs 0.019 nats');
    for (const size of [16, 32]) {
      const { whole: w4, late: l4 } = got.get(windowVariant('logits', size, 4))!;
      const { whole: w0, late: l0 } = got.get(windowVariant('logits', size, 0))!;
      expect(Math.abs(w4 - w0)).toBeLessThanOrEqual(0.0025);
      expect(Math.abs(l4 - l0)).toBeLessThanOrEqual(0.0025);
    }
    has('the same to within 0.002 at $W = 16$ and 32');
    expect(whole(8, 4)).toBeGreaterThan(whole(8, 0));
    has('slightly *worse* at $W = 8$ (4.139 against 4.118)');
    for (const s of sessions.values()) await s.release();
  }, 120_000);
});
