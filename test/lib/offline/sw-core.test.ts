import { describe, expect, it } from 'vitest';
import {
  MODEL_CACHE, assetUrlsInHtml, cacheNames, missingIsolationHeaders, modelCacheKey, modelIndex, obsoleteCaches, pageKey,
  routeOf, shaOfKey, sitePathOf, staleModelKeys, toHex, urlsWorthCaching, offlineHtml,
} from '@/lib/offline/sw-core';
// @ts-expect-error plain ESM script without types
import { ISOLATION_HEADERS } from '@/scripts/headers.mjs';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const O = 'https://lab.example';
const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const C = 'c'.repeat(64);

describe('service worker routes', () => {
  it('sends each kind of request to its strategy, and leaves other origins, POSTs and ranges alone', () => {
    const r = (p: string, o = {}) => routeOf(new URL(p, O), O, o);
    expect(r('/lessons/sampling/', { mode: 'navigate' })).toBe('navigate');
    expect(r('/_next/static/chunks/app.js')).toBe('static');
    expect(r('/ort/ort.wasm.min.mjs')).toBe('ort');
    expect(r('/ort/ort-wasm-simd-threaded.mjs')).toBe('ort');
    expect(r('/ort/ort-wasm-simd-threaded.asyncify.wasm')).toBe('ort-wasm');
    expect(r('/ort/ort-wasm-simd-threaded.wasm')).toBe('ort-wasm');
    expect(r('/models/manifest.json')).toBe('manifest');
    expect(r('/models/lm/model.safetensors')).toBe('model');
    expect(r('/lessons/sampling/index.txt?_rsc=x1')).toBe('page-data');
    expect(r('/sw.js')).toBe('bypass');
    expect(r('/models/lm/model.safetensors', { method: 'POST' })).toBe('bypass');
    expect(r('/models/lm/model.safetensors', { range: true })).toBe('bypass');
    expect(routeOf(new URL('https://cdn.example/x.js'), O)).toBe('bypass');
  });

  it('a page key drops the _rsc cache-buster and the hash but keeps other parameters', () => {
    expect(pageKey(new URL(`${O}/lessons/x/index.txt?_rsc=abc`))).toBe(`${O}/lessons/x/index.txt`);
    expect(pageKey(new URL(`${O}/embed/generate/?seed=3#top`))).toBe(`${O}/embed/generate/?seed=3`);
  });
});

describe('model cache keys', () => {
  it("the shipped manifest maps lm's weights and the tokenizer to their sha256", () => {
    const manifest = JSON.parse(readFileSync('models/manifest.json', 'utf8'));
    const idx = modelIndex(manifest);
    expect(idx.get('/models/lm/model.safetensors')).toBe(manifest.models.lm.sha256);
    expect(idx.get('/models/tokenizer/austen-bpe-4096.json')).toBe(manifest.tokenizers['austen-bpe-4096'].sha256);
  });

  it('the sha256 the index holds for a file is the sha256 of its bytes (checked with node:crypto)', () => {
    const idx = modelIndex(JSON.parse(readFileSync('models/manifest.json', 'utf8')));
    const bytes = readFileSync('models/lm/model.safetensors');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(idx.get('/models/lm/model.safetensors'));
  });

  it('skips malformed entries: bad hash, path escaping upwards, missing fields', () => {
    const idx = modelIndex({
      models: { a: { files: { weights: 'models/a/w.bin' }, sha256: 'zz' }, b: { files: { weights: '../etc/passwd' }, sha256: A }, c: null, d: { sha256: A } },
      tokenizers: { t: { file: 'models/t.json', sha256: B.toUpperCase() } },
    });
    expect([...idx]).toEqual([['/models/t.json', B]]);
    expect(modelIndex(null).size).toBe(0);
    expect(modelIndex('x').size).toBe(0);
  });

  it('a key round-trips to its sha256; other URLs have none', () => {
    expect(shaOfKey(modelCacheKey(O, A))).toBe(A);
    expect(shaOfKey(`${O}/models/lm/model.safetensors`)).toBeNull();
    expect(shaOfKey(`${O}/__llm-lab-model__/short`)).toBeNull();
  });

  it('a new version of a file makes the old entry stale; entries the manifest still lists stay', () => {
    const before = modelIndex({ models: { lm: { files: { weights: 'models/lm/model.safetensors' }, sha256: A }, d: { files: { weights: 'models/d/model.safetensors' }, sha256: C } } });
    const after = modelIndex({ models: { lm: { files: { weights: 'models/lm/model.safetensors' }, sha256: B }, d: { files: { weights: 'models/d/model.safetensors' }, sha256: C } } });
    const keys = [modelCacheKey(O, A), modelCacheKey(O, C)];
    expect(staleModelKeys(keys, before)).toEqual([]);
    expect(staleModelKeys([...keys, modelCacheKey(O, B)], after)).toEqual([modelCacheKey(O, A)]);
    expect(staleModelKeys([`${O}/stray`], after)).toEqual([`${O}/stray`]);
    expect(MODEL_CACHE).toBe('llm-lab-models');
  });

  it('toHex writes a digest as lower-case hex', () => {
    expect(toHex(new Uint8Array([0, 15, 255]).buffer)).toBe('000fff');
  });
});

