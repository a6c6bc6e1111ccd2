/**
 * The live generate panel in real Chromium (--enable-unsafe-webgpu; headless it gets SwiftShader's
 * software WebGPU adapter): the home page downloads `lm` (sha256-checked) into the model worker,
 * streams tokens, and draws the last step's top-10 bars and an attention map read from the ONNX
 * graph's attnProbs taps. WebGPU and WASM must give the same greedy tokens. Timings are printed
 * (for the report), never asserted.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, launchBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const RUN_TIMEOUT = 240_000;

/** A PNG of one element (easier to inspect than a full page) next to the full-page shots. */
async function shot(page: Page, selector: string, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.locator(selector).first().screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), animations: 'disabled' });
}

/** Click Generate in the home page panel and wait for the run to finish (or fail). */
async function generate(page: Page): Promise<void> {
  await waitForWidgets(page);
  await page.getByRole('button', { name: /generate/i }).first().click();
  await page.waitForSelector('.gen[data-phase="done"], .gen[data-phase="error"]', { timeout: RUN_TIMEOUT });
  const error = await page.locator('.gen-error').textContent().catch(() => null);
  expect(await page.getAttribute('.gen', 'data-phase'), error ?? '').toBe('done');
}

interface Report {
  ids: number[];
  text: string;
  badge: string | null;
  why: { backend: string | null; text: string }[];
  tapBackend: string | null;
  firstMs: number;
  tokensPerS: number;
  bars: number;
  /** Heatmap cells: [row, col, value] read back from each cell's title. */
  rows: Map<number, number>;
  cells: number;
  maxOpacity: number;
}

async function readPanel(page: Page): Promise<Report> {
  const raw = await page.evaluate(() => {
    const q = (s: string) => document.querySelector(s);
    const cells = [...document.querySelectorAll('.gen-heat-cell')];
    return {
      ids: (q('.gen-output')?.getAttribute('data-ids') ?? '').split(',').filter((s) => s !== '').map(Number),
      text: (q('.gen-new') as HTMLElement | null)?.innerText ?? '',
      badge: q('.gen-actions .badge')?.getAttribute('data-backend') ?? null,
      why: [...document.querySelectorAll('.gen-why li[data-backend]')].map((li) => ({ backend: li.getAttribute('data-backend'), text: (li as HTMLElement).textContent ?? '' })),
      tapBackend: q('[data-tap-backend]')?.getAttribute('data-tap-backend') ?? null,
      firstMs: Number(q('.gen-speed')?.getAttribute('data-first-ms')),
      tokensPerS: Number(q('.gen-speed')?.getAttribute('data-tokens-per-s')),
      bars: document.querySelectorAll('.gen-bar').length,
      cells: cells.map((c) => [c.querySelector('title')?.textContent ?? '', Number(c.getAttribute('fill-opacity'))] as const),
    };
  });
  // each title reads "<query> → <key>: 0.123"; the query row is the cell's y, so group by y via order
  const rows = new Map<number, number>();
  const ys = await page.$$eval('.gen-heat-cell', (els) => els.map((e) => Number(e.getAttribute('y'))));
  raw.cells.forEach(([title], i) => rows.set(ys[i], (rows.get(ys[i]) ?? 0) + Number(title.split(': ').pop())));
  return { ...raw, rows, cells: raw.cells.length, maxOpacity: Math.max(...raw.cells.map(([, o]) => o)) };
}

