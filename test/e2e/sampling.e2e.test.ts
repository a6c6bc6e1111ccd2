/**
 * The decoding lesson in real Chromium: the next-token widget loads `lm` into the model worker,
 * runs the 'logits' graph on the prompt and draws before/after bars; moving the temperature
 * reshapes the after-bars in the page (no second model run), Sample appends a token. No console
 * errors, axe clean, fits 360 px in dark mode. Timings are printed for the report, never asserted.
 * Screenshots: test-results/screenshots/sampling-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/sampling/';
const RUN_TIMEOUT = 240_000;

const afters = (page: Page) => page.$$eval('.nt-row', (els) => els.map((e) => Number(e.getAttribute('data-after'))));

/** Press Load and wait for the bars; returns ms from the click to the first bars. */
async function loadBars(page: Page): Promise<number> {
  await waitForWidgets(page);
  const t0 = Date.now();
  await page.locator('[data-widget="next-token"]').getByRole('button', { name: 'Load the model' }).click();
  await page.waitForSelector('.nt-row, .nt-error', { timeout: RUN_TIMEOUT });
  const ms = Date.now() - t0;
  const error = (await page.locator('.nt-error').count()) > 0 ? await page.locator('.nt-error').textContent() : null;
  expect(error).toBeNull();
  return ms;
}

describeBrowser('decoding lesson', () => {
  afterAll(closeBrowser);

  it('loads lm, shows 12 before/after bars, and a lower temperature sharpens the after-bars without a model run', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?next-token.seed=7`);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/Decoding/);
    const ms = await loadBars(page);
    expect(await page.locator('.nt-row').count()).toBe(12);
    const status1 = await page.locator('.nt-status').textContent();
    console.log('sampling: first bars', ms, 'ms from click; widget says', await page.getAttribute('.nt-status', 'data-first-ms'), 'ms;', status1);
    expect(status1).toMatch(/Scored 4096 possible next tokens/);
    const before = await afters(page);
    // T = 1 and no filters: after = before (the model's own distribution)
    const befores = await page.$$eval('.nt-row', (els) => els.map((e) => Number(e.getAttribute('data-before'))));
    before.forEach((p, i) => expect(p).toBeCloseTo(befores[i], 5));
    const nt = page.locator('[data-widget="next-token"]');
    await nt.getByRole('slider', { name: /Temperature/ }).fill('0.3');
    await page.waitForFunction((p0) => Number(document.querySelector('.nt-row')?.getAttribute('data-after')) > p0 + 1e-3, before[0]);
    const sharp = await afters(page);
    expect(sharp[0]).toBeGreaterThan(before[0]);
    expect(Number(await page.getAttribute('[data-entropy-after]', 'data-entropy-after'))).toBeLessThan(2);
    // top-p 0.5 at T = 0.3 keeps few tokens
    await nt.getByRole('slider', { name: /Top-p/ }).fill('0.5');
    await page.waitForFunction(() => Number(document.querySelector('[data-kept]')?.getAttribute('data-kept')) < 10);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'sampling-light');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'sampling-widget-light.png'), animations: 'disabled' });
    // Sample appends a token and re-runs the model on the longer prompt
    const prompt = nt.getByLabel('Prompt');
    const p0 = await prompt.inputValue();
    await nt.getByRole('button', { name: 'Sample a token' }).click();
    await page.waitForFunction((n) => ((document.querySelector('.nt textarea') as HTMLTextAreaElement | null)?.value.length ?? 0) > n, p0.length);
    expect((await prompt.inputValue()).startsWith(p0)).toBe(true);
    await page.waitForSelector('.nt[data-phase="ready"]', { timeout: RUN_TIMEOUT });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(`${LESSON}?next-token.topK=5&next-token.temperature=1.4`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await loadBars(page);
    expect(await page.locator('.nt-row-cut').count()).toBeGreaterThan(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'sampling-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'sampling-widget-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);
});
