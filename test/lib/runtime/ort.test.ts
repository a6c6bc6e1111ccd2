// How lib/runtime/ort.ts finds ORT: by URL, under the self-hosted wasm base, the package's
// extern-wasm WebGPU module (checked against onnxruntime-web's own package.json and dist/), and
// the files scripts/copy-assets.mjs puts in public/ort/ are all that module needs to run a model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WASM_BASE, ORT_MODULE_FILE, loadOrt, ortModuleUrl, setOrtLoader } from '@/lib/runtime/ort';
import { TABLE, V, bigramOnnx } from './bigramModel';

const root = process.cwd();
const ortDist = join(root, 'node_modules', 'onnxruntime-web', 'dist');
const ortPkg = JSON.parse(readFileSync(join(ortDist, '..', 'package.json'), 'utf8'));

afterEach(() => setOrtLoader(null));

describe('ortModuleUrl', () => {
  it('puts the module under the wasm base, with or without its trailing slash', () => {
    expect(ortModuleUrl(DEFAULT_WASM_BASE)).toBe('/ort/ort.webgpu.min.mjs');
    expect(ortModuleUrl('/repo/ort/')).toBe('/repo/ort/ort.webgpu.min.mjs');
    expect(ortModuleUrl('/repo/ort')).toBe('/repo/ort/ort.webgpu.min.mjs');
  });
});

describe('the self-hosted ORT module', () => {
  it("is onnxruntime-web/webgpu's extern-wasm ES module build", () => {
    expect(ortPkg.exports['./webgpu'].import['onnxruntime-web-use-extern-wasm']).toBe(`./dist/${ORT_MODULE_FILE}`);
  });

  it('loads the asyncify glue by name from the wasm base and embeds no wasm URL a bundler would follow', () => {
    const src = readFileSync(join(ortDist, ORT_MODULE_FILE), 'utf8');
    expect(src).toContain('"ort-wasm-simd-threaded.asyncify.mjs"');
    expect(src).not.toMatch(/\.wasm"/);
    // the default ('bundle') build does reference its wasm next to itself: the duplicate we avoid
    expect(readFileSync(join(ortDist, 'ort.webgpu.bundle.min.mjs'), 'utf8')).toMatch(/new URL\("ort-wasm-simd-threaded\.asyncify\.wasm",import\.meta\.url\)/);
  });
});

describe('loadOrt with the default (self-hosted) loader', () => {
  // scripts/copy-assets.mjs run in a scratch project that links this one's node_modules
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'ort-assets-'));
    symlinkSync(join(root, 'node_modules'), join(scratch, 'node_modules'), 'dir');
    execFileSync(process.execPath, [join(root, 'scripts', 'copy-assets.mjs')], { cwd: scratch, stdio: 'pipe' });
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('copy-assets ships the module, its map and the one asyncify binary, nothing else', () => {
    expect(readdirSync(join(scratch, 'public', 'ort')).sort()).toEqual(
      ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm', ORT_MODULE_FILE, `${ORT_MODULE_FILE}.map`].sort(),
    );
  });

  it("imports ORT from copy-assets' folder alone, points wasmPaths there and runs a model on WASM", async () => {
    const base = `${pathToFileURL(join(scratch, 'public', 'ort')).href}/`;
    setOrtLoader(null, { wasmBase: base, numThreads: 1 });
    const ort = await loadOrt();
    expect(ort.env.wasm.wasmPaths).toBe(base);
    expect(ort.env.versions.web).toBe(ortPkg.version);
    const session = await ort.InferenceSession.create(bigramOnnx(), { executionProviders: ['wasm'] });
    const { logits } = await session.run({ ids: new ort.Tensor('int64', BigInt64Array.from([1n, 3n]), [1, 2]) });
    expect(logits.dims).toEqual([1, 2, V]); // [1, T, V]
    const want = [...TABLE[1], ...TABLE[3]].map(Math.log);
    [...(logits.data as Float32Array)].forEach((x, i) => expect(x).toBeCloseTo(want[i], 5));
    await session.release();
  }, 60_000);

  it('rejects with a hint, and retries on the next call, when there is no base to import from', async () => {
    setOrtLoader(null, { wasmBase: null });
    await expect(loadOrt()).rejects.toThrow(/setOrtLoader/);
    await expect(loadOrt()).rejects.toThrow(/setOrtLoader/);
  });

  it('rejects when the base holds no ORT module (a wrong base is not swallowed)', async () => {
    setOrtLoader(null, { wasmBase: `${pathToFileURL(join(scratch, 'public', 'models')).href}/` });
    await expect(loadOrt()).rejects.toThrow();
  });
});
