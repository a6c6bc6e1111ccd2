/**
 * The decoding lesson's step-by-step and beam-search widgets in real Chromium: each loads `lm`
 * into the page's model worker and runs live; the step widget moves back and forth through the
 * generated tokens, the beam widget redraws when the width changes. Embeds work from their URL.
 * No console errors, axe clean, fits 360 px in dark mode. Screenshots: decoding-*.png.
 */
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/sampling/';
const RUN_TIMEOUT = 240_000;

async function loadIn(w: Locator): Promise<void> {
  await w.getByRole('button', { name: 'Load the model' }).click();
  await w.locator('.dec[data-job="done"], .dec-error').first().waitFor({ timeout: RUN_TIMEOUT });
  expect(await w.locator('.dec-error').count()).toBe(0);
}

describeBrowser('decoding lesson: step by step and beam search', () => {
  afterAll(closeBrowser);

  it('step by step: generates 5 tokens, Forward and the arrow keys move through them, the badge names the backend', async () => {
    const { page, errors } = await openPage(`${LESSON}?decode-steps.steps=5&decode-steps.temperature=0`);
    await waitForWidgets(page);
    const w = page.locator('[data-widget="decode-steps"]');
    await w.scrollIntoViewIfNeeded();
    await loadIn(w);
    const toks = w.getByRole('group', { name: /Generated tokens/ }).getByRole('button');
    expect(await toks.count()).toBe(5);
    await expect.poll(() => w.locator('.dec-where').textContent()).toBe('Step 1 of 5');
    expect(await w.locator('.badge').getAttribute('data-backend')).toMatch(/^(wasm|webgpu)$/);
    // greedy: every step drew its token with probability 100%
    expect(await w.locator('figcaption').textContent()).toMatch(/drawn probability 100%/);
    await w.getByRole('button', { name: 'Forward →' }).click();
    await expect.poll(() => w.locator('.dec-where').textContent()).toBe('Step 2 of 5');
    await toks.nth(1).focus();
    await page.keyboard.press('End');
    await expect.poll(() => w.locator('.dec-where').textContent()).toBe('Step 5 of 5');
    await expect.poll(() => page.url()).toContain('decode-steps.at=4');
    await w.screenshot({ path: join(SCREENSHOT_DIR, 'decoding-steps-1280.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('beam search: draws width × steps boxes and redraws when the width changes', async () => {
    const { page, errors } = await openPage(`${LESSON}?beam-search.steps=3&beam-search.width=2`);
    await waitForWidgets(page);
    const w = page.locator('[data-widget="beam-search"]');
    await w.scrollIntoViewIfNeeded();
    await loadIn(w);
    expect(await w.locator('.dec-node').count()).toBe(6);
    expect(await w.locator('.dec-node.dec-best').count()).toBe(3);
    await w.getByRole('slider', { name: /Beam width/ }).fill('3');
    await expect.poll(() => w.locator('.dec-node').count(), { timeout: RUN_TIMEOUT }).toBe(9);
    await w.locator('.dec[data-job="done"]').waitFor({ timeout: RUN_TIMEOUT });
    expect(await w.getByRole('table', { name: /Final hypotheses/ }).locator('tbody tr').count()).toBe(4); // 3 beams + greedy
    await w.screenshot({ path: join(SCREENSHOT_DIR, 'decoding-beam-1280.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('beam search on the page (ONNX) shows the totals the challenge quotes: width 3 beats width 4', async () => {
    const best = async (width: number): Promise<string[]> => {
      const { page, errors } = await openPage(`${LESSON}?beam-search.width=${width}`);
      await waitForWidgets(page);
      const w = page.locator('[data-widget="beam-search"]');
      await w.scrollIntoViewIfNeeded();
      await loadIn(w);
      await w.locator('.dec[data-job="done"]').waitFor({ timeout: RUN_TIMEOUT });
      const rows = w.getByRole('table', { name: /Final hypotheses/ }).locator('tbody tr');
      const out = [await rows.first().locator('td').first().textContent(), await rows.last().locator('td').first().textContent()].map((t) => Number(t).toFixed(2));
      expect(errors).toEqual([]);
      await page.close();
      return out; // [best, greedy]
    };
    expect(await best(3)).toEqual(['-9.77', '-11.37']); // the lesson's numbers, asserted on eager weights in test/lib/sample/decoding-lesson.test.ts
    expect((await best(4))[0]).toBe('-10.28');
  }, RUN_TIMEOUT);

  it('the beam-search embed runs from its URL and fits 360 px in dark mode, axe clean', async () => {
    const { page, errors, status } = await openPage('/embed/beam-search/?steps=2&width=2', { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    expect(status).toBe(200);
    await waitForWidgets(page);
    const w = page.locator('[data-widget="beam-search"]');
    await loadIn(w);
    expect(await w.locator('.dec-node').count()).toBe(4);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'decoding-beam-embed-dark-360');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);
});
