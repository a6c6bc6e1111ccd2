/**
 * WASM vs WebGPU in headless Chromium (one run, ratios only), against the built site (out/):
 * /lab/runtime-bench/ times, in the model worker, the 'lm-shape' preset (~4.8 M params,
 * random:lm-shape) on each backend for
 *   prefill  128 tokens in one call (kv-prefill graph)
 *   decode   1 token after 64 cached ones (kv-decode graph)
 * (median of 5 after a warm-up), asks the runtime which backend it picks for each workload
 * (its own calibration), and prints pick ÷ fastest. Target: ≤ 1.10 (the pick is within 10% of
 * the faster backend). Chromium here has no GPU: its WebGPU adapter is SwiftShader (CPU).
 *
 *   npm run build && npm run bench -- runtime
 *
 * For reference, the same Runtime measured on a real GPU (one H100, ORT 1.30 WebGPU EP through
 * Dawn's Node binding, shared/gpu-webgpu recipe; 2026-11-24), median ms per run:
 *   prefill 128 tok: WASM 215, WebGPU 49   → runtime picked WebGPU (pick ÷ fastest 1.00)
 *   decode 1 tok:    WASM 3.9, WebGPU 84   → runtime picked WASM   (pick ÷ fastest 1.00)
 *   generate 128 + 64 tokens: per-workload picks 272 tok/s, all-WASM 204, all-WebGPU 15
 *   WASM vs WebGPU logits: max |Δ| 1.5e-6
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
// @ts-expect-error plain ESM script without types
import { startServer } from '../serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--enable-unsafe-webgpu'];
const TARGET = 1.1;

interface Row {
  workload: string;
  wasm: number;
  webgpu: number | null;
  pick: string;
  reason: string;
  ratio: number;
}

export default async function bench(): Promise<void> {
  if (!existsSync('out/lab/runtime-bench/index.html')) {
    console.log('runtime bench skipped: out/lab/runtime-bench/ is missing (run `npm run build` first)');
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`runtime bench skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const server = await startServer({ dir: 'out' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const page = await browser.newPage();
    const adapter = await (async () => {
      await page.goto(`${server.url}/lab/runtime-bench/`);
      return page.evaluate(async () => {
        const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string } } | null> } }).gpu;
        if (!gpu) return 'navigator.gpu missing';
        const a = await gpu.requestAdapter();
        return a ? `${a.info?.vendor ?? '?'} ${a.info?.architecture ?? ''}`.trim() : 'no adapter';
      });
    })();
    await page.waitForSelector('.runtime-bench[data-state="done"], .runtime-bench[data-state="error"]', { timeout: 540_000 });
    const state = await page.getAttribute('.runtime-bench', 'data-state');
    if (state !== 'done') throw new Error(`bench page failed: ${await page.locator('.runtime-bench [role=status]').innerText()}`);
    // plain data out of the page (no helper functions inside: tsx would wrap them in __name)
    const raw: Record<string, string | null>[] = await page.$$eval('.runtime-bench tbody tr', (trs) =>
      trs.map((tr) => ({
        workload: tr.getAttribute('data-workload'),
        wasm: tr.getAttribute('data-wasm'),
        webgpu: tr.getAttribute('data-webgpu'),
        pick: tr.getAttribute('data-pick'),
        ratio: tr.getAttribute('data-ratio'),
        reason: tr.querySelector('td[title]')?.getAttribute('title') ?? '',
      })),
    );
    const num = (x: string | null) => (x === null ? null : Number(x));
    const rows: Row[] = raw.map((r) => ({
      workload: r.workload ?? '?', wasm: num(r.wasm) ?? NaN, webgpu: num(r.webgpu),
      pick: r.pick ?? '?', reason: r.reason ?? '', ratio: num(r.ratio) ?? NaN,
    }));
    console.log(`runtime: lm-shape in headless Chromium, WebGPU adapter: ${adapter}`);
    console.table(rows.map((r) => ({
      workload: r.workload === 'prefill' ? 'prefill 128 tok' : 'decode 1 tok (64 cached)',
      'WASM ms': r.wasm.toFixed(1),
      'WebGPU ms': r.webgpu === null ? 'n/a' : r.webgpu.toFixed(1),
      'WebGPU ÷ WASM': r.webgpu === null ? 'n/a' : (r.webgpu / r.wasm).toFixed(2),
      pick: r.pick,
      'pick ÷ fastest': r.ratio.toFixed(2),
      [`≤ ${TARGET}`]: r.ratio <= TARGET ? 'yes' : 'NO',
    })));
    for (const r of rows) console.log(`  ${r.workload}: ${r.reason}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
