// A model file that is empty, cut short, of the wrong dtype, or out of step with its manifest or
// config: each fails to load with a message that names the file and says what is wrong, never a
// blank page or a hang. fetchModelWeights runs against a stubbed fetch serving models/tiny-random.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchModelWeights } from '@/lib/runtime/transformer';
import { parseSafetensors, writeSafetensors } from '@/lib/model/safetensors';
import { sha256Hex } from '@/lib/model/weights';

const dir = 'models/tiny-random/';
const real = {
  manifest: JSON.parse(readFileSync(dir + 'manifest.json', 'utf8')) as Record<string, unknown>,
  config: readFileSync(dir + 'config.json', 'utf8'),
  weights: new Uint8Array(readFileSync(dir + 'model.safetensors')),
};

/** Serves /m/tiny-random/{manifest.json, config.json, model.safetensors}; no family manifest. */
function serve(files: { manifest?: object; config?: string; weights?: Uint8Array }) {
  const body = (name: string): BodyInit | null => {
    if (name === 'manifest.json') return JSON.stringify(files.manifest ?? real.manifest);
    if (name === 'config.json') return files.config ?? real.config;
    if (name === 'model.safetensors') return (files.weights ?? real.weights).slice() as unknown as BodyInit;
    return null;
  };
  vi.stubGlobal('fetch', async (url: string) => {
    const m = /^\/m\/tiny-random\/(.+)$/.exec(url);
    const b = m ? body(m[1]) : null;
    return b === null ? new Response('not found', { status: 404 }) : new Response(b as BodyInit);
  });
}
const load = () => fetchModelWeights('tiny-random', '/m/', () => {});
/** A manifest that vouches for these bytes (so the checks after the hash are reached). */
const vouch = async (bytes: Uint8Array) => ({ ...real.manifest, sha256: await sha256Hex(bytes), bytes: bytes.length });

afterEach(() => vi.unstubAllGlobals());

describe('model-file faults give a clear message', () => {
  it('the real files load (the stub serves them correctly)', async () => {
    serve({});
    const { weights } = await load();
    expect(weights.size).toBeGreaterThan(0);
  });

  it('an empty weights file: sha256 mismatch naming the file, 0 bytes, and the likely cause', async () => {
    serve({ weights: new Uint8Array(0) });
    await expect(load()).rejects.toThrow(/^model\.safetensors: sha256 mismatch: expected de3166a8.*\(0 bytes\); the download is corrupt or the manifest is stale$/);
  });

  it('a truncated download: sha256 mismatch with the byte count received', async () => {
    serve({ weights: real.weights.subarray(0, 1000) });
    await expect(load()).rejects.toThrow(/model\.safetensors: sha256 mismatch: .*\(1000 bytes\); the download is corrupt/);
  });

  it('a truncated file the manifest vouches for: not a valid safetensors file, runs past the end', async () => {
    const cut = real.weights.slice(0, real.weights.length - 16);
    serve({ weights: cut, manifest: await vouch(cut) });
    await expect(load()).rejects.toThrow(/model\.safetensors: not a valid safetensors file: .*runs past the end/);
  });

  it('an empty file the manifest vouches for: not a valid safetensors file', async () => {
    const empty = new Uint8Array(0);
    serve({ weights: empty, manifest: await vouch(empty) });
    await expect(load()).rejects.toThrow(/model\.safetensors: not a valid safetensors file/);
  });

  it('weights of the wrong dtype (int8 where float is expected) are named with their dtype', async () => {
    const t = parseSafetensors(real.weights);
    const [name, first] = [...t.tensors.entries()][0];
    const rest = [...t.tensors.entries()].slice(1).map(([n, v]) => [n, { shape: v.shape, data: v.data as Float32Array }] as [string, { shape: number[]; data: Float32Array }]);
    const bad = writeSafetensors([[name, { dtype: 'I8', shape: first.shape, data: new Int8Array(first.data.length) }], ...rest]);
    serve({ weights: bad, manifest: await vouch(bad) });
    await expect(load()).rejects.toThrow(`model.safetensors: weight "${name}" is stored as I8, the model needs a float tensor (F32, F16 or BF16)`);
  });

  it('a config that does not match the weights names the first weight whose shape is wrong', async () => {
    const cfg = JSON.parse(real.config);
    serve({ config: JSON.stringify({ ...cfg, dModel: cfg.dModel * 2 }) });
    await expect(load()).rejects.toThrow(/^model\.safetensors: weight "tok_emb\.weight" is \[\d+,\d+\], the config needs \[\d+,\d+\]/);
  });

  it('a missing manifest and a missing file name the URL and the HTTP status', async () => {
    vi.stubGlobal('fetch', async () => new Response('nope', { status: 404 }));
    await expect(load()).rejects.toThrow('model "tiny-random": /m/tiny-random/manifest.json → HTTP 404');
  });
});
