/**
 * Every number the Retrieval and prompting lesson quotes, from lib/retrieval: BM25 metrics computed
 * here in full; the dense retriever's metrics from retrieval.recorded.json (record.test.ts, too slow
 * for a unit test) with one query's top 5 recomputed on lm; the with/without log-probabilities
 * recomputed on lm (ONNX graph, onnxruntime-web WASM in Node, as the page runs it).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import P from '@/lib/retrieval/passages.json';
import { bareRagPrompt, buildIndex, cosine, embedTexts, evaluate, fewShotPrompt, measurePrompt, QUERIES, ragPrompt, SCENARIOS, searchBm25 } from '@/lib/retrieval';
import type { EvalForward } from '@/lib/eval/forward';
import { manifest } from '../models/shipped';
import { bpe, onnxForward } from '../eval/real';
import { DEFAULT_LAYER, lmResiduals } from './real';


const lesson = readFileSync('content/lessons/retrieval-prompting.mdx', 'utf8').replace(/\s+/g, ' ');
const has = (fragment: string) => expect(lesson.includes(fragment), `the lesson quotes: ${fragment}`).toBe(true);
const recorded = JSON.parse(readFileSync('test/lib/retrieval/retrieval.recorded.json', 'utf8')) as {
  layers: { layer: number; recall5: number; mrr: number; perQueryRR: number[] }[];
  top5: { id: string; cosine: number }[][];
};
const rel = QUERIES.map((q) => new Set(q.relevant.map((r) => P.findIndex((p) => p.id === r))));
const kinds = (xs: number[], kind: 'words' | 'paraphrase') => xs.filter((_, i) => QUERIES[i].kind === kind);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const f2 = (x: number) => (x < 0 ? `−${(-x).toFixed(2)}` : x.toFixed(2));
/** In TeX the lesson writes an ASCII minus. */
const m2 = (x: number) => x.toFixed(2);
const tok = bpe();

