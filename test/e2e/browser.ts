/**
 * E2E helpers: drive Debian's Chromium through playwright-core against the served static site.
 *
 *   import { describeBrowser, openPage, runAxe, screenshot, url, closeBrowser } from './browser';
 *   describeBrowser('my topic', () => {
 *     afterAll(closeBrowser);
 *     it('renders with no console errors', async () => {
 *       const { page, errors } = await openPage('/lessons/x/', { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
 *       await waitForWidgets(page);
 *       expect(errors).toEqual([]);
 *       expect(await runAxe(page)).toEqual([]);   // serious + critical violations only
 *       await screenshot(page, 'x-dark-360');      // → test-results/screenshots/x-dark-360.png
 *       await page.close();
 *     });
 *   });
 *
 * One browser per test file (launched on first openPage, fresh user-data-dir), one page per
 * openPage. Service workers are blocked here, so every test sees the network (and its page.route
 * faults) rather than the offline cache; test/e2e/offline.e2e.test.ts opens its own context with them. `errors` collects console errors, uncaught page errors, HTTP errors (≥400) of
 * subresources and failed requests.
 * Without Chromium the suite is skipped locally, and fails when CI=true.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, inject } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--enable-unsafe-webgpu',
];
export const SCREENSHOT_DIR = resolve('test-results/screenshots');

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** describe() that skips without Chromium, except in CI where a missing browser is a failure. */
export function describeBrowser(name: string, fn: () => void): void {
  if (hasChromium()) {
    describe(name, fn);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      throw new Error(`Chromium not found at ${CHROMIUM} (CI=true): install it with apt-get install -y chromium`);
    });
  } else describe.skip(`${name} (no Chromium at ${CHROMIUM})`, fn);
}

/** Absolute URL on the lab server (or the second, other-origin server). */
export function url(path: string, server: 'lab' | 'other' = 'lab'): string {
  return (server === 'lab' ? inject('baseURL') : inject('otherOriginURL')) + path;
}

// The launch itself is shared, so two tests that open their first pages at once (concurrent tests)
// get the same browser.
let context: Promise<BrowserContext> | null = null;
let profileDir: string | null = null;

export function launchBrowser(): Promise<BrowserContext> {
  context ??= (async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'llm-lab-chromium-'));
    const ctx = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      serviceWorkers: 'block',
    });
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
    return ctx;
  })();
  return context;
}

export async function closeBrowser(): Promise<void> {
  const ctx = context;
  context = null;
  await (await ctx?.catch(() => null))?.close();
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  profileDir = null;
}

export interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number };
  reducedMotion?: 'reduce' | 'no-preference';
  server?: 'lab' | 'other';
}

export async function openPage(path: string, opts: OpenOptions = {}): Promise<{ page: Page; errors: string[]; status: number | null }> {
  const ctx = await launchBrowser();
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url() !== page.url()) errors.push(`http ${r.status()}: ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    const why = r.failure()?.errorText ?? '';
    // ERR_ABORTED: a prefetch or load cancelled by navigation / page close, not a broken resource.
    if (!why.includes('ERR_ABORTED')) errors.push(`requestfailed: ${r.url()} ${why}`);
  });
  await page.emulateMedia({ colorScheme: opts.colorScheme ?? 'light', reducedMotion: opts.reducedMotion ?? 'no-preference' });
  await page.setViewportSize(opts.viewport ?? { width: 1280, height: 900 });
  const res = await page.goto(url(path, opts.server), { waitUntil: 'load' });
  return { page, errors, status: res?.status() ?? null };
}

/** Wait until every widget on the page has loaded its lazy code (no "Loading the widget…" left). */
export async function waitForWidgets(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 20_000 });
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page (empty array = pass). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: resolve('node_modules/axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (window as any).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v: any) => v.impact === 'serious' || v.impact === 'critical')
      .map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')).slice(0, 5) }));
  });
}

/** Full-page PNG under test-results/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^a-z0-9-_]+/gi, '_')}.png`);
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
  return path;
}
