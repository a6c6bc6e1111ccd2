/**
 * The quantization lesson in real Chromium: quant-weights quantizes lm in the model worker and
 * redraws when the format changes; quant-compare runs lm and its quantized copy on WASM and on
 * WebGPU (forced) and both give the held-out loss the bench measured; the page fits 360 px in
 * dark mode; the embed works from its URL. No console errors; axe clean. Timings only printed.
 * Screenshots: test-results/screenshots/quantization-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';
import { quantCompareSchema } from '@/components/widgets/quant-compare/index';
import type { TransformerConfig } from '@/lib/model/config';
import { eagerStep } from '@/lib/model/kvcache';
import { loadWeights } from '@/lib/model/weights';
import { klFromLogits, quantizeModel, type FormatId } from '@/lib/quant';
import { loadBpe } from '@/lib/tokenizer/serialize';

const LESSON = '/lessons/quantization/';
const RUN = 240_000;

/** KL(original ‖ quantized) of lm's next token after `prompt`, from the eager TS forward in Node. */
async function eagerKl(prompt: string, format: FormatId, groupSize: number): Promise<number> {
  const m = JSON.parse(readFileSync('models/manifest.json', 'utf8')).models.lm as { config: TransformerConfig; sha256: string; files: { weights: string } };
  const w = await loadWeights(new Uint8Array(readFileSync(m.files.weights)), { sha256: m.sha256, config: m.config });
  const ids = loadBpe(JSON.parse(readFileSync('models/tokenizer/austen-bpe-4096.json', 'utf8'))).encode(prompt);
  const x = { data: BigInt64Array.from(ids.map(BigInt)), shape: [1, ids.length] };
  const last = (weights: typeof w) => (eagerStep(m.config, weights, x).logits.data as Float32Array).slice(-m.config.vocabSize);
  return klFromLogits(last(w), last(quantizeModel(m.config, w, { format, groupSize }).weights));
}

async function quantize(page: Page): Promise<void> {
  await waitForWidgets(page);
  await page.getByRole('button', { name: /Load the model and quantize/ }).first().click();
  await page.waitForSelector('.qw-hist, .qw-error', { timeout: RUN });
  expect(await page.locator('.qw-error').count()).toBe(0);
}

/** Runs quant-compare with a forced backend; returns the two losses and the badges. */
async function compare(page: Page) {
  const t0 = Date.now();
  await page.getByRole('button', { name: 'Compare' }).click();
  await page.waitForSelector('.qw[data-phase="done"], .qw[data-phase="error"]', { timeout: RUN });
  expect(await page.locator('.qw-error').count()).toBe(0);
  const table = page.locator('[data-loss-orig]');
  return {
    ms: Date.now() - t0,
    orig: Number(await table.getAttribute('data-loss-orig')),
    quant: Number(await table.getAttribute('data-loss-quant')),
    badges: await page.$$eval('.qw-actions .badge', (els) => els.map((e) => e.getAttribute('data-backend'))),
  };
}

