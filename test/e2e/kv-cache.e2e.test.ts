/**
 * The KV-cache lesson in real Chromium: kv-growth generates with lm in the model worker with and
 * without the cache, on WASM and on WebGPU (headless: SwiftShader's software adapter), and shows
 * the cache's bytes; kv-window measures lm's loss with a sliding window ± sinks on WASM and gets
 * the recorded bench's losses; the calculator answers from its embed URL; the page fits 360 px in
 * dark mode. No console errors, axe clean. Screenshots: test-results/screenshots/kv-cache-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/kv-cache/';
const RUN_TIMEOUT = 120_000;

async function runWidget(page: Page, root: string): Promise<void> {
  await waitForWidgets(page);
  await page.locator(root).getByRole('button', { name: 'Run' }).click();
  await page.waitForSelector(`${root}[data-phase="ready"], ${root} .px-error`, { timeout: RUN_TIMEOUT });
  expect(await page.locator(`${root} .px-error`).count()).toBe(0);
}

/** Element screenshots of the lesson's three widgets, to read them as a student would. */
async function shootWidgets(page: Page, suffix: string): Promise<void> {
  for (const [name, inner] of [['growth', '.kg'], ['window', '.px[data-phase]:not(.kg)'], ['memory', '[data-testid="kv-memory-table"]']] as const) {
    await page.locator('.widget', { has: page.locator(inner) }).screenshot({ path: join(SCREENSHOT_DIR, `kv-cache-${name}-${suffix}.png`), animations: 'disabled' });
  }
}

const loss = (page: Page, id: string) => page.locator(`tr[data-series="${id}"] td`).first().textContent().then(Number);

describeBrowser('kv-cache lesson', () => {
  afterAll(closeBrowser);

  it('generates with and without the cache on WASM, and measures the window losses of the bench', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?kv-growth.tokens=48&kv-growth.backend=wasm&kv-window.backend=wasm&kv-window.size=16&kv-window.sinks=4`);
    expect(status).toBe(200);
    await runWidget(page, '.kg');
    expect(await page.getAttribute('.kg .px-actions .badge', 'data-backend')).toBe('wasm');
    const bytes = await page.getByTestId('kg-bytes').textContent();
    const cached = Number(/Cache: (\d+) tokens/.exec(bytes!)![1]);
    expect(bytes).toContain(`${cached * 4} KiB in fp32`); // lm: 4 KiB per token
    const timing = await page.getByTestId('kg-timing').textContent();
    console.log('kv-growth (wasm):', timing);
    console.log('kv-growth rows (context | ms cache | ms none):', await page.$$eval('.kg details tbody tr', (rows) => rows.filter((_, i) => i % 8 === 1).map((r) => [r.children[0].textContent, r.children[3].textContent, r.children[4].textContent].join(' | '))));
    expect(await page.locator('.kg .kg-bar').count()).toBe(16);
    expect(await page.locator('.kg .lc-line').count()).toBe(2);
    await runWidget(page, '.px[data-phase]:not(.kg)');
    // the recorded bench (ORT WASM in Node) on the same slice: 3.570, 3.743, 3.745
    expect(Math.abs((await loss(page, 'full')) - 3.570)).toBeLessThan(2e-3);
    expect(Math.abs((await loss(page, 'w16s0')) - 3.743)).toBeLessThan(2e-3);
    expect(Math.abs((await loss(page, 'w16s4')) - 3.745)).toBeLessThan(2e-3);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'kv-cache-light');
    await shootWidgets(page, 'light');
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('generates on WebGPU too', async () => {
    const { page, errors } = await openPage(`${LESSON}?kv-growth.tokens=4&kv-growth.context=0&kv-growth.backend=webgpu`);
    await runWidget(page, '.kg');
    expect(await page.getAttribute('.kg .px-actions .badge', 'data-backend')).toBe('webgpu');
    expect(await page.locator('.kg mark').textContent()).not.toBe('');
    console.log('kv-growth (webgpu):', await page.getByTestId('kg-timing').textContent());
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('fits 360 px in dark mode, and the calculator answers from its embed URL', async () => {
    const { page, errors } = await openPage(`${LESSON}?kv-growth.tokens=8&kv-growth.backend=wasm`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await runWidget(page, '.kg');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wideMath = await page.$$eval('.katex-display', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => (e.textContent ?? '').slice(0, 40)));
    await screenshot(page, 'kv-cache-dark-360');
    await shootWidgets(page, 'dark-360');
    expect(wideMath).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    const e = await openPage('/embed/kv-memory/?model=mistral-7b&format=fp16&tokens=32768');
    expect(e.status).toBe(200);
    await e.page.waitForSelector('[data-testid="kv-memory-table"]');
    expect(await e.page.locator('tr[data-kind="GQA"] td').allTextContents()).toEqual(['128 KiB', '4 GiB']);
    expect(e.errors).toEqual([]);
    await e.page.close();
  }, RUN_TIMEOUT);
});
