/**
 * The Tokenization lesson in real Chromium: every widget loads, the BPE trainer trains and
 * scrubs, no console errors, axe clean, and it fits 360 px. Screenshots (light, dark, 360 px)
 * go to test-results/screenshots/tokenization-*.png. Also logs (not asserts) how long the page
 * takes to tokenize big pastes, for the report.
 */
import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';
import type { Page } from 'playwright-core';

const LESSON = '/lessons/tokenization/';

/** One PNG per widget (the full page is too tall to read): tokenization-<name>-w<i>.png. */
async function widgetShots(page: Page, name: string) {
  const ws = page.locator('.widget');
  for (let i = 0; i < (await ws.count()); i++) {
    // the copy inside the closed deep dive is not visible
    if (await ws.nth(i).isVisible()) await ws.nth(i).screenshot({ path: join(SCREENSHOT_DIR, `tokenization-${name}-w${i}.png`), animations: 'disabled' });
  }
}

async function ready(page: Page) {
  await waitForWidgets(page);
  // the live-trained comparison and the unigram widget finish training
  await page.getByText(/were trained live in your browser/).waitFor({ timeout: 30_000 });
  await page.getByText(/Unigram tokenizer with \d+ pieces/).waitFor({ timeout: 30_000 });
  await page.locator('.tv-counts').first().waitFor({ timeout: 30_000 });
}

