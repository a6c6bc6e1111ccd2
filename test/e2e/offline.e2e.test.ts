/**
 * Offline after the first visit (lib/offline/service-worker.ts): the home page generates with
 * `lm` on WASM while online, then its server is shut down and the browser set offline, the page
 * reloads and generates the same tokens again from the service worker's caches (app shell, ORT,
 * the model keyed by its sha256; ORT's wasm, which passes the service worker, read from its kept
 * copy by the model worker itself). Its own server and browser context: the shared ones block
 * service workers (test/e2e/browser.ts) and must keep the network for the other files.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, describeBrowser } from './browser';
import { KEPT_WASM_MARK } from '@/lib/runtime/cache-fallback';
import { MARK_PREFIX } from '@/lib/runtime/marks';

const RUN = 120_000;
const PAGE = '/?generate.maxTokens=4&generate.seed=11&generate.backend=wasm';
const t0 = Date.now();
const mark = (what: string) => console.log(`offline e2e: ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);

async function generate(page: Page): Promise<string> {
  await page.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 30_000 });
  await page.getByRole('button', { name: /generate/i }).first().click();
  await page.waitForSelector('.gen[data-phase="done"], .gen[data-phase="error"]', { timeout: RUN });
  const error = await page.evaluate(() => document.querySelector('.gen-error')?.textContent ?? '');
  expect(await page.getAttribute('.gen', 'data-phase'), error).toBe('done');
  return (await page.getAttribute('.gen-output', 'data-ids')) ?? '';
}

describeBrowser('offline after the first visit', () => {
  let browser: Browser;
  let server: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    server = await startServer({ dir: 'out' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close().catch(() => {});
  });

  it('visit and generate, take the network away, reload, generate the same tokens again', async () => {
    const ctx = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + PAGE);
    // the worker installs and claims this page; from then on the page's fetches go through it
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    mark('controlled');
    const online = await generate(page);
    mark('generated online');
    expect(online.split(',').length).toBeGreaterThanOrEqual(4);
    expect(await page.getAttribute('.gen-actions .badge', 'data-threads')).toMatch(/^[1-4]$/);
    // the model lands in the cache once its bytes hashed to the manifest's sha256
    const sha: string = JSON.parse(await (await fetch(server.url + '/models/manifest.json')).text()).models.lm.sha256;
    const cached = () => page.evaluate(async () => {
      const keys = async (n: string) => ((await caches.has(n)) ? (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname) : []);
      const names = await caches.keys();
      const ort = (await Promise.all(names.filter((n) => n.startsWith('llm-lab-ort-')).map(keys))).flat();
      const shell = new Set((await Promise.all(names.filter((n) => n.startsWith('llm-lab-shell-')).map(keys))).flat());
      // every script and style the page fetched, the model worker's script among them (it may start
      // just after the service worker took over, yet fetch past it)
      const fetched = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((p) => p.startsWith('/_next/static/'));
      return { models: await keys('llm-lab-models'), ort, staticMissing: [...new Set(fetched)].filter((p) => !shell.has(p)) };
    });
    await expect.poll(async () => (await cached()).models, { timeout: 30_000 }).toContain(`/__llm-lab-model__/${sha}`);
    await expect.poll(async () => (await cached()).ort, { timeout: 30_000 }).toContain('/ort/ort-wasm-simd-threaded.wasm'); // WASM sessions run ORT's plain build
    await expect.poll(async () => (await cached()).staticMissing, { timeout: 30_000 }).toEqual([]);

    // ORT's wasm passes the service worker (V8 keeps its compiled code only then): online it came
    // from the network, offline the model worker reads the copy the service worker kept
    // (ORT's own thread workers, started from /ort/, are left alone: one blocked in a wait never answers)
    const fromKeptCopy = async () => (await Promise.all(page.workers().filter((w) => !w.url().includes('/ort/'))
      .map((w) => w.evaluate((n) => performance.getEntriesByName(n).length, KEPT_WASM_MARK).catch(() => 0)))).reduce((a, b) => a + b, 0);
    expect(await fromKeptCopy()).toBe(0);
    // the first visit downloaded the weights (nothing was kept yet); offline the model worker reads
    // the kept copy itself (lib/runtime/kept-model.ts), without asking the network or the service worker
    const measured = async (name: string) => (await Promise.all(page.workers().filter((w) => !w.url().includes('/ort/'))
      .map((w) => w.evaluate((n) => performance.getEntriesByName(n).length, MARK_PREFIX + name).catch(() => 0)))).reduce((a, b) => a + b, 0);
    expect(await measured('weights:fetch')).toBe(1);
    mark('cached');
    await server.close(); // nothing answers any more…
    await ctx.setOffline(true); // …and the browser knows it
    await page.reload();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    mark('reloaded offline');
    const offline = await generate(page);
    mark('generated offline');
    expect(offline).toBe(online);
    expect(await fromKeptCopy()).toBe(1);
    expect([await measured('weights:kept'), await measured('weights:fetch')]).toEqual([1, 0]);
    expect(errors).toEqual([]);
    await ctx.close();
  }, RUN * 2);
});
