/**
 * What the data tools find in the FULL training corpus of lm — the numbers the data lesson quotes.
 * Re-measured here: identical passages, the suffix-array coverage, the MinHash pairs and the n-gram
 * overlap (the MinHash and suffix-array tests take tens of seconds). The SimHash numbers the lesson
 * quotes come from `npx tsx scripts/data-report.ts` (minutes). Also: the shipped excerpt is verbatim corpus text.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactJob, nearJob, ngramIndex, ngramKey, normalizedWords, overlap, splitPassages } from '@/lib/data';
import { joinWithSeparators, lcpArray, repeats, suffixArray } from '@/lib/data/suffix-array';

const D = 'training/data/';
const tokens = JSON.parse(readFileSync(D + 'tokens.json', 'utf8'));
const cut: number = tokens.files['austen.train.bin'].chars[1];
const austen = readFileSync(D + 'austen.txt', 'utf8');
const moby = readFileSync(D + 'moby-dick.txt', 'utf8').slice(0, tokens.files['moby-dick.bin'].chars[1]);
const kjv = readFileSync(D + 'kjv.txt', 'utf8');

function identical(text: string, mode: 'paragraph' | 'line') {
  const c = new Map<string, number>();
  for (const p of splitPassages(text, mode)) c.set(p.text, (c.get(p.text) ?? 0) + 1);
  const dups = [...c].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
  return { passages: [...c.values()].reduce((a, b) => a + b, 0), texts: dups.length, extra: dups.reduce((a, [, n]) => a + n - 1, 0), top: dups[0] };
}

describe('the full training corpus', () => {
  it('identical passages: Austen 84 texts (134 extra copies), Moby-Dick 6 (10), KJV 119 verses (270); top verse ×72', () => {
    expect(identical(austen.slice(0, cut), 'paragraph')).toMatchObject({ passages: 9833, texts: 84, extra: 134 });
    expect(identical(moby, 'paragraph')).toMatchObject({ passages: 2557, texts: 6, extra: 10 });
    const k = identical(kjv, 'line');
    expect(k).toMatchObject({ passages: 31102, texts: 119, extra: 270 });
    expect(k.top).toEqual(['And the LORD spake unto Moses, saying,', 72]);
  });

  it('Moby-Dick: 546 characters lie in exact repeats of ≥ 50 characters, none of ≥ 100', () => {
    expect(exactJob([moby], 50).coveredChars).toEqual([546]);
    expect(exactJob([moby], 100).coveredChars).toEqual([0]);
  });

  it('suffix array over the three texts: repeats of ≥ 50 characters cover 8.1% of the KJV and 0.03% of Austen; of ≥ 200 characters only the KJV has any', () => {
    // what exactJob does for one k, with one suffix array for both k (one build takes most of the time)
    const { codes, starts } = joinWithSeparators([austen.slice(0, cut), moby, kjv]);
    const sa = suffixArray(codes);
    const lcp = lcpArray(codes, sa);
    const perText = (k: number) => {
      const chars = [0, 0, 0];
      for (const [a, b] of repeats(sa, lcp, k).covered) chars[starts.filter((s) => s <= a).length - 1] += b - a;
      return chars;
    };
    const k50 = perText(50);
    expect(k50).toEqual([1109, 546, 337025]);
    expect((100 * k50[2]) / kjv.length).toBeCloseTo(8.14, 2);
    expect((100 * k50[0]) / cut).toBeCloseTo(0.029, 3);
    expect(perText(200)).toEqual([0, 0, 19559]);
  }, 120_000);

  it('MinHash (5-word shingles, b = 20, r = 5, J ≥ 0.8): 3,487 pairs in 277 groups, 537 removable, 40 pairs that differ in words', () => {
    const passages = [...splitPassages(austen.slice(0, cut), 'paragraph'), ...splitPassages(moby, 'paragraph'), ...splitPassages(kjv, 'line')].map((p) => p.text);
    expect(passages.length).toBe(43492);
    const r = nearJob(passages, { method: 'minhash', n: 5, r: 5, b: 20, threshold: 0.8, k: 3, seed: 1 });
    expect([r.passages, r.pairs.length, r.clusters, r.removable]).toEqual([43485, 3487, 277, 537]); // 7 passages have no word (e.g. '* * * * *')
    const partial = r.pairs.filter((p) => p.jaccard < 1);
    expect(partial.length).toBe(40);
    expect(partial.filter((p) => p.i >= 9833 + 2557).length).toBe(39); // KJV verses come last
  }, 120_000);

  it('the validation split shares no 13-gram with the training text (GPT-3 normalization)', () => {
    const val = normalizedWords(austen.slice(cut)).words;
    const index = ngramIndex(val, 13);
    // the reverse direction is the same question: does any training 13-gram occur in validation?
    for (const t of [austen.slice(0, cut), moby, kjv]) expect(overlap(t, index, 13).matched).toBe(0);
    // 8-grams: three ordinary phrases are shared
    const val8 = ngramIndex(val, 8);
    const shared = new Set<string>();
    for (const t of [austen.slice(0, cut), moby, kjv]) {
      const w = normalizedWords(t).words;
      for (let i = 0; i + 8 <= w.length; i++) if (val8.has(ngramKey(w, i, 8))) shared.add(ngramKey(w, i, 8));
    }
    expect([...shared].sort()).toEqual(['how can you think of such a thing', 'i am sorry to say that i am', 'was at the other end of the room']);
  });
});

describe('the shipped excerpt (public/data/corpus-excerpt.json)', () => {
  const ex = JSON.parse(readFileSync('public/data/corpus-excerpt.json', 'utf8'));
  it('is verbatim text of training/data, training windows before the validation cut, ≤ 300 KB', () => {
    const files: Record<string, string> = { 'austen.txt': austen, 'moby-dick.txt': readFileSync(D + 'moby-dick.txt', 'utf8'), 'kjv.txt': kjv };
    for (const w of ex.windows) {
      expect(w.text).toBe(files[w.file].slice(w.chars[0], w.chars[1]));
      if (w.file === 'austen.txt') expect(w.role === 'validation' ? w.chars[0] >= cut : w.chars[1] <= cut).toBe(true);
    }
    expect(ex.windows.filter((w: { role: string }) => w.role === 'validation')).toHaveLength(1);
    expect(statSync('public/data/corpus-excerpt.json').size).toBeLessThanOrEqual(300 * 1024);
  });
});
