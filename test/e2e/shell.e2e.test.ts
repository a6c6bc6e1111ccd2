/** The lab's frame in a real browser: every page renders cleanly, embeds resize, bad URLs are explained. */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { readManifest } from '@/components/models/manifest';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, url, waitForWidgets } from './browser';

const lessons: { slug: string }[] = JSON.parse(readFileSync('content/lessons.json', 'utf8'));
const embeds = readdirSync('out/embed', { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const pages = [
  { name: 'index', path: '/' },
  { name: 'about-models', path: '/about-models/' },
  ...lessons.map((l) => ({ name: `lesson-${l.slug}`, path: `/lessons/${l.slug}/` })),
  ...embeds.map((id) => ({ name: `embed-${id}`, path: `/embed/${id}/` })),
];

describeBrowser('every page', () => {
  afterAll(closeBrowser);

  // A lesson page holds all its widgets, so lessons (and the index) are checked in light, dark and at
  // 360 px. An embed page holds one widget already checked in its lesson: it is loaded twice (light at
  // 1280 px; dark at 360 px), which still covers both themes, the narrow screen and axe on its frame.
  // These checks only read their own page, so they run two at a time (maxConcurrency in
  // vitest.e2e.config.ts), each on its own page; the tests below it change shared state (the stored
  // theme, the clipboard) and run alone.
  describe.concurrent('each page', () => {
    for (const p of pages) {
      const isEmbed = p.name.startsWith('embed-');
      const schemes = isEmbed ? (['light'] as const) : (['light', 'dark'] as const);
      for (const scheme of schemes) {
        it(`${p.path} renders in ${scheme} mode with no console errors and no serious axe violations`, async ({ expect }) => {
          const { page, errors, status } = await openPage(p.path, { colorScheme: scheme });
          expect(status).toBe(200);
          await waitForWidgets(page);
          await screenshot(page, `${p.name}-${scheme}`); // first, so a failing page still leaves its picture
          await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
          expect(await runAxe(page)).toEqual([]);
          expect(errors).toEqual([]);
          if (scheme === 'light' && p.name.startsWith('lesson-')) {
            // the table of contents: every link lands on a heading (same page load)
            const targets = await page.locator('.toc a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
            expect(targets.length).toBeGreaterThan(0);
            for (const id of targets) await expect(page.locator(`[id="${id}"]`).evaluate((e) => e.tagName), `${p.path}#${id}`).resolves.toMatch(/^H[23]$/);
          }
          await page.close();
        });
      }
      it(`${p.path} fits a 360 px wide screen${isEmbed ? ' in dark mode' : ''} without horizontal scrolling or axe violations`, async ({ expect }) => {
        const { page, errors } = await openPage(p.path, { viewport: { width: 360, height: 740 }, ...(isEmbed ? { colorScheme: 'dark' as const } : {}) });
        await waitForWidgets(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        await screenshot(page, `${p.name}-360`);
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await runAxe(page)).toEqual([]);
        expect(errors).toEqual([]);
        await page.close();
      });
    }
  });

  for (const path of ['/lessons/no-such-lesson/', '/embed/no-such-widget/']) {
    it(`${path} (unknown slug) is a 404 page`, async () => {
      const { page, status } = await openPage(path);
      expect(status).toBe(404);
      await expect(page.locator('h1').textContent()).resolves.toMatch(/not found/i);
      await page.close();
    });
  }

  it('the share panel of a lesson widget fits a 360 px screen', async () => {
    const { page, errors } = await openPage(`/lessons/${lessons[0].slug}/`, { viewport: { width: 360, height: 740 } });
    await waitForWidgets(page);
    await page.getByRole('button', { name: 'Share / embed' }).first().click();
    const box = await page.locator('.share-panel').first().boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(360);
    await screenshot(page, 'lesson-share-panel-360');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the table of contents marks the section in view with aria-current', async () => {
    const { page } = await openPage(`/lessons/${lessons[0].slug}/`, { viewport: { width: 1280, height: 800 } });
    const ids = await page.locator('.toc a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
    const current = () => page.locator('.toc a[aria-current="true"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).hash.slice(1)));
    await expect.poll(current).toEqual([ids[0]]);
    const id = ids[Math.min(2, ids.length - 1)];
    await page.evaluate((h) => window.scrollTo(0, document.getElementById(h)!.getBoundingClientRect().top + window.scrollY - 100), id);
    await expect.poll(current).toEqual([id]);
    await page.close();
  });

  it('the first Tab reaches the skip link, which moves focus to the main content', async () => {
    const { page } = await openPage(`/lessons/${lessons[0].slug}/`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Skip to content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => location.hash)).resolves.toBe('#main');
    await page.close();
  });

  it('about the models lists each model in the manifests, or says there are none yet', async () => {
    const { page } = await openPage('/about-models/');
    const { entries, tokenizers } = readManifest();
    await expect(page.locator('.model-card').count()).resolves.toBe(entries.length ? entries.length + tokenizers.length : 0);
    await expect(page.getByTestId('no-models').count()).resolves.toBe(entries.length ? 0 : 1);
    await page.close();
  });

  it('about the models links to the lab pages, which sit inside the site header and footer', async () => {
    const { page } = await openPage('/about-models/');
    const hrefs = await page.locator('.lab-links a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(hrefs).toEqual(['/lab/runtime/', '/lab/runtime-bench/']);
    for (const path of hrefs) {
      const { page: lab, status } = await openPage(path);
      expect(status).toBe(200);
      await expect(lab.locator('header.site-header').count()).resolves.toBe(1);
      await expect(lab.locator('main#main h1').count()).resolves.toBe(1);
      await expect(lab.locator('main').count()).resolves.toBe(1);
      await lab.close();
    }
    await page.close();
  });

  it('with prefers-reduced-motion, transitions and animations are switched off', async () => {
    const duration = async (reducedMotion: 'reduce' | 'no-preference') => {
      const { page } = await openPage('/', { reducedMotion });
      const d = await page.evaluate(() => getComputedStyle(document.querySelector('.btn')!).transitionDuration);
      await page.close();
      return parseFloat(d);
    };
    expect(await duration('no-preference')).toBeGreaterThan(0.1);
    expect(await duration('reduce')).toBeLessThan(0.001);
  });

  it('the theme toggle switches to dark and the choice survives a reload', async () => {
    const { page } = await openPage('/', { colorScheme: 'light' });
    await page.getByRole('button', { name: /Theme: system/ }).click();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await expect(bg()).resolves.toBe('rgb(17, 19, 22)');
    await page.reload();
    await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe('dark');
    await expect(bg()).resolves.toBe('rgb(17, 19, 22)');
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });
});

describeBrowser('embeds', () => {
  afterAll(closeBrowser);

  it('an embed inside a cross-origin iframe reports its height and the parent resizes it', async () => {
    const lab = url('');
    // A short viewport keeps the second iframe below the fold whatever the fonts.
    const { page, errors } = await openPage(`/embed-example.html?lab=${encodeURIComponent(lab)}`, { server: 'other', viewport: { width: 1280, height: 600 } });
    expect(new URL(page.url()).origin).not.toBe(new URL(lab).origin);
    const frames = page.locator('iframe');
    await expect.poll(() => frames.evaluateAll((fs) => fs.every((f) => Number((f as HTMLElement).dataset.resized) > 0)), { timeout: 20_000 }).toBe(true);
    // Each iframe ends as tall as its content, the one below the fold too: Chromium does not
    // render an off-screen cross-origin frame, so the embed must not rely on ResizeObserver alone.
    // Content and iframe are read in one go and compared until the widget has settled (its lazy
    // code, fonts): a single early reading could catch the content mid-change.
    const gap = (i: number) =>
      Promise.all([
        page.frameLocator('iframe').nth(i).locator('body').evaluate((b) => Math.ceil(b.getBoundingClientRect().height)),
        frames.nth(i).evaluate((f) => f.clientHeight),
      ]);
    for (let i = 0; i < (await frames.count()); i++) {
      await expect.poll(async () => { const [inner, outer] = await gap(i); return Math.abs(outer - inner) <= 2; }, { timeout: 20_000 }).toBe(true);
      const [inner] = await gap(i);
      expect(inner).toBeGreaterThan(200); // grew from the 150 px the page starts with
    }
    expect(await frames.nth(1).evaluate((f) => f.getBoundingClientRect().top)).toBeGreaterThan(600); // really below the fold
    const first = page.frameLocator('iframe').first();
    const outer = await frames.first().evaluate((f) => f.clientHeight);
    // Content grows → the iframe follows.
    await first.getByLabel('Text').fill('Longer text makes more cards: 日本語のテキスト, emoji 👩‍👩‍👧 🇫🇷 and more text to wrap lines');
    await expect.poll(() => frames.first().evaluate((f) => f.clientHeight), { timeout: 10_000 }).toBeGreaterThan(outer);
    await screenshot(page, 'embed-example-cross-origin');
    await frames.nth(1).scrollIntoViewIfNeeded();
    await frames.nth(1).screenshot({ path: 'test-results/screenshots/embed-example-second-frame.png' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a bad embed URL shows defaults plus a visible note instead of crashing', async () => {
    const { page, errors } = await openPage('/embed/utf8-bytes/?base=octal&text=ok&bogus=1&hide=nope');
    await waitForWidgets(page);
    const note = page.getByTestId('url-notes');
    await expect(note.textContent()).resolves.toMatch(/base: "octal" is not one of hex, bin, dec/);
    await expect(note.textContent()).resolves.toMatch(/bogus: unknown setting/);
    await expect(note.textContent()).resolves.toMatch(/hide: "nope" is not a control/);
    await expect(page.getByRole('radio', { name: 'Hex' }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Text').inputValue()).resolves.toBe('ok');
    await screenshot(page, 'embed-bad-url');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('hide and lock flags remove and freeze the named controls', async () => {
    const { page } = await openPage('/embed/utf8-bytes/?text=abc&hide=base&lock=text');
    await waitForWidgets(page);
    await expect(page.getByRole('radio').count()).resolves.toBe(0);
    await expect(page.getByLabel('Text').getAttribute('readonly')).resolves.not.toBeNull();
    await expect(page.getByTestId('url-notes').count()).resolves.toBe(0);
    await page.close();
  });

  it('widget state round-trips through the URL: a reload shows exactly the same view', async () => {
    const { page } = await openPage('/embed/utf8-bytes/?text=h%C3%A9&base=bin');
    await waitForWidgets(page);
    await page.getByLabel('Text').fill('€!');
    await page.getByRole('radio', { name: 'Decimal' }).check();
    await expect.poll(() => new URL(page.url()).searchParams.get('text')).toBe('€!');
    expect(new URL(page.url()).searchParams.get('base')).toBe('dec');
    const before = await page.locator('.utf8-cards').textContent();
    await page.reload();
    await waitForWidgets(page);
    await expect(page.getByLabel('Text').inputValue()).resolves.toBe('€!');
    await expect(page.locator('.utf8-cards').textContent()).resolves.toBe(before);
    expect(before).toContain('226'); // € = E2 82 AC = 226 130 172
    await page.close();
  });

  it('a lesson widget reads its prefixed URL keys and notes bad ones', async () => {
    const slug = lessons[0].slug;
    const { page, errors } = await openPage(`/lessons/${slug}/?utf8-bytes.text=xyz&utf8-bytes.base=zz`);
    await waitForWidgets(page);
    await expect(page.getByLabel('Text').first().inputValue()).resolves.toBe('xyz');
    await expect(page.getByTestId('url-notes').first().textContent()).resolves.toMatch(/utf8-bytes\.base/);
    await page.getByRole('button', { name: 'Share / embed' }).first().click();
    const snippet = await page.getByLabel('Iframe snippet').first().inputValue();
    expect(snippet).toContain(`/embed/utf8-bytes/?text=xyz&amp;base=hex`);
    await page.getByRole('button', { name: 'Copy' }).nth(2).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await expect(page.getByRole('button', { name: 'Copied' }).count()).resolves.toBe(1);
    await screenshot(page, 'lesson-share-panel');
    expect(errors).toEqual([]);
    await page.close();
  });
});
