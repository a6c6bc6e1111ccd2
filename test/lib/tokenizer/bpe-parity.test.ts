/**
 * GPT-2 (r50k) and cl100k encodings from our BPE match independent implementations:
 * js-tiktoken (same run), gpt-tokenizer, and gpt-tokenizer's TestPlans.txt (text → ids).
 */
import { readFileSync } from 'node:fs';
import { getEncoding } from 'js-tiktoken';
import { encode as gptTokEncodeR50k } from 'gpt-tokenizer/encoding/r50k_base';
import { beforeAll, describe, expect, it } from 'vitest';
import { BpeTokenizer, loadCl100k, loadGpt2, parseTiktokenFile, tokenizerFromRanks, GPT2_PATTERN } from '@/lib/tokenizer/bpe';
import { EDGE_STRINGS, LONE_SURROGATES, randomStrings } from './edge-strings';

const prose = readFileSync('test/fixtures/tokenizer/prose.txt', 'utf8');

function loadTestPlans(): { encoding: string; sample: string; ids: number[] }[] {
  const lines = readFileSync('node_modules/gpt-tokenizer/data/TestPlans.txt', 'utf8').split('\n');
  const plans: { encoding: string; sample: string; ids: number[] }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('EncodingName: ')) continue;
    const encoding = lines[i].slice('EncodingName: '.length);
    const sample = lines[i + 1].slice('Sample: '.length);
    const ids = JSON.parse(lines[i + 2].slice('Encoded: '.length)) as number[];
    plans.push({ encoding, sample, ids });
  }
  return plans;
}

const cases: [string, string][] = [...Object.entries(EDGE_STRINGS), ['prose fixture', prose]];

describe.each([
  ['gpt2', 'r50k_base', loadGpt2],
  ['cl100k_base', 'cl100k_base', loadCl100k],
] as const)('%s', (jsName, planName, load) => {
  let ours: BpeTokenizer;
  const ref = getEncoding(jsName);
  beforeAll(async () => {
    ours = await load();
  });

  it.each(cases)('encode gives js-tiktoken’s ids on %s', (_name, text) => {
    expect(ours.encode(text, { allowedSpecial: 'none' })).toEqual(ref.encode(text, [], []));
  });

  it.each(cases)('decode(encode(x)) is the identity on %s', (_name, text) => {
    expect(ours.decode(ours.encode(text))).toBe(text);
  });

  it('encode gives js-tiktoken’s ids on 300 seeded random mixed-script strings', () => {
    for (const s of randomStrings(42, 300, 60)) expect(ours.encode(s), JSON.stringify(s)).toEqual(ref.encode(s));
  });

  it('encode turns <|endoftext|> into its special id by default, like js-tiktoken with allowedSpecial "all"', () => {
    const text = 'a<|endoftext|>b <|endoftext|>';
    expect(ours.encode(text)).toEqual(ref.encode(text, 'all'));
    expect(ours.encode(text)).toContain(ours.specialTokens.get('<|endoftext|>'));
  });

  it.each(Object.entries(LONE_SURROGATES))('lone surrogates become U+FFFD before byte encoding (%s)', (_name, [text, fixed]) => {
    expect(ours.encode(text)).toEqual(ours.encode(fixed));
    expect(ours.encode(text)).toEqual(ref.encode(fixed));
    expect(ours.decode(ours.encode(text))).toBe(fixed);
  });

  it('matches every TestPlans.txt case of its encoding', () => {
    const plans = loadTestPlans().filter((p) => p.encoding === planName);
    expect(plans.length).toBeGreaterThan(50);
    for (const p of plans) expect(ours.encode(p.sample, { allowedSpecial: 'none' }), p.sample).toEqual(p.ids);
  });

  it('decodes every id to the same bytes as js-tiktoken', () => {
    for (let id = 0; id < ours.vocabSize; id += 97) {
      if (ours.isSpecial(id) || ours.tokenBytes(id).length === 0) continue;
      expect(ours.decode([id])).toBe(ref.decode([id]));
    }
  });
});

describe('GPT-2 from the .tiktoken file of gpt-tokenizer', () => {
  it('gives the same ids as gpt-tokenizer’s own r50k encoder on the prose fixture', () => {
    const ranks = parseTiktokenFile(readFileSync('node_modules/gpt-tokenizer/data/r50k_base.tiktoken', 'utf8'));
    const tok = tokenizerFromRanks(ranks, GPT2_PATTERN, { '<|endoftext|>': 50256 }, 'r50k');
    expect(tok.vocabSize).toBe(50257);
    expect(tok.encode(prose)).toEqual(gptTokEncodeR50k(prose));
  });
});
