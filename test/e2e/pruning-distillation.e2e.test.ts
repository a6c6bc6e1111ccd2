/**
 * The pruning-distillation lesson in real Chromium (WASM forced): prune-sparsity prunes lm in the
 * model worker and scores it on the held-out slice — the losses scripts/prune-curve.ts measured
 * in Node — and a new fraction adds a point; distill-compare runs lm, lm-distill and lm-draft and
 * gives the KL at T of the eager TS reference (WASM, then WebGPU), and a new temperature recomputes it; the page fits
 * 360 px in dark mode; the embed works from its URL. No console errors; axe clean.
 * Screenshots: test-results/screenshots/pruning-distillation-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';
import { distillCompareSchema } from '@/components/widgets/distill-compare/index';
import { klAt } from '@/lib/distill/kd';
import type { TransformerConfig } from '@/lib/model/config';
import { eagerStep } from '@/lib/model/kvcache';
import { loadWeights } from '@/lib/model/weights';
import { loadBpe } from '@/lib/tokenizer/serialize';

const LESSON = '/lessons/pruning-distillation/';
const RUN = 120_000;

/** KL_T(lm ‖ student) of the next token after `prompt`, eager TS forward in Node. */
async function eagerKl(prompt: string, student: string, T: number): Promise<number> {
  const models = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models;
  const ids = loadBpe(JSON.parse(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'))).encode(prompt);
  const x = { data: BigInt64Array.from(ids.map(BigInt)), shape: [1, ids.length] };
  const last = async (id: string) => {
    const m = models[id] as { config: TransformerConfig; sha256: string; files: { weights: string } };
    const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: m.config });
    return (eagerStep(m.config, w, x).logits.data as Float32Array).slice(-m.config.vocabSize);
  };
  return klAt(await last('lm'), await last(student), T);
}

describeBrowser('pruning-distillation lesson', () => {
  afterAll(closeBrowser);

  it('prunes lm live: 50 % of the weights per matrix gives the Node-measured loss, and 30 % adds a second point', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?prune-sparsity.backend=wasm&prune-sparsity.sparsity=0.5`);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/Pruning and distillation/);
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.waitForSelector('.ps[data-phase="done"] [data-loss-pruned], .ps .qw-error', { timeout: RUN });
    expect(await page.locator('.ps .qw-error').count()).toBe(0);
    expect(Number(await page.getAttribute('.ps [data-loss-orig]', 'data-loss-orig'))).toBeCloseTo(3.5661, 3);
    expect(Number(await page.getAttribute('.ps [data-loss-pruned]', 'data-loss-pruned'))).toBeCloseTo(3.7909, 3);
    expect(await page.$$eval('.ps .qw-actions .badge', (els) => els.map((e) => e.getAttribute('data-backend')))).toEqual(['wasm']);
    await page.getByRole('slider', { name: /Remove/ }).fill('0.3');
    await expect.poll(() => page.locator('.ps circle[data-fraction]').count(), { timeout: RUN }).toBe(2);
    await page.waitForSelector('.ps[data-phase="done"]', { timeout: RUN });
    expect(Number(await page.getAttribute('.ps [data-loss-pruned]', 'data-loss-pruned'))).toBeCloseTo(3.5854, 3);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'pruning-distillation-light');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'pruning-distillation-prune-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('teacher vs students: the KL at T is the eager reference’s on WASM and on WebGPU, and a new temperature recomputes it', async () => {
    const { page, errors } = await openPage(`${LESSON}?distill-compare.backend=wasm&distill-compare.temperature=2`);
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForSelector('.dc [data-kl-distill], .dc .qw-error', { timeout: RUN });
    expect(await page.locator('.dc .qw-error').count()).toBe(0);
    const kl2 = Number(await page.getAttribute('.dc [data-kl-distill]', 'data-kl-distill'));
    const ref = await eagerKl(distillCompareSchema.defaults.prompt, 'lm-distill', 2);
    expect(Math.abs(kl2 - ref)).toBeLessThan(0.02 * ref + 1e-4);
    expect(await page.$$eval('.dc .qw-actions .badge', (els) => els.map((e) => e.getAttribute('data-backend')))).toEqual(['wasm']);
    await page.getByRole('slider', { name: /Temperature/ }).fill('4');
    await expect.poll(async () => Number(await page.getAttribute('.dc [data-kl-distill]', 'data-kl-distill'))).toBeLessThan(kl2);
    expect(await page.locator('.dc tbody tr').count()).toBe(8);
    await page.locator('.widget').nth(1).screenshot({ path: join(SCREENSHOT_DIR, 'pruning-distillation-distill-light.png'), animations: 'disabled' });
    // the same three models on WebGPU (headless Chromium: SwiftShader's adapter): same KL at T = 4
    const ref4 = await eagerKl(distillCompareSchema.defaults.prompt, 'lm-distill', 4);
    await page.locator('.dc').getByLabel('Engine').selectOption('webgpu');
    await expect.poll(() => page.$$eval('.dc .qw-actions .badge', (els) => els.map((e) => e.getAttribute('data-backend'))), { timeout: RUN }).toEqual(['webgpu']);
    await page.waitForSelector('.dc[data-phase="done"] [data-kl-distill], .dc .qw-error', { timeout: RUN });
    expect(await page.locator('.dc .qw-error').count()).toBe(0);
    const kl4 = Number(await page.getAttribute('.dc [data-kl-distill]', 'data-kl-distill'));
    expect(Math.abs(kl4 - ref4)).toBeLessThan(0.02 * ref4 + 1e-4);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(`${LESSON}?prune-sparsity.backend=wasm&prune-sparsity.method=heads`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Evaluate' }).click();
    await page.waitForSelector('.ps[data-phase="done"] [data-loss-pruned]', { timeout: RUN });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'pruning-distillation-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'pruning-distillation-prune-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  it('/embed/prune-sparsity/ works from its URL and clamps a bad fraction with a note', async () => {
    const { page, errors, status } = await openPage('/embed/prune-sparsity/?method=neurons&sparsity=5');
    expect(status).toBe(200);
    await waitForWidgets(page);
    expect(await page.getByLabel('Method').inputValue()).toBe('neurons');
    expect(await page.locator('.url-notes').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
