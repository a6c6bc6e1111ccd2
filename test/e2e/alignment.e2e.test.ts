/**
 * The alignment lesson in real Chromium: the pref-train widget does nothing until Start; a DPO run
 * in the lib/align worker is cancelled after a few steps (loss starts at log 2); a 5-step run goes
 * to the end at 360 px in dark mode (next-token bars, KL); the URL keeps the seed and clamps a bad
 * β with a note, in the embed too. Steps per second are printed, never asserted. No console
 * errors, axe clean. Screenshots: test-results/screenshots/alignment-*.png.
 */
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/alignment/';
const RUN = 120_000;

describeBrowser('Alignment lesson', () => {
  afterAll(closeBrowser);

  it('keeps the seed from the URL, starts a DPO run on Start only, and cancels it after a few steps', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?pref-train.seed=7`);
    expect(status).toBe(200);
    await waitForWidgets(page);
    expect(await page.getAttribute('.pt', 'data-phase')).toBe('idle');
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('7');
    await page.getByLabel('Steps', { exact: true }).fill('12');
    await expect.poll(() => page.url()).toContain('pref-train.steps=12');
    expect(page.url()).toContain('pref-train.seed=7');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForFunction(() => Number(document.querySelector('.pt')?.getAttribute('data-steps')) >= 3, null, { timeout: RUN });
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('.pt[data-phase="cancelled"]');
    expect(Number(await page.getAttribute('.pt', 'data-steps'))).toBeLessThan(12);
    // the worker evaluates every pair at the step it stopped at
    await expect.poll(() => page.getByTestId('pt-loss').textContent(), { timeout: RUN }).toMatch(/^0\.693 → 0\.(?!693)\d{3}$/);
    console.log('alignment: cancelled at step', await page.getAttribute('.pt', 'data-steps'), 'after', Date.now() - t0, 'ms; steps/s', await page.getByTestId('pt-rate').textContent());
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'alignment-light');
    await page.locator('figure:has(#align-pipe-title)').screenshot({ path: join(SCREENSHOT_DIR, 'alignment-pipeline-light.png'), animations: 'disabled' });
    await page.locator('.pt').screenshot({ path: join(SCREENSHOT_DIR, 'alignment-widget-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('runs 5 DPO steps to the end at 360 px in dark mode: bars, KL, every pair evaluated', async () => {
    const { page, errors } = await openPage(`${LESSON}?pref-train.steps=5`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForSelector('.pt[data-phase="done"], .pt[data-phase="error"]', { timeout: RUN });
    expect(await page.getAttribute('.pt', 'data-phase')).toBe('done');
    expect(await page.getByTestId('pt-progress').textContent()).toBe('5 of 5');
    expect(await page.getByTestId('pt-acc').textContent()).toMatch(/^\d of 6$/);
    expect(Number(await page.getByTestId('pt-kl').textContent())).toBeGreaterThan(0);
    expect(await page.locator('.pt-bar-row').count()).toBeGreaterThanOrEqual(3);
    console.log('alignment: 5 steps', await page.getByTestId('pt-loss').textContent(), 'margin', await page.getByTestId('pt-margin').textContent(), 'KL', await page.getByTestId('pt-kl').textContent(), 'steps/s', await page.getByTestId('pt-rate').textContent());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const axe = await runAxe(page);
    if (axe.length) console.log('alignment axe', JSON.stringify(axe));
    expect(axe).toEqual([]);
    await screenshot(page, 'alignment-dark-360');
    await page.locator('.pt').screenshot({ path: join(SCREENSHOT_DIR, 'alignment-widget-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('embeds the widget in reward-model mode and clamps a bad β with a visible note', async () => {
    const { page, errors, status } = await openPage('/embed/pref-train/?mode=reward&beta=9&seed=3');
    expect(status).toBe(200);
    await waitForWidgets(page);
    await expect.poll(() => page.getByTestId('url-notes').textContent()).toMatch(/beta/);
    expect(await page.getByLabel('Train', { exact: true }).inputValue()).toBe('reward');
    expect(await page.getByLabel('Seed', { exact: true }).inputValue()).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
