import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ids } from '@/lib/tensor';
import type { TransformerConfig } from '@/lib/model/config';
import { EagerOps } from '@/lib/model/eager';
import { f16ToF32, f32ToF16, parseSafetensors, writeSafetensors } from '@/lib/model/safetensors';
import { loadWeights, sha256Hex } from '@/lib/model/weights';
import { tinyRandomModel } from '@/lib/model/tiny-random';
import { presets } from '@/lib/model/presets';
import { transformer } from '@/lib/model/transformer';
import { buildTransformerModel } from '@/lib/model/build';
import { run, session } from './ort';
import { maxErr } from './compare';

const dir = new URL('../../../models/tiny-random/', import.meta.url);
const read = (f: string): Uint8Array => new Uint8Array(readFileSync(new URL(f, dir)));

describe('safetensors', () => {
  it('parses a file assembled byte by byte: one F32 scalar 1.0 named "x"', () => {
    const json = new TextEncoder().encode('{"x":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}');
    const bytes = new Uint8Array(8 + json.length + 4);
    bytes[0] = json.length; // little-endian u64, < 256
    bytes.set(json, 8);
    bytes.set([0x00, 0x00, 0x80, 0x3f], 8 + json.length); // 1.0f LE
    const t = parseSafetensors(bytes).tensors.get('x')!;
    expect(t.shape).toEqual([]);
    expect(Array.from(t.data)).toEqual([1]);
  });
  it('converts half floats by the IEEE bit layout (1, -2, 65504, 2⁻²⁴, ∞)', () => {
    expect([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00].map(f16ToF32)).toEqual([1, -2, 65504, 2 ** -24, Infinity]);
    expect([1, -2, 65504, 2 ** -24, 1e6].map(f32ToF16)).toEqual([0x3c00, 0xc000, 0x7bff, 0x0001, 0x7c00]);
    expect(f32ToF16(1 + 2 ** -11)).toBe(0x3c00); // halfway: ties to even
  });
  it('round-trips F32, F16, BF16, I8 and U8 tensors and aligns the data to 8 bytes', () => {
    const bytes = writeSafetensors([
      ['a', { shape: [2, 2], data: Float32Array.of(1.5, -2, 0.1, 3) }],
      ['h', { dtype: 'F16', shape: [3], data: Float32Array.of(0.5, -1.25, 1000) }],
      ['b', { dtype: 'BF16', shape: [2], data: Float32Array.of(1, -0.15625) }],
      ['q', { dtype: 'I8', shape: [3], data: Int8Array.of(-128, 0, 127) }],
      ['u', { dtype: 'U8', shape: [1], data: Uint8Array.of(255) }],
    ], { format: 'pt' });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const { tensors, metadata } = parseSafetensors(bytes);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Array.from(tensors.get('a')!.data)).toEqual(Array.from(Float32Array.of(1.5, -2, 0.1, 3)));
    expect(Array.from(tensors.get('h')!.data)).toEqual([0.5, -1.25, 1000]);
    expect(Array.from(tensors.get('b')!.data)).toEqual([1, -0.15625]);
    expect(tensors.get('q')!.data).toBeInstanceOf(Int8Array);
    expect(Array.from(tensors.get('q')!.data)).toEqual([-128, 0, 127]);
    expect(Array.from(tensors.get('u')!.data)).toEqual([255]);
  });
  it('rejects a truncated file with the file name in the message', () => {
    const bytes = writeSafetensors([['a', { shape: [4], data: new Float32Array(4) }]]);
    expect(() => parseSafetensors(bytes.subarray(0, bytes.length - 3), 'w.safetensors')).toThrow(/w\.safetensors.*runs past the end/);
  });
});

describe('loadWeights', () => {
  it('sha256Hex matches the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  it('a corrupted weights file fails the sha256 check with file, expected and actual hash', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(read('manifest.json')));
    const bytes = read('model.safetensors');
    bytes[bytes.length - 1] ^= 0xff;
    const actual = await sha256Hex(bytes);
    const err = await loadWeights(bytes, { fileName: 'model.safetensors', sha256: manifest.sha256 }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('model.safetensors');
    expect((err as Error).message).toContain(manifest.sha256);
    expect((err as Error).message).toContain(actual);
  });
  it('names every missing weight the config needs', async () => {
    const { config } = tinyRandomModel();
    const bytes = writeSafetensors([['tok_emb.weight', { shape: [256, 64], data: new Float32Array(256 * 64) }]]);
    await expect(loadWeights(bytes, { config })).rejects.toThrow(/missing weight "blocks.0.attn.wq.weight" \[64,64\]/);
  });
});

describe('models/tiny-random', () => {
  it('the committed bytes match the manifest and are regenerated exactly by the script', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(read('manifest.json')));
    const bytes = read('model.safetensors');
    expect(bytes.length).toBe(manifest.bytes);
    expect(await sha256Hex(bytes)).toBe(manifest.sha256);
    expect(await sha256Hex(tinyRandomModel().bytes)).toBe(manifest.sha256);
    expect(JSON.parse(new TextDecoder().decode(read('config.json')))).toEqual(presets['tiny-random']);
  });
  it('loads, verifies and runs the same logits eagerly and in ORT', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(read('manifest.json')));
    const config = JSON.parse(new TextDecoder().decode(read('config.json'))) as TransformerConfig;
    const w = await loadWeights(read('model.safetensors'), { sha256: manifest.sha256, config });
    const x = ids([72, 101, 108, 108, 111]);
    const ref = transformer(new EagerOps(w), config, x).logits;
    const out = await run(await session(buildTransformerModel(config, w)), { ids: x as { data: BigInt64Array; shape: number[] } });
    expect(ref.shape).toEqual([1, 5, 256]);
    expect(maxErr(out.logits.data, ref.data as Float32Array)).toBeLessThan(1e-4);
  });
});
