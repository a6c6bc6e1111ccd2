import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bpeAtStep, CL100K_PATTERN, GPT2_PATTERN, loadBpe, tokenizerToJSON, trainBpe } from '@/lib/tokenizer/bpe';
import { naiveTrain } from './naive-bpe';
import { mulberry32 } from '@/lib/tensor/rng';

const prose = readFileSync('test/fixtures/tokenizer/prose.txt', 'utf8');
const chars = (ids: number[], tok: ReturnType<typeof trainBpe>['tokenizer']) => ids.map((id) => tok.tokenText(id));

describe('trainBpe', () => {
  it('reproduces the Wikipedia example: aaabdaaabac → Z=aa, Y=ab, X=ZY, then stops', () => {
    // https://en.wikipedia.org/wiki/Byte_pair_encoding : ZabdZabac → ZYdZYac → XdXac
    const r = trainBpe('aaabdaaabac', 300, { minFrequency: 2 });
    const a = 97, b = 98;
    expect(r.merges).toEqual([[a, a], [a, b], [256, 257]]);
    expect(r.stats.stoppedEarly).toBe(true);
    expect(chars(r.tokenizer.encode('aaabdaaabac'), r.tokenizer)).toEqual(['aaab', 'd', 'aaab', 'a', 'c']);
    // minbpe's README gives the same ids for this example: [258, 100, 258, 97, 99]
    expect(r.tokenizer.encode('aaabdaaabac')).toEqual([258, 100, 258, 97, 99]);
    expect(r.trace.map((s) => [s.count, s.tokensBefore, s.tokensAfter])).toEqual([
      [4, 11, 9], // "aa" counted with overlap (4) but only 2 replacements possible
      [2, 9, 7],
      [2, 7, 5],
    ]);
  });

  it.each([
    ['GPT-2 pattern', GPT2_PATTERN],
    ['cl100k pattern', CL100K_PATTERN],
  ])('gives the same merges as a naive recount-every-merge trainer (%s)', (_n, pattern) => {
    const r = trainBpe(prose, 256 + 120, { pattern });
    expect(r.merges).toEqual(naiveTrain(prose, 120, pattern));
  });

  it('matches the naive trainer on runs and repeats that overlap ("aaaa", "abab", seeded random a/b text)', () => {
    const rng = mulberry32(3);
    for (let t = 0; t < 20; t++) {
      let text = '';
      for (let i = 0; i < 200; i++) text += rng.uniform() < 0.1 ? ' ' : 'ab'[rng.int(2)];
      const r = trainBpe(text, 256 + 40);
      expect(r.merges).toEqual(naiveTrain(text, 40, GPT2_PATTERN));
    }
  });

  it('is deterministic: two runs give identical merges and traces', () => {
    const a = trainBpe(prose, 500);
    const b = trainBpe(prose, 500);
    expect(a.merges).toEqual(b.merges);
    expect(a.trace).toEqual(b.trace);
  });

  it('the trace’s final corpus length equals the length of encode(corpus)', () => {
    const r = trainBpe(prose, 600);
    expect(r.tokenizer.encode(prose).length).toBe(r.trace[r.trace.length - 1].tokensAfter);
    expect(r.trace[0].tokensBefore).toBe(new TextEncoder().encode(prose).length);
    for (const s of r.trace) expect(s.tokensBefore - s.tokensAfter).toBeLessThanOrEqual(s.count);
    for (const s of r.trace) expect(s.tokensBefore - s.tokensAfter).toBeGreaterThan(0);
  });

  it('vocabSize counts bytes, merges and special tokens; specials come last', () => {
    const r = trainBpe(prose, 400, { specialTokens: ['<|endoftext|>', '<|pad|>'] });
    expect(r.merges.length).toBe(400 - 256 - 2);
    expect(r.tokenizer.vocabSize).toBe(400);
    expect(r.tokenizer.specialTokens.get('<|endoftext|>')).toBe(398);
    expect(r.tokenizer.specialTokens.get('<|pad|>')).toBe(399);
    expect(r.tokenizer.encode('hi<|pad|>')).toContain(399);
    expect(r.tokenizer.encode('hi<|pad|>', { allowedSpecial: 'none' })).not.toContain(399);
  });

  it('special-token text never takes part in merges', () => {
    // only " cat" is trainable: 4 bytes → at most 3 merges, whatever the special text holds
    const r = trainBpe('<|endoftext|>'.repeat(50) + ' cat', 280, { specialTokens: ['<|endoftext|>'] });
    expect(r.merges.length).toBe(3);
    expect(r.tokenizer.tokenText(258)).toBe(' cat');
    expect(r.stats.stoppedEarly).toBe(true);
  });

  it('merges never cross pre-tokenization boundaries', () => {
    const r = trainBpe('ab ab ab ab ab', 300);
    for (let i = 0; i < r.merges.length; i++) expect(r.tokenizer.tokenText(256 + i).slice(1)).not.toContain(' ');
  });

  it('reports progress and rejects a vocabulary smaller than the bytes', () => {
    const seen: number[] = [];
    trainBpe(prose, 256 + 130, { onProgress: (p) => seen.push(p.merges), progressEvery: 64 });
    expect(seen).toEqual([0, 64, 128, 130]);
    expect(() => trainBpe(prose, 200)).toThrow(/vocabSize/);
  });

  it('mergeTree of a token shows the merges that built it, down to bytes', () => {
    const r = trainBpe(prose, 600);
    const id = r.tokenizer.encode(' the')[0];
    const tree = r.tokenizer.mergeTree(id);
    expect(tree.text).toBe(' the');
    const leaves: string[] = [];
    const walk = (n: typeof tree): void => (n.left && n.right ? (walk(n.left), walk(n.right)) : void leaves.push(n.text));
    walk(tree);
    expect(leaves).toEqual([' ', 't', 'h', 'e']);
  });
});

describe('bpeAtStep', () => {
  it('the tokenizer after k merges encodes the corpus to exactly the trace’s length after merge k', () => {
    const r = trainBpe(prose, 456);
    for (const k of [0, 1, 17, 100, 200]) {
      const want = k === 0 ? r.trace[0].tokensBefore : r.trace[k - 1].tokensAfter;
      expect(bpeAtStep(r.tokenizer, k).encode(prose).length).toBe(want);
    }
  });
});

describe('save / load (llmlab-bpe JSON)', () => {
  it('loadBpe(tokenizerToJSON(t)) encodes and decodes exactly like t', () => {
    const r = trainBpe(prose, 700, { specialTokens: ['<|endoftext|>'] });
    const json = JSON.stringify(tokenizerToJSON(r.tokenizer));
    const t2 = loadBpe(json);
    expect(t2.encode(prose)).toEqual(r.tokenizer.encode(prose));
    expect(t2.vocabSize).toBe(700);
    expect(t2.decode(t2.encode(prose + '<|endoftext|>'))).toBe(prose + '<|endoftext|>');
  });

  it('loadBpe rejects other formats and malformed merges with a clear error', () => {
    expect(() => loadBpe('{"format":"other"}')).toThrow(/not an llmlab-bpe/);
    const bad = { format: 'llmlab-bpe', version: 1, name: 'x', pattern: GPT2_PATTERN, merges: [[300, 1]], specialTokens: {} };
    expect(() => loadBpe(bad as never)).toThrow(/does not exist yet/);
  });
});