describeBrowser('quantization lesson', () => {
  afterAll(closeBrowser);

  it('quantizes lm in the worker, and a new format redraws the histogram and says when it is simulated', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?quant-weights.layer=7&quant-weights.matrix=mlp.w2`);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/Quantization/);
    await quantize(page);
    expect(await page.getAttribute('.qw[data-format]', 'data-format')).toBe('int4');
    expect(await page.getAttribute('.qw-hist', 'data-grid')).toBe('15');
    expect(await page.getAttribute('[data-bytes]', 'data-bytes')).toBe('1937664');
    await page.getByLabel('Format').first().selectOption('nf4');
    await page.waitForSelector('.qw[data-format="nf4"][data-phase="ready"]', { timeout: RUN });
    expect(await page.getAttribute('.qw-hist', 'data-grid')).toBe('16');
    expect(await page.locator('.qw-sim').first().textContent()).toMatch(/Simulated: weights dequantized before the run/);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'quantization-light');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'quantization-weights-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('original vs int8-per-channel lm: the full comparison on WASM gives the bench\'s held-out losses; WebGPU gives the same next-token KL, then Cancel stops it', async () => {
    const q = (backend: string) => `${LESSON}?quant-compare.format=int8-channel&quant-compare.maxTokens=8&quant-compare.temperature=0&quant-compare.backend=${backend}`;
    const wasm = await openPage(q('wasm'));
    await waitForWidgets(wasm.page);
    const r = await compare(wasm.page);
    console.log(`quantization: full compare on wasm: ${r.ms} ms from click; losses ${r.orig} / ${r.quant}`);
    expect(r.badges).toEqual(['wasm', 'wasm']);
    expect(r.orig).toBeCloseTo(3.5661, 3); // scripts/bench/quant.bench.ts on ORT WASM in Node
    expect(r.quant).toBeCloseTo(3.5662, 3);
    const klWasm = Number(await wasm.page.getAttribute('[data-kl]', 'data-kl'));
    expect(await wasm.page.locator('[data-gen="quant"]').count()).toBe(1);
    expect(wasm.errors).toEqual([]);
    await wasm.page.close();
    // WebGPU (SwiftShader when headless: slow): the next-token stage only, then Cancel
    const gpu = await openPage(q('webgpu'));
    await waitForWidgets(gpu.page);
    await gpu.page.getByRole('button', { name: 'Compare' }).click();
    await gpu.page.waitForSelector('[data-kl]', { timeout: RUN });
    expect(await gpu.page.$$eval('.qw-actions .badge', (els) => els.map((e) => e.getAttribute('data-backend')))).toEqual(['webgpu', 'webgpu']);
    const klGpu = Number(await gpu.page.getAttribute('[data-kl]', 'data-kl'));
    expect(Math.abs(klGpu - klWasm)).toBeLessThan(0.1 * klWasm + 1e-6);
    await gpu.page.locator('.widget').nth(1).screenshot({ path: join(SCREENSHOT_DIR, 'quantization-compare-webgpu.png'), animations: 'disabled' });
    await gpu.page.getByRole('button', { name: 'Cancel' }).click();
    await gpu.page.waitForSelector('.qw[data-phase="cancelled"]');
    expect(gpu.errors).toEqual([]);
    await gpu.page.close();
  }, 3 * RUN);

  it('int4-asym g = 64 (MatMulNBits, 4-bit with zero points) on WebGPU: the next-token KL of the eager TS reference', async () => {
    const { page, errors } = await openPage(`${LESSON}?quant-compare.format=int4-asym&quant-compare.group=64&quant-compare.backend=webgpu`);
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.waitForSelector('[data-kl]', { timeout: RUN });
    const kl = Number(await page.getAttribute('[data-kl]', 'data-kl'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForSelector('.qw[data-phase="cancelled"]');
    expect(errors).toEqual([]);
    await page.close();
    const ref = await eagerKl(quantCompareSchema.defaults.prompt, 'int4-asym', 64);
    console.log(`quantization: int4-asym g=64 next-token KL on webgpu ${kl}, eager TS ${ref}`);
    expect(Math.abs(kl - ref)).toBeLessThan(0.05 * ref + 1e-6);
  }, RUN);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(`${LESSON}?quant-weights.format=int8`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await quantize(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'quantization-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'quantization-weights-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);

  it('/embed/quant-weights/ and /embed/quant-memory/ work from their URLs', async () => {
    const { page, errors, status } = await openPage('/embed/quant-weights/?format=int8-channel&layer=3&matrix=attn.wo');
    expect(status).toBe(200);
    await quantize(page);
    expect(await page.getAttribute('.qw[data-format]', 'data-format')).toBe('int8-channel');
    expect(await page.locator('.qw-errors td.qw-on button').getAttribute('aria-label')).toMatch(/^layer 3 attn\.wo/);
    await page.goto(page.url().replace(/\/embed\/quant-weights\/.*$/, '/embed/quant-memory/?budget=24'));
    await page.waitForSelector('.qm-table[data-budget="24"]');
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
