/**
 * Every measured number the Measuring lesson quotes, recomputed from lib/eval on the shipped
 * weights (ONNX graph on onnxruntime-web WASM in Node, as the page runs it; lm-ssm on the eager
 * reference): held-out loss of each model on the perplexity widget's default text, and cloze
 * accuracy per model and normalisation. The needle grid and the self-consistency run are too heavy
 * for a unit test: they are recorded in measuring.recorded.txt, the lesson must quote the recorded
 * values, and one cell of each is recomputed here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracy, CLOZE_SET, chunkWindows, heldOutLoss, needleGrid, NORMS, scoreSet, selfConsistency } from '@/lib/eval';
import { valWindows } from '@/lib/longctx/val-windows';
import { bpe, eagerForward, onnxForward } from './real';

const lesson = readFileSync('content/lessons/measuring.mdx', 'utf8').replace(/\s+/g, ' ');
const recorded = readFileSync('test/lib/eval/measuring.recorded.txt', 'utf8');
const has = (fragment: string) => expect(lesson.includes(fragment), `the lesson quotes: ${fragment}`).toBe(true);
const tok = bpe();
const MODELS = ['lm', 'lm-moe', 'lm-ssm', 'lm-alibi', 'lm-learned-pos', 'lm-draft'];
const fwd = (id: string) => (id === 'lm-ssm' ? eagerForward(id) : onnxForward(id));

describe('the Measuring lesson quotes lib/eval on the real weights', () => {
  it('perplexity table: loss, perplexity and bits per byte of each model on 8 held-out windows of 128 tokens', async () => {
    const ws = chunkWindows(valWindows(), 128).slice(0, 8);
    for (const id of MODELS) {
      const m = await heldOutLoss(ws, await fwd(id), (ids) => tok.decodeBytes(ids).length);
      has(`<tr><td>${id}</td><td>${m.loss.toFixed(2)}</td><td>${m.perplexity.toFixed(1)}</td><td>${m.bitsPerByte.toFixed(2)}</td></tr>`);
      if (id === 'lm') {
        has(`${m.tokens} predictions over ${m.bytes} bytes`);
        has(`2^{${m.bitsPerByte.toFixed(2)}} \\approx ${Math.pow(2, m.bitsPerByte).toFixed(2)}`);
      }
    }
  }, 120_000);

  it('cloze accuracy of each model under each normalisation', async () => {
    const t = { encode: (s: string) => tok.encode(s), bytes: (s: string) => Buffer.byteLength(s, 'utf8') };
    for (const id of MODELS) {
      const s = await scoreSet(CLOZE_SET, t, await fwd(id));
      const right = NORMS.map((n) => Math.round(accuracy(CLOZE_SET, s, n) * CLOZE_SET.length));
      has(`<tr><td>${id}</td>${right.map((r) => `<td>${r}</td>`).join('')}</tr>`);
      if (id === 'lm') {
        // the per-token challenge: "Mrs. Bennet had five ___", daughters (1 token) against ships (3 tokens)
        const [daughters, ships] = s[1];
        expect([daughters.tokens, ships.tokens]).toEqual([1, 3]);
        has(`$\\ln p \\approx ${daughters.sum.toFixed(1)}$`);
        has(`whose sum is about $${ships.sum.toFixed(1)}$`);
        has(`whose mean is about $${(ships.sum / 3).toFixed(1)}$ per token, better than $${daughters.sum.toFixed(1)}$`);
        expect(ships.sum / ships.bytes).toBeLessThan(daughters.sum / daughters.bytes);
      }
    }
  }, 120_000);

  it('the recorded needle grid and self-consistency run are what the lesson quotes, and one cell of each recomputes', async () => {
    const cells = recorded.split('\n').filter((l) => l.startsWith('NEEDLE ')).map((l) => JSON.parse(l.slice(7)) as { withNeedle: boolean; length: number; depth: number; picked: number; greedy: number; trials: number; meanKeyLogProb: number });
    expect(cells.length).toBe(4 + 20);
    for (const c of cells) {
      const at = c.withNeedle ? `${100 * c.depth}%` : 'none';
      has(`<td title="${c.length} tokens, ${at}">${c.picked}/${c.trials}</td>`);
      has(`<td title="${c.length} tokens, ${at}">${c.meanKeyLogProb.toFixed(1)}</td>`);
    }
    const [one] = await needleGrid({ lengths: [128], depths: [0.5], seeds: Array.from({ length: 20 }, (_, i) => i + 1) }, valWindows(), (s) => tok.encode(s), await onnxForward('lm'));
    const rec = cells.find((c) => c.withNeedle && c.length === 128 && c.depth === 0.5)!;
    expect(one.picked).toBe(rec.picked);
    expect(one.meanKeyLogProb).toBeCloseTo(rec.meanKeyLogProb, 3);

    const sc = /^SCTOTAL (\d+) (\d+) (\d+) (\d+)$/m.exec(recorded)!;
    has(`the vote was right on ${sc[1]} of ${sc[4]}`);
    has(`greedy decoding on ${sc[2]}`);
    has(`agreed with greedy on ${sc[3]}`);
    const first = JSON.parse(/^SC 0 (.*)$/m.exec(recorded)![1]) as { greedy: string; vote: string; samples: string[] };
    const r = await selfConsistency(tok.encode(CLOZE_SET[0].context), 9, await onnxForward('lm'), (ids) => tok.decode(ids), { maxTokens: 4, temperature: 1, seed: 7 });
    expect({ greedy: r.greedy, vote: r.vote.answer, samples: r.samples }).toEqual(first);
  }, 120_000);
});
