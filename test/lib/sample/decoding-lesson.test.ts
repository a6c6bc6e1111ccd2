// The numbers the decoding lesson quotes about beam search and step-by-step generation, recomputed
// with lib/sample on the shipped `lm` weights (eager TS forward; the widgets run the same weights
// in ONNX Runtime, and parity between the two is tested in test/lib/models). If the code, the
// weights or the prose drift apart, this fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { transformer } from '@/lib/model/transformer';
import { ids as idsTensor, mulberry32 } from '@/lib/tensor';
import { loadBpe } from '@/lib/tokenizer/bpe';
import { beamSearch, distribution, traceGeneration, type BeamStep, type NextLogits } from '@/lib/sample';
import { beamSearchSchema } from '@/components/widgets/beam-search/index';
import { decodeStepsSchema } from '@/components/widgets/decode-steps/index';
import { manifest, read, weightsOf } from '../models/shipped';

const cfg = manifest().models.lm.config;
const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
const lesson = readFileSync('content/lessons/sampling.mdx', 'utf8').replace(/\s+/g, ' ');
let w: WeightMap;
beforeAll(async () => { w = await weightsOf('lm'); });
const next: NextLogits = (ids) => {
  const V = cfg.vocabSize;
  const logits = transformer(new EagerOps(w), cfg, idsTensor([...ids])).logits; // [1, T, V]
  return Float32Array.from((logits.data as Float32Array).subarray((ids.length - 1) * V, ids.length * V)); // [V]
};

describe("decoding lesson: beam search on lm with the beam-search widget's defaults", () => {
  const { prompt, steps } = beamSearchSchema.defaults;
  it('quotes the best total per width 1..5, and width 3 beats widths 4 and 5', async () => {
    const ids = tok.encode(prompt);
    const best: number[] = [];
    for (let width = 1; width <= 5; width++) {
      const [h] = await beamSearch({ nextLogits: next, prompt: ids, beamWidth: width, maxNewTokens: steps, lengthPenalty: 0 });
      best.push(h.logProb);
      if (width === 3) expect(tok.decode(h.newIds)).toBe(' woman\nwhom I have');
    }
    const f = best.map((x) => x.toFixed(2)); // 2 decimals: -10.2795 (width 4) sits on a 3rd-decimal rounding edge, and ONNX prints -10.279
    expect(lesson).toContain(`greedy decoding reaches a total of $${f[0]}$ nats; beam width 2 finds $${f[1]}$, and width 3 finds $${f[2]}$`);
    expect(lesson).toContain(`Width 4 and 5 find $${f[3]}$`);
    expect(f[4]).toBe(f[3]);
    expect(lesson).toContain(`$e^{${(best[2] - best[0]).toFixed(2)}} \\approx ${Math.exp(best[2] - best[0]).toFixed(1)}$ times`);
    expect(lesson).toContain(`Width 1 (greedy) gives $${f[0]}$, width 2 $${f[1]}$, width 3 $${f[2]}$, widths 4 and 5 $${f[3]}$`);
  }, 120_000);

  it('at width 4 the third step keeps four beams from "young" and drops "woman / wh" in sixth place', async () => {
    const ids = tok.encode(prompt);
    const st: BeamStep[] = [];
    await beamSearch({ nextLogits: next, prompt: ids, beamWidth: 4, maxNewTokens: 3, lengthPenalty: 0, onStep: (s) => st.push(s) });
    let paths: number[][] = [[]];
    for (const s of st) paths = s.beams.map((b) => [...paths[b.parent], b.id]);
    expect(paths.every((p) => tok.tokenText(p[0]) === ' young')).toBe(true);
    const kept = st[2].beams.map((b) => b.logProb.toFixed(2));
    expect(lesson).toContain(`(the best at $${kept[0]}$, the fourth at $${kept[3]}$)`);
    // width 3's winner, and where its first three tokens ended up in the width-4 search
    const [w3] = await beamSearch({ nextLogits: next, prompt: ids, beamWidth: 3, maxNewTokens: steps, lengthPenalty: 0 });
    expect(w3.newIds.slice(0, 3).map((t) => tok.tokenText(t))).toEqual([' woman', '\n', 'wh']);
    let prev: number[][] = [[]];
    for (const s of st.slice(0, 2)) prev = s.beams.map((b) => [...prev[b.parent], b.id]);
    const sixth = st[2].dropped[1]; // the fifth is another descendant of "young" (" young man of")
    expect(tok.tokenText(prev[st[2].dropped[0].parent][0])).toBe(' young');
    expect([...prev[sixth.parent], sixth.id]).toEqual(w3.newIds.slice(0, 3));
    expect(lesson).toContain(`*wh* at $${sixth.logProb.toFixed(2)}$, comes sixth`);
  }, 120_000);
});