describeBrowser('live generation on the home page', () => {
  afterAll(closeBrowser);

  it('loads lm, streams ≥10 tokens with a fixed seed, and shows the badge, top-10 bars and a heatmap from the taps', async () => {
    const { page, errors, status } = await openPage('/?generate.seed=7&generate.maxTokens=12&generate.temperature=0.8&generate.layer=1&generate.head=2');
    expect(status).toBe(200);
    await generate(page);
    const r = await readPanel(page);
    console.log('generate (auto):', JSON.stringify({ ...r, rows: undefined }, null, 1));
    expect(r.ids.length).toBeGreaterThanOrEqual(10);
    expect(r.text.trim().length).toBeGreaterThan(0);
    expect(['webgpu', 'wasm']).toContain(r.badge);
    // the first click never waits for calibration: WASM for now while WebGPU is timed in the background
    // (in idle time), or a measured choice once that is done; the panel swaps in the measured reason
    expect(r.why.map((w) => w.text).join(' ')).toMatch(/(WebGPU|WASM) chosen: faster for .+ \(measured|WASM for now: WebGPU is being timed in the background/);
    expect(r.bars).toBe(10);
    expect(r.cells).toBeGreaterThan(0);
    expect(r.maxOpacity).toBeGreaterThan(0.5);
    // the 11-token prompt + 12 tokens fit the 24-token window, so every row is a whole softmax: sums to 1
    expect(Number(await page.getAttribute('.gen-heatmap', 'data-tokens'))).toBeLessThanOrEqual(Number(await page.getAttribute('.gen-heatmap', 'data-window')));
    for (const sum of r.rows.values()) expect(sum).toBeCloseTo(1, 2);
    await expect(page.locator('.gen-heatmap').getAttribute('aria-label')).resolves.toMatch(/layer 1 head 2/);
    // the same seed again gives the same tokens (whichever backend the measured choice picked)
    await generate(page);
    expect((await readPanel(page)).ids).toEqual(r.ids);
    await expect.poll(async () => (await readPanel(page)).why.map((w) => w.text).join(' '), { timeout: RUN_TIMEOUT })
      .toMatch(/^(?=.*Reading the prompt: \w+ — (WebGPU|WASM) chosen: faster for .+ \(measured)(?=.*Each new token: \w+ — (WebGPU|WASM) chosen: faster for .+ \(measured)/);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'generate-light');
    await shot(page, '.gen-figures', 'generate-figures-light');
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);

  it('works in dark mode on a 360 px screen with no overflow and no axe violations', async () => {
    const { page, errors } = await openPage('/?generate.seed=3&generate.maxTokens=12', { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await generate(page);
    expect((await readPanel(page)).ids.length).toBe(12);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await page.locator('.gen-why summary').click();
    await screenshot(page, 'generate-dark-360');
    await shot(page, '.gen', 'generate-panel-dark-360');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('WebGPU and WASM generate the same greedy tokens, and the taps come from the forced backend', async () => {
    const prompt = encodeURIComponent('She was not in the habit of');
    const out: Record<string, Report> = {};
    for (const backend of ['webgpu', 'wasm'] as const) {
      const { page, errors } = await openPage(`/?generate.prompt=${prompt}&generate.temperature=0&generate.maxTokens=16&generate.backend=${backend}`);
      await generate(page);
      out[backend] = await readPanel(page);
      if (backend === 'webgpu') await screenshot(page, 'generate-webgpu');
      expect(errors).toEqual([]);
      await page.close();
    }
    console.log('greedy parity:', JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { ids: v.ids, text: v.text, tap: v.tapBackend, firstMs: v.firstMs, tokensPerS: v.tokensPerS }])), null, 1));
    for (const backend of ['webgpu', 'wasm'] as const) {
      expect(out[backend].badge).toBe(backend);
      expect(out[backend].tapBackend).toBe(backend);
      expect(out[backend].why.every((w) => w.backend === backend && /override/.test(w.text))).toBe(true);
      expect(out[backend].cells).toBeGreaterThan(0);
    }
    expect(out.webgpu.ids).toHaveLength(16);
    expect(out.webgpu.ids).toEqual(out.wasm.ids);
  }, 2 * RUN_TIMEOUT);

  it('an empty prompt shows a message and starts no generation', async () => {
    // (the model itself may be prefetched while the student reads: that is not a run)
    const { page, errors } = await openPage('/?generate.prompt=');
    await waitForWidgets(page);
    await page.getByRole('button', { name: /generate/i }).first().click();
    await expect(page.locator('.gen-note').textContent()).resolves.toMatch(/Type a prompt first/);
    expect(await page.getAttribute('.gen', 'data-phase')).toBe('idle');
    await page.waitForTimeout(500);
    expect(await page.getAttribute('.gen', 'data-phase')).toBe('idle');
    expect(await page.locator('.gen-output').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('Stop ends a long generation early, between tokens', async () => {
    const { page, errors } = await openPage('/?generate.maxTokens=200&generate.backend=wasm');
    await waitForWidgets(page);
    await page.getByRole('button', { name: /generate/i }).first().click();
    await page.waitForFunction(() => Number(document.querySelector('.gen-output')?.getAttribute('data-new-tokens')) >= 3, null, { timeout: RUN_TIMEOUT });
    await page.getByRole('button', { name: 'Stop' }).click();
    await page.waitForSelector('.gen[data-phase="done"]', { timeout: RUN_TIMEOUT });
    await expect(page.locator('.gen-phase').textContent()).resolves.toMatch(/stopped by you/);
    expect((await readPanel(page)).ids.length).toBeLessThan(200);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('stays responsive while the model runs: INP of typing and clicks during a generation ≤ 200 ms', async () => {
    // INP (web-vitals: with < 50 interactions, the slowest one) from the Event Timing API: each
    // interaction's duration runs from input to the next paint. The model runs in the worker and
    // tokens are drawn once per frame, so the main thread should stay free. A round counts when ≥ 3
    // interactions landed while tokens streamed; the best of up to 3 rounds is asserted, so one
    // hiccup of this shared machine cannot fail it, while a blocked main thread fails every round.
    const { page, errors } = await openPage('/?generate.maxTokens=200&generate.backend=wasm');
    await waitForWidgets(page);
    await page.evaluate(() => {
      const w = window as unknown as { __inp: { id: number; ms: number; t: number }[]; __gen: [number, number][]; __acts: number[] };
      w.__inp = [];
      w.__gen = [];
      w.__acts = [];
      // every interaction (entries below the 16 ms threshold are not reported, so count inputs here)
      for (const type of ['keydown', 'pointerdown']) addEventListener(type, (e) => w.__acts.push(e.timeStamp), { capture: true });
      new PerformanceObserver((l) => {
        for (const e of l.getEntries() as (PerformanceEntry & { interactionId?: number })[]) {
          if (e.interactionId) w.__inp.push({ id: e.interactionId, ms: e.duration, t: e.startTime });
        }
      }).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
      // [start, end] of every streaming phase (data-phase = generating)
      new MutationObserver(() => {
        const gen = document.querySelector('.gen')?.getAttribute('data-phase') === 'generating';
        const last = w.__gen.at(-1);
        if (gen && (!last || Number.isFinite(last[1]))) w.__gen.push([performance.now(), Infinity]);
        if (!gen && last && !Number.isFinite(last[1])) last[1] = performance.now();
      }).observe(document.querySelector('.gen')!, { attributes: true, attributeFilter: ['data-phase'] });
    });
    const rounds: { interactions: number; inp: number }[] = [];
    for (let round = 0; round < 3 && !rounds.some((r) => r.interactions >= 3 && r.inp <= 200); round++) {
      await page.getByRole('button', { name: /generate/i }).first().click();
      await page.waitForFunction(() => Number(document.querySelector('.gen-output')?.getAttribute('data-new-tokens')) >= 2, null, { timeout: RUN_TIMEOUT });
      for (let i = 0; i < 6 && (await page.getAttribute('.gen', 'data-phase')) === 'generating'; i++) {
        if (i % 2) await page.locator('.gen-why summary').click();
        else await page.locator('.gen-controls textarea').press('End');
        await page.keyboard.type('x');
      }
      await page.waitForSelector('.gen[data-phase="done"], .gen[data-phase="error"]', { timeout: RUN_TIMEOUT });
      const r = await page.evaluate(() => {
        const w = window as unknown as { __inp: { id: number; ms: number; t: number }[]; __gen: [number, number][]; __acts: number[] };
        const [t0, t1] = w.__gen.at(-1)!;
        const during = (t: number) => t >= t0 && t <= t1;
        return { interactions: w.__acts.filter(during).length, inp: Math.max(0, ...w.__inp.filter((e) => during(e.t)).map((e) => e.ms)) };
      });
      rounds.push(r);
    }
    console.log('INP while generating (per round):', JSON.stringify(rounds));
    expect(Math.min(...rounds.filter((r) => r.interactions >= 3).map((r) => r.inp))).toBeLessThanOrEqual(200);
    expect(await page.getAttribute('.gen', 'data-phase')).toBe('done');
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * RUN_TIMEOUT);

  it('a corrupted model download is refused with a clear sha256 message', async () => {
    // flip one byte of the weights on their way to the model worker (routed before the page
    // opens: the panel may prefetch the weights while the student reads)
    const ctx = await launchBrowser();
    await ctx.route('**/models/lm/model.safetensors', async (route) => {
      const res = await route.fetch();
      const body = await res.body();
      body[body.length - 1] ^= 0xff;
      await route.fulfill({ response: res, body });
    });
    const { page } = await openPage('/?generate.maxTokens=5');
    await waitForWidgets(page);
    await page.getByRole('button', { name: /generate/i }).first().click();
    await page.waitForSelector('.gen[data-phase="error"], .gen[data-phase="done"]', { timeout: RUN_TIMEOUT });
    await page.context().unroute('**/models/lm/model.safetensors');
    await expect(page.locator('.gen-error').textContent()).resolves.toMatch(/did not pass its integrity check \(sha256 mismatch\)/);
    await shot(page, '.gen', 'generate-sha256-error');
    await page.close();
  }, RUN_TIMEOUT);

  it('/embed/generate/ renders the same widget', async () => {
    const { page, errors, status } = await openPage('/embed/generate/?maxTokens=10&seed=5');
    expect(status).toBe(200);
    await generate(page);
    expect((await readPanel(page)).ids.length).toBe(10);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN_TIMEOUT);

  it('About the models: "Generate a sample" runs a model live with its fixed seed', async () => {
    const { page, errors } = await openPage('/about-models/');
    const card = page.locator('.live-sample[data-model="lm-draft"]');
    await expect(card.textContent()).resolves.toMatch(/Generated live in this browser/);
    await card.getByRole('button', { name: 'Generate a sample' }).click();
    await page.waitForSelector('.live-sample[data-model="lm-draft"][data-phase="done"], .live-sample[data-model="lm-draft"][data-phase="error"]', { timeout: RUN_TIMEOUT });
    expect(await card.getAttribute('data-phase')).toBe('done');
    const first = await card.locator('.gen-new').textContent();
    expect(first?.trim().length).toBeGreaterThan(0);
    await card.getByRole('button', { name: 'Generate again' }).click();
    await page.waitForSelector('.live-sample[data-model="lm-draft"][data-phase="done"]', { timeout: RUN_TIMEOUT });
    expect(await card.locator('.gen-new').textContent()).toBe(first); // fixed seed → same sample
    console.log('lm-draft sample:', first);
    await screenshot(page, 'about-models-live-sample');
    await shot(page, '.model-card:has(.live-sample[data-model="lm-draft"])', 'about-models-live-sample-card');
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN_TIMEOUT);
});
