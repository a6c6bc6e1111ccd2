/**
 * The Efficient-attention lesson in real Chromium: flash-tiling loads lm into the model worker,
 * takes one head's Q/K/V from the 'taps' graph and steps the tiled online softmax (max difference
 * from ordinary attention shown; block sizes change the steps); sparse-masks draws the mask and
 * measures lm's loss under it in its eager worker (one window, to stay quick), re-measuring when
 * the pattern changes; one embed URL; 1280 px light and 360 px dark. No console errors, axe clean.
 * Screenshots: test-results/screenshots/efficient-attention-*.png.
 */
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/efficient-attention/';
const RUN_TIMEOUT = 120_000;

describeBrowser('efficient-attention lesson', () => {
  afterAll(closeBrowser);

  it('flash-tiling runs lm\'s real Q/K/V block by block: exact to rounding, steps follow Br×Bc and the keyboard', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?sparse-masks.windows=1`, { viewport: { width: 1280, height: 900 } });
    expect(status).toBe(200);
    await waitForWidgets(page);
    const ft = page.locator('.ft').first();
    await ft.getByRole('button', { name: 'Load lm and run' }).click();
    await page.waitForSelector('.ft [data-maxdiff], .ft-error', { timeout: RUN_TIMEOUT });
    expect(await page.locator('.ft-error').count()).toBe(0);
    expect(Number(await page.getAttribute('.ft [data-maxdiff]', 'data-maxdiff'))).toBeLessThan(1e-5);
    expect(await page.locator('.ft .backend-badge, .ft [data-backend]').count()).toBeGreaterThan(0);
    const stepLabel = () => ft.locator('label[for$="-step"] output').textContent();
    const total0 = (await stepLabel())!.split('/')[1].trim();
    await ft.getByRole('button', { name: /Next/ }).click();
    await expect.poll(stepLabel).toMatch(/^2 \//);
    await ft.getByRole('slider', { name: /^Step/ }).press('ArrowRight');
    await expect.poll(stepLabel).toMatch(/^3 \//);
    await ft.getByRole('slider', { name: /Rows per block/ }).fill('4');
    await expect.poll(async () => (await stepLabel())!.split('/')[1].trim()).not.toBe(total0);
    const std = await page.getAttribute('.ft [data-std]', 'data-std');
    await ft.getByRole('slider', { name: /Sequence length/ }).fill('1024');
    await expect.poll(() => page.getAttribute('.ft [data-std]', 'data-std')).not.toBe(std);
    await page.locator('.widget', { has: ft }).screenshot({ path: join(SCREENSHOT_DIR, 'efficient-attention-flash-1280.png'), animations: 'disabled' });

    // sparse masks: the picture answers at once, the loss comes from the worker
    const sm = page.locator('.sm').first();
    const dens = () => sm.locator('[data-density]').getAttribute('data-density');
    const d0 = await dens();
    await sm.getByLabel('Pattern', { exact: true }).selectOption('window');
    await expect.poll(dens).not.toBe(d0);
    await sm.getByRole('button', { name: /Measure loss/ }).click();
    await page.waitForSelector('.sm [data-delta], .sm-error', { timeout: RUN_TIMEOUT });
    expect(await page.locator('.sm-error').count()).toBe(0);
    expect(await sm.locator('[data-backend="ts-cpu"]').count()).toBe(1);
    const delta0 = Number(await sm.locator('[data-delta]').getAttribute('data-delta'));
    expect(delta0).toBeGreaterThan(0);
    await sm.getByLabel('Pattern', { exact: true }).selectOption('dilated-window');
    await expect.poll(async () => Number(await sm.locator('[data-delta]').getAttribute('data-delta')), { timeout: RUN_TIMEOUT }).toBeGreaterThan(delta0 + 0.5);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'efficient-attention-light');
    await page.locator('.widget', { has: sm }).screenshot({ path: join(SCREENSHOT_DIR, 'efficient-attention-masks-1280.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN_TIMEOUT);

  it('the sparse-masks embed reproduces a pattern from its URL and clamps a bad value with a note', async () => {
    const { page, errors, status } = await openPage('/embed/sparse-masks/?pattern=global-local&size=4&period=999&draw=32');
    expect(status).toBe(200);
    await page.waitForSelector('.sm [data-density]');
    expect(await page.getByLabel('Pattern', { exact: true }).inputValue()).toBe('global-local');
    expect(await page.getByRole('slider', { name: /Global every/ }).inputValue()).toBe('128');
    expect(await page.getByText(/period/i).count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(LESSON, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await page.waitForSelector('.sm [data-density]');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'efficient-attention-dark-360');
    await page.locator('.widget', { has: page.locator('.sm') }).screenshot({ path: join(SCREENSHOT_DIR, 'efficient-attention-masks-360.png'), animations: 'disabled' });
    await page.locator('.widget', { has: page.locator('.ft') }).screenshot({ path: join(SCREENSHOT_DIR, 'efficient-attention-flash-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
