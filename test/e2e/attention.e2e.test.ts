/**
 * The attention lesson in real Chromium: the explorer loads `lm`, runs the 'taps' graph on WASM and
 * on WebGPU (headless: SwiftShader's software adapter), shows 32 thumbnails, a head in detail and
 * the stages of one query row whose recomputed softmax matches the tapped probabilities; picking
 * another head or cell changes the picture; the head-scoring widget ranks all heads; the K/V figure
 * reads lm's config. No console errors, axe clean, fits 360 px. Timings are printed, never asserted.
 * Screenshots: test-results/screenshots/attention-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/attention/';
const RUN_TIMEOUT = 240_000;

/** Press the n-th "Load the model" (0 = explorer, 1 = heads) and wait until that widget has run. */
async function loadWidget(page: Page, n: number, ready: string): Promise<void> {
  await waitForWidgets(page);
  await page.getByRole('button', { name: 'Load the model' }).nth(n).click();
  await page.waitForSelector(`${ready}, .ax-error`, { timeout: RUN_TIMEOUT });
  const error = (await page.locator('.ax-error').count()) > 0 ? await page.locator('.ax-error').first().textContent() : null;
  expect(error).toBeNull();
}

const liveValue = (page: Page) => page.getAttribute('.ax-live', 'data-value');

