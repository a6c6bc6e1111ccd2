// Carried state per model from the shipped configs, against hand arithmetic.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TransformerConfig } from '@/lib/model/config';
import { carriedFloats, memoryTable } from '@/lib/interp/state-memory';

const cfg = (id: string): TransformerConfig => JSON.parse(readFileSync(`models/${id}/config.json`, 'utf8'));

describe('memory carried between generated tokens', () => {
  it('lm keeps K and V: 2 · 8 layers · 2 KV heads · 32 dims = 1024 floats per token of context', () => {
    expect(carriedFloats(cfg('lm'), 1)).toBe(1024);
    expect(carriedFloats(cfg('lm'), 1024)).toBe(1024 * 1024);
  });

  it('lm-ssm keeps 8 × (3 · 288 conv + 8 · 32 · 16 SSM) = 39,680 floats, whatever the context', () => {
    // Di = 2 · 128 = 256, conv channels 256 + 2 · 16 = 288, kernel 4 keeps 3 past inputs
    expect(carriedFloats(cfg('lm-ssm'), 1)).toBe(8 * (3 * 288 + 8 * 32 * 16));
    expect(carriedFloats(cfg('lm-ssm'), 1024)).toBe(39680);
  });

  it('the table gives float32 bytes, and lm overtakes lm-ssm between 38 and 39 tokens', () => {
    const t = memoryTable([cfg('lm'), cfg('lm-ssm')], [38, 39, 256]);
    expect(t[0].bytes).toEqual([38 * 4096, 158720]);
    expect(t[0].bytes[0]).toBeLessThan(t[0].bytes[1]);
    expect(t[1].bytes[0]).toBeGreaterThan(t[1].bytes[1]);
    expect(t[2].bytes).toEqual([1048576, 158720]);
  });
});
