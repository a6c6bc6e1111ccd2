/**
 * The LoRA lesson in real Chromium: the rank widget's counts follow the slider and the SVD of a
 * real lm matrix appears; a 3-step LoRA fine-tune runs in the lib/peft worker to the end (loss
 * points, samples before and after, adapter bytes); the default fine-tune is cancelled after its
 * held-out loss first drops (time to that drop and steps/s are printed, never asserted); the embed
 * works. No console errors, axe clean, fits 360 px in dark mode.
 * Screenshots: test-results/screenshots/lora-*.png.
 */
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/lora/';
const RUN = 180_000;

describeBrowser('LoRA lesson', () => {
  afterAll(closeBrowser);

  it('updates the counts with the rank, shows the SVD error, and runs a 3-step fine-tune to the end', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?lora-finetune.steps=3`);
    expect(status).toBe(200);
    await waitForWidgets(page);
    expect(await page.getByTestId('lora-params').textContent()).toBe('28,672');
    await page.getByRole('slider', { name: /Rank r/ }).fill('4');
    await expect.poll(() => page.getByTestId('lora-params').textContent()).toBe('14,336');
    await expect.poll(() => page.url()).toContain('lora-rank.r=4');
    await page.waitForSelector('[data-testid="rank-error"]', { timeout: RUN });
    const e4 = await page.getByTestId('rank-error').textContent();
    await page.getByRole('slider', { name: /Rank r/ }).fill('32');
    await expect.poll(() => page.getByTestId('rank-error').textContent()).not.toBe(e4);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Start fine-tuning' }).click();
    await page.waitForSelector('.lf[data-phase="done"], .lf[data-phase="error"]', { timeout: RUN });
    expect(await page.getAttribute('.lf', 'data-phase')).toBe('done');
    expect(Number(await page.getAttribute('.lf', 'data-val-points'))).toBe(2); // step 0 and step 3
    expect(await page.locator('.lf-val').count()).toBe(2);
    expect(await page.getByTestId('lf-progress').textContent()).toBe('3 of 3');
    expect(await page.getByTestId('lf-after').textContent()).toMatch(/^Shall I compare thee/);
    expect(await page.getByTestId('lf-sizes').textContent()).toMatch(/adapter file .* KB/);
    console.log('lora: 3-step run', Date.now() - t0, 'ms from click;', await page.getByTestId('lf-val').textContent(), 'rate', await page.getByTestId('lf-rate').textContent());
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'lora-light');
    await page.locator('.lf').screenshot({ path: join(SCREENSHOT_DIR, 'lora-finetune-light.png'), animations: 'disabled' });
    await page.locator('.sc').first().screenshot({ path: join(SCREENSHOT_DIR, 'lora-rank-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('shows a held-out loss drop with the defaults and cancels, at 360 px in dark mode', async () => {
    const { page, errors } = await openPage(LESSON, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Start fine-tuning' }).click();
    await page.waitForFunction(() => document.querySelector('[data-testid="lf-drop-ms"]')?.textContent !== '—', null, { timeout: RUN });
    console.log('lora: default run, visible drop at', Date.now() - t0, 'ms from click; widget:', await page.getByTestId('lf-drop-ms').textContent(),
      'from job start;', await page.getByTestId('lf-val').textContent(), 'steps/s', await page.getByTestId('lf-rate').textContent());
    const stepsAtCancel = Number(await page.getAttribute('.lf', 'data-steps'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    if (stepsAtCancel < 20) {
      await page.waitForSelector('.lf[data-phase="cancelled"]');
      await page.waitForSelector('[data-testid="lf-after"]', { timeout: RUN });
      expect(await page.getByText(/After \(adapters as trained so far\)/).count()).toBe(1);
      expect(Number(await page.getAttribute('.lf', 'data-steps'))).toBeLessThan(20);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const axe = await runAxe(page);
    if (axe.length) console.log('lora axe', JSON.stringify(axe));
    expect(axe).toEqual([]);
    await screenshot(page, 'lora-dark-360');
    await page.locator('.lf').screenshot({ path: join(SCREENSHOT_DIR, 'lora-finetune-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('embeds the rank widget with its state', async () => {
    const { page, errors, status } = await openPage('/embed/lora-rank/?r=4&targets=qkvo');
    expect(status).toBe(200);
    await waitForWidgets(page);
    expect(await page.getByTestId('lora-params').textContent()).toBe((8 * 4 * 896).toLocaleString('en'));
    await page.waitForSelector('[data-testid="rank-error"]', { timeout: RUN });
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
