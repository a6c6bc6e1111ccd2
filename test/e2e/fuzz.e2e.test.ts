/**
 * Nothing a student types or a link carries can hurt the page (issue 17, item 5). For every
 * registered widget (widgetIds: new widgets are fuzzed with no change here), on its embed page:
 *  - URL fuzz: every schema key with hostile values (10 KB texts, control characters, bidi
 *    overrides, HTML, absurd numbers), plus prototype keys and hostile classroom flags;
 *  - text fuzz: every text box / number box gets huge pastes, long runs of one character, control
 *    characters, lone surrogates, bidi overrides, script text, absurd numbers and prototype keys;
 *  - forged postMessages from another origin.
 * Each asserts: no console or page error, no frozen page — no main-thread task over FROZEN_MS once
 * the widget is up (PerformanceObserver 'longtask', installed before the page's own scripts) —, a
 * page that is not blank, and a visible note where input was cut or rejected. The 200 ms target of
 * issue 17 is a speed target: the longest task per widget is printed for the report, and the test
 * asserts only a bound far above it (a 150k paste used to freeze pages for minutes), so that a
 * shared, noisy machine cannot make it fail. Buttons are never pressed (a live
 * model download is heavy; the model widgets have their own e2e files). The typing fuzz visits two
 * widgets at a time, each on its own page (eachWidget): most of its time is spent waiting for a page
 * to settle.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loadAllWidgets, widgetIds } from '@/components/widgets/registry';
import type { AnyWidgetDef } from '@/components/widgets/types';
import { closeBrowser, describeBrowser, launchBrowser, openPage, url, waitForWidgets } from './browser';

/** Target for the report (printed); not asserted. */
const TARGET_MS = 200;
/** Asserted: a task this long is a frozen page, whatever the machine's load. */
const FROZEN_MS = 1_000;
/** Each test visits every widget: its time limit grows with the registry (generous: a guard, not a target). */
const PER_WIDGET_MS = 20_000;
const limit = (perWidget: number) => 60_000 + perWidget * widgetIds.length;

// ~10 KB once encoded: a URL is one request line, which servers cap at 8–16 KB in all.
const KB10 = `${'x'.repeat(9_000)}é👋🏽<b>x</b>\u202e\u0000`;
const STRING_VALUES = ['\u0000\u0001\u0007\b\t\n\r\u001b[31m\u007f\u0085\u2028\u2029', '\u202eevil\u202d\u2066x\u2069\u200f', '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1">'];
const NUMBER_VALUES = ['1e309', 'NaN', '-0', '99999999999999999999999', '-1e-400', '0x1F', 'Infinity', ' '];
// Raw query strings (not encoded by us): lone surrogates cannot be percent-encoded, so send the bytes of one.
const RAW_EXTRAS = ['__proto__=1', 'constructor=1', 'toString=x', '__proto__[polluted]=1', 'hide=__proto__,constructor', 'lock=toString', 'theme=%3Cscript%3E', `frame=${'f'.repeat(1_000)}`, 'text=%ED%A0%80'];

// Prose, as a student pastes it (a chapter of Austen), and a shorter mixed-script one (emoji and CJK
// text cost far more layout per character).
const PROSE = readFileSync('training/data/austen.txt', 'utf8').slice(100_000, 250_000);
const PASTED = new Set(['huge', 'mixed', 'run']);
const TYPED = {
  huge: PROSE,
  hugeSet: PROSE,
  mixed: 'The cat sat on the mat. 👋🏽 é 日本語 '.repeat(20_000 / 32),
  run: 'a'.repeat(50_000),
  control: 'a\u0000b\u0001\u0007\b\t\n\r\u001b[31mred\u007f\u0085\u2028\u2029z',
  surrogates: 'x\ud800y\udfffz\ud83d',
  bidi: '\u202eevil\u202d \u2066isolate\u2069 \u200f\u061c',
  html: '"><script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><!--',
  numbers: '1e309 NaN -0 99999999999999999999999',
  proto: '__proto__ constructor prototype toString',
};

let defs: AnyWidgetDef[] = [];

/** Long main-thread tasks (ms) since the last reset; installed in every page before its scripts run. */
const tasks = (page: Page) => page.evaluate(() => (window as unknown as { __tasks: number[] }).__tasks.map(Math.round));
const resetTasks = (page: Page) => page.evaluate(() => void ((window as unknown as { __tasks: number[] }).__tasks = []));

/** Two animation frames and a pause with no new work: the page has handled what we did. */
async function settle(page: Page, ms = 300) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(ms);
}

/** Until a whole second passes with no long task (the widget has finished loading and training). */
async function quiet(page: Page) {
  for (let i = 0; i < 10; i++) {
    await resetTasks(page);
    await page.waitForTimeout(1000);
    if ((await tasks(page)).length === 0) return;
  }
}

