// The training data and the fixtures agree with OUR tokenizer (lib/tokenizer): token files decode
// to the exact corpus split, and the Python-side ids/texts of the fixtures are what TS produces.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadBpe } from '@/lib/tokenizer/bpe';
import { fixture, modelIds, read, readJson, tokens } from './shipped';

interface TokensMeta {
  tokenizer: string;
  tokenizerSha256: string;
  vocabSize: number;
  files: Record<string, { source: string; chars: [number, number]; tokens: number; sha256: string }>;
}
const meta = readJson<TokensMeta>('training/data/tokens.json');
const tok = loadBpe(read(meta.tokenizer).toString('utf8'));
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

describe('training/data token files', () => {
  it('the tokenizer is the one the token files were made with, with 4096 ids', () => {
    expect(sha256(read(meta.tokenizer))).toBe(meta.tokenizerSha256);
    expect(tok.vocabSize).toBe(meta.vocabSize);
  });

  for (const [name, f] of Object.entries(meta.files)) {
    it(`${name} has its recorded sha256 and decodes to ${f.source} chars [${f.chars[0]}, ${f.chars[1]})`, () => {
      expect(sha256(read(`training/data/${name}`))).toBe(f.sha256);
      const ids = tokens(`training/data/${name}`);
      expect(ids.length).toBe(f.tokens);
      const text = read(`training/data/${f.source}`).toString('utf8');
      expect(tok.decode(ids)).toBe(text.slice(f.chars[0], f.chars[1]));
    });
  }

  it('train and validation split austen.txt with no gap and no overlap (95% / 5%)', () => {
    const [tr, va] = [meta.files['austen.train.bin'].chars, meta.files['austen.val.bin'].chars];
    expect(tr[0]).toBe(0);
    expect(va[0]).toBe(tr[1]);
    expect(va[1]).toBe(read('training/data/austen.txt').toString('utf8').length);
    expect(tr[1] / va[1]).toBeCloseTo(0.95, 3);
  });
});

for (const id of modelIds()) {
  describe(`${id} fixture ↔ lib/tokenizer`, () => {
    const fx = fixture(id);
    // a masked-LM fixture (lm-mlm) holds its texts' ids with some positions replaced by [MASK]
    const mask = fx.mlm?.maskId;
    const unmasked = (ids: number[], like: number[]) => ids.map((t, i) => (t === mask ? like[i] : t));
    it('each prompt case holds the ids that lib/tokenizer gives its text', () => {
      const withText = fx.cases.filter((c) => c.text);
      expect(withText.length).toBeGreaterThan(0);
      for (const c of withText) expect(unmasked(c.ids, tok.encode(c.text!)), c.name).toEqual(tok.encode(c.text!));
    });
    it.skipIf(mask !== undefined)("PyTorch's decoded greedy text is what lib/tokenizer decodes from the same ids", () => {
      const prompt = fx.cases[fx.greedy.case].ids;
      expect(fx.greedy.text).toBe(tok.decode([...prompt, ...fx.greedy.tokens]));
    });
    it('the val-window case is the first window of austen.val.bin', () => {
      const c = fx.cases.find((k) => k.name === 'val-window')!;
      const val = tokens(fx.valSlice.file).slice(0, fx.config.contextLength);
      if (mask === undefined) return expect(c.ids).toEqual(val);
      // masked LM: the first masked validation window; every chosen position's target is the true token
      expect(c.ids).toEqual(fx.valSlice.inputs![0]);
      const y = fx.valSlice.targets![0];
      expect(val.map((t, i) => (y[i] === -100 ? c.ids[i] : y[i]))).toEqual(val);
      expect(c.ids.filter((t) => t === mask).length).toBeGreaterThan(5);
    });
  });
}
