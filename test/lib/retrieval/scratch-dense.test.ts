import { it } from 'vitest';
import P from '@/lib/retrieval/passages.json';
import { QUERIES } from '@/lib/retrieval/queries';
import { buildIndex, searchBm25 } from '@/lib/retrieval/bm25';
import { searchDense } from '@/lib/retrieval/dense';
import { evaluate } from '@/lib/retrieval/metrics';
import { embedTexts } from '@/lib/retrieval/embed';
import { lmResiduals } from './real';
import { bpe } from '../eval/real';
it('x', async () => {
  const t0 = Date.now();
  const { resid, C, nLayer } = await lmResiduals();
  const tok = bpe();
  const pv = await embedTexts(P.map((p) => p.text), (s) => tok.encode(s), resid, C);
  const qv = await embedTexts(QUERIES.map((q) => q.query), (s) => tok.encode(s), resid, C);
  console.log('embed ms', Date.now() - t0);
  const rel = QUERIES.map((q) => new Set(q.relevant.map((r) => P.findIndex((p) => p.id === r))));
  const ix = buildIndex(P.map((p) => p.text));
  for (const k of [1, 5]) {
    const b = evaluate(QUERIES.map((q) => searchBm25(ix, q.query, P.length).map((h) => h.doc)), rel, k);
    console.log('bm25', k, b.recall.toFixed(3), b.mrr.toFixed(3));
    for (let l = 0; l <= nLayer; l++) {
      const d = evaluate(qv.map((q) => searchDense(q[l], pv.map((v) => v[l]), P.length).map((h) => h.doc)), rel, k);
      console.log('dense L', l, k, d.recall.toFixed(3), d.mrr.toFixed(3));
    }
  }
}, 60000);
