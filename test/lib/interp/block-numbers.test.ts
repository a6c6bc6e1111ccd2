// The numbers the "Inside a block" lesson quotes, recomputed with lib/ on the shipped `lm`
// weights (eager TS forward; the widgets compute the same live in ONNX Runtime, and
// test/lib/interp/logit-lens.test.ts checks the lens graph against the eager lens).
// If the code, the weights or the prose drift apart, this fails.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { concat, ids as idsTensor, type Tensor } from '@/lib/tensor';
import { loadBpe } from '@/lib/tokenizer/bpe';
import { lensLogits, streamTap } from '@/lib/interp/logit-lens';
import { finalTokenTrace, formsAt, lensReadout, streamLabel } from '@/lib/interp/lens-readout';
import { residualStats, streamNorms } from '@/lib/interp/residual';
import { activationCurves } from '@/lib/interp/norm-act';
import { lensSchema } from '@/components/widgets/logit-lens';
import { manifest, read, weightsOf } from '../models/shipped';

const cfg = manifest().models.lm.config;
const lesson = readFileSync('content/lessons/inside-a-block.mdx', 'utf8').replace(/\s+/g, ' ');
const TEXT = lensSchema.defaults.text;
let w: WeightMap;
beforeAll(async () => { w = await weightsOf('lm'); });

function measure(text: string) {
  const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
  const ids = tok.encode(text);
  const ops = new EagerOps(w, { taps: true });
  const { logits } = transformer(ops, cfg, idsTensor(ids));
  const N = cfg.nLayer + 1, T = ids.length, V = cfg.vocabSize;
  const lens = lensLogits(ops, cfg, concat(Array.from({ length: N }, (_, i) => ops.trace.get(streamTap(i))! as Tensor), 0)) as Tensor;
  const trace = finalTokenTrace(lens.data, [N, T, V], logits.data as Float32Array);
  const cells = lensReadout(lens.data, [N, T, V], 1);
  const f32 = (n: string) => ops.trace.get(n)!.data as Float32Array;
  const stats = residualStats(f32(names.embed()), Array.from({ length: cfg.nLayer }, (_, l) => f32(names.residMid(l))), Array.from({ length: cfg.nLayer }, (_, l) => f32(names.residPost(l))), T, cfg.dModel);
  return { tok, T, trace, cells, stats };
}