async function notBlank(page: Page) {
  await expect(page.locator('.embed-root h1').textContent()).resolves.toBeTruthy();
  const visibleText = await page.evaluate(() => document.body.innerText.trim().length);
  expect(visibleText).toBeGreaterThan(40);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
}

/**
 * Runs `visit` over the widgets in registry order, two pages at once (each page is its own renderer
 * process: while one page waits out a settle, the other works). The first failure stops both lanes.
 */
async function eachWidget(visit: (def: AnyWidgetDef) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      while (!failed && next < defs.length) {
        try {
          await visit(defs[next++]);
        } catch (e) {
          failed = true;
          throw e;
        }
      }
    }),
  );
}

/** The clipboard is the browser's, shared by both pages: one write-then-paste at a time. */
let clipboard: Promise<unknown> = Promise.resolve();
function withClipboard<T>(fn: () => Promise<T>): Promise<T> {
  const run = clipboard.then(fn, fn);
  clipboard = run.catch(() => undefined);
  return run;
}

function hostileQuery(def: AnyWidgetDef, variant: number): string {
  const firstText = def.schema.keys.find((k) => typeof def.schema.defaults[k] === 'string');
  const parts = def.schema.keys.map((k, i) => {
    const d = def.schema.defaults[k];
    const pool = typeof d === 'string' ? STRING_VALUES : NUMBER_VALUES;
    // one 10 KB value per link (the first text key, in the first variant)
    const v = variant === 0 && k === firstText ? KB10 : pool[(i + variant) % pool.length];
    return `${encodeURIComponent(k)}=${encodeURIComponent(v)}`;
  });
  return [...parts, ...RAW_EXTRAS].join('&');
}

