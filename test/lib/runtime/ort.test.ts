// How lib/runtime/ort.ts finds ORT: by URL, under the self-hosted wasm base, the package's
// extern-wasm WebGPU module (checked against onnxruntime-web's own package.json and dist/), and
// the files scripts/copy-assets.mjs puts in public/ort/ are all that module needs to run a model.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WASM_BASE, ORT_MODULE_FILE, ORT_MODULE_FILES, loadOrt, loadOrtFor, ortBuildFor, ortModuleUrl, setOrtLoader, type OrtBuild, type OrtModule } from '@/lib/runtime/ort';
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
    expect(ortModuleUrl('/repo/ort/', 'wasm')).toBe('/repo/ort/ort.wasm.min.mjs');
  });
});

describe('one ORT build per backend', () => {
  it('runs WASM sessions on the plain WASM build and everything else on the WebGPU build', () => {
    expect(ortBuildFor('wasm')).toBe('wasm');
    expect(ortBuildFor('webgpu')).toBe('webgpu');
    expect(ortBuildFor(undefined)).toBe('webgpu'); // callers that do not say (training) keep the build that has both
  });

  it('imports each build once, only when first asked for, and retries a failed one on its own', async () => {
    const asked: OrtBuild[] = [];
    let failWasm = true;
    setOrtLoader(async (build) => {
      asked.push(build);
      if (build === 'wasm' && failWasm) throw new Error('network blip');
      return { InferenceSession: {}, env: { wasm: {} }, build } as unknown as OrtModule;
    }, { wasmBase: null, numThreads: 1 });
    await expect(loadOrtFor('wasm')).rejects.toThrow('network blip');
    expect(asked).toEqual(['wasm']); // the WebGPU build is not fetched for a WASM session
    failWasm = false;
    const wasm = await loadOrtFor('wasm');
    const gpu = await loadOrtFor('webgpu');
    expect((wasm as unknown as { build: string }).build).toBe('wasm');
    expect((gpu as unknown as { build: string }).build).toBe('webgpu');
    expect(await loadOrtFor('wasm')).toBe(wasm);
    expect(await loadOrt()).toBe(gpu);
    expect(asked).toEqual(['wasm', 'wasm', 'webgpu']);
  });
});

describe('the self-hosted ORT module', () => {
  it("is onnxruntime-web/webgpu's extern-wasm ES module build", () => {
    expect(ortPkg.exports['./webgpu'].import['onnxruntime-web-use-extern-wasm']).toBe(`./dist/${ORT_MODULE_FILE}`);
  });

  it("the WASM build is onnxruntime-web/wasm's extern-wasm module and loads the plain (non-asyncify) glue by name", () => {
    expect(ortPkg.exports['./wasm'].import['onnxruntime-web-use-extern-wasm']).toBe(`./dist/${ORT_MODULE_FILES.wasm}`);
    const src = readFileSync(join(ortDist, ORT_MODULE_FILES.wasm), 'utf8');
    expect(src).toContain('"ort-wasm-simd-threaded.mjs"');
    expect(src).not.toMatch(/\.wasm"/);
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

  it('copy-assets ships both modules, their maps and the one binary each loads, nothing else', () => {
    expect(readdirSync(join(scratch, 'public', 'ort')).sort()).toEqual(
      [
        'ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm', ORT_MODULE_FILE, `${ORT_MODULE_FILE}.map`,
        'ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm', ORT_MODULE_FILES.wasm, `${ORT_MODULE_FILES.wasm}.map`,
      ].sort(),
    );
  });

  it.each(['webgpu', 'wasm'] as const)("imports ORT's %s build from copy-assets' folder alone, points wasmPaths there and runs a model on WASM", async (build) => {
    const base = `${pathToFileURL(join(scratch, 'public', 'ort')).href}/`;
    setOrtLoader(null, { wasmBase: base, numThreads: 1 });
    const ort = await loadOrt(build);
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