describe("decoding lesson: step by step with the decode-steps widget's defaults", () => {
  it('quotes the first steps: a line break at 0.840, then "d" at 0.030 (rank 12), "rown" rank 10', async () => {
    const { prompt, steps, temperature, topK, seed } = decodeStepsSchema.defaults;
    const { steps: tr } = await traceGeneration({ nextLogits: next, prompt: tok.encode(prompt), maxNewTokens: steps, sampler: { temperature, topK }, rng: mulberry32(seed) });
    expect(tok.tokenText(tr[0].chosen)).toBe('\n');
    expect(lesson).toContain(`the first token is a line break drawn with probability ${tr[0].chosenP.toFixed(3)}`);
    expect(tok.tokenText(tr[1].chosen)).toBe('d');
    expect(lesson).toContain(`\`d\`, had only ${tr[1].chosenP.toFixed(3)} — the model's ${tr[1].chosenModelRank}th choice`);
    expect(tok.tokenText(tr[2].chosen)).toBe('rown');
    expect(lesson).toContain(`(\`rown\`, its ${tr[2].chosenModelRank}th)`);
    const mr = tr.findIndex((s) => tok.tokenText(s.chosen) === ' Mr');
    expect(tok.tokenText(tr[mr + 1].chosen)).toBe('.');
    expect(lesson).toContain(`after \`Mr\` the model gives \`.\` a probability of ${tr[mr + 1].chosenModelP.toFixed(3)}`);
    expect(lesson).toContain(`had an entropy of ${tr[1].entropy.toFixed(2)} nats — about $e^{${tr[1].entropy.toFixed(2)}} \\approx ${Math.round(Math.exp(tr[1].entropy))}$`);
  }, 120_000);
});

describe('decoding lesson: the widgets (ONNX Runtime, parity ~1e-5 with eager) would show the same', () => {
  it("every default decode-steps draw lands at least 1e-4 inside its token's slice of the CDF", async () => {
    const { prompt, steps, temperature, topK, topP, seed } = decodeStepsSchema.defaults;
    const rng = mulberry32(seed);
    const ids = tok.encode(prompt);
    let margin = Infinity;
    for (let s = 0; s < steps; s++) {
      const p = distribution(await next(ids), { temperature, topK, topP }, ids); // [V]
      let total = 0;
      for (let i = 0; i < p.length; i++) total += p[i];
      const u = rng.uniform() * total; // the same inverse-CDF walk as drawCategorical
      let acc = 0;
      for (let i = 0; i < p.length; i++) {
        if (p[i] <= 0) continue;
        const lo = acc;
        acc += p[i];
        if (u < acc) { margin = Math.min(margin, u - lo, acc - u); ids.push(i); break; }
      }
    }
    expect(margin).toBeGreaterThan(1e-4); // measured 4.9e-4 (step 3, "rown")
  }, 120_000);

  it('at every beam width 1..5 the kept and dropped scores are at least 1e-3 nats apart', async () => {
    const { prompt, steps } = beamSearchSchema.defaults;
    let gap = Infinity;
    for (let width = 1; width <= 5; width++) {
      const st: BeamStep[] = [];
      await beamSearch({ nextLogits: next, prompt: tok.encode(prompt), beamWidth: width, maxNewTokens: steps, lengthPenalty: 0, onStep: (s) => st.push(s) });
      for (const s of st) {
        const all = [...s.beams, ...s.dropped.slice(0, 1)].map((b) => b.logProb);
        for (let i = 1; i < all.length; i++) gap = Math.min(gap, all[i - 1] - all[i]);
      }
    }
    expect(gap).toBeGreaterThan(1e-3); // measured 9.6e-3 (width 5)
  }, 120_000);
});
