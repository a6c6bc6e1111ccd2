/**
 * The model runtime in real Chromium (launched with --enable-unsafe-webgpu; headless it gets
 * SwiftShader's software WebGPU adapter): /lab/runtime/ runs tiny-random's logits graph on ORT
 * WASM and ORT WebGPU in the model worker and compares each with the eager TS forward computed
 * in the same page. Tolerance: components/lab/RuntimeCheck.tsx (1e-3 on logits of size ~1).
 */
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot } from './browser';

const TOLERANCE = 1e-3;

interface RowData {
  backend: string | null;
  state: string | null;
  maxErr: number | null;
  text: string;
}

describeBrowser('model runtime in Chromium', () => {
  afterAll(closeBrowser);

  it('/lab/runtime/ agrees with the eager TS forward on WASM and on WebGPU, with no console errors', async () => {
    const { page, errors, status } = await openPage('/lab/runtime/');
    expect(status).toBe(200);
    await page.waitForSelector('.runtime-check[data-state="done"], .runtime-check[data-state="error"]', { timeout: 120_000 });
    const rows: RowData[] = await page.$$eval('.runtime-check tbody tr', (trs) =>
      trs.map((tr) => ({
        backend: tr.getAttribute('data-backend'),
        state: tr.getAttribute('data-state'),
        maxErr: tr.getAttribute('data-max-err') === null ? null : Number(tr.getAttribute('data-max-err')),
        text: (tr as HTMLElement).innerText.replace(/\s+/g, ' '),
      })),
    );
    const picks = await page.$$eval('.runtime-choices li', (lis) => lis.map((li) => (li as HTMLElement).innerText.replace(/\s+/g, ' ')));
    console.log('runtime check:', JSON.stringify({ rows, picks }, null, 1));
    await screenshot(page, 'lab-runtime');

    expect(await page.getAttribute('.runtime-check', 'data-state')).toBe('done');
    const wasm = rows.find((r) => r.backend === 'wasm')!;
    expect(wasm.state).toBe('ok');
    expect(wasm.maxErr).toBeLessThanOrEqual(TOLERANCE);
    // WebGPU: where Chromium exposes an adapter (SwiftShader here), it must run and agree too;
    // a browser without one must say why (an error or a mismatch always fails)
    const webgpu = rows.find((r) => r.backend === 'webgpu')!;
    if (webgpu.state === 'unavailable') {
      expect(webgpu.text).toMatch(/WebGPU unavailable: /);
    } else {
      expect(webgpu.state).toBe('ok');
      expect(webgpu.maxErr).toBeLessThanOrEqual(TOLERANCE);
    }
    // generate through the worker streams each token and draws what the eager loop draws
    const gen = await page.$eval('.runtime-gen', (p) => ({ same: p.getAttribute('data-same'), streamed: p.getAttribute('data-streamed'), text: (p as HTMLElement).innerText }));
    console.log('generate:', gen.text);
    expect(gen).toMatchObject({ same: 'true', streamed: '8' });
    // the same generation forced onto WebGPU (KV cache kept on the GPU, fixed-capacity step decoder) draws the same tokens
    if (webgpu.state !== 'unavailable') {
      expect(await page.getAttribute('.runtime-gen-webgpu', 'data-same')).toBe('true');
      // and the decode steps ran on the step decoder (cache 'inplace': GroupQueryAttention on WebGPU), not on session runs
      expect(Number(await page.getAttribute('.runtime-gen-webgpu', 'data-stepped'))).toBe(7);
    }
    // the runtime's pick for each workload comes with a measured reason
    expect(picks).toHaveLength(2);
    const measured = /(WASM|WebGPU) chosen: faster for .+ \(measured [\d.]+ ms vs [\d.]+ ms\)/;
    for (const p of picks) expect(p).toMatch(webgpu.state === 'unavailable' ? /WebGPU unavailable: / : measured);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('/lab/runtime/ on a second visit reuses the measured choice, has no serious axe violations and fits 360 px', async () => {
    const { page, errors } = await openPage('/lab/runtime/', { viewport: { width: 360, height: 740 }, colorScheme: 'dark' });
    await page.waitForSelector('.runtime-check[data-state="done"], .runtime-check[data-state="error"]', { timeout: 120_000 });
    // same browser profile as the first test: the choice comes from IndexedDB, not a new measurement
    const picks = await page.$$eval('.runtime-choices li', (lis) => lis.map((li) => (li as HTMLElement).innerText));
    expect(picks).toHaveLength(2);
    // (without a WebGPU adapter nothing is measured, so nothing is remembered)
    for (const p of picks) if (!p.includes('WebGPU unavailable')) expect(p).toContain('(measured earlier on this device)');
    expect(await runAxe(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot(page, 'lab-runtime-dark-360');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
