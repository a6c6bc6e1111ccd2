/**
 * The Embeddings lesson in real Chromium: the map loads lm's embedding table and draws the PCA
 * plane with the chosen word's neighbours; typing another word moves the highlight; the analogy
 * widget answers; the context widget runs lm (model worker) on two sentences and its per-layer
 * similarity matches the eager TS value the lesson quotes (0.44 after block 8). One embed URL.
 * No console errors, axe clean, fits 360 px. Timings are printed for the report, never asserted.
 * Screenshots: test-results/screenshots/embeddings-*.png.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/embeddings/';
const T = 120_000;

describeBrowser('embeddings lesson', () => {
  afterAll(closeBrowser);

  it('map: PCA and neighbours appear, typing a word moves the picture; analogy and context widgets answer', async () => {
    const { page, errors, status } = await openPage(LESSON);
    expect(status).toBe(200);
    await waitForWidgets(page);
    const map = page.locator('[data-pick]').first();
    await page.waitForSelector('[data-pca-ms]:not([data-pca-ms=""])', { timeout: T });
    expect(await page.getByTestId('pc1').textContent()).toBe('14.5%');
    const nb0 = await map.getAttribute('data-nb');
    expect(nb0).not.toBe('');
    const t0 = Date.now();
    await page.getByLabel('Word', { exact: true }).fill('said');
    await expect.poll(() => map.getAttribute('data-nb')).not.toBe(nb0);
    console.log('embeddings: map update after typing', Date.now() - t0, 'ms (incl. Playwright); neighbours computed in', await map.getAttribute('data-compute-ms'), 'ms; PCA took', await map.getAttribute('data-pca-ms'), 'ms in slices');
    expect(await page.getByTestId('neighbours').textContent()).toContain('·replied');
    // analogy
    await expect.poll(() => page.locator('[data-rank]').first().getAttribute('data-rank')).toBe('1');
    expect(await page.getByTestId('set-summary').textContent()).toMatch(/#1 for 22|is #1 for 22/);
    // context: run the model
    await page.getByRole('button', { name: 'Load the model' }).click();
    const ctx = page.locator('[data-sim]').first();
    await page.waitForSelector('[data-sim]:not([data-sim=""])', { timeout: T });
    const sim = (await ctx.getAttribute('data-sim'))!.split(',').map(Number);
    console.log('embeddings: context similarity per layer', sim.join(' '), 'on', await ctx.getAttribute('data-ran'));
    expect(sim[0]).toBeCloseTo(1, 4);
    expect(sim[8]).toBeCloseTo(0.439, 2); // the eager TS value the lesson quotes
    const t1 = Date.now();
    await page.getByLabel('Sentence 2').fill('She had a clever mind.');
    await expect.poll(() => ctx.getAttribute('data-sim'), { timeout: T }).not.toBe(sim.map((x) => x.toFixed(4)).join(','));
    console.log('embeddings: context update after typing', Date.now() - t1, 'ms; widget says', await ctx.getAttribute('data-update-ms'), 'ms');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'embeddings-light');
    const widgets = page.locator('.widget');
    for (let i = 0; i < 3; i++) await widgets.nth(i).screenshot({ path: join(SCREENSHOT_DIR, `embeddings-widget-${i}-light.png`), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * T);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(`${LESSON}?embed-map.word=whale`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await page.waitForSelector('[data-pca-ms]:not([data-pca-ms=""])', { timeout: T });
    expect(await page.getByTestId('split').first().textContent()).toContain('·w');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'embeddings-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'embeddings-widget-0-dark-360.png'), animations: 'disabled' });
    await page.locator('.widget').nth(1).screenshot({ path: join(SCREENSHOT_DIR, 'embeddings-widget-1-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, T);

  it('the analogy embed URL works on its own with a preset state', async () => {
    const { page, errors, status } = await openPage('/embed/embed-analogy/?a=he&b=she&c=him&expected=her');
    expect(status).toBe(200);
    await expect.poll(() => page.locator('[data-rank]').first().getAttribute('data-rank'), { timeout: T }).toBe('1');
    expect(errors).toEqual([]);
    await page.close();
  }, T);
});
