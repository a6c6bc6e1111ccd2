import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer, loadCl100k, loadGpt2, trainBpe } from '@/lib/tokenizer/bpe';
import { mergeHeap, mergeLinear } from '@/lib/tokenizer/merge';
import { mulberry32 } from '@/lib/tensor/rng';
import { EDGE_STRINGS, randomStrings } from './edge-strings';

const prose = readFileSync('test/fixtures/tokenizer/prose.txt', 'utf8');
let gpt2: BpeTokenizer;
let small: BpeTokenizer;
let cl100k: BpeTokenizer;
beforeAll(async () => {
  gpt2 = await loadGpt2();
  cl100k = await loadCl100k();
  small = trainBpe(prose, 800, { specialTokens: ['<|endoftext|>'] }).tokenizer;
});

describe('BPE round trip (seeded property test)', () => {
  it('decode(encode(x)) === x for 500 random well-formed strings (GPT-2, cl100k and a trained vocabulary)', () => {
    for (const s of randomStrings(1234, 500)) {
      expect(gpt2.decode(gpt2.encode(s))).toBe(s);
      expect(cl100k.decode(cl100k.encode(s))).toBe(s);
      expect(small.decode(small.encode(s))).toBe(s);
    }
  });

  it('the heap merge loop and the linear merge loop agree on random byte strings', () => {
    const rng = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const len = 2 + rng.int(200);
      const bytes = Array.from({ length: len }, () => gpt2.model.byteToId[[32, 97, 101, 116, 104, 110, 115, 0xe2, 0x80, 0x9c][rng.int(10)]]);
      expect(mergeHeap(bytes.slice(), gpt2.model.pairToId)).toEqual(mergeLinear(bytes.slice(), gpt2.model.pairToId));
    }
  });
});

describe('encodeWithSpans', () => {
  it.each(Object.entries(EDGE_STRINGS))('spans tile the input and ids equal encode(x) (%s)', (_n, text) => {
    const spans = gpt2.encodeWithSpans(text);
    expect(spans.map((s) => s.id)).toEqual(gpt2.encode(text));
    let byte = 0;
    let char = 0;
    for (const s of spans) {
      expect(s.byteStart).toBe(byte);
      byte = s.byteEnd;
      if (!s.partial) {
        expect(s.start).toBe(char);
        expect(text.slice(s.start, s.end)).toBe(s.text);
      }
      char = s.end;
    }
    expect(byte).toBe(new TextEncoder().encode(text).length);
    expect(char).toBe(text.length);
  });

  it('an emoji split over several byte tokens marks them partial and gives each the emoji’s span', () => {
    const text = 'a 🌍';
    const spans = gpt2.encodeWithSpans(text);
    const parts = spans.filter((s) => s.partial);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(text.slice(p.start, p.end)).toContain('🌍');
    expect(parts.map((p) => p.text).join('')).toMatch(/\\x/);
  });

  it('marks special tokens and gives them their text span', () => {
    const spans = small.encodeWithSpans('hi<|endoftext|>there');
    const sp = spans.find((s) => s.special);
    expect(sp?.text).toBe('<|endoftext|>');
    expect('hi<|endoftext|>there'.slice(sp!.start, sp!.end)).toBe('<|endoftext|>');
  });
});

describe('encodeSteps', () => {
  it('replays the merges of a word from bytes to its final tokens', () => {
    const steps = gpt2.encodeSteps(' hello');
    expect(steps[0].ids.length).toBe(6);
    expect(steps[steps.length - 1].ids).toEqual(gpt2.encode(' hello'));
    for (let i = 1; i < steps.length; i++) expect(steps[i].ids.length).toBe(steps[i - 1].ids.length - 1);
  });
});
