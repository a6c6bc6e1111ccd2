// The training playground's text task (lib/train/text-task.ts): vocabulary, windows and the
// held-out tiling hand-checked on tiny strings; odd Unicode; and a short run whose training loss
// falls below the text's unigram entropy, computed here independently of the library.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '@/lib/tensor';
import { PASSAGES } from '@/lib/train/passages';
import { PlaygroundRun, defaultSpec } from '@/lib/train/playground';
import { OTHER_CHAR, TEXT_VOCAB_MAX, TEXT_WINDOW, heldOutWindows, textData, textProblem, textWindow, trainWindow, unigramEntropy } from '@/lib/train/text-task';

describe('text task data', () => {
  it('characters, ids, the 80/20 split, and next-character targets', () => {
    const d = textData('abcab');
    expect(d.chars).toEqual(['a', 'b', 'c']);
    expect(d.ids).toEqual([0, 1, 2, 0, 1]);
    expect(d.split).toBe(4); // ⌊5 · 0.8⌋
    expect(textWindow(d.ids, 1, 2)).toEqual({ tokens: [1, 2, 0], targets: [2, 0] });
  });

  it('training windows stay in the first 80 %; held-out windows tile the rest with stride W', () => {
    const d = textData('abcdefghijklmnopqrstuvwxy'); // 25 letters, ids 0..24, split 20
    expect(d.split).toBe(20);
    const rng = mulberry32(5);
    for (let i = 0; i < 200; i++) expect(Math.max(...trainWindow(d, 4, rng).tokens)).toBeLessThan(20);
    // starts 20 (tokens 20..24); the next start 24 has no room for W + 1 tokens
    expect(heldOutWindows(d, 4, 32)).toEqual([{ tokens: [20, 21, 22, 23, 24], targets: [21, 22, 23, 24] }]);
    expect(heldOutWindows(textData('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?'), 2, 32).map((e) => e.tokens[0])).toEqual([...Array(6)].map((_, i) => textData('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!?').ids[51 + 2 * i]));
  });

  it('one character per code point after NFC; too many distinct characters fold into U+FFFD', () => {
    expect(textData('e\u0301😀a').chars).toEqual(['a', 'é', '😀']); // combining accent composed; the emoji is one character
    const many = Array.from({ length: 200 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join('') + 'aaa';
    const d = textData(many);
    expect(d.chars.length).toBe(TEXT_VOCAB_MAX);
    expect(d.chars).toContain(OTHER_CHAR);
    expect(d.chars).toContain('a'); // the most frequent survives
    expect(d.folded).toBe(201 - (TEXT_VOCAB_MAX - 1));
    expect(textProblem('short')).toMatch(/5 characters/);
    expect(textProblem(PASSAGES.melville.text)).toBeNull();
  });

  it('unigram entropy: ln 2 for two equally frequent characters, 0 for one', () => {
    expect(unigramEntropy([0, 1, 0, 1])).toBeCloseTo(Math.log(2), 12);
    expect(unigramEntropy([3, 3, 3])).toBe(0);
  });
});

/** −Σ p ln p over the characters of a string, counted here without lib/train. */
function entropyOf(text: string): number {
  const n = new Map<string, number>();
  const cs = [...text.normalize('NFC')];
  for (const c of cs) n.set(c, (n.get(c) ?? 0) + 1);
  return [...n.values()].reduce((h, k) => h - (k / cs.length) * Math.log(k / cs.length), 0);
}

describe('text task training', () => {
  it('40 steps on the Genesis passage: the batch loss falls below the unigram entropy, and a sample is text', () => {
    const text = PASSAGES.kjv.text;
    const run = new PlaygroundRun(defaultSpec({ task: { kind: 'text', text, window: TEXT_WINDOW } }));
    const H = entropyOf(text);
    expect(unigramEntropy(run.text!.ids)).toBeCloseTo(H, 10);
    const first = run.trainStep().loss;
    expect(first).toBeGreaterThan(H); // random weights: about ln V
    let last = first;
    for (let s = 1; s < 40; s++) last = run.trainStep().loss;
    expect(last).toBeLessThan(H);
    const e = run.evaluate();
    expect(e.sample!.prompt).toBe('In the b');
    expect([...e.sample!.continuation].length).toBe(48);
    expect(e.tokens.length).toBe(TEXT_WINDOW);
    expect(run.cfg.vocabSize).toBe(new Set(text).size);
  });
});
