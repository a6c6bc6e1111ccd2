/**
 * Records what is too slow for a unit test: the dense retriever's recall@k and MRR at every layer
 * (177 forwards of lm on onnxruntime-web in Node) and each test query's top 5 at the lesson's
 * default layer. Run with RECORD=1 to rewrite test/lib/retrieval/retrieval.recorded.json;
 * lesson-numbers.test.ts checks the lesson quotes it and recomputes a sample.
 */
import { writeFileSync } from 'node:fs';
import { it } from 'vitest';
import P from '@/lib/retrieval/passages.json';
import { QUERIES, embedTexts, evaluate, searchDense } from '@/lib/retrieval';
import { bpe } from '../eval/real';
import { DEFAULT_LAYER, lmResiduals } from './real';


it.skipIf(!process.env.RECORD)('records the dense retriever on the test queries, every layer', async () => {
  const { resid, C, nLayer, ctx } = await lmResiduals();
  const tok = bpe();
  const enc = (s: string) => tok.encode(s);
  const pv = await embedTexts(P.map((p) => p.text), enc, resid, C, { maxTokens: ctx });
  const qv = await embedTexts(QUERIES.map((q) => q.query), enc, resid, C, { maxTokens: ctx });
  const rel = QUERIES.map((q) => new Set(q.relevant.map((r) => P.findIndex((p) => p.id === r))));
  const layers = Array.from({ length: nLayer + 1 }, (_, l) => {
    const ranked = qv.map((q) => searchDense(q[l], pv.map((v) => v[l]), P.length).map((h) => h.doc));
    const e1 = evaluate(ranked, rel, 1), e5 = evaluate(ranked, rel, 5);
    return { layer: l, recall1: e1.recall, recall5: e5.recall, mrr: e5.mrr, perQueryRR: e5.perQuery.map((q) => q.rr) };
  });
  const top5 = qv.map((q) => searchDense(q[DEFAULT_LAYER], pv.map((v) => v[DEFAULT_LAYER]), 5).map((h) => ({ id: P[h.doc].id, cosine: h.score })));
  writeFileSync('test/lib/retrieval/retrieval.recorded.json', JSON.stringify({ layers, top5 }, null, 1) + '\n');
}, 300_000);
