/**
 * The Retrieval and prompting lesson in real Chromium (WASM): BM25 answers the default query at
 * once with a judged-relevant passage first; Run embeds the 177 texts with lm in the model worker
 * and the dense recall@5 / MRR match the recorded Node run; the layer slider re-ranks without a
 * model run; the RAG widget measures ln p(target) without and with the passage (the lesson's
 * numbers, within float noise). An embed clamps a bad value with a visible note; 360 px dark fits
 * and is axe clean. Screenshots: test-results/screenshots/retrieval-*.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/retrieval-prompting/';
const RUN = 120_000;
const recorded = JSON.parse(readFileSync('test/lib/retrieval/retrieval.recorded.json', 'utf8')) as { layers: { recall5: number; mrr: number }[] };

describeBrowser('retrieval and prompting lesson', () => {
  afterAll(closeBrowser);

  it('BM25 at once, dense after Run (matches the recorded run), layer re-ranks, RAG measures with and without', async () => {
    const { page, errors, status } = await openPage(`${LESSON}?retrieval.backend=wasm&rag-prompt.backend=wasm`);
    expect(status).toBe(200);
    await waitForWidgets(page);
    const rt = page.locator('.widget', { has: page.locator('[data-testid="rt-bm25"]') });
    await expect.poll(() => rt.locator('[data-testid="rt-bm25"] li').count()).toBe(5);
    expect(await rt.locator('[data-testid="rt-bm25"] li').first().getAttribute('data-relevant')).toBe('1');
    const cells = (r: string) => rt.locator(`tr[data-retriever="${r}"] td`).allTextContents();
    expect(await cells('bm25')).toEqual(['0.635', '0.764']);

    await rt.getByRole('button', { name: 'Run' }).click();
    await page.waitForFunction(() => document.querySelector('.rt')?.getAttribute('data-phase') === 'ready' || document.querySelector('.ev-error') !== null, null, { timeout: RUN });
    expect(await page.locator('.ev-error').count()).toBe(0);
    expect(await rt.locator('[data-testid="rt-dense"] li').count()).toBe(5);
    expect(await rt.locator('[data-dense-ran]').getAttribute('data-dense-ran')).toBe('wasm');
    const [r5, mrr] = (await cells('dense')).map(Number);
    expect(Math.abs(r5 - recorded.layers[1].recall5)).toBeLessThan(0.03);
    expect(Math.abs(mrr - recorded.layers[1].mrr)).toBeLessThan(0.03);
    await rt.getByRole('slider', { name: /Dense layer/ }).fill('8');
    await expect.poll(async () => Number((await cells('dense'))[1])).toBeLessThan(mrr);
    expect(Math.abs(Number((await cells('dense'))[1]) - recorded.layers[8].mrr)).toBeLessThan(0.03);

    const rag = page.locator('.widget', { has: page.locator('[data-testid="rag-retrieved"]') });
    expect(await rag.locator('[data-testid="rag-retrieved"]').textContent()).toMatch(/moby-71908/);
    await rag.getByRole('button', { name: 'Run' }).click();
    await rag.locator('tr[data-side="with"]').waitFor({ timeout: RUN });
    const logp = async (side: string) => Number(await rag.locator(`tr[data-side="${side}"]`).getAttribute('data-logp'));
    expect(Math.abs((await logp('without')) - -18.06)).toBeLessThan(0.05);
    expect(Math.abs((await logp('with')) - -15.92)).toBeLessThan(0.05);
    expect(await rag.locator('.ev-actions .badge').first().getAttribute('data-backend')).toBe('wasm');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'retrieval-light');
    await rt.screenshot({ path: join(SCREENSHOT_DIR, 'retrieval-widget-light.png'), animations: 'disabled' });
    await rag.screenshot({ path: join(SCREENSHOT_DIR, 'retrieval-rag-light.png'), animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * RUN);

  it('an embed clamps a bad value with a note; 360 px dark fits and is axe clean', async () => {
    const embed = await openPage('/embed/retrieval/?k=99&layer=-3&query=the%20whale');
    await waitForWidgets(embed.page);
    await expect.poll(() => embed.page.locator('.url-notes').first().textContent()).toMatch(/k/);
    await expect.poll(() => embed.page.locator('[data-testid="rt-bm25"] li').count()).toBe(10);
    expect(embed.errors).toEqual([]);
    await embed.page.close();

    const { page, errors } = await openPage(`${LESSON}?rag-prompt.scenario=misters&rag-prompt.stem=Mr%20Wickham&rag-prompt.target=,&rag-prompt.k=3`, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await waitForWidgets(page);
    await expect.poll(() => page.getByLabel('Examples: 3').count()).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'retrieval-dark-360');
    await page.locator('.widget').first().screenshot({ path: join(SCREENSHOT_DIR, 'retrieval-widget-dark-360.png'), animations: 'disabled' });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, RUN);
});
