/** n-gram overlap against brute force, with GPT-3-style normalization and highlight spans. */
import { describe, expect, it } from 'vitest';
import { contaminationJob, ngramIndex, normalizedWords, overlap } from '@/lib/data';

describe('normalized words', () => {
  it("lower-case runs of letters/digits with their spans: \"Don't panic!\"", () => {
    const w = normalizedWords("Don't panic!");
    expect(w.words).toEqual(['don', 't', 'panic']);
    expect([...w.starts]).toEqual([0, 4, 6]);
    expect([...w.ends]).toEqual([3, 5, 11]);
  });
});

describe('n-gram overlap', () => {
  const train = 'It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife.';

  it('ignores case and punctuation and highlights the matched span', () => {
    const test = 'Everyone knows: IT IS A TRUTH universally acknowledged -- that a single man wants tea.';
    const o = overlap(test, ngramIndex(normalizedWords(train).words, 5), 5);
    // test words: everyone knows it is a truth universally acknowledged that a single man wants tea (14)
    expect(o.words).toBe(14);
    expect(o.ngrams).toBe(10);
    // matched 5-grams start at 'it', 'is', 'a', 'truth', 'universally' … 'acknowledged that a single man' : 6
    expect(o.matched).toBe(6);
    expect(o.coveredWords).toBe(10);
    expect(o.spans).toEqual([[test.indexOf('IT'), test.indexOf(' wants')]]);
  });

  it('agrees with a brute-force scan of the training words on random word salads', () => {
    let x = 3;
    const r = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const vocab = ['a', 'b', 'c', 'd'];
    for (let t = 0; t < 30; t++) {
      const trainW = Array.from({ length: 60 }, () => vocab[Math.floor(r() * 4)]);
      const testW = Array.from({ length: 25 }, () => vocab[Math.floor(r() * 4)]);
      const n = 2 + (t % 4);
      const o = overlap(testW.join(' '), ngramIndex(trainW, n), n);
      let matched = 0;
      for (let i = 0; i + n <= testW.length; i++) {
        const g = testW.slice(i, i + n).join(' ');
        let found = false;
        for (let j = 0; j + n <= trainW.length; j++) if (trainW.slice(j, j + n).join(' ') === g) found = true;
        if (found) matched++;
      }
      expect(o.matched).toBe(matched);
    }
  });

  it('contaminationJob: no n-gram spans two training texts; a 13-gram needs 13 words in a row', () => {
    const words13 = 'one two three four five six seven eight nine ten eleven twelve thirteen';
    const [first, second] = [words13.split(' ').slice(0, 7).join(' '), words13.split(' ').slice(7).join(' ')];
    expect(contaminationJob([first, second], words13, 13).matched).toBe(0);
    expect(contaminationJob([words13], `Prefix ${words13}.`, 13).matched).toBe(1);
    expect(contaminationJob([words13], words13.replace('seven', '7'), 13).matched).toBe(0);
  });
});
