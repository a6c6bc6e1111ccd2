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
import { accuracy, CLOZE_SET, chunkWindows, continueWord, heldOutLoss, keyName, NAMES, needleGrid, needleText, NORMS, plant, QUERY, scoreSet, selfConsistency } from '@/lib/eval';
import { mulberry32 } from '@/lib/tensor/rng';
import { valWindows } from '@/lib/longctx/val-windows';
import { manifest } from '../models/shipped';
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
        // the gap to the manifest: the same 1024 tokens in windows of 256 (the manifest's length)
        const w256 = await heldOutLoss(chunkWindows(valWindows(), 256).slice(0, 4), await fwd(id), () => 1);
        has(`validation loss in the models' manifest (${manifest().models.lm.validation.loss.toFixed(2)} for \`lm\`)`);
        has(`give \`lm\` a loss of ${w256.loss.toFixed(2)}; the shorter windows add only ${(Number(m.loss.toFixed(2)) - Number(w256.loss.toFixed(2))).toFixed(2)} more`);
        expect(w256.loss - manifest().models.lm.validation.loss).toBeGreaterThan(5 * (m.loss - w256.loss)); // "mostly the text"
        // the challenge, from the quoted 1.48 bits per byte and the byte and token counts
        const bits = 1.48 * m.bytes;
        has(`$1.48 \\times ${m.bytes} \\approx ${bits.toFixed(0)}$ bits`);
        has(`$${bits.toFixed(0)} / ${m.tokens} \\approx ${(bits / m.tokens).toFixed(2)}$ bits per token`);
        has(`about ${((bits / m.tokens) * Math.LN2).toFixed(2)} nats (perplexity about ${Math.exp((bits / m.tokens) * Math.LN2).toFixed(0)})`);
        has(`about ${(1.48 * Math.LN2).toFixed(2)} nats (perplexity about ${Math.pow(2, 1.48).toFixed(1)})`);
        has(`differ by a factor of ${(m.bytes / m.tokens).toFixed(1)}`);
      }
    }
  }, 120_000);

  it('cloze accuracy of each model under each normalisation', async () => {
    const t = { encode: (s: string) => tok.encode(s), bytes: (s: string) => Buffer.byteLength(s, 'utf8') };
    for (const id of MODELS) {
      const s = await scoreSet(CLOZE_SET, t, await fwd(id));
      const right = NORMS.map((n) => Math.round(accuracy(CLOZE_SET, s, n) * CLOZE_SET.length));
      has(`<tr><td>${id}</td>${right.map((r) => `<td>${r}</td>`).join('')}</tr>`);
      // "the raw sum wins for every model"
      expect(right[0]).toBeGreaterThan(Math.max(right[1], right[2]));
      // the harness's acc_norm: the sum over the characters of the option without its space (all ASCII here)
      for (const it of CLOZE_SET) for (const o of it.options) expect(/^[\x20-\x7e]+$/.test(o)).toBe(true);
      const perChar = s.filter((sc, i) => sc.map((o, j) => o.sum / CLOZE_SET[i].options[j].length).reduce((b, v, j, a) => (v > a[b] ? j : b), 0) === CLOZE_SET[i].answer).length;
      if (id === 'lm') has(`\`lm\` gets ${perChar} items right instead of ${right[2]}; the other five models keep their per-byte counts`);
      else expect(perChar, `${id}: per character = per byte`).toBe(right[2]);
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
    // the prose and the challenge read off the recorded grid
    const m = (x: number) => x.toFixed(1).replace('-', '−');
    const at = (n: number, d: number | null) => cells.find((c) => c.length === n && (d === null ? !c.withNeedle : c.withNeedle && c.depth === d))!;
    const early = [0, 0.25, 0.5, 0.75];
    const lift = (n: number, d: number) => at(n, d).meanKeyLogProb - at(n, null).meanKeyLogProb;
    has(`lifts the name from ${m(at(128, null).meanKeyLogProb)} nats (no needle) to about −3, at every depth up to 75%`);
    for (const d of early) expect(Math.abs(at(128, d).meanKeyLogProb + 3)).toBeLessThan(0.5);
    const l256 = early.map((d) => at(256, d).meanKeyLogProb);
    has(`(${m(at(256, null).meanKeyLogProb)} to between ${m(Math.min(...l256))} and ${m(Math.max(...l256))})`);
    for (const n of [512, 1024]) for (const d of early) expect(Math.abs(lift(n, d))).toBeLessThan(2);
    has('the name is picked in at most 3 of 20 trials');
    expect(Math.max(...[512, 1024].flatMap((n) => early.map((d) => at(n, d).picked)))).toBe(3);
    for (const n of [128, 256]) expect(lift(n, 1)).toBeLessThan(Math.min(...early.map((d) => lift(n, d))));
    expect(lift(1024, 1)).toBeGreaterThan(Math.max(...early.map((d) => lift(1024, d))));
    const plus = (n: number) => `+${lift(n, 0.5).toFixed(1)}`;
    has(`about ${plus(128)} nats at 128 tokens, ${plus(256)} at 256, ${plus(512)} at 512 and ${plus(1024)} at 1024`);

    // "a few names are strong favourites": who beats the planted name at 128 tokens, 50% depth
    const lmF = await onnxForward('lm');
    const cand = NAMES.map((n) => tok.encode(` ${n}`)[0]);
    const winners: string[] = [];
    for (let seed = 1; seed <= 20; seed++) {
      const key = keyName(seed);
      const { ids } = plant(valWindows()[seed % valWindows().length], tok.encode(needleText(key)), tok.encode(QUERY), 128, 0.5);
      const { logits, vocab } = await lmF(ids);
      const row = cand.map((c) => logits[(ids.length - 1) * vocab + c]);
      const best = NAMES[row.indexOf(Math.max(...row))];
      if (best !== key) winners.push(best);
    }
    const fav = winners.filter((w) => w === 'Taylor' || w === 'Dashwood').length;
    has(`the planted name lost ${winners.length} of its 20 trials, ${fav} of them to Taylor or Dashwood`);
    expect(20 - winners.length).toBe(at(128, 0.5).picked);

    const [one] = await needleGrid({ lengths: [128], depths: [0.5], seeds: Array.from({ length: 20 }, (_, i) => i + 1) }, valWindows(), (s) => tok.encode(s), await onnxForward('lm'));
    const rec = cells.find((c) => c.withNeedle && c.length === 128 && c.depth === 0.5)!;
    expect(one.picked).toBe(rec.picked);
    expect(one.meanKeyLogProb).toBeCloseTo(rec.meanKeyLogProb, 3);

    const sc = /^SCTOTAL (\d+) (\d+) (\d+) (\d+)$/m.exec(recorded)!;
    // the totals follow from the recorded runs: right = the first word is exactly the cloze answer
    const runs = recorded.split('\n').filter((l) => l.startsWith('SC ')).map((l) => JSON.parse(l.replace(/^SC \d+ /, '')) as { greedy: string; vote: string; samples: string[] });
    expect(runs.length).toBe(CLOZE_SET.length);
    const ans = (i: number) => CLOZE_SET[i].options[CLOZE_SET[i].answer];
    expect([runs.filter((r, i) => r.vote === ans(i)).length, runs.filter((r, i) => r.greedy === ans(i)).length, runs.filter((r) => r.vote === r.greedy).length, runs.length].map(String)).toEqual(sc.slice(1, 5));
    const distinct = runs.filter((r) => new Set(r.samples).size === r.samples.length);
    for (const r of distinct) expect(r.vote).toBe(r.samples[0]);
    has(`In ${distinct.length} of the 28 items all nine sampled words were different`);
    has(`vote was right on ${sc[1]} of ${sc[4]}`);
    has(`greedy decoding on ${sc[2]}`);
    has(`agreed with greedy on ${sc[3]}`);
    const first = JSON.parse(/^SC 0 (.*)$/m.exec(recorded)![1]) as { greedy: string; vote: string; samples: string[] };
    const r = await selfConsistency(tok.encode(CLOZE_SET[0].context), 9, await onnxForward('lm'), (ids) => tok.decode(ids), { maxTokens: 4, temperature: 1, seed: 7 });
    expect({ greedy: r.greedy, vote: r.vote.answer, samples: r.samples }).toEqual(first);
  }, 120_000);

  it('the passkey claim: with a digit key right before the question, in 32 tokens, greedy lm never answers the key', async () => {
    has('in a context of 32 tokens, its greedy answer was the key in none of 20 trials: it said "the" every time');
    const f = await onnxForward('lm');
    const query = tok.encode(' The pass key is');
    const answers: string[] = [];
    let hits = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const key = String(mulberry32(seed).int(10));
      const needle = tok.encode(` The pass key is ${key}. Remember it. ${key} is the pass key.`);
      const { ids } = plant(valWindows()[seed % 4], needle, query, 32, 1);
      const a = await continueWord(ids, f, (x) => tok.decode(x), 0, 3, { uniform: () => 0 });
      answers.push(a);
      if (a === key) hits++;
    }
    expect(hits).toBe(0);
    expect(new Set(answers)).toEqual(new Set(['the']));
  }, 60_000);
});
