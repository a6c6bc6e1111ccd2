// The numbers the Embeddings lesson quotes, recomputed with lib/ on lm's shipped weights (eager TS
// forward for the residual streams; the widget runs the same graph in ONNX Runtime). If the
// weights, the code or the prose drift apart, this fails.
import { beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '@/lib/interp/analogy';
import { ANALOGY_SET, evaluateSet } from '@/lib/interp/analogy-set';
import { baselineCosine, findWord, layerSimilarity } from '@/lib/interp/contextual';
import { cosine, neighbours, rowNorms } from '@/lib/interp/neighbours';
import { pca } from '@/lib/interp/pca';
import { wordPieces, wordStartIds } from '@/lib/interp/word-tokens';
import { EagerOps, type WeightMap } from '@/lib/model/eager';
import { names } from '@/lib/model/names';
import { transformer } from '@/lib/model/transformer';
import { ids as idsTensor } from '@/lib/tensor';
import { loadBpe } from '@/lib/tokenizer/serialize';
import { code, codes, lessonText, num, quoteOf } from '../../content/quoted-facts';
import { manifest, read, weightsOf } from '../models/shipped';

const lm = manifest().models.lm;
const cfg = lm.config;
const tok = loadBpe(read('models/tokenizer/austen-bpe-4096.json').toString('utf8'));
const text = lessonText('embeddings');
const has = (s: string) => expect(text).toContain(quoteOf(s));
let w: WeightMap;
let E: Float32Array;
const V = cfg.vocabSize;
const d = cfg.dModel;
const id = (s: string) => wordPieces(tok, s).id!;
const row = (i: number) => E.subarray(i * d, (i + 1) * d);
const f2 = (x: number) => x.toFixed(2);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

beforeAll(async () => {
  w = await weightsOf('lm');
  E = w.get('tok_emb.weight')!.data as Float32Array;
});

describe('numbers quoted by the Embeddings lesson', () => {
  it('the table is 4096 × 128 = 524,288 numbers, 25.0% of lm, and the output layer reuses it (no lm_head.weight)', () => {
    expect(w.get('tok_emb.weight')!.shape).toEqual([4096, 128]);
    has(`$4096 \\times 128 = ${num(V * d).replace(',', '{,}')}$`);
    has(`${pct((V * d) / lm.params)} of its ${num(lm.params)} parameters`);
    expect(cfg.tiedEmbeddings).toBe(true);
    expect(w.has('lm_head.weight')).toBe(false);
    has('"tiedEmbeddings": true');
  });

  it('how words split, and how many tokens begin a word', () => {
    has(`${code(' whale')} becomes ${codes(wordPieces(tok, 'whale').pieces)}`);
    has(`${code(' king')} is ${codes(wordPieces(tok, 'king').pieces)}`);
    has(`${code(' queen')} is ${codes(wordPieces(tok, 'queen').pieces)}`);
    has(`${num(wordStartIds(tok, V).length)} of the 4096 tokens are a space followed by lower-case letters`);
  });

  it('the neighbours of three and said, and cos(he, she)', () => {
    const n3 = neighbours(E, V, d, id('three'), 5);
    has(`${n3.map((n) => code(tok.tokenText(n.id))).join(', ')}`);
    has(`${code(' four')} at ${f2(n3[0].cos)}`);
    const ns = neighbours(E, V, d, id('said'), 5);
    has(`${ns.map((n) => code(tok.tokenText(n.id))).join(', ')}`);
    has(`cosine ${f2(cosine(row(id('he')), row(id('she'))))}`);
  });

  it('PC1 and PC2 of all 4096 rows', () => {
    const p = pca(E, V, d, 2);
    has(`PC1 keeps ${pct(p.explainedRatio[0])}`);
    has(`PC2 ${pct(p.explainedRatio[1])}`);
    has(`together ${pct(p.explainedRatio[0] + p.explainedRatio[1])}`);
  });

  it('the analogy set: skipped, right at #1, in the top 5, and the only-c baseline', () => {
    const rs = evaluateSet(E, V, d, tok, ANALOGY_SET, 5, rowNorms(E, V, d));
    const ok = rs.filter((r) => r.result);
    const s = summarize(ok.map((r) => r.result!.rank!));
    const b = summarize(ok.map((r) => r.result!.baselineRank!));
    has(`${ANALOGY_SET.length} analogies`);
    has(`${rs.length - ok.length} have a word that is not one token`);
    has(`Of the other ${s.n}, the expected word comes first in ${s.top1} and is in the top 5 in ${s.top5}`);
    has(`the only-c baseline gets ${b.top1} of ${b.n} right`);
    const sad = rs.find((r) => r.case.expected === 'sad')!.result!;
    has(`\`·sad\` comes #${sad.rank}`);
    const sis = rs.find((r) => r.case.a === 'brother' && r.case.expected === 'daughter')!.result!;
    has(`#${sis.rank} with the offset and #${sis.baselineRank} without`);
    const sonNb = neighbours(E, V, d, id('son'), 1, { exclude: new Set([id('brother'), id('sister')]) })[0];
    has(`left out) comes ${code(tok.tokenText(sonNb.id))}`);
    has(`the nearest token to ${code(' he')} is ${code(tok.tokenText(neighbours(E, V, d, id('he'), 1)[0].id))} anyway`);
  });

  it('static vs contextual: mind (noun vs verb) and like (same use)', () => {
    const run = (s: string) => {
      const ids = tok.encode(s);
      const ops = new EagerOps(w, { taps: (n) => n === names.embed() || n.endsWith('.resid_post') });
      transformer(ops, cfg, idsTensor(ids));
      const layers = [names.embed(), ...Array.from({ length: cfg.nLayer }, (_, l) => names.residPost(l))].map((n) => ops.trace.get(n)!.data as Float32Array);
      return { ids, layers };
    };
    const pair = (s1: string, s2: string, word: string) => {
      const a = run(s1), b = run(s2);
      const wid = wordPieces(tok, word).ids;
      const sim = layerSimilarity(a.layers, findWord(a.ids, wid), b.layers, findWord(b.ids, wid), d);
      return { sim, base: baselineCosine(a.layers, a.ids, b.layers, b.ids, d) };
    };
    const mind = pair('He had a very strong mind.', 'I do not mind the rain.', 'mind');
    expect(mind.sim[0]).toBe(1);
    has(`falls to ${f2(mind.sim[cfg.nLayer])} after block 8`);
    has(`${f2(mind.sim[4])} after block 4`);
    has(`average ${f2(mind.base[cfg.nLayer])} there`);
    const like = pair('She was not at all like her sister.', 'He was not at all like his brother.', 'like');
    has(`still ${f2(like.sim[cfg.nLayer])} after block 8`);
    const noun = pair('He had a very strong mind.', 'She had a clever mind.', 'mind');
    has(`For these two sentences the cosine after block 8 is ${f2(noun.sim[cfg.nLayer])}, against ${f2(mind.sim[cfg.nLayer])} for the noun-vs-verb pair`);
  });
});

describe('what PC1 follows (the PCA challenge)', () => {
  const corr = (a: number[], b: number[]) => {
    const ma = a.reduce((x, y) => x + y, 0) / a.length;
    const mb = b.reduce((x, y) => x + y, 0) / b.length;
    let s = 0, sa = 0, sb = 0;
    for (let i = 0; i < a.length; i++) {
      s += (a[i] - ma) * (b[i] - mb);
      sa += (a[i] - ma) ** 2;
      sb += (b[i] - mb) ** 2;
    }
    return s / Math.sqrt(sa * sb);
  };
  it('PC1 against token id (word starts) and row length (all rows), and its top tokens', () => {
    const p = pca(E, V, d, 1);
    const ws = wordStartIds(tok, V, { minLetters: 2 });
    has(`among the ${num(ws.length)} tokens that are a space and at least two letters`);
    has(`the token id is −${Math.abs(corr(ws.map((i) => p.projections[i]), ws)).toFixed(2)}`);
    expect(corr(ws.map((i) => p.projections[i]), ws)).toBeLessThan(0);
    const all = Array.from({ length: V }, (_, i) => i);
    const len = all.map((i) => Math.hypot(...row(i)));
    const r = corr(all.map((i) => p.projections[i]), len);
    expect(r).toBeLessThan(0);
    has(`PC1 correlates −${Math.abs(r).toFixed(2)} with the length`);
    const top = [...all].sort((a, b) => p.projections[b] - p.projections[a]).slice(0, 3);
    has(`the highest values belong to ${top.map((i) => code(tok.tokenText(i))).join(', ')}`);
  });
});
