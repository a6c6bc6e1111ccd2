/** Perplexity and bits per byte against hand values and lm's manifest (validation loss and perplexity, token file sizes). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bitsPerByte, bitsPerToken, perplexity } from '@/lib/data';

const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
const tokens = JSON.parse(readFileSync('training/data/tokens.json', 'utf8'));

describe('metrics', () => {
  it('by hand: a uniform choice among 4 tokens is perplexity 4 and 2 bits per token', () => {
    expect(perplexity(Math.log(4))).toBeCloseTo(4, 12);
    expect(bitsPerToken(Math.log(4))).toBeCloseTo(2, 12);
    expect(bitsPerByte(Math.log(2), 10, 10)).toBeCloseTo(1, 12);
    expect(bitsPerByte(Math.log(2), 10, 40)).toBeCloseTo(0.25, 12); // 4 bytes per token
  });

  it("lm: perplexity = e^(validation loss) as the manifest records it; about 1.36 bits per byte on the validation split", () => {
    const v = manifest.models.lm.validation;
    expect(perplexity(v.loss)).toBeCloseTo(v.perplexity, 2);
    const f = tokens.files['austen.val.bin'];
    const text = readFileSync('training/data/austen.txt', 'utf8').slice(f.chars[0], f.chars[1]);
    const bytes = Buffer.byteLength(text, 'utf8');
    // 54,324 tokens over ~201 KB: ~3.7 bytes per token, so 3.50 nats/token ≈ 5.05 bits/token ≈ 1.36 bits/byte
    expect(bitsPerByte(v.loss, f.tokens, bytes)).toBeCloseTo((v.loss / Math.LN2) * (f.tokens / bytes), 12);
    expect(bitsPerByte(v.loss, f.tokens, bytes)).toBeGreaterThan(1.3);
    expect(bitsPerByte(v.loss, f.tokens, bytes)).toBeLessThan(1.42);
  });
});