describe('the Retrieval and prompting lesson quotes lib/retrieval', () => {
  it('corpus and query counts', () => {
    has(`The corpus has ${P.length} passages of 25 to 60 words: ${P.filter((p) => p.source === 'austen').length} paragraphs`);
    has(`and ${P.filter((p) => p.source === 'moby').length} paragraphs spread over *Moby-Dick*`);
    has(`twelve share words`);
    expect(kinds(QUERIES.map(() => 1), 'words').length).toBe(12);
    has(`five are **paraphrases**`);
    has(`(${P.length + QUERIES.length} forward passes)`);
    has(`Averaged over the ${QUERIES.length} queries`);
    const params = manifest().models.lm.params;
    has(`\`lm\`, with ${(params / 1e6).toFixed(1)} million parameters, is about ${(Math.round(540e9 / params / 1000) * 1000).toLocaleString('en-US')} times smaller than that 540-billion-parameter model`);
  });

  it('BM25 recall@5 and MRR, overall, on the word queries and on the paraphrases', () => {
    const ix = buildIndex(P.map((p) => p.text));
    const e = evaluate(QUERIES.map((q) => searchBm25(ix, q.query, P.length).map((h) => h.doc)), rel, 5);
    has(`<tr><td>BM25</td><td>${e.recall.toFixed(3)}</td><td>${e.mrr.toFixed(3)}</td></tr>`);
    has(`it reaches recall@5 ${e.recall.toFixed(3)} and MRR ${e.mrr.toFixed(3)}`);
    const rr = e.perQuery.map((q) => q.rr);
    expect(kinds(rr, 'words').every((x) => x === 1)).toBe(true);
    has(`(MRR ${mean(kinds(rr, 'words')).toFixed(3)} on those)`);
    has(`On the five paraphrases its MRR falls to ${mean(kinds(rr, 'paraphrase')).toFixed(3)}`);
  });

  it('the recorded dense retriever: layer 1 and layer 8, paraphrases', () => {
    expect(DEFAULT_LAYER).toBe(1);
    for (const l of [1, 8]) {
      const r = recorded.layers[l];
      has(`<tr><td>Dense, layer ${l}</td><td>${r.recall5.toFixed(3)}</td><td>${r.mrr.toFixed(3)}</td></tr>`);
    }
    const one = recorded.layers[1];
    const para = kinds(one.perQueryRR, 'paraphrase');
    has(`the dense retriever at layer 1 does better (MRR ${mean(para).toFixed(3)}), ranking a relevant passage first for two of the five`);
    expect(para.filter((x) => x === 1).length).toBe(2);
    has(`(MRR ${recorded.layers[8].mrr.toFixed(3)} at layer 8)`);
    has(`(MRR ${one.mrr.toFixed(3)} at layer 1)`);
    // "the early layers do best and the last one worst"
    const mrr = recorded.layers.map((r) => r.mrr);
    expect(Math.max(...mrr)).toBe(mrr[1]);
    expect(Math.min(...mrr)).toBe(mrr[8]);
    // the recorded MRR agrees with the recorded per-query ranks
    expect(mean(one.perQueryRR)).toBeCloseTo(one.mrr, 12);
    has(`we chose the widget's default layer, 1, because it scored best on these same 17 test queries`);
  });

  it('the thunderstorm challenge: BM25 matches only stop words, dense layers 1 and 3 rank a relevant passage first', () => {
    const q = QUERIES.findIndex((x) => x.query === 'a thunderstorm in the dark');
    const ix = buildIndex(P.map((p) => p.text));
    const hits = searchBm25(ix, QUERIES[q].query, P.length);
    const terms = new Set(hits.flatMap((h) => h.parts.map((p) => p.term)));
    expect([...terms].sort()).toEqual(['a', 'in', 'the']);
    const rank = hits.findIndex((h) => rel[q].has(h.doc)) + 1;
    has(`BM25 matches only *a*, *in* and *the*, and its first relevant passage comes ${rank}th (reciprocal rank ${(1 / rank).toFixed(3)}; set Top k to ${rank} to see it)`);
    const rr = recorded.layers.map((r) => r.perQueryRR[q]);
    expect(rr.map((x, l) => (x === 1 ? l : -1)).filter((l) => l >= 0)).toEqual([1, 3]);
    has(`The dense side at layer 1 ranks a relevant passage first; so does layer 3, while at layer 8 none of the top 10 is relevant`);
    expect(rr[8]).toBeLessThan(1 / 10);
    has(`(MRR ${mean(kinds(recorded.layers[1].perQueryRR, 'paraphrase')).toFixed(3)} at layer 1)`);
  });

  it('recomputes the first test query and its recorded top 5 at layer 1 on lm', async () => {
    const { resid, C } = await lmResiduals();
    const top = recorded.top5[0];
    const texts = [QUERIES[0].query, ...top.map((t) => P.find((p) => p.id === t.id)!.text)];
    const v = await embedTexts(texts, (s) => tok.encode(s), resid, C);
    top.forEach((t, i) => expect(cosine(v[0][DEFAULT_LAYER], v[i + 1][DEFAULT_LAYER])).toBeCloseTo(t.cosine, 4));
  }, 20_000);
});

