/**
 * The speculative-decoding lesson in real Chromium: the widget loads lm and lm-draft into the
 * page's model worker, times plain decoding, then runs speculative rounds. Greedy (temperature 0)
 * must give exactly plain greedy's tokens on both backends; the chips carry marks, not colour
 * alone. Timings and ratios are printed for the report, never asserted.
 * Screenshots: test-results/screenshots/speculative-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/speculative-decoding/';
const RUN_TIMEOUT = 240_000;

async function run(page: Page) {
  await waitForWidgets(page);
  await page.getByRole('button', { name: /Load models and run|Run again/ }).click();
  await page.waitForSelector('.spec[data-phase="done"], .spec[data-phase="error"]', { timeout: RUN_TIMEOUT });
  const error = (await page.locator('.spec .gen-error').count()) > 0 ? await page.locator('.spec .gen-error').textContent() : null;
  expect(error).toBeNull();
  return read(page);
}

function read(page: Page) {
  return page.evaluate(() => {
    const stats = document.querySelector('.spec-stats');
    const text = document.querySelector('.spec-text');
    return {
      badge: document.querySelector('.spec .badge')?.getAttribute('data-backend') ?? null,
      rounds: Number(stats?.getAttribute('data-rounds')),
      alpha: Number(stats?.getAttribute('data-alpha')),
      tokensPerCall: Number(stats?.getAttribute('data-tokens-per-call')),
      speedup: stats?.getAttribute('data-speedup') ?? '',
      ids: text?.getAttribute('data-ids') ?? '',
      plainIds: text?.getAttribute('data-plain-ids') ?? '',
      marks: [...document.querySelectorAll('.spec-rounds .spec-chip')].map((c) => `${c.getAttribute('data-kind')}:${c.querySelector('.spec-mark')?.textContent}`),
    };
  });
}

describeBrowser('speculative decoding lesson', () => {
  afterAll(closeBrowser);

  it('greedy speculative decoding gives plain greedy’s tokens on WebGPU', async () => {
    // SwiftShader is slow: 8 tokens at k = 2 from "She said", where lm-draft agrees early (Node eager run:
    // 4 of 5 drafts accepted, one rejected and resampled), so both paths run in 4 lm calls.
    const { page, errors, status } = await openPage(`${LESSON}?speculative.prompt=She%20said&speculative.temperature=0&speculative.k=2&speculative.maxTokens=8&speculative.backend=webgpu`);
    expect(status).toBe(200);
    const r = await run(page);
    console.log('speculative greedy webgpu:', JSON.stringify({ ...r, marks: r.marks.length }));
    expect(r.badge).toBe('webgpu');
    expect(r.ids.split(',')).toHaveLength(8);
    expect(r.alpha).toBeGreaterThan(0); // some drafts accepted: both paths (accept and resample) are exercised
    expect(r.ids).toBe(r.plainIds);
    expect(r.rounds).toBeGreaterThan(0);
    await screenshot(page, 'speculative-webgpu');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('on WASM too; then temperature 1 re-runs by itself: every chip has the mark of its kind, a data table, axe clean (1280 px)', async () => {
    const { page, errors } = await openPage(`${LESSON}?speculative.temperature=0&speculative.k=3&speculative.maxTokens=16&speculative.seed=7&speculative.backend=wasm`);
    const g = await run(page);
    console.log('speculative greedy wasm:', JSON.stringify({ ...g, marks: g.marks.length }));
    expect(g.badge).toBe('wasm');
    expect(g.ids).toBe(g.plainIds);
    expect(g.alpha).toBeGreaterThan(0);
    await page.getByRole('slider', { name: /Temperature/ }).fill('1');
    // the re-run may pass through its phases faster than a poll: wait for its result instead (seeded, so deterministic)
    await page.waitForFunction((ids) => {
      const ids2 = document.querySelector('.spec[data-phase="done"] .spec-text')?.getAttribute('data-ids');
      return ids2 !== undefined && ids2 !== null && ids2 !== ids;
    }, g.ids, { timeout: RUN_TIMEOUT });
    const r = await read(page);
    console.log('speculative sampled wasm:', JSON.stringify({ ...r, marks: r.marks.length }));
    const want: Record<string, string> = { accepted: '✓', rejected: '✗', unchecked: '–', resampled: '↺', bonus: '+' };
    for (const m of r.marks) expect(want[m.split(':')[0]]).toBe(m.split(':')[1]);
    expect(r.marks.length).toBeGreaterThan(r.rounds);
    expect(r.speedup).not.toBe('');
    await page.locator('.spec-table summary').click();
    expect(await page.locator('.spec-table tbody tr').count()).toBe(r.rounds);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'speculative-light');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'speculative-widget-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('/embed/speculative/ fits a 360 px screen in dark mode with no axe violations', async () => {
    const { page, errors, status } = await openPage('/embed/speculative/?k=2&maxTokens=8&seed=3&backend=wasm', { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    expect(status).toBe(200);
    const r = await run(page);
    expect(r.rounds).toBeGreaterThan(0);
    await page.locator('.spec-table summary').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'speculative-embed-dark-360');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('the lesson page fits 360 px (display math included) with no axe violations', async () => {
    const { page, errors } = await openPage(LESSON, { viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const widths = await page.$$eval('.katex-display', (els) => els.map((e) => `${e.scrollWidth}/${e.clientWidth} ${(e.textContent ?? '').slice(0, 30)}`));
    console.log('display math widths at 360 px:', widths);
    const wide = await page.$$eval('.katex-display', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).length);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'speculative-lesson-360');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(wide).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);
});