describe('cache names', () => {
  it('a new build or ORT version makes our older caches obsolete, never another site’s', () => {
    const now = cacheNames('b2', '1.30.0');
    expect(obsoleteCaches(['llm-lab-shell-b1', 'llm-lab-shell-b2', 'llm-lab-ort-1.29.0', 'llm-lab-ort-1.30.0', 'llm-lab-models', 'other'], now)).toEqual([
      'llm-lab-shell-b1',
      'llm-lab-ort-1.29.0',
    ]);
  });
});

describe('isolation headers added by the worker', () => {
  it('are the ones the hosts send (scripts/headers.mjs), and only those missing are added', () => {
    expect(missingIsolationHeaders(() => false)).toEqual(ISOLATION_HEADERS);
    expect(missingIsolationHeaders(() => true)).toEqual([]);
    expect(missingIsolationHeaders((k) => k === 'cross-origin-resource-policy').map(([k]) => k)).toEqual(['cross-origin-opener-policy', 'cross-origin-embedder-policy']);
  });
});

describe('what a page is cached with', () => {
  it('finds the /_next/static scripts and styles an HTML page references, once each', () => {
    const html = '<link rel="stylesheet" href="/_next/static/css/a.css"><script src="/_next/static/chunks/b.js" async></script><script src="/_next/static/chunks/b.js"></script><img src="/icon.svg">';
    expect(assetUrlsInHtml(html)).toEqual(['/_next/static/css/a.css', '/_next/static/chunks/b.js']);
  });

  it('keeps only same-origin static, ORT, model and page URLs of what the page (or its model worker) reports', () => {
    expect(urlsWorthCaching([`${O}/_next/static/x.js`, 'https://cdn.example/y.js', `${O}/ort/ort.webgpu.min.mjs`, `${O}/ort/ort-wasm-simd-threaded.wasm`, `${O}/models/lm/model.safetensors`, `${O}/models/manifest.json`, 'not a url', 42], O)).toEqual([
      `${O}/_next/static/x.js`,
      `${O}/ort/ort.webgpu.min.mjs`,
      `${O}/ort/ort-wasm-simd-threaded.wasm`,
      `${O}/models/lm/model.safetensors`,
      `${O}/models/manifest.json`,
    ]);
    expect(urlsWorthCaching('nope', O)).toEqual([]);
  });
});

describe('a site served below a base path', () => {
  const R = `${O}/repo`;
  it('routes by the path below the base and passes everything outside it through', () => {
    expect(sitePathOf(new URL(`${R}/ort/a.wasm`), R)).toBe('/ort/a.wasm');
    expect(sitePathOf(new URL(`${O}/ort/a.wasm`), R)).toBeNull();
    expect(sitePathOf(new URL('https://cdn.example/repo/x'), R)).toBeNull();
    expect(routeOf(new URL(`${R}/models/lm/model.safetensors`), R)).toBe('model');
    expect(routeOf(new URL(`${R}/models/manifest.json`), R)).toBe('manifest');
    expect(routeOf(new URL(`${R}/_next/static/c/a.js`), R)).toBe('static');
    expect(routeOf(new URL(`${R}/sw.js`), R)).toBe('bypass');
    expect(routeOf(new URL(`${O}/models/lm/model.safetensors`), R)).toBe('bypass');
    expect(routeOf(new URL(`${O}/repository/x`), R)).toBe('bypass');
  });

  it('finds only the page assets under the base path and links the offline page home', () => {
    const html = '<script src="/repo/_next/static/chunks/a.js"></script><script src="/_next/static/chunks/b.js"></script>';
    expect(assetUrlsInHtml(html, '/repo/')).toEqual(['/repo/_next/static/chunks/a.js']);
    expect(urlsWorthCaching([`${R}/_next/static/x.js`, `${O}/_next/static/y.js`], R)).toEqual([`${R}/_next/static/x.js`]);
    expect(offlineHtml('/repo/')).toContain('<a href="/repo/">');
    expect(offlineHtml('/"><script>')).not.toContain('<script>');
  });
});

