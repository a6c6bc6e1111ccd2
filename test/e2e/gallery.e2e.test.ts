/** The widget gallery (/widgets/): every widget listed with a live preview, and an embed builder whose link the preview follows. */
import { afterAll, expect, it } from 'vitest';
import { listWidgets } from '@/components/widgets/server-list';
import { closeBrowser, describeBrowser, openPage, runAxe, screenshot, url } from './browser';

const widgets = listWidgets();

describeBrowser('widget gallery', () => {
  afterAll(closeBrowser);

  for (const scheme of ['light', 'dark'] as const) {
    it(`lists every widget with its description and a preview, in ${scheme} mode with no axe violations`, async () => {
      const { page, errors, status } = await openPage('/widgets/', { colorScheme: scheme });
      expect(status).toBe(200);
      await expect(page.locator('.gallery-card').count()).resolves.toBe(widgets.length);
      for (const w of widgets) {
        const card = page.locator(`.gallery-card[data-widget="${w.id}"]`);
        await expect(card.locator('h2').textContent()).resolves.toBe(w.title);
        await expect(card.locator('.gallery-desc').textContent()).resolves.toBe(w.description);
        await expect(card.locator('iframe.gallery-preview').getAttribute('src')).resolves.toBe(`/embed/${w.id}/`);
      }
      // the first preview is in view: it loads and runs the widget itself
      const first = page.frameLocator(`.gallery-card[data-widget="${widgets[0].id}"] iframe`);
      await first.locator('.embed-root h1').waitFor({ timeout: 20_000 });
      await screenshot(page, `gallery-${scheme}`);
      expect(await runAxe(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the header links to the gallery', async () => {
    const { page } = await openPage('/');
    await page.locator('header.site-header').getByRole('link', { name: 'Widgets' }).click();
    await page.waitForURL(url('/widgets/'));
    await expect(page.locator('h1').textContent()).resolves.toBe('Widget gallery');
    await page.close();
  });

  it('the builder, driven by keyboard, changes the link and snippet, the preview follows, and Copy copies', async () => {
    const { page, errors } = await openPage('/widgets/');
    const card = page.locator('.gallery-card[data-widget="utf8-bytes"]');
    await card.getByRole('button', { name: 'Build an embed' }).focus();
    await page.keyboard.press('Enter');
    const link = card.getByLabel('Embed link');
    await expect.poll(() => link.inputValue()).toMatch(/\/embed\/utf8-bytes\/\?text=/);
    await card.getByLabel('text', { exact: true }).fill('Hi 👋');
    await card.getByLabel('base', { exact: true }).fill('bin');
    await card.getByLabel('Hide examples').check();
    await card.getByLabel('Lock text').focus();
    await page.keyboard.press('Space');
    await card.getByLabel('Theme').selectOption('dark');
    await card.getByLabel('Height (px)').fill('500');
    const want = `${url('/embed/utf8-bytes/')}?text=Hi+%F0%9F%91%8B&base=bin&hide=examples&lock=text&theme=dark`;
    await expect.poll(() => link.inputValue()).toBe(want);
    const snippet = card.getByLabel('Iframe snippet');
    await expect(snippet.inputValue()).resolves.toBe(`<iframe src="${want.replace(/&/g, '&amp;')}" title="Characters, code points, bytes" width="100%" height="500" style="border:0" loading="lazy"></iframe>`);
    // the preview loads that exact URL: state, hidden and locked controls, theme
    const preview = card.locator('iframe.gallery-preview');
    await expect.poll(() => preview.getAttribute('src')).toBe(want.slice(url('').length));
    const frame = page.frameLocator('.gallery-card[data-widget="utf8-bytes"] iframe.gallery-preview');
    await expect.poll(() => frame.getByLabel('Text').inputValue()).toBe('Hi 👋');
    await expect(frame.getByLabel('Text').getAttribute('readonly')).resolves.not.toBeNull();
    await expect(frame.getByRole('group', { name: 'Examples' }).count()).resolves.toBe(0);
    await expect(frame.locator('html').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(frame.locator('.utf8-counts').textContent()).resolves.toContain('4 code points');
    // a bad value is clamped as the embed page will, with the note
    await card.getByLabel('base', { exact: true }).fill('octal');
    await expect.poll(() => link.inputValue()).toContain('base=hex');
    await expect(card.getByTestId('url-notes').textContent()).resolves.toContain('"octal" is not one of hex, bin, dec');
    await card.getByLabel('base', { exact: true }).fill('bin');
    // copy
    await card.getByRole('button', { name: 'Copy' }).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(want);
    await screenshot(page, 'gallery-builder');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a share panel link opens the builder in that state; the gallery fits 360 px with no axe violations', async () => {
    const { page, errors } = await openPage('/widgets/?build=tokenizer-compare&text=hello&vocab=500&ref=unigram&big=0&lock=vocab', {
      viewport: { width: 360, height: 740 },
      colorScheme: 'dark',
    });
    const card = page.locator('.gallery-card[data-widget="tokenizer-compare"]');
    await expect.poll(() => card.getByLabel('Embed link').inputValue()).toBe(`${url('/embed/tokenizer-compare/')}?text=hello&vocab=500&ref=unigram&big=0&lock=vocab`);
    await expect(card.getByLabel('Lock vocab').isChecked()).resolves.toBe(true);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot(page, 'gallery-builder-dark-360');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await runAxe(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('each lesson widget share panel links to its builder', async () => {
    const { page } = await openPage('/lessons/tokens-and-bytes/');
    const widget = page.locator('section.widget[data-widget="utf8-bytes"]').first();
    await widget.getByRole('button', { name: 'Share / embed' }).click();
    const href = await widget.getByRole('link', { name: /widget gallery/ }).getAttribute('href');
    expect(href).toMatch(/^\/widgets\/\?build=utf8-bytes&text=/);
    await page.close();
  });
});
