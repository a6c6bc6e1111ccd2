/**
 * The LoRA fine-tune widget's Engine switch in real Chromium, on one embed page: the same 3-step
 * run of lm (r 8 on wq, wv) on the TypeScript tape, then as one ONNX train-step graph per step on
 * onnxruntime-web WASM, then on WebGPU (headless Chromium may have only a software adapter, or none:
 * then the badge must say WASM and why). Held-out losses agree across engines; steps/s as the
 * widget reports them are printed, never asserted.
 */
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, waitForWidgets } from './browser';

const RUN = 120_000;

describeBrowser('train-step graph engine (LoRA fine-tune)', () => {
  afterAll(closeBrowser);

  it('runs the same fine-tune on the TS tape, ORT WASM and ORT WebGPU with matching held-out losses', async () => {
    const { page, errors, status } = await openPage('/embed/lora-finetune/?steps=3');
    expect(status).toBe(200);
    await waitForWidgets(page);
    const adapter = await page.evaluate(async () => {
      const a = await (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; description?: string; architecture?: string } } | null> } }).gpu?.requestAdapter();
      const i = a?.info;
      return a ? [i?.vendor, i?.architecture, i?.description].filter(Boolean).join(' ') || 'unnamed' : 'none';
    });
    console.log(`train-graph e2e: WebGPU adapter ${adapter}`);
    const vals: Record<string, number[]> = {};
    for (const engine of ['ts', 'wasm', 'webgpu'] as const) {
      await page.getByLabel('Engine').selectOption(engine);
      await expect.poll(() => page.url()).toContain(engine === 'ts' ? 'steps=3' : `engine=${engine}`);
      await page.getByRole('button', { name: /Start fine-tuning|Fine-tune again/ }).click();
      await expect.poll(() => page.getAttribute('.lf', 'data-phase')).not.toBe('done'); // the previous run's state is gone
      await page.waitForSelector('.lf[data-phase="done"], .lf[data-phase="error"]', { timeout: RUN });
      expect(await page.getAttribute('.lf', 'data-phase')).toBe('done');
      const badge = page.locator('.lf [data-backend]').first();
      const backend = await badge.getAttribute('data-backend');
      const reason = (await badge.getAttribute('title')) ?? '';
      if (engine === 'ts') expect(backend).toBe('ts-cpu');
      if (engine === 'wasm') expect(backend).toBe('wasm');
      if (engine === 'webgpu') expect(backend === 'webgpu' || /WebGPU failed/.test(reason), reason).toBe(true);
      const val = (await page.getByTestId('lf-val').textContent()) ?? '';
      vals[engine] = val.split('→').map((s) => Number(s.trim()));
      console.log(`train-graph e2e: engine ${engine} → badge ${backend} (${reason}); held-out ${val}; steps/s ${await page.getByTestId('lf-rate').textContent()}`);
    }
    for (const e of ['wasm', 'webgpu']) {
      expect(vals[e]).toHaveLength(2);
      vals[e].forEach((v, i) => expect(Math.abs(v - vals.ts[i]), `${e} held-out loss ${i}`).toBeLessThan(2e-3));
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN);
});