describe('with and without context, on lm', () => {
  let fwd: EvalForward;
  beforeAll(async () => { fwd = await onnxForward('lm'); });
  const lp = async (prompt: string, target: string) => (await measurePrompt(prompt, target, tok, fwd, { maxNew: 0 })).logProb;

  it('RAG: one BM25 passage, plain template', async () => {
    const ix = buildIndex(P.map((p) => p.text));
    const rows: [string, string][] = [['tablet', 'Hardy'], ['benwick', 'Benwick'], ['leave', 'nine']];
    for (const [id, label] of rows) {
      const s = SCENARIOS.find((x) => x.id === id)!;
      const hits = searchBm25(ix, s.query, 1);
      expect(P[hits[0].doc].text.toLowerCase().includes(s.target.trim().toLowerCase()), `${id}: the passage contains the answer`).toBe(true);
      const wo = await lp(bareRagPrompt(s.query, s.stem, 'plain'), s.target);
      const w = await lp(ragPrompt([P[hits[0].doc].text], s.query, s.stem, 'plain'), s.target);
      has(`<tr><td>${label}</td><td>${f2(wo)}</td><td>${f2(w)}</td></tr>`);
      if (id === 'tablet') has(`+${(w - wo).toFixed(2)} nats for *Hardy*`);
      if (id === 'benwick') expect(w).toBeLessThan(wo);
      expect(w - wo).toBeLessThan(2.5); // "by about 2 nats at most"
    }
  }, 20_000);

  it('the tablet challenge: 0 to 3 passages, both templates, and the stem copied in capitals', async () => {
    const ix = buildIndex(P.map((p) => p.text));
    const s = SCENARIOS.find((x) => x.id === 'tablet')!;
    const texts = searchBm25(ix, s.query, 3).map((h) => P[h.doc].text);
    const plain = [await lp(bareRagPrompt(s.query, s.stem, 'plain'), s.target)];
    const lab = [await lp(bareRagPrompt(s.query, s.stem, 'labelled'), s.target)];
    for (const k of [1, 2]) {
      plain.push(await lp(ragPrompt(texts.slice(0, k), s.query, s.stem, 'plain'), s.target));
      lab.push(await lp(ragPrompt(texts.slice(0, k), s.query, s.stem, 'labelled'), s.target));
    }
    // 3 passages overflow the context (the widget's cut differs by a few tokens: it leaves room for 8 greedy tokens)
    const cut = await measurePrompt(ragPrompt(texts, s.query, s.stem, 'plain'), s.target, tok, fwd, { maxNew: 0 });
    plain.push(cut.logProb);
    lab.push(await lp(ragPrompt(texts, s.query, s.stem, 'labelled'), s.target));
    expect(Math.max(...plain, ...lab)).toBe(plain[2]);
    has(`The plain template with 2 passages does best: ln p(*Hardy*) $= ${m2(plain[2])}$, against $${m2(plain[0])}$ with none`);
    expect(plain[3]).toBeLessThan(plain[2]);
    has(`A third passage makes it worse (the prompt no longer fits the context, so its start is cut)`);
    expect(cut.dropped).toBeGreaterThan(0); // "the prompt no longer fits the context"
    has(`The labelled template gives $${m2(lab[0])}$ without passages and no gain with them`);
    expect(Math.max(...lab.slice(1)) - lab[0]).toBeLessThan(0.05);
    const caps = 'SACRED TO THE MEMORY OF The late CAPTAIN EZEKIEL';
    expect(texts[0].startsWith(`${caps} HARDY`)).toBe(true);
    const wo = await measurePrompt(bareRagPrompt(s.query, caps, 'plain'), ' HARDY', tok, fwd, { maxNew: 0 });
    const w = await measurePrompt(ragPrompt(texts.slice(0, 1), s.query, caps, 'plain'), ' HARDY', tok, fwd, { maxNew: 8 });
    has(`With the stem "${caps}", copied from the tablet, and target " HARDY", one passage moves ln p from $${m2(wo.logProb)}$ to $${m2(w.logProb)}$`);
    expect(w.continuation).not.toMatch(/HARDY/);
  }, 20_000);

  it('few-shot: 0 to 3 examples', async () => {
    const rows: [string, string][] = [['misters', 'list ","'], ['sisters', 'Bennet'], ['add', '7'], ['add-cot', '7, steps']];
    for (const [id, label] of rows) {
      const s = SCENARIOS.find((x) => x.id === id)!;
      const v: number[] = [];
      for (const n of [0, 1, 2, 3]) v.push(await lp(fewShotPrompt(s.shots, s.stem, n), s.target));
      has(`<tr><td>${label}</td><td>${f2(v[0])}</td><td>${f2(v[3])}</td></tr>`);
      expect(v[3]).toBeGreaterThan(v[0]); // every scenario gains a little from 3 examples
      if (id === 'misters') has(`goes from $p \\approx ${Math.exp(v[0]).toFixed(2)}$ to $p \\approx ${Math.exp(v[3]).toFixed(2)}$`);
      if (id === 'add') expect(Math.exp(v[3])).toBeLessThan(0.001);
      if (id === 'add-cot') has(`it gains ${(v[3] - v[0]).toFixed(2)} nats with three examples`);
    }
  }, 20_000);
});
