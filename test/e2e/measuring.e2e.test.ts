/**
 * The Measuring lesson in real Chromium: the cloze widget scores the hand-written set live on WASM
 * and the normalisation toggle re-ranks without a new run; the perplexity table measures all six
 * models on one window; the needle grid runs (256 tokens max, 1 trial) and a self-consistency run
 * votes; embeds restore their state and clamp a bad value with a note; self-consistency runs on
 * WebGPU (greedy word = the WASM one); no console errors, axe clean, fits 360 px in dark mode.
 * Screenshots: test-results/screenshots/measuring-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/measuring/';
const RUN = 120_000;

async function run(page: Page, has: string): Promise<void> {
  const w = page.locator('.ev[data-phase]', { has: page.locator(has) }).first();
  await w.getByRole('button', { name: 'Run' }).click();
  await page.waitForFunction((sel) => {
    const el = [...document.querySelectorAll('.ev[data-phase]')].find((e) => e.querySelector(sel));
    return el?.getAttribute('data-phase') === 'ready' || document.querySelector('.ev-error') !== null;
  }, has, { timeout: RUN });
  expect(await page.locator('.ev-error').count()).toBe(0);
}

/** An element screenshot of the widget holding `has`, to read it as a student would. */
const shoot = (page: Page, has: string, name: string) =>
  page.locator('.widget', { has: page.locator(has) }).first().screenshot({ path: join(SCREENSHOT_DIR, `measuring-${name}.png`), animations: 'disabled' });

describeBrowser('measuring lesson', () => {
  afterAll(closeBrowser);

  it('scores the cloze set live; the normalisation toggle re-ranks; the perplexity table measures six models', async () => {
    const q = 'cloze-eval.backend=wasm&perplexity-table.windows=1&perplexity-table.backend=wasm&needle.maxLength=256&needle.seeds=1&needle.backend=wasm&self-consistency.k=3&self-consistency.backend=wasm';
    const { page, errors, status } = await openPage(`${LESSON}?${q}`);
    expect(status).toBe(200);
    await waitForWidgets(page);
    await run(page, 'select[id$="-n"]');
    const acc = () => page.$$eval('[data-norm]', (els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-norm'), Number(e.getAttribute('data-acc'))])));
    const a = await acc();
    expect(a.sum).toBeGreaterThan(0.5); // lm: 23 of 28 in Node (ONNX WASM)
    expect(a.sum).toBeGreaterThan(a.token);
    const marks = async () => page.$$eval('.ev-item', (els) => els.map((e) => e.getAttribute('data-right')).join(''));
    const before = await marks();
    await page.getByLabel('Score options by').selectOption('token');
    await page.waitForFunction((b) => [...document.querySelectorAll('.ev-item')].map((e) => e.getAttribute('data-right')).join('') !== b, before);
    expect(await page.locator('.ev-actions .badge').first().getAttribute('data-backend')).toBe('wasm');

    await run(page, '.ev-bar[data-model], select[id$="-w"]');
    const losses = await page.$$eval('tr[data-model]', (rows) => rows.map((r) => Number(r.getAttribute('data-loss'))));
    expect(losses.length).toBe(6);
    for (const l of losses) expect(l).toBeGreaterThan(3);
    expect(Number(await page.getAttribute('[data-bpb]', 'data-bpb'))).toBeGreaterThan(1);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'measuring-light');
    await shoot(page, 'select[id$="-n"]', 'cloze-light');
    await shoot(page, 'select[id$="-w"]', 'perplexity-light');
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN);

  it('the needle grid and the self-consistency vote run live, and the page fits 360 px in dark mode', async () => {
    const q = 'needle.maxLength=256&needle.seeds=1&needle.backend=wasm&self-consistency.k=3&self-consistency.backend=wasm';
    const { page, errors } = await openPage(`${LESSON}?${q}`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await run(page, '.ev-grid, select[id$="-v"]');
    expect(await page.locator('td[data-cell]').count()).toBe(2 * 6);
    await run(page, 'input[id$="-k"]');
    expect(await page.locator('.ev-samples li').count()).toBe(3);
    expect(await page.getAttribute('[data-vote]', 'data-greedy')).toBe('Darcy'); // as in Node (measuring.recorded.txt, SC 0)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const wideMath = await page.$$eval('.katex-display', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => (e.textContent ?? '').slice(0, 40)));
    await screenshot(page, 'measuring-dark-360');
    await shoot(page, 'select[id$="-v"]', 'needle-dark-360');
    await shoot(page, 'input[id$="-k"]', 'self-consistency-dark-360');
    expect(wideMath).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN);

  it('embeds restore their URL state; a bad value is clamped with a note; self-consistency runs on WebGPU', async () => {
    const cloze = await openPage('/embed/cloze-eval/?model=lm-draft&norm=byte&backend=wasm');
    expect(cloze.status).toBe(200);
    await waitForWidgets(cloze.page);
    expect(await cloze.page.getByLabel('Score options by').inputValue()).toBe('byte');
    expect(cloze.errors).toEqual([]);
    await cloze.page.close();

    // k=0 is below the minimum: clamped to 1 with a visible note; the run is forced onto WebGPU
    const { page, errors, status } = await openPage('/embed/self-consistency/?k=0&backend=webgpu');
    expect(status).toBe(200);
    await waitForWidgets(page);
    expect(await page.getByTestId('url-notes').first().isVisible()).toBe(true);
    expect(await page.locator('input[id$="-k"]').inputValue()).toBe('1');
    await run(page, 'input[id$="-k"]');
    expect(await page.locator('.ev-samples li').count()).toBe(1);
    expect(await page.getAttribute('.ev-actions .badge', 'data-backend')).toBe('webgpu');
    expect(await page.getAttribute('[data-ran]', 'data-ran')).toBe('lm:webgpu');
    // greedy is deterministic: the same first word as ONNX WASM in Node (measuring.recorded.txt, SC 0)
    expect(await page.getAttribute('[data-vote]', 'data-greedy')).toBe('Darcy');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
