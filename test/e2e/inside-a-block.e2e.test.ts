/**
 * The "Inside a block" lesson in real Chromium: the logit lens and the residual stream load `lm`
 * and run its 'lens' graph (WASM, and WebGPU on SwiftShader in headless); the lens finds the
 * default prompt's answer forming after block 5 (as the lesson says), arrow keys move the picked
 * cell, a new prompt or position updates the picture; the embed reproduces its URL state; no
 * console errors, axe clean, fits 360 px. Timings are printed, never asserted.
 * Screenshots: test-results/screenshots/inside-a-block-*.png (the lens at 1280 px light; the whole page
 * and the lens and norm widgets at 360 px dark, taken on the same page after a resize, so the model
 * loads once for both).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/inside-a-block/';
const RUN_TIMEOUT = 120_000;

/** Press the Load button inside widget `sel` and wait until it has run on `backend`. */
async function load(page: Page, sel: string, backend: string): Promise<void> {
  await waitForWidgets(page);
  await page.locator(`${sel} button`, { hasText: 'Load the model' }).click();
  await page.waitForSelector(`${sel}[data-phase="ready"][data-ran="${backend}"] .ll-fig, ${sel} .ll-error`, { timeout: RUN_TIMEOUT });
  expect(await page.locator(`${sel} .ll-error`).count()).toBe(0);
}

const LENS = '.ll[data-widget="logit-lens"]';
const RS = '.ll[data-widget="residual-stream"]';

describeBrowser('inside-a-block lesson', () => {
  afterAll(closeBrowser);

  it('logit lens on WASM: the answer forms after block 5; keys move the cell; a new prompt re-runs; then 360 px dark fits, axe clean', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?logit-lens.backend=wasm&residual-stream.backend=wasm`);
    expect(status).toBe(200);
    await load(page, LENS, 'wasm');
    const lens = page.locator(LENS);
    expect(await lens.getAttribute('data-forms-at')).toBe('6');
    expect(await page.locator(`${LENS} .ll-summary`).textContent()).toContain('␣smiling');
    expect(await page.locator('.ll-grid tbody tr').count()).toBe(9);
    // keyboard: the picked cell is the last position of the top row; ArrowLeft moves to position 2, ArrowDown one row deeper
    await page.locator('.ll-cell[tabindex="0"]').focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getAttribute('.ll-cell[aria-pressed="true"]', 'data-pos')).toBe('2');
    expect(await page.getAttribute('.ll-cell[aria-pressed="true"]', 'data-point')).toBe('7');
    expect(await page.locator(`${LENS} .ll-live`).textContent()).toContain('after block 6, position 2');
    // a new prompt: the model runs again and the grid gets its tokens
    await page.locator(`${LENS} textarea`).fill('It is a truth universally');
    await expect.poll(() => page.locator('.ll-grid thead th').count(), { timeout: RUN_TIMEOUT }).toBe(1 + 8); // 8 tokens
    await expect.poll(() => lens.getAttribute('data-phase')).toBe('ready');
    console.log('logit lens (wasm):', await page.locator(`${LENS} .ll-status`).textContent(), 'update ms', await lens.getAttribute('data-update-ms'));
    // the top-k view
    await page.locator(`${LENS} select`).nth(1).selectOption('topk');
    await expect.poll(() => page.locator('.ll-topk tbody tr').count()).toBe(9);
    expect(await runAxe(page)).toEqual([]);
    await lens.screenshot({ path: join(SCREENSHOT_DIR, 'inside-a-block-lens-light.png'), animations: 'disabled' });
    // the same page at 360 px in dark mode (one model load instead of two): the grid fits, axe clean
    await page.locator(`${LENS} select`).nth(1).selectOption('grid');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 360, height: 800 });
    await expect.poll(() => page.locator('.ll-grid tbody tr').count()).toBe(9);
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'inside-a-block-dark-360');
    await lens.screenshot({ path: join(SCREENSHOT_DIR, 'inside-a-block-lens-dark-360.png'), animations: 'disabled' });
    await page.locator('.ll[data-widget="norm-activations"]').screenshot({ path: join(SCREENSHOT_DIR, 'inside-a-block-norms-dark-360.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('residual stream and lens on WebGPU: the stream grows; a new position updates the table', async () => {
    const { page, errors } = await openPage(`${LESSON}?logit-lens.backend=webgpu&residual-stream.backend=webgpu`);
    await load(page, RS, 'webgpu');
    const rs = page.locator(RS);
    const growth = Number(await rs.getAttribute('data-growth'));
    console.log('residual stream (webgpu): growth', growth);
    expect(growth).toBeGreaterThan(80);
    expect(await page.getAttribute('table[data-pos]', 'data-pos')).toBe('3');
    await rs.locator('select').first().selectOption('1');
    await expect.poll(() => page.getAttribute('table[data-pos]', 'data-pos')).toBe('1');
    await rs.screenshot({ path: join(SCREENSHOT_DIR, 'inside-a-block-residual-light.png'), animations: 'disabled' });
    await page.locator(LENS).locator('button', { hasText: 'Load the model' }).click();
    await page.waitForSelector(`${LENS}[data-ran="webgpu"] .ll-grid`, { timeout: RUN_TIMEOUT });
    expect(await page.locator(LENS).getAttribute('data-forms-at')).toBe('6');
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('the embed reproduces the URL state: /embed/logit-lens/ opens the top-3 view at position 1', async () => {
    const { page, errors, status } = await openPage('/embed/logit-lens/?text=Mrs.%20Jennings&view=topk&k=3&pos=1&backend=wasm');
    expect(status).toBe(200);
    await load(page, LENS, 'wasm');
    expect(await page.locator('.ll-topk thead th').count()).toBe(1 + 3 + 2);
    expect(await page.locator('.ll-topk caption, .ll-fig figcaption').first().textContent()).toContain('Position 1');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('norm-activations embed: LayerNorm and RMSNorm of (3, 4), GELU(1) = 0.841192; typing updates the table', async () => {
    const { page, errors, status } = await openPage('/embed/norm-activations/?v=3,4&at=1');
    expect(status).toBe(200);
    await waitForWidgets(page);
    const root = page.locator('.ll[data-widget="norm-activations"]');
    expect(await root.getAttribute('data-dims')).toBe('2');
    expect(await page.getAttribute('.ll-summary', 'data-gelu')).toBe('0.841192');
    expect(await page.locator('.ll-table').first().locator('tbody tr').first().textContent()).toBe('03.000−1.0000.849');
    await page.getByLabel(/Vector x/).fill('1, 2, 3');
    await expect.poll(() => root.getAttribute('data-dims')).toBe('3');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);
});
