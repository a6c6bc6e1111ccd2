/**
 * The MoE and SSM lessons in real Chromium: lm-moe's router taps and lm-ssm's Δ / state views run
 * live on WASM and on WebGPU (headless: SwiftShader's software adapter), a control change redraws,
 * the k / capacity worker re-evaluates held-out text, the three models generate side by side, and
 * embeds work. Which backend ran, and any WebGPU fallback note, are printed for the report; no
 * timing is asserted. Screenshots: test-results/screenshots/moe-*.png, ssm-*.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, screenshot, waitForWidgets } from './browser';

const RUN = 240_000;

async function loadRouter(page: Page): Promise<{ backend: string | null; fallback: string | null }> {
  await waitForWidgets(page);
  await page.getByRole('button', { name: 'Load lm-moe' }).click();
  await page.waitForSelector('.mr-grid[data-rows], .mr-error', { timeout: RUN });
  expect(await page.locator('.mr-error').count()).toBe(0);
  return {
    backend: await page.locator('.mr-actions .badge').first().getAttribute('data-backend'),
    fallback: (await page.locator('.mr-fallback').count()) ? await page.locator('.mr-fallback').first().textContent() : null,
  };
}

async function loadScan(page: Page): Promise<{ backend: string | null; fallback: string | null; diff: number }> {
  await waitForWidgets(page);
  await page.getByRole('button', { name: 'Load lm-ssm' }).click();
  await page.waitForSelector('[data-max-diff], .mr-error', { timeout: RUN });
  expect(await page.locator('.mr-error').count()).toBe(0);
  return {
    backend: await page.locator('.mr-actions .badge').first().getAttribute('data-backend'),
    fallback: (await page.locator('.mr-fallback').count()) ? await page.locator('.mr-fallback').first().textContent() : null,
    diff: Number(await page.getAttribute('[data-max-diff]', 'data-max-diff')),
  };
}

describeBrowser('MoE and SSM lessons', () => {
  afterAll(closeBrowser);

  for (const backend of ['wasm', 'webgpu'] as const) {
    it(`MoE lesson routes the text live on ${backend}; moving the layer slider redraws the grid`, async () => {
      const { page, errors, status } = await openPage(`/lessons/moe/?moe-router.backend=${backend}&moe-router.layer=5`);
      expect(status).toBe(200);
      const r = await loadRouter(page);
      console.log(`moe-router on ${backend}: badge ${r.backend}; fallback: ${r.fallback ?? 'none'}`);
      const rows = Number(await page.getAttribute('.mr-grid[data-rows]', 'data-rows'));
      expect(rows).toBeGreaterThan(10);
      expect(await page.locator('.mr-grid').first().locator('.mr-chosen').count()).toBe(rows * 2);
      const before = await page.locator('.mr-grid').first().locator('td').first().getAttribute('data-p');
      await page.getByRole('slider', { name: /^Layer/ }).first().fill('0');
      await expect.poll(() => page.locator('.mr-figure figcaption').first().textContent()).toMatch(/^Layer 0/);
      const after = await page.locator('.mr-grid').first().locator('td').first().getAttribute('data-p');
      expect(after).not.toBe(before);
      if (backend === 'wasm') await screenshot(page, 'moe-wasm');
      expect(errors).toEqual([]);
      await page.close();
    }, RUN);
  }

  it('changing k re-evaluates held-out text in the worker and adds a row to the history', async () => {
    const { page, errors } = await openPage('/lessons/moe/?moe-capacity.k=1');
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Run on held-out text' }).click();
    await page.waitForSelector('[data-loss]', { timeout: RUN });
    const k1 = Number(await page.getAttribute('[data-loss]', 'data-loss'));
    await page.getByRole('slider', { name: /Experts per token/ }).fill('2');
    await expect.poll(() => page.locator('.mc-history tbody tr').count(), { timeout: RUN }).toBe(2);
    const k2 = Number(await page.getAttribute('[data-loss]', 'data-loss'));
    console.log(`moe-capacity: held-out loss k=1 ${k1}, k=2 ${k2}`);
    await page.locator('.widget', { has: page.locator('.mc-history') }).screenshot({ path: 'test-results/screenshots/moe-capacity-widget.png', animations: 'disabled' });
    expect(k2).toBeLessThan(k1);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  for (const backend of ['wasm', 'webgpu'] as const) {
    it(`SSM lesson on ${backend}: Δ and state grids, and parallel = recurrent up to rounding`, async () => {
      const { page, errors } = await openPage(`/lessons/ssm/?ssm-scan.backend=${backend}`);
      const r = await loadScan(page);
      console.log(`ssm-scan on ${backend}: badge ${r.backend}; max |parallel - recurrent| ${r.diff}; fallback: ${r.fallback ?? 'none'}`);
      expect(r.diff).toBeLessThan(1e-2);
      expect(await page.locator('.ss-grid[data-kind="state"]').count()).toBe(1);
      const first = await page.locator('.ss-grid[data-kind="dt"] td').first().getAttribute('data-v');
      await page.getByRole('slider', { name: /^Layer/ }).first().fill('3');
      await expect.poll(() => page.locator('.ss-grid[data-kind="dt"] td').first().getAttribute('data-v')).not.toBe(first);
      if (backend === 'wasm') await screenshot(page, 'ssm-wasm');
      expect(errors).toEqual([]);
      await page.close();
    }, RUN);
  }

  it('three models continue one prompt; the memory table comes from the configs', async () => {
    const { page, errors } = await openPage('/lessons/ssm/?ssm-compare.maxTokens=4&ssm-compare.backend=wasm');
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Generate with all three' }).click();
    await page.waitForSelector('.sc-col[data-model="lm-ssm"][data-done="true"], .mr-error', { timeout: RUN });
    expect(await page.locator('.mr-error').count()).toBe(0);
    expect(await page.locator('.sc-col[data-done="true"]').count()).toBe(3);
    const bytes = await page.$$eval('.mc-history td[data-bytes]', (tds) => tds.map((td) => Number(td.getAttribute('data-bytes'))));
    expect(bytes.slice(0, 3)).toEqual([32 * 4096, 32 * 4096, 158720]); // 32 tokens: lm, lm-moe, lm-ssm
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  it('fits 360 px in dark mode (both lessons), and the router embed works', async () => {
    for (const slug of ['moe', 'ssm']) {
      const { page, errors } = await openPage(`/lessons/${slug}/?moe-router.backend=wasm&ssm-scan.backend=wasm`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
      if (slug === 'moe') await loadRouter(page);
      else await loadScan(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      await screenshot(page, `${slug}-dark-360`);
      expect(overflow).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    }
    const { page, errors, status } = await openPage('/embed/moe-router/?backend=wasm&text=Emma%20smiled.&layer=2');
    expect(status).toBe(200);
    await loadRouter(page);
    expect(Number(await page.getAttribute('.mr-grid[data-rows]', 'data-rows'))).toBeGreaterThan(2);
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN);
});
