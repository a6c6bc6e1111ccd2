/**
 * onnxruntime-web WASM on 1 thread vs N threads, in headless Chromium, one run, against the built
 * site (out/): /lab/runtime-bench/?model=lm served twice by scripts/serve.mjs,
 *   1 thread   isolation: false (no COOP/COEP, like a host without header control: not
 *              cross-origin isolated, so no SharedArrayBuffer and ORT runs on one thread)
 *   N threads  the normal headers (cross-origin isolated; N = min(4, cores), lib/runtime/threads.ts)
 * Same browser, service workers blocked (so the worker cannot add the headers itself), no WebGPU
 * flag (the page then times WASM only). Per workload the median ms of 5 runs after a warm-up:
 *   prefill  128 tokens in one call (kv-prefill graph)
 *   decode   1 token after 64 cached ones (kv-decode graph)
 *
 *   npm run build && npm run bench -- threads
 *
 * Measured here (2 shared cores, 2026-11-30): 1 thread prefill 54.6 ms, decode 6.80 ms (147 tok/s);
 * 2 threads prefill 68.9 ms, decode 2.79 ms (359 tok/s). Noisy: other jobs share the two cores.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
// @ts-expect-error plain ESM script without types
import { startServer } from '../serve.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const MODEL = 'lm';

interface Run {
  isolated: boolean;
  threads: number;
  cores: number;
  prefill: number;
  decode: number;
}

async function measure(browser: Browser, isolation: boolean): Promise<Run> {
  const server = await startServer({ dir: 'out', isolation });
  const ctx = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/lab/runtime-bench/?model=${MODEL}`);
    await page.waitForSelector('.runtime-bench[data-state="done"], .runtime-bench[data-state="error"]', { timeout: 540_000 });
    if ((await page.getAttribute('.runtime-bench', 'data-state')) !== 'done') {
      throw new Error(`bench page failed: ${await page.locator('.runtime-bench [role=status]').innerText()}`);
    }
    const env = await page.evaluate(() => ({ isolated: self.crossOriginIsolated === true, cores: navigator.hardwareConcurrency }));
    const wasm = async (w: string) => Number(await page.getAttribute(`.runtime-bench tr[data-workload="${w}"]`, 'data-wasm'));
    // the count ORT was given: lib/runtime/threads.ts's rule, as the badge shows it
    const threads = env.isolated ? Math.max(1, Math.min(4, env.cores)) : 1;
    return { ...env, threads, prefill: await wasm('prefill'), decode: await wasm('decode') };
  } finally {
    await ctx.close();
    await server.close();
  }
}

export default async function bench(): Promise<void> {
  if (!existsSync('out/lab/runtime-bench/index.html')) {
    console.log('threads bench skipped: out/lab/runtime-bench/ is missing (run `npm run build` first)');
    return;
  }
  if (!existsSync(CHROMIUM)) {
    console.log(`threads bench skipped: no Chromium at ${CHROMIUM}`);
    return;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const one = await measure(browser, false);
    const many = await measure(browser, true);
    console.log(`threads: ${MODEL} on ORT WASM in headless Chromium, ${many.cores} cores; median of 5 after a warm-up`);
    console.table([one, many].map((r) => ({
      page: r.isolated ? 'cross-origin isolated' : 'not isolated',
      threads: r.threads,
      'prefill 128 tok ms': r.prefill.toFixed(1),
      'decode 1 tok ms': r.decode.toFixed(2),
      'decode tok/s': (1000 / r.decode).toFixed(0),
    })));
    console.log(`  ${many.threads} threads ÷ 1 thread: prefill ${(many.prefill / one.prefill).toFixed(2)}×, decode ${(many.decode / one.decode).toFixed(2)}× the time`);
    if (one.isolated || !many.isolated) console.log('  WARNING: isolation did not come out as intended; the comparison is not 1 vs N threads');
  } finally {
    await browser.close();
  }
}
