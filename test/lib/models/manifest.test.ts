// models/manifest.json is the contract between training/ and the runtime: every file it names
// must be the exact bytes it describes, and every model must load under its own config.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '@/lib/model/config';
import { weightShapes } from '@/lib/model/init';
import { manifest, modelIds, read, readJson, weightsOf } from './shipped';

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const FIVE_MB = 5_000_000;

describe('models/manifest.json', () => {
  it('lists the shipped family: lm, lm-draft, lm-learned-pos, lm-alibi', () => {
    expect(modelIds()).toEqual(expect.arrayContaining(['lm', 'lm-alibi', 'lm-draft', 'lm-learned-pos']));
  });

  it('every tokenizer file has the recorded sha256 and size', () => {
    for (const t of Object.values(manifest().tokenizers)) {
      const b = read(t.file);
      expect(sha256(b), t.file).toBe(t.sha256);
      expect(b.length, t.file).toBe(t.bytes);
    }
  });

  for (const id of modelIds()) {
    describe(id, () => {
      const m = manifest().models[id];

      it('weights file has the recorded sha256 and size, within the 5 MB budget', () => {
        const b = read(m.files.weights);
        expect(sha256(b)).toBe(m.sha256);
        expect(b.length).toBe(m.bytes);
        expect(b.length).toBeLessThanOrEqual(FIVE_MB);
      });

      it('config.json is the manifest config, valid for lib/model', () => {
        expect(readJson(m.files.config)).toEqual(m.config);
        expect(() => validateConfig(m.config)).not.toThrow();
      });

      it('tokenizer and training log named by the entry exist; tokenizer sha256 matches', () => {
        expect(sha256(read(m.files.tokenizer))).toBe(m.tokenizerSha256);
        expect(readJson<{ id: string }>(m.files.trainingLog).id).toBe(id);
        // lm-mlm adds one id past the tokenizer's: [MASK] (lib/interp/mlm.ts), recorded in the entry
        const mask = (m as { maskToken?: { id: number; text: string } }).maskToken;
        expect(m.config.vocabSize).toBe(mask ? 4097 : 4096);
        if (mask) expect(mask).toMatchObject({ id: 4096, text: '[MASK]' });
        if (mask) expect(m.config.attnMask).toEqual({ kind: 'bidirectional' });
      });

      it('the weights hold every tensor the config needs, with the recorded parameter count', async () => {
        const w = await weightsOf(id); // throws on a missing or mis-shaped weight
        const needed = weightShapes(m.config).map(([name]) => name);
        expect([...w.keys()].sort()).toEqual(needed.sort());
        let n = 0;
        for (const t of w.values()) n += t.data.length;
        expect(n).toBe(m.params);
        expect(m.bytes).toBeGreaterThan(2 * n); // float16: 2 bytes per parameter + header
        expect(m.bytes).toBeLessThan(2 * n + 16_384);
      });
    });
  }
});
