import { describe, expect, it } from 'vitest';
import { analogy, offsetQuery, summarize } from '@/lib/interp/analogy';
import { baselineCosine, findWord, layerSimilarity } from '@/lib/interp/contextual';
import { cosine, neighbours, rankOf, rowNorms, topK } from '@/lib/interp/neighbours';
import { covariance, pca, project, symmetricEigen } from '@/lib/interp/pca';
import { svd } from '@/lib/peft/svd';
import { mulberry32 } from '@/lib/tensor';

const S2 = Math.SQRT2;

describe('pca on a hand-derived case', () => {
  // (2,2), (−2,−2), (1,−1), (−1,1): C = [[10/3, 2], [2, 10/3]], λ = 16/3 and 4/3
  const x = [2, 2, -2, -2, 1, -1, -1, 1];

  it('the covariance is [[10/3, 2], [2, 10/3]] with mean 0', () => {
    const { cov, mean } = covariance(x, 4, 2);
    expect(Array.from(mean)).toEqual([0, 0]);
    [10 / 3, 2, 2, 10 / 3].forEach((v, i) => expect(cov[i]).toBeCloseTo(v, 12));
  });

  it('PC1 = (1, 1)/√2 keeps 0.8 of the variance and PC2 = (1, −1)/√2 keeps 0.2', () => {
    const p = pca(x, 4, 2, 2);
    expect(p.variances[0]).toBeCloseTo(16 / 3, 10);
    expect(p.variances[1]).toBeCloseTo(4 / 3, 10);
    expect(p.explainedRatio[0]).toBeCloseTo(0.8, 10);
    expect(p.explainedRatio[1]).toBeCloseTo(0.2, 10);
    expect(p.components[0]).toBeCloseTo(1 / S2, 10);
    expect(p.components[1]).toBeCloseTo(1 / S2, 10);
    // the sign rule makes the largest-magnitude entry positive; for (1, −1)/√2 both tie, first wins
    expect(Math.abs(p.components[2])).toBeCloseTo(1 / S2, 10);
    expect(p.components[2] * p.components[3]).toBeCloseTo(-0.5, 10);
  });

  it('the point (2, 2) projects to (2√2, 0) and (1, −1) to (0, ±√2)', () => {
    const p = pca(x, 4, 2, 2);
    expect(p.projections[0]).toBeCloseTo(2 * S2, 10);
    expect(p.projections[1]).toBeCloseTo(0, 10);
    expect(p.projections[4]).toBeCloseTo(0, 10);
    expect(Math.abs(p.projections[5])).toBeCloseTo(S2, 10);
  });

  it('a 3-D case: a diagonal covariance gives the axes, largest variance first', () => {
    // points spread ±3 on z, ±2 on x, ±1 on y (each axis separately): variances 18/5, 8/5, 2/5
    const pts = [0, 0, 3, 0, 0, -3, 2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1, 0];
    const p = pca(pts, 6, 3, 3);
    expect(Array.from(p.variances).map((v) => +v.toFixed(10))).toEqual([18 / 5, 8 / 5, 2 / 5].map((v) => +v.toFixed(10)));
    expect(Array.from(p.components).map((v) => Math.abs(Math.round(v)))).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
  });

  it('components are orthonormal and the eigenvalues match the SVD of the centred data (lib/peft/svd)', () => {
    const rng = mulberry32(7);
    const n = 60, d = 8;
    const data = Float64Array.from({ length: n * d }, (_, i) => (rng.uniform() - 0.5) * (1 + (i % d)));
    const p = pca(data, n, d, d);
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let dot = 0;
        for (let k = 0; k < d; k++) dot += p.components[i * d + k] * p.components[j * d + k];
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    const xc = Float64Array.from(data, (v, i) => v - p.mean[i % d]);
    const s = svd(xc, n, d).s;
    for (let i = 0; i < d; i++) expect(p.variances[i]).toBeCloseTo(s[i] ** 2 / (n - 1), 8);
    let sum = 0;
    p.explainedRatio.forEach((r) => (sum += r));
    expect(sum).toBeCloseTo(1, 12);
  });

  it('project() of the fitted rows equals the fitted projections', () => {
    const p = pca(x, 4, 2, 1);
    expect(Array.from(project(p, x, 4))).toEqual(Array.from(p.projections));
  });

  it('symmetricEigen reproduces A = QΛQᵀ on [[2, 1], [1, 2]] (λ = 3, 1)', () => {
    const { values, vectors } = symmetricEigen([2, 1, 1, 2], 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
    expect(Math.abs(vectors[0])).toBeCloseTo(1 / S2, 12);
  });
});

describe('cosine neighbours on a hand example', () => {
  // a = (1, 0), b = (2, 0.1), c = (0, 1), d = (−1, 0)
  const t = [1, 0, 2, 0.1, 0, 1, -1, 0];

  it('neighbours of a, itself left out: b (≈ 0.99875), c (0), d (−1)', () => {
    const nb = neighbours(t, 4, 2, 0, 3);
    expect(nb.map((n) => n.id)).toEqual([1, 2, 3]);
    expect(nb[0].cos).toBeCloseTo(2 / Math.sqrt(4.01), 12);
    expect(nb[1].cos).toBe(0);
    expect(nb[2].cos).toBe(-1);
  });

  it('cosine ignores length and a zero vector scores 0', () => {
    expect(cosine([3, 4], [6, 8])).toBeCloseTo(1, 12);
    expect(cosine([0, 0], [1, 2])).toBe(0);
    expect(Array.from(rowNorms([3, 4, 0, 0], 2, 2))).toEqual([5, 0]);
  });

  it('topK keeps the best k in order, lower id first on ties; rankOf counts strictly better', () => {
    expect(topK([0.1, 0.5, 0.5, 0.9], 3).map((n) => n.id)).toEqual([3, 1, 2]);
    expect(topK([0.1, 0.5, 0.5, 0.9], 2, new Set([3])).map((n) => n.id)).toEqual([1, 2]);
    expect(rankOf([0.1, 0.5, 0.5, 0.9], 2)).toBe(2);
    expect(rankOf([0.1, 0.5, 0.5, 0.9], 0, new Set([3]))).toBe(3);
  });
});

describe('analogy by vector offset', () => {
  // man, woman, king, queen, apple
  const t = [1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1];
  const [man, woman, king, queen, apple] = [0, 1, 2, 3, 4];

  it('man : king :: woman : ? → queen (cos ≈ 0.9585) then apple (≈ 0.5615), a, b, c left out', () => {
    const r = analogy(t, 5, 3, man, king, woman, 5, queen);
    expect(r.top.map((n) => n.id)).toEqual([queen, apple]);
    expect(r.top[0].cos).toBeCloseTo((1 + 1 / S2) / (S2 * Math.sqrt(3 - S2)), 12);
    expect(r.top[1].cos).toBeCloseTo(1 / S2 / Math.sqrt(3 - S2), 12);
    expect(r.rank).toBe(1);
    const r2 = analogy(t, 5, 3, man, king, woman, 5, apple);
    expect(r2.rank).toBe(2);
  });

  it('the query uses unit-length rows', () => {
    const q = offsetQuery(t, 3, man, king, woman, rowNorms(t, 5, 3));
    expect(Array.from(q).map((v) => +v.toFixed(12))).toEqual([1 / S2 - 1, 1, 1 / S2].map((v) => +v.toFixed(12)));
  });

  it('summarize counts top-1 / top-5 / top-10 and the median rank', () => {
    expect(summarize([1, 3, 7, 40])).toEqual({ n: 4, top1: 1, top5: 2, top10: 3, medianRank: 5 });
  });
});

describe('static vs contextual similarity', () => {
  // two sentences, C = 2, three "layers": embed, block 0, block 1
  const idsA = [5, 9, 7];
  const idsB = [8, 9];
  const emb: Record<number, number[]> = { 5: [1, 0], 7: [0, 1], 8: [1, 1], 9: [3, 4] };
  const layer0A = idsA.flatMap((i) => emb[i]);
  const layer0B = idsB.flatMap((i) => emb[i]);
  const A = [layer0A, [1, 0, 3, 4, 0, 1], [1, 0, 4, -3, 0, 1]];
  const B = [layer0B, [1, 1, 3, 4], [1, 1, 3, 4]];

  it('the embedding layer gives exactly 1 for the same token id; later layers can drift', () => {
    const s = layerSimilarity(A, 1, B, 1, 2);
    expect(s[0]).toBe(1);
    expect(s[1]).toBeCloseTo(1, 12);
    expect(s[2]).toBeCloseTo(0, 12); // (4, −3)·(3, 4) = 0
  });

  it('the baseline averages only pairs of different tokens', () => {
    const b = baselineCosine(A, idsA, B, idsB, 2);
    // layer 0 pairs: (5,8) 1/√2, (5,9) 3/5, (9,8) 7/(5√2), (7,8) 1/√2, (7,9) 4/5
    const want = (1 / S2 + 0.6 + 7 / (5 * S2) + 1 / S2 + 0.8) / 5;
    expect(b[0]).toBeCloseTo(want, 12);
  });

  it('findWord returns the position of the last piece of a multi-token word', () => {
    expect(findWord([1, 2, 3, 4, 2, 3], [2, 3])).toBe(2);
    expect(findWord([1, 2, 3], [9])).toBe(-1);
    expect(findWord([1, 2, 3], [])).toBe(-1);
  });
});

describe('pca in steps', () => {
  it('pcaSteps yields progress and ends with the same result as pca', async () => {
    const { pcaSteps } = await import('@/lib/interp/pca');
    const rng = mulberry32(3);
    const data = Float64Array.from({ length: 40 * 4 }, () => rng.normal());
    const g = pcaSteps(data, 40, 4, 2);
    const stages = new Set<string>();
    let s = g.next();
    while (!s.done) {
      stages.add(s.value.stage);
      s = g.next();
    }
    expect(stages.has('eigen')).toBe(true);
    expect(Array.from(s.value.explainedRatio)).toEqual(Array.from(pca(data, 40, 4, 2).explainedRatio));
  });
});