describe('numbers quoted by the Inside a block lesson', () => {
  it('the default prompt: where lm\'s answer becomes top-1 under the logit lens', () => {
    const { tok, T, trace, cells } = measure(TEXT);
    const t = T - 1;
    const fin = trace[cfg.nLayer][t];
    const at = formsAt(trace, t);
    const ranks = trace.map((r) => r[t].rank);
    expect(tok.tokenText(fin.id)).toBe(' smiling');
    expect(lesson).toContain(`answer is “smiling” with probability ${fin.prob.toFixed(2)}`);
    expect(lesson).toContain(`top-1 in the stream ${streamLabel(at)} and stays there`);
    expect(lesson).toContain(`its rank goes ${ranks.join(', ')}`);
    expect(lesson).toContain('default prompt `lm`\'s answer becomes top-1 after block 5 of 8');
    expect(at).toBe(6);
    // "ranked beyond 100 until block 4 lifts it to rank 5"; "enters the top 5 after block 4"
    expect(ranks.slice(0, 5).every((r) => r > 100)).toBe(true);
    expect(ranks[5]).toBe(5);
    expect(lesson).toContain('enters the top 5 after block 4 (rank 5)');
    // the embedding row predicts the input token itself
    expect(tok.tokenText(cells[0][t].ids[0])).toBe(' help');
    expect(lesson).toContain(`“␣help” with probability ${cells[0][t].probs[0].toFixed(3)}`);
    for (let i = 0; i < T; i++) expect(cells[0][i].ids[0]).toBe(tok.encode(TEXT)[i]);
  });

  it('a line-break answer jumps to top-1 after block 6 on the prompts we tried', () => {
    for (const text of ['It is a truth universally', 'I do not know what you mean by', 'It was a fine day, and they walked out together into the']) {
      const { tok, T, trace } = measure(text);
      expect(tok.tokenText(trace[cfg.nLayer][T - 1].id)).toBe('\n');
      expect(formsAt(trace, T - 1)).toBe(7);
    }
    // three prompts support "on the three such prompts we tried", not a general "often"
    expect(lesson).toContain('On the three such prompts we tried (“It is a truth universally” is one), it reached the top only after block 6');
  });

  it('the default prompt: how the residual stream grows', () => {
    const { T, stats } = measure(TEXT);
    const t = T - 1;
    const norms = streamNorms(stats, t);
    expect(lesson).toContain(`from ${norms[0].toFixed(2)} in the embedding to ${norms[cfg.nLayer].toFixed(1)} after the last block`);
    const growth = norms[cfg.nLayer] / norms[0];
    expect(growth).toBeGreaterThan(80); // "about a hundred times longer"
    expect(growth).toBeLessThan(125);
    expect(lesson).toContain('about a hundred times longer');
    // "the cosines between each update and the stream are mostly positive"
    const cos = stats.flatMap((s) => [s.attnCos[t], s.mlpCos[t]]);
    expect(cos.filter((c) => c > 0).length).toBeGreaterThanOrEqual(12);
    // "attention and MLP together add more in each of blocks 4 to 7 than in any of blocks 1 to 3"
    const sum = stats.map((s) => s.attnNorm[t] + s.mlpNorm[t]);
    expect(Math.min(...sum.slice(4))).toBeGreaterThan(Math.max(...sum.slice(1, 4)));
  });

  it('the "who writes the most" challenge', () => {
    const { T, stats } = measure(TEXT);
    const t = T - 1;
    const mlp = stats.map((s) => s.mlpNorm[t]);
    const attn = stats.map((s) => s.attnNorm[t]);
    const top = mlp.indexOf(Math.max(...mlp));
    expect(top).toBe(5);
    expect(Math.max(...mlp)).toBeGreaterThan(Math.max(...attn));
    expect(lesson).toContain(`The MLP of block 5, with an update of length ${mlp[5].toFixed(2)}`);
    expect(attn.indexOf(Math.max(...attn))).toBe(6);
    expect(lesson).toContain(`block 6's, ${attn[6].toFixed(2)}`);
    expect(mlp.every((m, l) => m > attn[l])).toBe(true);
    expect(lesson).toContain(`block 0 alone writes ${mlp[0].toFixed(2)}`);
    const ratio = mlp[0] / stats[0].inNorm[t];
    expect(ratio).toBeGreaterThan(17.5); // "almost eighteen times"
    expect(ratio).toBeLessThan(18);
  });

  it('lm\'s config as the lesson quotes it', () => {
    const raw = readFileSync('models/lm/config.json', 'utf8');
    for (const s of ['"norm": "rmsnorm"', '"normEps": 1e-05', '"mlp": "swiglu"', '"dFF": 384', '"dModel": 128', '"tiedEmbeddings": true', '"bias": false']) {
      expect(raw).toContain(s);
      expect(lesson).toContain(`\`${s}\``);
    }
    expect(3 * cfg.dModel * cfg.dFF).toBe(147456);
    // "the 8 blocks of the lab's model", "all 9 stream points"
    expect(cfg.nLayer).toBe(8);
    expect(lesson).toContain('the 8 blocks of the lab\'s model');
    expect(lesson).toContain(`for all ${cfg.nLayer + 1} stream points`);
  });
  it('GELU\'s minimum, as the lesson quotes it', () => {
    const c = activationCurves(-3, 0, 30000);
    const m = Math.min(...c.gelu);
    const at = c.x[c.gelu.indexOf(m)];
    expect(m.toFixed(2)).toBe('-0.17');
    expect(at.toFixed(2)).toBe('-0.75');
    expect(lesson).toContain('its minimum is about $-0.17$, near $x = -0.75$');
  });
});