describeBrowser('fuzz: hostile links, typing and messages', () => {
  beforeAll(async () => {
    // FUZZ_ONLY=id,id runs a subset (for debugging one widget); CI runs them all
    const only = process.env.FUZZ_ONLY?.split(',').filter(Boolean);
    defs = (await loadAllWidgets()).filter((d) => !only?.length || only.includes(d.id));
    const ctx = await launchBrowser();
    await ctx.addInitScript(() => {
      const w = window as unknown as { __tasks: number[] };
      w.__tasks = [];
      try {
        new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
      } catch {
        /* no longtask support: nothing recorded */
      }
    });
  });
  afterAll(closeBrowser);

  it('every widget survives hostile URL values, prototype keys and flags with a visible note', { timeout: limit(PER_WIDGET_MS / 2) }, async () => {
    const report: string[] = [];
    // One page at a time (not eachWidget): what is measured here follows a page load, and a second
    // lane would be loading pages all the while (tried: some post-mount tasks grew several times).
    for (const def of defs) {
      for (const variant of [0, 1]) {
        const { page, errors, status } = await openPage(`/embed/${def.id}/?${hostileQuery(def, variant)}`);
        expect(status).toBe(200);
        await waitForWidgets(page);
        await resetTasks(page); // loading the page is not what is fuzzed here; what the state does next is
        await settle(page, 500);
        await notBlank(page);
        await expect(page.getByTestId('url-notes').first().isVisible(), def.id).resolves.toBe(true);
        const long = await tasks(page);
        report.push(`${def.id}#${variant}: ${long.length ? `${Math.max(...long)} ms` : 'none'}`);
        expect.soft(long.filter((t) => t > FROZEN_MS), `${def.id}: long tasks`).toEqual([]);
        expect(errors, def.id).toEqual([]);
        await page.close();
      }
    }
    console.log(`[fuzz] URL: longest task after mount per widget (target ${TARGET_MS} ms): ${report.join(', ')}`);
  });

  it('every text and number box survives hostile typing and pastes, and says when it cut a paste', { timeout: limit(PER_WIDGET_MS) }, async () => {
    const report = new Map<string, string[]>();
    // Two pages at a time: a page spends most of its time here waiting out a settle. Measured with
    // two lanes, the longest tasks stayed as they were with one (~310 ms at most, FROZEN_MS 1000).
    await eachWidget(async (def) => {
      const lines: string[] = [];
      report.set(def.id, lines);
      const { page, errors } = await openPage(`/embed/${def.id}/`);
      await waitForWidgets(page);
      const boxes = page.locator('.embed-root textarea:not([readonly]), .embed-root input[type="text"]:not([readonly]), .embed-root input[type="number"]:not([disabled]), .embed-root input:not([type])');
      // a widget with no box has nothing to type into: no need to wait for it to go quiet
      if ((await boxes.count()) > 0) await quiet(page);
      const n = await boxes.count();
      for (let b = 0; b < n; b++) {
        const box = boxes.nth(b);
        const isNumber = (await box.getAttribute('type')) === 'number';
        for (const [kind, text] of Object.entries(TYPED)) {
          if (isNumber && kind !== 'numbers' && kind !== 'run' && kind !== 'proto') continue;
          await resetTasks(page);
          if (PASTED.has(kind) && !isNumber) {
            // a real paste: the clipboard, then Ctrl+V (paste events, maxlength, input events as for a student)
            await withClipboard(async () => {
              await page.evaluate((t) => navigator.clipboard.writeText(t), text);
              await box.focus();
              await box.press('Control+A');
              await resetTasks(page);
              await box.press('Control+V');
            });
          }
          // otherwise typing: insertText goes through the browser's editing path (input events fire);
          // hugeSet sets the value from a script, as an extension or autofill might
          const value = PASTED.has(kind) && !isNumber ? text : await box.evaluate((el: HTMLInputElement | HTMLTextAreaElement, [t, set]: [string, boolean]) => {
            el.focus();
            el.select();
            if (set || el.type === 'number' || !document.execCommand('insertText', false, t)) {
              const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el), 'value')!.set!;
              setter.call(el, el.type === 'number' ? t.split(' ')[0] : t);
              el.dispatchEvent(new Event('input', { bubbles: true }));
            }
            return el.value;
          }, [text, kind === 'hugeSet'] as [string, boolean]);
          await settle(page);
          const long = await tasks(page);
          lines.push(`${def.id}[${b}] ${kind}: ${long.length ? Math.max(...long) : 0} ms`);
          expect.soft(long.filter((t) => t > FROZEN_MS), `${def.id} box ${b}, ${kind}: long tasks`).toEqual([]);
          await notBlank(page);
          if (!isNumber && [...(await box.inputValue())].length < [...value].length) {
            // the widget cut what was pasted: it must say so where the student can see it
            await expect(page.getByText(/\bcut\b|at most|code points\./i).first().isVisible(), `${def.id}: note for a cut ${kind}`).resolves.toBe(true);
          }
        }
      }
      expect(errors, def.id).toEqual([]);
      await page.close();
    });
    const lines = defs.flatMap((d) => report.get(d.id) ?? []);
    console.log(`[fuzz] typing: longest task per box and input (target ${TARGET_MS} ms): ${lines.filter((r) => !r.endsWith(' 0 ms')).join(', ') || 'none over 50 ms'}`);
  });

  it('forged postMessages from another origin change nothing in an embed or in the gallery', async () => {
    const { page, errors } = await openPage('/embed-example.html', { server: 'other' });
    const forged: unknown[] = [
      { type: 'llm-lab:height', widget: 'x', frame: null, height: 1e9 },
      { type: 'llm-lab:height', height: -1 },
      { type: 'llm-lab:height', height: 'NaN' },
      JSON.parse('{"__proto__": {"polluted": 1}, "type": "llm-lab:state"}'),
      { constructor: { prototype: { polluted: 1 } } },
      '<script>window.__pwned=1</script>',
      'x'.repeat(1_000_000),
      null,
      [1, 2, 3],
    ];
    const ids = defs.map((d) => d.id);
    await page.evaluate(
      async ({ lab, ids }) => {
        document.body.innerHTML = '';
        const frames = [...ids.map((id) => `${lab}/embed/${id}/`), `${lab}/widgets/`].map((src) => {
          const f = document.createElement('iframe');
          f.src = src;
          f.style.width = '800px';
          f.style.height = '600px';
          document.body.append(f);
          return new Promise<HTMLIFrameElement>((r) => f.addEventListener('load', () => r(f)));
        });
        (window as unknown as { __frames: HTMLIFrameElement[] }).__frames = await Promise.all(frames);
      },
      { lab: url(''), ids },
    );
    const labFrames = page.frames().filter((f) => f.url().startsWith(url('/')));
    expect(labFrames.length).toBe(ids.length + 1);
    for (const f of labFrames) await f.waitForFunction(() => document.querySelectorAll('.widget-loading').length === 0, null, { timeout: 20_000 });
    const gallery = labFrames.find((f) => f.url().includes('/widgets/'))!;
    const heights = () => gallery.locator('iframe.gallery-preview').evaluateAll((fs) => fs.map((f) => (f as HTMLIFrameElement).style.height));
    const before = await heights();
    await page.evaluate((msgs) => {
      for (const f of (window as unknown as { __frames: HTMLIFrameElement[] }).__frames) for (const m of msgs) f.contentWindow!.postMessage(m, '*');
    }, forged);
    await page.waitForTimeout(500);
    expect(await heights()).toEqual(before);
    for (const f of labFrames) {
      expect(await f.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
      expect(await f.evaluate(() => ({} as Record<string, unknown>).polluted)).toBeUndefined();
      expect(await f.evaluate(() => document.body.innerText.trim().length)).toBeGreaterThan(40);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
