/**
 * The Training lesson in real Chromium: the playground's worker initialises a run, Step trains one
 * step at a time (the loss table fills), Play runs to the end of a short schedule, and reloading
 * the same URL replays the run to the same held-out loss (seeded). At 360 px in dark mode, Pause
 * stops a long run. The embed takes its state from the URL. On one embed page, the Engine menu
 * trains the same run on ONNX Runtime WASM and WebGPU (a software adapter in headless Chromium, or
 * the WASM fallback with its reason on the badge) to the TypeScript engine's held-out loss, and the
 * text task trains a few steps and shows a sample. Steps/s are printed, never asserted.
 * No console errors, axe clean. Screenshots: test-results/screenshots/training-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { PlaygroundRun } from '@/lib/train/playground';
import { trainPlaygroundSchema } from '@/components/widgets/train-playground';
import { specOf } from '@/components/widgets/train-playground/layout';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/training/';
const RUN = 60_000;
const step = (page: Page) => page.getAttribute('.tp', 'data-step').then(Number);

async function ready(page: Page): Promise<void> {
  await waitForWidgets(page);
  await page.waitForSelector('.tp[data-phase="ready"]', { timeout: RUN });
}

describeBrowser('Training lesson', () => {
  afterAll(closeBrowser);

  it('steps, plays to the end, and replays the same losses from the same URL', async () => {
    const path = `${LESSON}?train-playground.steps=60&train-playground.seed=3`;
    const { page, errors, status } = await openPage(path);
    expect(status).toBe(200);
    await ready(page);
    const tp = page.locator('.tp').first(); // the lesson has a second playground, set to the text task
    for (let i = 1; i <= 3; i++) {
      await tp.getByRole('button', { name: 'Step' }).click();
      await expect.poll(() => step(page), { timeout: RUN }).toBe(i);
      await page.waitForSelector('.tp[data-phase="paused"]', { timeout: RUN });
    }
    expect(await tp.getByTestId('tp-progress').textContent()).toBe('step 3 of 60');
    expect(await tp.locator('table').first().locator('tbody tr').count()).toBe(4); // step 0 and one evaluation per Step
    await tp.getByRole('button', { name: 'Play' }).click();
    await page.waitForSelector('.tp[data-phase="done"]', { timeout: RUN });
    const held = await tp.getByTestId('tp-held').textContent();
    // The recorded step counts come from lib/train in Node: the browser's worker gives the same run.
    const ref = new PlaygroundRun(specOf({ ...trainPlaygroundSchema.defaults, steps: 60, seed: 3 }));
    while (ref.step < 60) ref.trainStep();
    expect(held).toBe(ref.evaluate().loss.toFixed(3));
    const first = await tp.locator('table').first().locator('tbody tr').first().locator('td').nth(1).textContent();
    expect(Number(held)).toBeLessThan(Number(first));
    console.log('training: 57 steps by Play, steps/s', await tp.getByTestId('tp-rate').textContent(), 'held-out loss', first, '→', held);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'training-light');
    await tp.screenshot({ path: join(SCREENSHOT_DIR, 'training-playground-light.png'), animations: 'disabled' });
    await tp.getByLabel('Seed').fill('4');
    await expect.poll(() => page.url()).toContain('train-playground.seed=4');
    await page.waitForSelector('.tp[data-phase="ready"]', { timeout: RUN });
    expect(await step(page)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();

    const again = await openPage(path);
    await ready(again.page);
    await again.page.locator('.tp').first().getByRole('button', { name: 'Play' }).click();
    await again.page.waitForSelector('.tp[data-phase="done"]', { timeout: RUN });
    expect(await again.page.locator('.tp').first().getByTestId('tp-held').textContent()).toBe(held);
    expect(again.errors).toEqual([]);
    await again.page.close();
  }, 3 * RUN);

  it('pauses a long run at 360 px in dark mode, and the embed reads its state from the URL', async () => {
    // Length 6: the widest attention table (13 columns); every Data table is opened before axe.
    const { page, errors } = await openPage(`${LESSON}?train-playground.steps=4000&train-playground.length=6`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await ready(page);
    const tp = page.locator('.tp').first();
    await tp.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => step(page), { timeout: RUN }).toBeGreaterThan(20);
    await tp.getByRole('button', { name: 'Pause' }).click();
    await page.waitForSelector('.tp[data-phase="paused"]', { timeout: RUN });
    const at = await step(page);
    expect(at).toBeLessThan(4000);
    await tp.getByRole('button', { name: 'Step' }).click();
    await expect.poll(() => step(page), { timeout: RUN }).toBe(at + 1);
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    expect(await tp.locator('table').last().locator('thead th').count()).toBe(13);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const axe = await runAxe(page);
    if (axe.length) console.log('training axe', JSON.stringify(axe));
    expect(axe).toEqual([]);
    await screenshot(page, 'training-dark-360');
    await tp.screenshot({ path: join(SCREENSHOT_DIR, 'training-playground-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();

    const embed = await openPage('/embed/train-playground/?task=reverse&layers=1&heads=4&alayer=3');
    expect(embed.status).toBe(200);
    await ready(embed.page);
    expect(await embed.page.locator('select[name="task"]').inputValue()).toBe('reverse');
    expect(await embed.page.getByText('showing layer 1, head 1').count()).toBe(1);
    expect(embed.errors).toEqual([]);
    await embed.page.close();
  }, 3 * RUN);

  it('trains the same run on the ONNX graph engines (WASM, WebGPU), and the text task', async () => {
    const { page, errors, status } = await openPage('/embed/train-playground/?steps=30&engine=wasm');
    expect(status).toBe(200);
    await ready(page);
    const tp = page.locator('.tp');
    const ref = new PlaygroundRun(specOf({ ...trainPlaygroundSchema.defaults, steps: 30 }));
    const losses = Array.from({ length: 30 }, () => ref.trainStep().loss);
    const held30 = ref.evaluate().loss;
    const badge = tp.locator('[data-backend]').first();
    // WASM: Play to the end (30 steps); WebGPU (a software adapter here: slow) 3 Steps.
    for (const engine of ['wasm', 'webgpu'] as const) {
      if (engine === 'webgpu') {
        await tp.getByLabel('Engine').selectOption('webgpu');
        await expect.poll(() => page.url()).toContain('engine=webgpu');
        await page.waitForSelector('.tp[data-phase="ready"][data-step="0"]', { timeout: RUN });
        for (let i = 1; i <= 3; i++) {
          await tp.getByRole('button', { name: 'Step' }).click();
          await expect.poll(() => step(page), { timeout: RUN }).toBe(i);
          await page.waitForSelector('.tp[data-phase="paused"], .tp[data-phase="error"]', { timeout: RUN });
        }
      } else {
        await tp.getByRole('button', { name: 'Play' }).click();
        await page.waitForSelector('.tp[data-phase="done"], .tp[data-phase="error"]', { timeout: RUN });
      }
      expect(await tp.getAttribute('data-phase')).toBe(engine === 'wasm' ? 'done' : 'paused');
      const backend = await badge.getAttribute('data-backend');
      const reason = (await badge.getAttribute('title')) ?? '';
      if (engine === 'wasm') expect(backend).toBe('wasm');
      else expect(backend === 'webgpu' || (backend === 'wasm' && /WebGPU failed/.test(reason)), reason).toBe(true);
      const loss = Number(await tp.getByTestId('tp-loss').textContent());
      const at = engine === 'wasm' ? 30 : 3;
      expect(Math.abs(loss - losses[at - 1]), `${engine} batch loss at step ${at}`).toBeLessThanOrEqual(2e-3); // shown to 3 decimals
      if (engine === 'wasm') expect(Math.abs(Number(await tp.getByTestId('tp-held').textContent()) - held30)).toBeLessThanOrEqual(2e-3);
      console.log(`training e2e: engine ${engine} → badge ${backend} (${reason}); batch loss at step ${at} ${loss} (TS in Node ${losses[at - 1].toFixed(4)}); steps/s ${await tp.getByTestId('tp-rate').textContent()}`);
    }
    await tp.getByLabel('Task').selectOption('text');
    await expect.poll(() => page.url()).toContain('task=text');
    await page.waitForSelector('.tp[data-phase="ready"][data-step="0"]', { timeout: RUN });
    expect(await tp.getByTestId('tp-source').textContent()).toContain('Pride and Prejudice');
    const sample0 = await tp.getByTestId('tp-sample').textContent();
    for (let i = 1; i <= 3; i++) {
      await tp.getByRole('button', { name: 'Step' }).click();
      await expect.poll(() => step(page), { timeout: RUN }).toBe(i);
      await page.waitForSelector('.tp[data-phase="paused"]', { timeout: RUN });
    }
    expect(Number(await tp.getByTestId('tp-loss').textContent())).toBeLessThan(Number(await tp.getByTestId('tp-unigram').textContent()) + 1.5); // a finite loss near the scale of the text
    expect(await tp.getByTestId('tp-sample').textContent()).toMatch(/^It is a /);
    console.log(`training e2e: text task, 3 steps on ${await badge.getAttribute('data-backend')}; sample at step 0 ${JSON.stringify(sample0)}, at step 3 ${JSON.stringify(await tp.getByTestId('tp-sample').textContent())}`);
    await tp.screenshot({ path: join(SCREENSHOT_DIR, 'training-playground-text.png'), animations: 'disabled' });
    // axe: the lesson's second playground (the text task) is checked in the two tests above
    await page.setViewportSize({ width: 360, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await tp.screenshot({ path: join(SCREENSHOT_DIR, 'training-playground-text-dark-360.png'), animations: 'disabled' });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN);
});