describeBrowser('attention lesson', () => {
  afterAll(closeBrowser);

  for (const backend of ['wasm', 'webgpu'] as const) {
    it(`explorer runs on ${backend}: 32 thumbnails, a detail map, stages that match the model's own probabilities; a new head or cell changes the picture`, async () => {
      const { page, errors, status } = await openPage(`${LESSON}?attention-explorer.backend=${backend}`);
      expect(status).toBe(200);
      await loadWidget(page, 0, `.ax[data-phase="ready"][data-ran="${backend}"] .ax-heat`);
      expect(await page.locator('.ax-thumb').count()).toBe(32);
      expect(await page.getAttribute('.ax-heat', 'data-tokens')).toBe('30');
      expect(Number(await page.getAttribute('.ax-check', 'data-max-diff'))).toBeLessThan(1e-4);
      console.log(`attention (${backend}):`, await page.locator('.ax-status').first().textContent(), 'max diff', await page.getAttribute('.ax-check', 'data-max-diff'));
      // another head: the map's head changes and so does the picked cell's weight
      const v0 = await liveValue(page);
      // click a thumbnail inside the page and time it to the next frame after the map shows that head
      const pickMs = await page.evaluate(() => new Promise<number>((done) => {
        const t0 = performance.now();
        (document.querySelector('.ax-thumb[data-layer="0"][data-head="1"]') as HTMLButtonElement).click();
        const check = () => {
          const heat = document.querySelector('.ax-heat');
          if (heat?.getAttribute('data-layer') === '0' && heat.getAttribute('data-head') === '1') requestAnimationFrame(() => done(performance.now() - t0));
          else requestAnimationFrame(check);
        };
        check();
      }));
      console.log(`attention (${backend}): head change → new picture in ${pickMs.toFixed(0)} ms (no model run)`);
      await expect.poll(() => page.getAttribute('.ax-heat', 'data-layer')).toBe('0');
      expect(await page.getAttribute('.ax-heat', 'data-head')).toBe('1');
      expect(await liveValue(page)).not.toBe(v0);
      // keyboard: ArrowLeft moves the key one to the left
      await page.locator('.ax-heat-wrap').focus();
      await page.keyboard.press('ArrowLeft');
      await expect.poll(() => page.getAttribute('.ax-cell-pick', 'data-key')).toBe('11');
      // a new sentence re-runs the model; the status reports the control-to-picture time
      await page.getByLabel('Sentence').fill('Emma smiled at Emma, and Emma smiled again.');
      await page.waitForFunction(() => document.querySelector('.ax-heat')?.getAttribute('data-tokens') !== '30', undefined, { timeout: RUN_TIMEOUT });
      await expect.poll(() => page.getAttribute('.ax', 'data-phase')).toBe('ready');
      expect(await page.getAttribute('.ax', 'data-ran')).toBe(backend);
      console.log(`attention (${backend}): after typing,`, await page.locator('.ax-status').first().textContent());
      if (backend === 'wasm') {
        // the head-scoring widget and the K/V figure
        await loadWidget(page, 0, '.ax-grid-cell');
        const top = await page.$$eval('table[data-kind="induction"] td[data-score]', (els) => els.map((e) => Number(e.getAttribute('data-score'))));
        const prev = await page.$$eval('table[data-kind="previous"] td[data-score]', (els) => els.map((e) => Number(e.getAttribute('data-score'))));
        console.log('attention heads: induction top', top, 'previous top', prev, 'loss', await page.locator('.ax-loss').textContent());
        expect(top[0]).toBeLessThan(0.15);
        expect(prev[0]).toBeGreaterThan(0.4);
        // the pattern of a picked head on the repeated block
        expect(await page.getAttribute('.ax-pattern', 'data-head')).toBe('3');
        await page.locator('button.ax-grid-cell[data-layer="1"][data-head="1"]').click();
        await expect.poll(() => page.getAttribute('.ax-pattern', 'data-layer')).toBe('1');
        expect(await page.getAttribute('tr[data-kind="GQA"]', 'data-bytes')).toBe('4096');
        expect(await runAxe(page)).toEqual([]);
        await screenshot(page, 'attention-light');
        await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'attention-explorer-light.png'), animations: 'disabled' });
      }
      expect(errors).toEqual([]);
      await page.close();
    }, 2 * RUN_TIMEOUT);
  }

  it("the lesson's challenges can be solved with the widgets as placed: query 0 weighs 1, query 1 by hand, block lengths 10 and 80", async () => {
    const { page, errors } = await openPage(`${LESSON}?attention-explorer.backend=wasm&attention-heads.backend=wasm`);
    await loadWidget(page, 0, '.ax[data-phase="ready"] .ax-heat');
    // "The first row never changes": the up arrow reaches query 0, whose one weight is 1 in every head
    await page.locator('.ax-heat-wrap').focus();
    for (let i = 0; i < 13; i++) await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.getAttribute('.ax-cell-pick', 'data-query')).toBe('0');
    expect(Number(await liveValue(page))).toBeCloseTo(1, 6);
    // "Softmax by hand": at query 1 the masked column has two numbers, and 1 / (1 + e^(x1 − x0)) is the softmax column
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getAttribute('.ax-cell-pick', 'data-query')).toBe('1');
    const rows = await page.$$eval('.ax-stage-table tbody tr[data-key]', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!.replace('−', '-'))));
    expect(rows).toHaveLength(2);
    const [x0, x1] = rows.map((r) => Number(r[2]));
    expect((1 / (1 + Math.exp(x1 - x0))).toFixed(3)).toBe(Number(rows[0][3]).toFixed(3));
    // "Does the block length matter?": the heads widget's slider reaches 10 and 80; baseline 0.067 and 0.009, no head near 1
    await page.getByRole('button', { name: 'Load the model' }).first().click();
    await page.waitForSelector('.ax-grid-cell', { timeout: RUN_TIMEOUT });
    for (const [period, baseline] of [[10, '0.067'], [80, '0.009']] as const) {
      await page.getByLabel(/Block length/).fill(String(period));
      await expect.poll(() => page.locator('.ax-small', { hasText: 'random tokens (seed' }).textContent(), { timeout: RUN_TIMEOUT }).toContain(`Input: ${period} random tokens`);
      expect(await page.locator('table[data-kind="induction"] caption').textContent()).toContain(`uniform: ${baseline}`);
      const top = Number(await page.getAttribute('table[data-kind="induction"] td[data-score]', 'data-score'));
      console.log(`attention challenge: block ${period}, best prefix-matching score ${top.toFixed(3)} (uniform ${baseline}), ${await page.locator('.ax-loss').textContent()}`);
      expect(top).toBeLessThan(0.15);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(`${LESSON}?attention-explorer.backend=wasm`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await loadWidget(page, 0, '.ax[data-phase="ready"] .ax-heat');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'attention-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'attention-explorer-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('the embed reproduces the URL state: /embed/attention-explorer/ opens layer 5 head 1, query 20', async () => {
    const { page, errors, status } = await openPage('/embed/attention-explorer/?layer=5&head=1&query=20&key=19&backend=wasm');
    expect(status).toBe(200);
    await loadWidget(page, 0, '.ax[data-phase="ready"] .ax-heat');
    expect(await page.getAttribute('.ax-heat', 'data-layer')).toBe('5');
    expect(await page.getAttribute('.ax-heat', 'data-head')).toBe('1');
    expect(await page.getAttribute('.ax-cell-pick', 'data-query')).toBe('20');
    expect(await page.getAttribute('.ax-cell-pick', 'data-key')).toBe('19');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);
});
