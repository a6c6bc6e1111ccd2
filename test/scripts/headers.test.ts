import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { HEADER_RULES, headersFor, matchesSource } from '@/scripts/headers.mjs';
// @ts-expect-error plain ESM script without types
import { startServer } from '@/scripts/serve.mjs';
// @ts-expect-error plain ESM script without types
import { buildServiceWorker } from '@/scripts/build-sw.mjs';

type Rule = { source: string; headers: { key: string; value: string }[] };
const PATHS = ['/', '/lessons/sampling/', '/embed/generate/', '/_next/static/chunks/a.js', '/ort/ort-wasm-simd-threaded.asyncify.mjs', '/models/lm/model.safetensors', '/sw.js'];

describe('response headers', () => {
  it('vercel.json sends exactly the rules of scripts/headers.mjs', () => {
    const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as { headers: Rule[] };
    expect(vercel.headers).toEqual(HEADER_RULES);
  });

  it('every path, embeds included, gets COOP same-origin, COEP require-corp and CORP cross-origin', () => {
    for (const p of PATHS) {
      expect(headersFor(p)).toMatchObject({
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cross-origin-resource-policy': 'cross-origin',
      });
    }
    expect(headersFor('/sw.js')['cache-control']).toBe('no-cache');
    expect(matchesSource('/embed/(.*)', '/embedded')).toBe(false);
    expect(matchesSource('/embed/(.*)', '/embed/x/')).toBe(true);
  });

  describe('scripts/serve.mjs (npm start, e2e)', () => {
    let dir = '';
    let servers: { url: string; close(): Promise<void> }[] = [];
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'serve-headers-'));
      for (const p of ['lessons/sampling', 'embed/generate', '_next/static/chunks', 'ort', 'models/lm']) mkdirSync(join(dir, p), { recursive: true });
      for (const f of ['index.html', 'lessons/sampling/index.html', 'embed/generate/index.html', '_next/static/chunks/a.js', 'ort/ort-wasm-simd-threaded.asyncify.mjs', 'models/lm/model.safetensors', 'sw.js']) {
        writeFileSync(join(dir, f), 'x');
      }
      servers = [await startServer({ dir }), await startServer({ dir, isolation: false })];
    });
    afterAll(async () => {
      await Promise.all(servers.map((s) => s.close()));
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends the same headers as vercel.json for the same paths', async () => {
      for (const p of PATHS) {
        const res = await fetch(servers[0].url + p);
        expect(res.status).toBe(200);
        for (const [k, v] of Object.entries(headersFor(p))) expect([p, k, res.headers.get(k)]).toEqual([p, k, v]);
      }
    });

    it('isolation: false (a host without header control) leaves out COOP and COEP only', async () => {
      const res = await fetch(servers[1].url + '/lessons/sampling/');
      expect(res.headers.get('cross-origin-opener-policy')).toBeNull();
      expect(res.headers.get('cross-origin-embedder-policy')).toBeNull();
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    });

    it('answers a matching If-None-Match with 304, so no-cache revalidates instead of downloading again', async () => {
      const url = servers[0].url + '/ort/ort-wasm-simd-threaded.asyncify.mjs';
      const first = await fetch(url);
      const etag = first.headers.get('etag');
      expect(first.headers.get('cache-control')).toBe('no-cache');
      expect(etag).toMatch(/^".+"$/);
      const again = await fetch(url, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(again.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
    });

    it('serves an aliased path with the file it names (benches swap one ORT build for another)', async () => {
      const s = await startServer({ dir, alias: { '/ort/other.mjs': '/ort/ort-wasm-simd-threaded.asyncify.mjs' } });
      try {
        const res = await fetch(s.url + '/ort/other.mjs');
        expect([res.status, await res.text()]).toEqual([200, 'x']);
      } finally {
        await s.close();
      }
    });
  });

  it('next.config.ts gives `next dev` the same rules and `next build` none', async () => {
    const { default: config } = await import('@/next.config');
    const dev = config('phase-development-server');
    const rules = (await dev.headers!()) as Rule[];
    expect(rules.map((r) => r.headers)).toEqual(HEADER_RULES.map((r: Rule) => r.headers));
    expect(rules[0].source).toBe('/:path*');
    expect(config('phase-production-build').headers).toBeUndefined();
  });
});

describe('the built service worker', () => {
  it('is one classic script with no import/export left, carrying the build and ORT version', () => {
    const js = buildServiceWorker({ build: 'b1', ortVersion: '1.30.0' });
    expect(js).not.toMatch(/^\s*(import|export)\s/m);
    expect(js).toContain('const __ORT_VERSION__ = "1.30.0";');
    expect(() => new Function(js)).not.toThrow(); // parses as a script
  });
});
