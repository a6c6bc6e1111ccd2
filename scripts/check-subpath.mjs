#!/usr/bin/env node
/**
 * Checks a build made for a sub-path host (a GitHub Pages project site, say) in headless Chromium.
 * Not part of `npm test` (it needs its own build); run it by hand after changing URLs or the
 * service worker:
 *
 *   NEXT_PUBLIC_BASE_PATH=/repo npm run build && node scripts/check-subpath.mjs /repo
 *
 * Serves out/ below /repo/ WITHOUT isolation headers (as GitHub Pages does), then: the home page
 * loads with no failed request, the service worker registers with scope /repo/ and, after its one
 * reload, the page is cross-origin isolated; "generate" runs lm on WASM; a lesson's prose links,
 * the gallery's embed links and an embed page stay below /repo/; every widget's embed page loads
 * with no failed request; with the server gone and the
 * browser offline the home page reloads and generates the same tokens. Prints PASS or the failures.
 */
import { mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer } from './serve.mjs';

const base = '/' + (process.argv[2] ?? '/repo').split('/').filter(Boolean).join('/') + '/';
const site = mkdtempSync(join(tmpdir(), 'llm-lab-subpath-'));
symlinkSync(resolve('out'), join(site, base.slice(1, -1)));
const server = await startServer({ dir: site, isolation: false });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--headless', '--enable-unsafe-webgpu'], headless: true });
const ctx = await browser.newContext({ serviceWorkers: 'allow' });
const failures = [];
const check = (ok, what) => { console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`); if (!ok) failures.push(what); };
const bad = [];
// aborted requests are Next's link prefetches cut short by a navigation or a closed page
ctx.on('requestfailed', (r) => { if (r.failure()?.errorText !== 'net::ERR_ABORTED') bad.push(`${r.url()} (${r.failure()?.errorText})`); });
ctx.on('response', (r) => { if (r.status() >= 400) bad.push(`${r.url()} → ${r.status()}`); });

async function generate(page) {
  await page.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 60_000 });
  await page.getByRole('button', { name: /generate/i }).first().click();
  await page.waitForSelector('.gen[data-phase="done"], .gen[data-phase="error"]', { timeout: 120_000 });
  return { phase: await page.getAttribute('.gen', 'data-phase'), ids: await page.getAttribute('.gen-output', 'data-ids') };
}

try {
  const page = await ctx.newPage();
  page.on('pageerror', (e) => bad.push(`page error: ${e.message}`));
  await page.goto(`${server.url}${base}?generate.maxTokens=4&generate.seed=11&generate.backend=wasm`);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await page.waitForFunction(() => self.crossOriginIsolated === true, null, { timeout: 60_000 }).catch(() => {});
  check(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope) === `${server.url}${base}`, `service worker scope is ${base}`);
  check(await page.evaluate(() => self.crossOriginIsolated), 'cross-origin isolated through the service worker (host sent no headers)');
  const online = await generate(page);
  check(online.phase === 'done' && (online.ids ?? '').split(',').length >= 4, `generates on WASM (ids ${online.ids})`);
  const hrefs = await page.$$eval('a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
  check(hrefs.length > 0 && hrefs.every((h) => h.startsWith(base)), `every site link on the home page starts with ${base} (${hrefs.length})`);

  const lesson = await ctx.newPage();
  await lesson.goto(`${server.url}${base}lessons/tokens-and-bytes/`);
  const prose = await lesson.$$eval('article a[href^="/"]', (as) => as.map((a) => a.getAttribute('href')));
  check(prose.length > 0 && prose.every((h) => h.startsWith(base)), `lesson prose links start with ${base} (${prose.join(' ')})`);
  const gallery = await ctx.newPage();
  await gallery.goto(`${server.url}${base}widgets/`);
  const embeds = await gallery.$$eval('a[href*="/embed/"]', (as) => as.map((a) => a.getAttribute('href')));
  check(embeds.length > 0 && embeds.every((h) => h.startsWith(`${base}embed/`)), `gallery embed links start with ${base}embed/ (${embeds.length})`);
  const embed = await ctx.newPage();
  await embed.goto(`${server.url}${base}embed/token-viewer/?text=hello`);
  await embed.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 60_000 });
  check((await embed.textContent('body')).includes('hello'), 'an embed page renders its widget');
  await Promise.all([lesson.close(), gallery.close(), embed.close()]);
  // every widget's embed page once: whatever it fetches on load must be found below the base
  const ids = [...new Set(embeds.map((h) => h.slice(`${base}embed/`.length).split('/')[0]))];
  const before = bad.length;
  for (const id of ids) {
    const p = await ctx.newPage();
    await p.goto(`${server.url}${base}embed/${id}/`);
    await p.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 60_000 }).catch(() => bad.push(`${id}: still loading`));
    await p.waitForLoadState('networkidle').catch(() => {});
    await p.close();
  }
  check(bad.length === before, `all ${ids.length} embed pages load what they fetch${bad.length > before ? ': ' + bad.slice(before).join('; ') : ''}`);

  // offline: the model must be in the cache under its sha256 first
  await page.waitForFunction(async () => (await (await globalThis.caches.open('llm-lab-models')).keys()).length > 0, null, { timeout: 60_000 });
  check(bad.length === 0, `no failed request or page error online${bad.length ? ': ' + bad.join('; ') : ''}`);
  await server.close();
  await ctx.setOffline(true);
  await page.reload();
  const offline = await generate(page);
  check(offline.phase === 'done' && offline.ids === online.ids, `offline reload generates the same tokens (${offline.ids})`);
} catch (e) {
  check(false, `threw: ${e?.stack ?? e}`);
} finally {
  await browser.close();
  await server.close().catch(() => {});
}
console.log(failures.length ? `FAIL (${failures.length})` : 'PASS');
process.exit(failures.length ? 1 : 0);
