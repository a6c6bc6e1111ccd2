/**
 * The two "big picture" lessons in real Chromium: Training at scale (scale-memory, scale-parallel)
 * and Scaling laws (scale-laws, scale-sweeps). Each renders with no console errors and no serious
 * axe violations, a changed control changes the numbers, each widget's embed page restores its
 * state from the URL, and both lessons fit a 360 px screen in dark mode. The two live widgets
 * (scale-live, mp-gradients) run their real worker jobs once each: scale-live on its default run
 * (the final losses the lesson quotes), mp-gradients on 16 tokens.
 * Screenshots: test-results/screenshots/scale-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const T = 60_000;
const waitFor = waitForWidgets;
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describeBrowser('big-picture lessons', () => {
  afterAll(closeBrowser);

  it('Training at scale: memory and parallelism widgets recompute when a control changes', async () => {
    const { page, errors, status } = await openPage('/lessons/training-at-scale/');
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/Training at scale/);
    await waitForWidgets(page);
    const mem = page.locator('.widget').filter({ has: page.locator('[data-params]') });
    await expect.poll(() => mem.getByTestId('params').textContent()).toContain('6,738,415,616');
    const w0 = await mem.getByTestId('weights').textContent();
    await mem.getByLabel('Precision', { exact: true }).selectOption('fp32');
    await expect.poll(() => mem.getByTestId('weights').textContent()).not.toBe(w0);
    expect(await mem.getByTestId('weights').textContent()).toBe('27 GB');
    const par = page.locator('.widget').filter({ has: page.locator('[data-bubble]') });
    await par.getByLabel('Pipeline stages p', { exact: true }).fill('4');
    await par.getByLabel('Micro-batches m', { exact: true }).fill('1');
    await expect.poll(() => par.getByTestId('bubble').textContent()).toBe('75.0%');
    await par.getByLabel('Micro-batches m', { exact: true }).fill('28');
    await expect.poll(() => par.getByTestId('bubble').textContent()).toBe('9.7%');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'scale-training-light');
    await par.screenshot({ path: join(SCREENSHOT_DIR, 'scale-parallel-widget-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, T);

  it('Scaling laws: the budget slider moves the allocations and the sweep fit refits', async () => {
    const { page, errors } = await openPage('/lessons/scaling-laws/');
    await waitForWidgets(page);
    const laws = page.locator('.widget').filter({ has: page.locator('[data-fitted-n]') });
    const n0 = await laws.getByTestId('twenty-n').textContent();
    await laws.getByLabel(/Training compute/).fill('21');
    await expect.poll(() => laws.getByTestId('twenty-n').textContent()).not.toBe(n0);
    expect(await laws.getByTestId('twenty-n').textContent()).toBe('2.89B');
    const sw = page.locator('.widget').filter({ has: page.locator('[data-alpha]') });
    await expect.poll(() => sw.getByTestId('fit').textContent()).toContain('0.0530');
    await sw.getByLabel('Fit', { exact: true }).selectOption('floor');
    await expect.poll(() => sw.locator('.sc-note').count()).toBe(1);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'scale-laws-light');
    expect(errors).toEqual([]);
    await page.close();
  }, T);

  it('each embed restores its state from the URL', async () => {
    const cases: [string, (p: Page) => Promise<void>][] = [
      ['/embed/scale-memory/?model=gpt2-small&precision=fp32', async (p) => {
        await expect.poll(() => p.getByTestId('params').textContent()).toContain('124,439,808');
        expect(await p.getByTestId('weights').textContent()).toBe('498 MB');
      }],
      ['/embed/scale-parallel/?paramsB=7.5&devices=64&zero=3&recompute=full', async (p) => {
        await expect.poll(() => p.getByTestId('split').textContent()).toBe('d 64 × t 1 × p 1 = 64 devices');
        const t = await p.locator('details table').textContent();
        for (const gb of ['120 GB', '31.4 GB', '16.6 GB', '1.88 GB']) expect(t).toContain(gb);
      }],
      ['/embed/scale-laws/?logC=20.079181246', async (p) => {
        await expect.poll(() => p.getByTestId('twenty-n').textContent()).toBe('1B');
      }],
      ['/embed/scale-sweeps/?runs=all&x=nonEmbedding', async (p) => {
        await expect.poll(() => p.locator('[data-used]').first().getAttribute('data-used')).toBe('22');
      }],
    ];
    for (const [path, check] of cases) {
      const { page, errors, status } = await openPage(path);
      expect(status).toBe(200);
      await waitForWidgets(page);
      await check(page);
      expect(await page.locator('.url-notes').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, T);

  it('scale-live: a bad budget is clamped; the default run (10⁹ FLOPs, seed 1) trains in the worker and ends with the valley the prose prints', async () => {
    const { page, errors } = await openPage('/embed/scale-live/?logC=12&seed=1');
    await waitFor(page);
    await expect.poll(() => page.locator('.url-notes').textContent()).toMatch(/logC/);
    const slider = page.getByLabel(/Compute budget per model/);
    await slider.focus();
    await slider.press('Home');
    expect(await slider.inputValue()).toBe('8');
    for (let i = 0; i < 4; i++) await slider.press('ArrowRight');
    expect(await slider.inputValue()).toBe('9');
    const w = page.locator('[data-phase]');
    await page.getByRole('button', { name: /Train/ }).click();
    await expect.poll(() => w.getAttribute('data-phase'), { timeout: 60_000 }).toBe('done');
    // the four final losses the lesson quotes (test/lib/scale/live-lesson-numbers.test.ts fits them)
    const finals = (await w.getAttribute('data-finals'))!.split(',').map((x) => Number(x).toFixed(3));
    expect(finals).toEqual(['2.477', '2.442', '2.461', '2.513']);
    expect(await page.getByTestId('sl-iso').textContent()).toMatch(/lowest at N ≈ 4\.\d+K/);
    expect(await w.getAttribute('data-alpha')).toBe('');
    expect(await page.locator('details table tbody tr').count()).toBe(4);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scale-live-widget.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it("mp-gradients: lm's real gradients, the largest safe scale, and overflow one step above it", async () => {
    const { page, errors } = await openPage('/embed/mp-gradients/?tokens=16&k=40', { colorScheme: 'dark', viewport: { width: 360, height: 900 } });
    await waitFor(page);
    await expect.poll(() => page.locator('.url-notes').textContent()).toMatch(/\bk\b/);
    await page.getByRole('button', { name: "Compute lm's gradients" }).click();
    const w = page.locator('[data-phase]');
    await expect.poll(() => w.getAttribute('data-phase'), { timeout: 40_000 }).toBe('done');
    const best = Number(await w.getAttribute('data-best-k'));
    expect(best).toBeGreaterThan(8);
    const k = page.getByLabel(/Loss scale/);
    await k.focus();
    await k.press('Home');
    await expect.poll(() => page.getByTestId('fp16-inf').textContent()).toBe('0%');
    const zero0 = await page.getByTestId('fp16-zero').textContent();
    expect(zero0).not.toBe('0%');
    expect(await page.getByTestId('bf16-zero').textContent()).toBe('0%');
    for (let i = 0; i < best; i++) await k.press('ArrowRight');
    await expect.poll(() => k.inputValue()).toBe(String(best));
    expect(await page.getByTestId('fp16-inf').textContent()).toBe('0%');
    await k.press('ArrowRight');
    await expect.poll(() => page.getByTestId('fp16-inf').textContent()).not.toBe('0%');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'scale-mp-gradients-dark-360.png'), fullPage: true });
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('both lessons fit a 360 px screen in dark mode, with no axe violations', async () => {
    for (const slug of ['training-at-scale', 'scaling-laws']) {
      const { page, errors } = await openPage(`/lessons/${slug}/`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
      await waitForWidgets(page);
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `scale-${slug}-dark-360`);
      expect(await overflow(page)).toBeLessThanOrEqual(0);
      // an open data table scrolls inside its own wrap: neither the page nor any widget grows wider
      await page.evaluate(() => document.querySelectorAll('.widget details').forEach((d) => { (d as HTMLDetailsElement).open = true; }));
      await expect.poll(() => overflow(page)).toBeLessThanOrEqual(0);
      const widest = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.widget')].map((w) => w.scrollWidth - w.clientWidth)));
      expect(widest).toBeLessThanOrEqual(0);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, T);
});
