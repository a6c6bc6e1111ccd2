/**
 * Cross-origin isolation (scripts/headers.mjs) so ORT's WASM runs on several threads:
 * - a lesson page served like `npm start` is cross-origin isolated (SharedArrayBuffer exists);
 * - an embed inside a course page on another origin that is NOT isolated still generates, on one
 *   thread; inside a course page that is isolated and allows it, the embed is isolated too;
 * - on a host that sends no COOP/COEP, the service worker adds them: after one reload the page is
 *   isolated.
 * The course pages are tiny files served from a temporary folder by two more servers (with and
 * without COOP/COEP); page.route cannot stand in for them, as Chromium treats a routed page as
 * public and then blocks its iframes to 127.0.0.1 (local network access checks).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without types
import { startServer } from '../../scripts/serve.mjs';
import { CHROMIUM, CHROMIUM_ARGS, closeBrowser, describeBrowser, launchBrowser, openPage, url } from './browser';

const RUN = 120_000;

type Server = { url: string; close(): Promise<void> };

function hostPage(src: string, allow: string): string {
  return `<!doctype html><html lang="en"><title>Course page</title><h1>Course</h1><iframe src="${src}" ${allow} title="LLM Lab" style="width:100%;height:700px"></iframe></html>`;
}

describeBrowser('cross-origin isolation', () => {
  let dir = '';
  let plainHost: Server;
  let isolatedHost: Server;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'llm-lab-course-'));
    writeFileSync(join(dir, 'course.html'), hostPage(url('/embed/generate/?maxTokens=5&seed=3&backend=wasm'), ''));
    writeFileSync(join(dir, 'course-isolated.html'), hostPage(url('/embed/utf8-bytes/'), 'allow="cross-origin-isolated"'));
    plainHost = await startServer({ dir, isolation: false });
    isolatedHost = await startServer({ dir });
  });
  afterAll(async () => {
    await closeBrowser();
    await plainHost?.close();
    await isolatedHost?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a lesson page served like `npm start` is cross-origin isolated, with SharedArrayBuffer', async () => {
    const { page, errors } = await openPage('/lessons/sampling/');
    const r = await page.evaluate(() => ({ isolated: self.crossOriginIsolated, sab: typeof SharedArrayBuffer }));
    expect(r).toEqual({ isolated: true, sab: 'function' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('an embed on another origin that is not isolated still generates, on one thread', async () => {
    const page = await (await launchBrowser()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${plainHost.url}/course.html`);
    const frame = page.frameLocator('iframe');
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(false);
    await frame.locator('.widget-loading').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => {});
    await frame.getByRole('button', { name: /generate/i }).first().click();
    await frame.locator('.gen[data-phase="done"], .gen[data-phase="error"]').first().waitFor({ timeout: RUN });
    const error = await frame.locator('body').evaluate(() => document.querySelector('.gen-error')?.textContent ?? '');
    expect(await frame.locator('.gen').first().getAttribute('data-phase'), error).toBe('done');
    expect(await frame.locator('.gen-actions .badge').first().getAttribute('data-threads')).toBe('1');
    expect(await frame.locator('body').evaluate(() => self.crossOriginIsolated)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  it('an embed inside an isolated course page that allows it is isolated too', async () => {
    const page = await (await launchBrowser()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${isolatedHost.url}/course-isolated.html`);
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.locator('body').evaluate(() => self.crossOriginIsolated), { timeout: 20_000 }).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('on a host without COOP/COEP the service worker adds them: one reload, then isolated', async () => {
    const plain = await startServer({ dir: 'out', isolation: false });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      const ctx = await browser.newContext({ serviceWorkers: 'allow' });
      const page = await ctx.newPage();
      const res = await page.goto(`${plain.url}/lessons/sampling/`);
      expect(res?.headers()['cross-origin-embedder-policy']).toBeUndefined();
      await expect.poll(() => page.evaluate(() => self.crossOriginIsolated).catch(() => false), { timeout: 30_000 }).toBe(true);
      expect(await page.evaluate(() => sessionStorage.getItem('llm-lab:isolation-reload'))).toBe('1');
    } finally {
      await browser.close();
      await plain.close();
    }
  }, RUN);
});