describeBrowser('tokenization lesson', () => {
  afterAll(closeBrowser);

  for (const scheme of ['light', 'dark'] as const) {
    it(`renders all four widgets in ${scheme} mode with no console errors and no serious axe violations`, async () => {
      const { page, errors, status } = await openPage(LESSON, { colorScheme: scheme });
      expect(status).toBe(200);
      await ready(page);
      expect(await page.locator('.tok-strip .tok').count()).toBeGreaterThan(20);
      expect(await runAxe(page)).toEqual([]);
      await screenshot(page, `tokenization-${scheme}`);
      await widgetShots(page, scheme);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('fits a 360 px wide screen without horizontal scrolling', async () => {
    const { page, errors } = await openPage(LESSON, { viewport: { width: 360, height: 800 } });
    await ready(page);
    // trained, the BPE widget shows its widest parts (merge table, chart)
    const bt = page.locator('[data-widget="bpe-trainer"] .bt').first();
    await bt.getByRole('button', { name: 'Train' }).click();
    await bt.getByRole('slider').fill('20');
    await bt.getByRole('table').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'tokenization-360');
    await widgetShots(page, '360');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pressing Train in the BPE widget produces merges, and the slider replays them', async () => {
    const { page, errors } = await openPage(LESSON);
    await waitForWidgets(page);
    const bt = page.locator('[data-widget="bpe-trainer"] .bt').first();
    await bt.getByRole('button', { name: 'Train' }).click();
    const slider = bt.getByRole('slider');
    await slider.waitFor({ timeout: 20_000 });
    expect(Number(await slider.getAttribute('max'))).toBe(64); // default vocabulary 320 = 256 + 64 merges
    await slider.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const rows = bt.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(5);
    // the first merge of the default paragraph: "·" + "o" (11 times)
    expect(await rows.first().textContent()).toMatch(/^1·\s*\+\s*o11/);
    // the step is in the URL, so a reload shows the same view
    await page.waitForFunction(() => location.search.includes('bpe-trainer.step=5'), null, { timeout: 5000 });
    await bt.screenshot({ path: join(SCREENSHOT_DIR, 'tokenization-bpe-step5.png') });
    // click a merged token in the corpus: its merge tree appears
    await bt.locator('.bt-reseg [role="listitem"]').filter({ hasText: /^·o/ }).first().click();
    await expect.poll(() => bt.locator('.bt-tree-rows li').count()).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the worked example in the deep dive reproduces aaabdaaabac → XdXac, and Play advances the step', async () => {
    const { page, errors } = await openPage(LESSON);
    await waitForWidgets(page);
    await page.getByText('The textbook example, by hand').click();
    const wiki = page.locator('[data-widget="bpe-trainer"]').nth(1);
    await wiki.getByRole('button', { name: 'Train' }).click();
    await wiki.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() => new URLSearchParams(location.search).get('wiki.step') === '3', null, { timeout: 10_000 });
    const corpus = wiki.getByRole('list', { name: 'Corpus tokens at this step' });
    await expect.poll(async () => (await corpus.locator('[role="listitem"]').allTextContents()).join('|')).toBe('aaab|d|aaab|a|c');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('with reduced motion, Play is replaced by Jump to end', async () => {
    const { page, errors } = await openPage('/embed/bpe-trainer/?trained=1&vocab=300&sel=290&theme=dark', { reducedMotion: 'reduce', colorScheme: 'dark' });
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await expect.poll(() => page.getByRole('slider').inputValue()).toBe('44');
    await page.getByRole('list', { name: 'Merge tree of token 290' }).waitFor();
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'tokenization-bpe-embed-dark');
    expect(errors).toEqual([]);
    expect(await page.getByRole('button', { name: 'Play' }).count()).toBe(0);
    await page.close();
  });

  it('embed pages restore their state from the URL', async () => {
    const { page, errors } = await openPage('/embed/unigram-samples/?text=happiness&alpha=3&seed=5&samples=4&nbest=2');
    await waitForWidgets(page);
    await page.getByText(/Unigram tokenizer with \d+ pieces/).waitFor({ timeout: 30_000 });
    expect(await page.locator('tbody tr').count()).toBe(2);
    await expect.poll(() => page.getByText('×4').count()).toBe(1); // alpha 3: all four samples agree
    const tv = await openPage('/embed/token-viewer/?text=hello%20hello&tok=byte');
    await waitForWidgets(tv.page);
    await expect.poll(() => tv.page.locator('.tv-counts').textContent()).toContain('11 tokens');
    // the lesson's challenge: "hello hello hello" is 3 GPT-2 tokens (hello, ·hello, ·hello) and 17 bytes
    const g2 = await openPage('/embed/token-viewer/?text=hello%20hello%20hello&tok=gpt2');
    await waitForWidgets(g2.page);
    await expect.poll(() => g2.page.locator('.tv-counts').textContent(), { timeout: 20_000 }).toContain('3 tokens');
    const ids = await g2.page.getByRole('list', { name: /^Token ids/ }).locator('[role="listitem"]').allTextContents();
    expect(ids[1]).toBe(ids[2]);
    expect(ids[0]).not.toBe(ids[1]);
    await g2.page.getByLabel('Tokenizer').selectOption('byte');
    await expect.poll(() => g2.page.locator('.tv-counts').textContent()).toContain('17 tokens');
    errors.push(...g2.errors);
    await g2.page.close();
    const tc = await openPage('/embed/tokenizer-compare/?text=cats&ref=char&vocab=300');
    await waitForWidgets(tc.page);
    await tc.page.getByText(/were trained live/).waitFor({ timeout: 30_000 });
    expect(await tc.page.getByLabel(/^Code points: 4 tokens, reference$/).count()).toBe(1);
    expect([...errors, ...tv.errors, ...tc.errors]).toEqual([]);
    for (const p of [page, tv.page, tc.page]) await p.close();
  });

  // A measurement, not a check: it pastes up to 1 MB and trains on 100 KB, which on a loaded machine
  // can outlast the test timeout. Run it on purpose: `LLM_LAB_E2E_PERF=1 npm run test:e2e`.
  it.runIf(process.env.LLM_LAB_E2E_PERF === '1')('measures how long big pastes take (logged for the report, not asserted)', async () => {
    const austen = readFileSync('training/data/austen.txt', 'utf8').slice(2_000_000);
    // the lesson itself: longest main-thread task while it loads and its widgets train
    const lesson = await openPage(LESSON);
    await lesson.page.addInitScript(() => {
      const w = window as unknown as { __tasks: number[] };
      w.__tasks = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
    });
    await lesson.page.reload();
    await ready(lesson.page);
    const loadTasks = await lesson.page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks.map(Math.round));
    console.log(`[tokenization perf] lesson load: long tasks ${JSON.stringify(loadTasks)} ms`);
    await lesson.page.close();
    const { page } = await openPage('/embed/token-viewer/?tok=austen');
    await waitForWidgets(page);
    await page.locator('.tv-counts').waitFor({ timeout: 20_000 });
    for (const n of [10_000, 100_000, 1_000_000]) {
      const text = austen.slice(0, n);
      await page.evaluate(() => {
        const w = window as unknown as { __tasks: number[] };
        w.__tasks = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__tasks.push(e.duration))).observe({ type: 'longtask' });
      });
      const ms = await page.evaluate(async (t) => {
        const ta = document.querySelector('textarea') as HTMLTextAreaElement;
        const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
        const t0 = performance.now();
        setter.call(ta, t);
        ta.dispatchEvent(new Event('input', { bubbles: true }));
        const want = new TextEncoder().encode(t).length.toLocaleString('en');
        while (!(document.querySelector('.tv-counts')?.textContent ?? '').replace(/,/g, '').includes(`${want.replace(/,/g, '')} bytes`)) {
          await new Promise((r) => setTimeout(r, 5));
          if (performance.now() - t0 > 30_000) return -1;
        }
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        return performance.now() - t0;
      }, text);
      const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __tasks: number[] }).__tasks));
      console.log(`[tokenization perf] token-viewer (Austen BPE-4096): pasting ${n.toLocaleString('en')} chars → counts on screen in ${Math.round(ms)} ms, longest task ${Math.round(longest)} ms`);
    }
    // one keystroke at the end of a long text: the longest main-thread task it causes
    for (const n of [2_000, 10_000]) {
      await page.locator('textarea').fill(austen.slice(0, n));
      await page.waitForTimeout(1500);
      await page.locator('textarea').focus();
      await page.keyboard.press('End');
      await page.evaluate(() => {
        const w = window as unknown as { __tasks: number[] };
        w.__tasks = [];
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__tasks.push(e.duration))).observe({ type: 'longtask' });
      });
      await page.keyboard.type('x');
      await page.waitForTimeout(1500);
      const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { __tasks: number[] }).__tasks));
      console.log(`[tokenization perf] token-viewer: typing into a ${n.toLocaleString('en')}-char text, longest task ${Math.round(longest)} ms`);
    }
    await page.close();
    const { page: p2 } = await openPage('/embed/bpe-trainer/');
    await waitForWidgets(p2);
    await p2.getByLabel(/Vocabulary size/).fill('1024');
    for (const n of [10_000, 60_000, 100_000]) {
      await p2.locator('textarea').fill(austen.slice(0, n));
      await p2.getByRole('button', { name: 'Train' }).click();
      await p2.getByText(/^Trained \d+ merges/).waitFor({ timeout: 60_000 });
      console.log(`[tokenization perf] bpe-trainer: ${(await p2.getByText(/^Trained \d+ merges/).textContent()) ?? ''}`);
    }
    await p2.close();
  });

  it('a corpus above 64 KB trains in the tokenizer worker and can still be scrubbed', async () => {
    const austen = readFileSync('training/data/austen.txt', 'utf8').slice(1_000_000, 1_080_000);
    const { page, errors } = await openPage('/embed/bpe-trainer/');
    await waitForWidgets(page);
    await page.locator('textarea').fill(austen);
    await expect.poll(() => page.getByText(/training runs in a background worker/).count()).toBe(1);
    await page.getByRole('button', { name: 'Train' }).click();
    await page.getByText(/^Trained 64 merges on 80,\d{3} bytes in \d+ ms \(background worker\)/).waitFor({ timeout: 60_000 });
    await page.getByRole('slider').fill('64');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(8);
    expect(errors).toEqual([]);
    await page.close();
  });
});
