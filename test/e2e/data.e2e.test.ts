/**
 * The data lesson in real Chromium: every widget computes from the shipped corpus excerpt (jobs in
 * Web Workers), a threshold change re-judges the passages, the dedup method switch reruns in the
 * worker, each embed works from its URL, and the page fits 360 px in dark mode. No console errors,
 * axe clean. Screenshots: test-results/screenshots/data-*.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, SCREENSHOT_DIR, waitForWidgets } from './browser';

const LESSON = '/lessons/data/';
const T = 60_000;
/** Results of the job for the current controls (a previous result stays on screen, dimmed, while a new one runs). */
const DD = '.dd [data-result=fresh]';
const DC = '.dc [data-result=fresh] [data-matched]';

/** Wait until every data widget on the page shows its result. */
async function allComputed(page: Page) {
  await waitForWidgets(page);
  await page.waitForSelector('.dq [data-shown]', { timeout: T });
  await page.waitForSelector(`${DD} [data-accepted], ${DD} [data-covered]`, { timeout: T });
  await page.waitForSelector(DC, { timeout: T });
}

describeBrowser('data lesson', () => {
  afterAll(closeBrowser);

  it('renders every widget from the corpus excerpt; a threshold and the dedup method update the results live', async () => {
    const { page, errors, status } = await openPage(LESSON);
    expect(status).toBe(200);
    expect(await page.locator('h1').textContent()).toMatch(/Where the data comes from/);
    await allComputed(page);
    // the mix table reads the manifest: three sources
    expect(await page.locator('.dw tr[data-source]').count()).toBe(3);
    // default quiz is contaminated at n = 13, its quoted sentence marked
    expect(Number(await page.getAttribute(DC, 'data-matched'))).toBeGreaterThan(0);
    expect(await page.locator('.dc mark').first().textContent()).toMatch(/It is a truth universally acknowledged/);
    // MinHash over the excerpt finds duplicate groups
    expect(Number(await page.getAttribute(DD + ' [data-accepted]', 'data-clusters'))).toBeGreaterThan(0);
    // quality: lowering the word minimum drops fewer passages (thresholds are applied in the page)
    const before = Number(await page.getAttribute('.dq [data-shown]', 'data-shown'));
    await page.getByRole('slider', { name: /Min\. words/ }).fill('0');
    await expect.poll(async () => Number(await page.getAttribute('.dq [data-shown]', 'data-shown'))).toBeLessThan(before);
    await expect.poll(() => page.url()).toContain('data-quality.minWords=0');
    // dedup: switch to the suffix array; the worker reruns and lists repeated spans
    await page.getByLabel('Method').selectOption('exact');
    await page.waitForSelector(DD + ' [data-covered]', { timeout: T });
    expect(Number(await page.getAttribute(DD + ' [data-covered]', 'data-covered'))).toBeGreaterThan(0);
    await screenshot(page, 'data-light');
    for (const [i, name] of ['mix', 'quality', 'dedup', 'contamination'].entries()) {
      await page.locator('.widget').nth(i).screenshot({ path: join(SCREENSHOT_DIR, `data-widget-${name}-light.png`), animations: 'disabled' });
    }
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 3 * T);

  it('each widget works from its embed URL', async () => {
    const cases: Array<[string, string]> = [
      ['/embed/data-mix/?axis=linear&ours=unique', '.dw tr[data-source]'],
      ['/embed/data-quality/?minWords=10&rule=stopWords', '.dq [data-shown]'],
      ['/embed/data-dedup/?method=simhash&bits=4', DD + ' [data-accepted]'],
      ['/embed/data-contamination/?test=validation&n=8', DC],
    ];
    for (const [path, sel] of cases) {
      const { page, errors, status } = await openPage(path);
      expect(status).toBe(200);
      await waitForWidgets(page);
      await page.waitForSelector(sel, { timeout: T });
      if (path.includes('contamination')) expect(await page.getAttribute(sel, 'data-matched')).toBe('0'); // held-out text is clean
      if (path.includes('quality')) expect(await page.getByRole('slider', { name: /Min\. words/ }).inputValue()).toBe('10');
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 4 * T);

  it('fits a 360 px screen in dark mode, with no axe violations', async () => {
    const { page, errors } = await openPage(LESSON, { colorScheme: 'dark', viewport: { width: 360, height: 800 } });
    await allComputed(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot(page, 'data-dark-360');
    for (const [i, name] of ['mix', 'quality', 'dedup', 'contamination'].entries()) {
      await page.locator('.widget').nth(i).screenshot({ path: join(SCREENSHOT_DIR, `data-widget-${name}-dark-360.png`), animations: 'disabled' });
    }
    expect(await runAxe(page)).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await page.close();
  }, 2 * T);
});
